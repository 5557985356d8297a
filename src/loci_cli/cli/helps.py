"""'loci help [COMMAND]': the same help as '-h', for people who type it the other way round."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..core.errors import UsageProblem
from ..views.output import Output
from .complete import command_names
from .helptext import H_
from .messages import command_hint
from .options import env_of


def help(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(metavar="[COMMAND]", help="A command to explain. [default: loci itself]", autocompletion=command_names),
    ] = None,
) -> None:
    """Show loci's help, or one command's (the same as 'loci COMMAND -h')."""
    root = ctx.find_root()
    group: Any = root.command
    if command is None:
        Output(env_of(ctx)).text(group.get_help(root))
        return
    chosen = group.get_command(root, command)
    if chosen is None:
        # Worded as Click's own 'no such command' (loci-help), so that both say it alike in every language.
        raise UsageProblem(H_("no such command '{name}'").format(name=command), hint=command_hint(command, group.list_commands(root)))
    with typer.Context(chosen, info_name=command, parent=root) as sub:
        Output(env_of(ctx)).text(chosen.get_help(sub))


COMMANDS = (help,)
