"""Checking agenda files: validate, and the format's JSON Schema."""

from __future__ import annotations

from typing import Annotated

import typer

from ..formats.detect import AgendaFormat
from ..views.output import Output
from ..views.validation import validation_text
from .options import AgendaFormatOption, AgendaTzOption, JsonOption, ViewFormatOption, emit, env_of, output_choice


def validate(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The agenda file to check: loci's format, or a frab/pretalx schedule (JSON or XML).")
    ],
    json_: JsonOption = False,
    fmt: ViewFormatOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
    agenda_tz: AgendaTzOption = None,  # read through the environment (see options._agenda_zone)
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Make warnings errors: sessions overlapping in one room, sessions of no length, …"),
    ] = False,
) -> None:
    """Check an agenda file and list every problem and warning with its JSON path (exit 0 valid, 1 invalid).

    Warnings are what real schedules do on purpose, such as lightning talks inside
    a block in one room: the agenda loads and every command shows them.
    """
    from ..actions import validate as act
    from ..core.errors import NO_ZONE, AgendaError
    from ..views.words import plural
    from .messages import AGENDA_TZ_HINT

    out = Output(env_of(ctx))
    json_, agenda_format = output_choice(out, fmt, json_, agenda_format)
    checked = act.validate(out.env, file, agenda_format)
    emit(out, json_, checked.row, lambda row: out.text(validation_text(row)))
    if checked.problems:
        unzoned = any(p["message"] == NO_ZONE for p in checked.row["problems"])
        hint = AGENDA_TZ_HINT if unzoned else "fix them and run 'loci validate' again"
        raise AgendaError(f"{plural(checked.problems, 'problem')} found", where=checked.source, hint=hint)
    if strict and checked.warnings:
        raise AgendaError(
            "warnings found, and --strict makes them errors",
            where=checked.source,
            hint="fix them, or leave out --strict: the agenda loads with them",
        )


def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of loci's agenda format, for editors that check as you type."""
    from ..actions import validate as act

    Output(env_of(ctx)).json(act.schema())


COMMANDS = (validate, schema)
