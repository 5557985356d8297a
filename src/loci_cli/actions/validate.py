"""Checking agenda files: every problem in one, and the JSON Schema of loci's format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..views.rows import ValidationRow, validation_row

if TYPE_CHECKING:
    from ..environment import Environment
    from ..formats.detect import AgendaFormat


@dataclass(frozen=True)
class Validated:
    row: ValidationRow
    #: where the agenda was read from, as errors name it
    source: str
    problems: int
    warnings: int = 0


def validate(env: Environment, file: str, agenda_format: AgendaFormat) -> Validated:
    """The file checked in full (never from a snapshot); an AgendaError only when it can't be read at all."""
    from ..formats.load import check_agenda

    checked = check_agenda(file, env.environ, agenda_format, stdin=env.input)
    return Validated(validation_row(checked), str(checked.source), len(checked.problems), len(checked.warnings))


def schema() -> dict[str, Any]:
    from ..formats.loci.read import agenda_json_schema

    return agenda_json_schema()
