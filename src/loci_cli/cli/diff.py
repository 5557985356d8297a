"""'loci diff OLD NEW': which sessions were added, removed, moved or changed between two agendas."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..formats.detect import AgendaFormat
from .options import (
    AgendaFormatOption,
    AgendaTzOption,
    TzOption,
    emit,
    env_of,
    from_environment,
    output_choice,
    user_zone,
)
from .status import ExitCode

# The same --format as every command that prints data; diff prints lines, so its people's format is 'text'.
DiffFormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format", metavar="FORMAT", show_default=False, help="Output format: text or json (the shape is in docs/json.md). [default: text]"
    ),
]


def diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier agenda file (loci's format or frab/pretalx JSON).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later agenda file.")],
    tz: TzOption = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON on stdout instead of text (--format json).")] = False,
    fmt: DiffFormatOption = None,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
    agenda_tz: AgendaTzOption = None,  # read through the environment (see options._agenda_zone)
) -> None:
    """Compare two agendas session by session: added, removed, moved (old and new times) and changed (which fields).

    Sessions are matched by id. Exit status: 0 when they hold the same
    sessions, 3 when anything differs (1 and 2 stay errors), as with
    'git diff --exit-code'.
    """
    from ..actions.diff import compare_files
    from ..formats.load import load_agenda
    from ..views.diff import diff_text
    from ..views.output import Output

    out = Output(env_of(ctx))
    json_, agenda_format = output_choice(out, fmt, json_, agenda_format)
    # The zone first, as every view resolves it: a mistyped --tz is a usage error whatever the files hold.
    # A country with several zones is told apart on NEW's first day.
    zone = user_zone(
        out.env, tz, lambda: load_agenda(new, out.env.environ, agenda_format, stdin=out.env.input), from_env=from_environment(ctx, "tz")
    )
    compared = compare_files(out.env, old, new, zone, agenda_format)
    emit(out, json_, compared.row, lambda row: out.text(diff_text(row)))
    if not compared.same:
        raise typer.Exit(int(ExitCode.DIFFERENT))


COMMANDS = (diff,)
