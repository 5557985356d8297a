"""An agenda with its days moved to new start times, as a loci agenda file ('loci plan --apply').

The file is written from the core model, so an agenda read from frab comes
out in loci's format too. Ids stay, ``revision`` goes up by one (so 'diff' and
invitation updates see a change), and the result is read back through loci's
own checks before anyone writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time

from ...core.errors import AgendaError, AgendaInvalidError
from ...core.model import Agenda
from ...core.plan.agenda import shift
from ..jsonfile import json_bytes
from .write import agenda_document


def shifted_agenda(agenda: Agenda, starts: Sequence[time]) -> bytes:
    """The file of ``agenda`` with day i starting at ``starts[i]`` (event zone), checked; AgendaError if it fails."""
    from .read import parse_agenda

    try:
        moved = shift(agenda, starts)
    except ValueError as err:
        raise AgendaError(str(err), hint="pick another start time") from None
    document = agenda_document(agenda, moved)
    document["revision"] = agenda.revision + 1
    data = json_bytes(document)
    try:
        parse_agenda(data)
    except AgendaInvalidError as err:
        raise AgendaError(f"the moved agenda fails its checks: {err.problems[0]}", hint="pick other start times") from None
    return data
