"""'loci diff OLD NEW': which sessions were added, removed, moved or changed between two agendas."""

from __future__ import annotations

from typing import Annotated

import typer

from ..formats.detect import AgendaFormat
from .options import AgendaFormatOption, JsonOption, TzOption, env_of, from_environment, user_zone
from .status import ExitCode


def diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier agenda file (loci's format or frab/pretalx JSON).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later agenda file.")],
    tz: TzOption = None,
    json_: JsonOption = False,
    agenda_format: AgendaFormatOption = AgendaFormat.auto,
) -> None:
    """Compare two agendas session by session: added, removed, moved (old and new times) and changed (which fields).

    Sessions are matched by id. Exit status: 0 when they hold the same
    sessions, 3 when anything differs (1 and 2 stay errors), as with
    'git diff --exit-code'.
    """
    from ..core.diff import compare
    from ..formats.load import load_agenda
    from ..views.diff import diff_text
    from ..views.output import Output
    from ..views.rows import diff_row

    env = env_of(ctx)
    zone = user_zone(env, tz, lambda: load_agenda(new, env.environ, agenda_format), from_env=from_environment(ctx, "tz"))
    before = load_agenda(old, env.environ, agenda_format)
    after = load_agenda(new, env.environ, agenda_format)
    found = compare(before, after)
    row = diff_row(found, before, after, zone, (old, new))
    if json_:
        Output(env).json(row)
    else:
        Output(env).text(diff_text(row))
    if not found.empty:
        raise typer.Exit(int(ExitCode.DIFFERENT))


COMMANDS = (diff,)
