"""The loci command line: the Typer app, its commands, and errors mapped to exit codes in one place.

Each command family lives in its own module (programme.py, export.py,
validate.py, zones.py) and is registered below. The agenda, Pydantic and the
row builders are imported inside the commands: --help, --version and usage
errors never pay for them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Mapping, Sequence
from importlib import import_module
from typing import IO, Annotated, Any

import typer

# Typer 0.28 (pinned in pyproject.toml) ships its own copy of Click.
from typer._click.core import Context
from typer._click.exceptions import BadOptionUsage, ClickException, NoArgsIsHelpError, NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup, TyperOption

from ..core.errors import LociError
from ..environment import Environment
from ..i18n import _, choose, current, set_language
from ..views.output import Output, guard_streams
from .helptext import H_, NH_, peek_lang, translated
from .lang import lang_option
from .messages import Hinted, line
from .status import ExitCode, exit_code


class _SpokenHelp:
    """The one place help speaks the reader's language: each help string, heading and 'Usage:' through ``loci-help``.

    The language is set before Click parses anything (``LociGroup.main``), from
    ``--lang`` on the same line, else $LOCI_LANG, else the locale: --help is
    eager and would answer before ``--lang`` is seen. English is Click's own text.
    """

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        with translated(self, ctx):  # type: ignore[arg-type]
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=H_("Usage: "))


class LociCommand(_SpokenHelp, TyperCommand):
    """A command whose usage line reads 'loci show [OPTIONS] ID', and whose parse errors know the command."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        # Typer writes a required argument as '{ID}'; people read plain ID as required, [ID] as optional.
        return [p[1:-1] if p.startswith("{") and p.endswith("}") else p for p in super().collect_usage_pieces(ctx)]

    def make_parser(self, ctx: Context) -> Any:
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_once(args: list[str]) -> Any:
            # Click's parser records every occurrence of an option in ``order``: the repeats are found there.
            opts, rest, order = parse(args=args)
            if not ctx.resilient_parsing:  # shell completion runs nothing, and may see half a line
                _refuse_repeats(ctx, order)
            return opts, rest, order

        parser.parse_args = parse_once  # type: ignore[method-assign]
        return parser

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as err:
            # Click's parser raises 'requires an argument' without the context that the hint needs.
            if err.ctx is None:
                err.ctx = ctx
            raise


def _refuse_repeats(ctx: Context, order: Sequence[Any]) -> None:
    """A single-valued option given twice ('--tz A --tz B') is a usage error, not a silent last-one-wins.

    Click keeps the last value of an option that is not ``multiple``; its parser
    records every occurrence in ``order``, so the repeats are found there, for every
    command alike. Options that take several values (--attendee, the places of
    zones and plan) are ``multiple`` and pass; a flag given twice says the same thing twice.
    """
    seen: set[int] = set()
    for param in order:
        if not isinstance(param, TyperOption) or param.multiple or param.count or param.is_flag:
            continue
        if id(param) in seen:
            name = max(param.opts, key=len)
            raise BadOptionUsage(name, f"{name} is given more than once; it takes one value", ctx)
        seen.add(id(param))


class LociGroup(_SpokenHelp, TyperGroup):
    """Turns every domain error into one line on stderr and its exit code, in one place."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone_mode = kwargs.pop("standalone_mode", True)
        # Click's own usage errors print a usage block; loci's errors are one line, like the rest.
        out = _output(kwargs.get("obj"))
        given = args[0] if args else kwargs.get("args")
        # Help and usage errors come before any command runs (and sets the language): they speak what the line asks.
        # The command's own --lang speaks it again, with its note when loci has no such catalog.
        set_language(choose(peek_lang(list(sys.argv[1:] if given is None else given)), out.env.environ)[0], {})
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
            # --help and --version write before any command runs: their output must reach its place too.
            out.env.out.flush()
        except BrokenPipeError:
            _silence(out.env.out)
            code = int(ExitCode.BROKEN_PIPE)
        except OSError as err:
            code = _unwritable(out, err)
        except NoArgsIsHelpError as err:
            err.show()
            code = err.exit_code
        except ClickException as err:
            argv = args[0] if args else kwargs.get("args")
            out.message(_("loci: error: {message}").format(message=_usage_line(err, list(sys.argv[1:] if argv is None else argv))))
            code = err.exit_code
        except typer.Abort:
            code = int(ExitCode.INTERRUPTED)
        except typer.Exit as done:
            # Typer's --install-completion and --show-completion end this way.
            code = done.exit_code
        code = code if isinstance(code, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)

    def resolve_command(self, ctx: Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from .messages import command_hint

            raise CommandUnknown(name, command_hint(name, self.list_commands(ctx)), ctx)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        # Each command's whole first sentence, wrapped, where Click would cut it at the terminal's width with '...'.
        rows = [
            (name, command.get_short_help_str(limit=1_000))
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if rows:
            with formatter.section(H_("Commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: Context) -> Any:
        out = _output(ctx.obj)
        try:
            result = super().invoke(ctx)
            # Flush here so a closed pipe surfaces now, not at interpreter exit.
            out.env.out.flush()
            return result
        except Hinted as hinted:
            out.message(line(hinted.error, hinted.carried))
            raise typer.Exit(int(exit_code(hinted.error))) from None
        except LociError as err:
            out.message(line(err))
            raise typer.Exit(int(exit_code(err))) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            _silence(out.env.out)
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None
        except OSError as err:
            # What the commands leave uncaught is the standard streams' (a path the user gave is named by its command).
            raise typer.Exit(_unwritable(out, err)) from None


# Click's words for a bad number, put as loci's other errors put things (compiled on the error's path only).
_REWORDED = [
    (r"'(.*)' is not a valid int(?: range)?$", r"'\1' is not a whole number"),
    (r"'(.*)' is not a valid float(?: range)?$", r"'\1' is not a number"),
    (r"(\S+) is not in the range (\S+)<=x<=(\S+)$", r"\1 is not between \2 and \3"),
    (r"(\S+) is not in the range x>=(\S+)$", r"\1 is less than \2"),
    (r"(\S+) is not in the range x<=(\S+)$", r"\1 is more than \2"),
]


# Click's words (as _usage_line leaves them), and the msgid that says them in the reader's language (loci-help).
_SPOKEN = [
    (r"no such option: (?P<name>.+)", NH_("no such option: {name}")),
    (r"missing argument '(?P<name>[^']*)'", NH_("missing argument '{name}'")),
    (r"missing option '(?P<name>[^']*)'", NH_("missing option '{name}'")),
    (r"missing parameter: (?P<name>.+)", NH_("missing parameter: {name}")),
    (r"got unexpected extra argument\(s\) \((?P<args>.*)\)", NH_("got unexpected extra argument(s) ({args})")),
    (r"option '(?P<name>[^']*)' requires an argument", NH_("option '{name}' requires an argument")),
    (r"option '(?P<name>[^']*)' does not take a value", NH_("option '{name}' does not take a value")),
    (r"(?P<name>\S+) is given more than once; it takes one value", NH_("{name} is given more than once; it takes one value")),
    (r"invalid value for (?P<param>'[^']*'|\S+): (?P<reason>.*)", NH_("invalid value for {param}: {reason}")),
    (r"invalid value: (?P<reason>.*)", NH_("invalid value: {reason}")),
    (r"(?P<value>'.*') is not a whole number", NH_("{value} is not a whole number")),
    (r"(?P<value>'.*') is not a number", NH_("{value} is not a number")),
    (r"(?P<value>\S+) is not between (?P<low>\S+) and (?P<high>\S+)", NH_("{value} is not between {low} and {high}")),
    (r"(?P<value>\S+) is less than (?P<low>\S+)", NH_("{value} is less than {low}")),
    (r"(?P<value>\S+) is more than (?P<high>\S+)", NH_("{value} is more than {high}")),
]


def _spoken(text: str) -> str:
    """A usage error's English words (Click's, reworded) in the reader's language; English as it is."""
    if current().english:
        return text
    for pattern, msgid in _SPOKEN:
        found = re.fullmatch(pattern, text)
        if found is not None:
            named = found.groupdict()
            if "reason" in named:
                named["reason"] = _spoken(named["reason"])
            return H_(msgid).format(**named)
    return text


class CommandUnknown(UsageError):
    """No command of that name: its hint names the nearest real one."""

    def __init__(self, name: str, hint: str, ctx: Context | None) -> None:
        super().__init__(H_("no such command '{name}'").format(name=name), ctx)
        self.hint = hint


def _hinted(text: str, hint: str) -> str:
    return _("{message} (hint: {hint})").format(message=text, hint=hint)


def _usage_line(err: ClickException, argv: Sequence[str] = ()) -> str:
    if isinstance(err, CommandUnknown):
        return _hinted(err.message, err.hint)
    # Click's '(Possible options: …)' becomes the hint's 'did you mean'.
    message = err.message if isinstance(err, NoSuchOption) else err.format_message()
    text = " ".join(message.split()).rstrip(".")
    text = text[:1].lower() + text[1:]
    for pattern, words in _REWORDED:
        text = re.sub(pattern, words, text)
    requires = isinstance(err, BadOptionUsage) and "requires" in text
    text = _spoken(text)
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        see = H_("see '{command}'").format(command=f"{ctx.command_path} -h")
        if isinstance(err, NoSuchOption):
            better = _option_hint(err.option_name, ctx, list(argv))
            if better is not None:
                hint, whole = better
                return _hinted(text, hint if whole else H_("{hint} {see}").format(hint=hint, see=see))
        if isinstance(err, BadOptionUsage) and requires:
            option = next((p for p in ctx.command.params if err.option_name in getattr(p, "opts", ())), None)
            metavar = option.make_metavar(ctx) if option is not None else "VALUE"
            see = H_("give it a value, e.g. {example}; {see}").format(example=f"{err.option_name} {metavar}", see=see)
        text = _hinted(text, see)
    return text


def _option_hint(option: str, ctx: Context, argv: list[str]) -> tuple[str, bool] | None:
    """A close or known name for an unknown option, or, before the command, where it belongs (a whole hint: True)."""
    from .messages import misplaced_hint, option_hint

    names = [name for param in ctx.command.params for name in getattr(param, "opts", ())]
    if isinstance(ctx.command, LociGroup):
        group = ctx.command
        commands = {
            name: [o for p in command.params for o in getattr(p, "opts", ())]
            for name in group.list_commands(ctx)
            if (command := group.get_command(ctx, name)) is not None
        }
        misplaced = misplaced_hint(option, argv, commands)
        if misplaced is not None:
            return misplaced, True
    near = option_hint(option, [*names, "--help"])
    return None if near is None else (near, False)


def _output(obj: object) -> Output:
    """Where messages go: the environment a test passed in, or the process's own."""
    return Output(obj if isinstance(obj, Environment) else Environment())


def _unwritable(out: Output, err: OSError) -> int:
    """One line for a standard stream that failed (stdout on a full disk, a closed stream); the exit code."""
    _silence(out.env.out)
    reason = err.strerror or str(err)
    # The reason is the system's (strerror), in the C library's words.
    if err.filename is not None:
        said = f"{err.filename}: {reason}"
    elif "standard" in reason:
        said = _("{message} (hint: {hint})").format(
            message=reason, hint=_("give the output somewhere to go, e.g. {file} or {pager}").format(file="'> FILE'", pager="'| less'")
        )
    else:
        said = _("{message} (hint: {hint})").format(
            message=_("cannot write to standard output: {reason}").format(reason=reason),
            hint=_("check where the output goes, e.g. a full disk"),
        )
    out.message(_("loci: error: {message}").format(message=said))
    return int(ExitCode.FAILURE)


def _silence(stdout: IO[str]) -> None:
    # The reader has gone; point stdout at /dev/null so the final flush is quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        from ..about import version_line

        _output(ctx.obj).text(version_line())
        raise typer.Exit()


def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show loci's and tzdata's versions.")
    ] = False,
) -> None:
    """The LOCI Regional Meeting agenda (or any loci agenda) in your own time zone."""


#: Each command family's module (cli/NAME.py, with COMMANDS), in the order 'loci --help' lists them,
#: and the commands it holds.
FAMILIES = {
    "programme": ("info", "days", "sessions", "today", "now", "show"),
    "stars": ("star", "unstar", "starred"),
    "export": ("export",),
    "invite": ("invite",),
    "diff": ("diff",),
    "publish": ("publish",),
    "validate": ("validate", "schema"),
    "zones": ("zones",),
    "plan": ("plan",),
    "helps": ("help",),
}


def make_app(family: str | None = None, command: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with one family's only, or with one command of it.

    Typer turns every registered command into a Click command on every run,
    which costs about a millisecond a command: a run that names its command
    gets an app with that command alone (its family's module is imported whole).
    """
    made = typer.Typer(
        cls=LociGroup,
        name="loci",
        help="The LOCI Regional Meeting agenda (or any loci agenda) in your own time zone.",
        epilog="Exit codes: 0 success; 1 bad agenda data or a runtime failure; 2 usage error; "
        "3 'loci diff' found differences; 130 interrupted; 141 output pipe closed early.",
        no_args_is_help=True,
        # --install-completion and --show-completion are root options: a run that names a command can't use them.
        add_completion=command is None,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    made.callback()(root)
    for name in FAMILIES if family is None else (family,):
        module = import_module(f"{__package__}.{name}")
        for function in module.COMMANDS:
            # Typer's name for a command: its function's, '_' as '-'.
            if command is None or function.__name__.replace("_", "-") == command:
                # Every command speaks --lang; the language is set before its body runs (cli/lang.py).
                made.command(cls=LociCommand)(lang_option(function))
    return made


def family_of(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The family of the command ``argv`` names, or None when the run needs them all
    (no command, an unknown one, 'help', a root option, or shell completion)."""
    if not argv or any(key.startswith("_LOCI_COMPLETE") for key in environ):
        return None
    return next((name for name, commands in FAMILIES.items() if argv[0] in commands and name != "helps"), None)


def __getattr__(name: str) -> Any:
    # 'app', with every command, for tests and tools (CliRunner, get_command); built on first use.
    if name == "app":
        made = globals()["app"] = make_app()
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> int:
    """The app's exit code, with Ctrl-C outside a command ending quietly too (130)."""
    # The one place loci takes the world in: every command and message reads it from this Environment.
    env = Environment()
    # A stream the shell closed ('>&-') is None in Python: Click's help and Python's own
    # last flush write there too, so a stand-in takes its place that fails (or stays quiet) as loci reports.
    if sys.stdout is None:
        sys.stdout = env.out
    if sys.stderr is None:
        sys.stderr = env.err
    guard_streams(env.out, env.err, ascii_only=env.ascii_only)
    try:
        family = family_of(sys.argv[1:], env.environ)
        made = make_app(family, sys.argv[1] if family is not None else None)
        code = made(prog_name="loci", standalone_mode=False, obj=env)
    except KeyboardInterrupt:
        return int(ExitCode.INTERRUPTED)
    except Exception as err:  # the last resort: a mistake of loci's is still one line, not a traceback
        if env.environ.get("LOCI_DEBUG"):
            raise
        _last_resort(env, err)
        return int(ExitCode.FAILURE)
    return code if isinstance(code, int) else 0


def _last_resort(env: Environment, err: Exception) -> None:
    """One line for an error no part of loci expected: what happened, and how to see more."""
    what = f"{type(err).__name__}: {err}".splitlines()[0] if str(err) else type(err).__name__
    with contextlib.suppress(Exception):
        error = LociError(f"unexpected {what}", hint="this is a bug in loci; run again with LOCI_DEBUG=1 for the details, and report it")
        env.err.write(line(error) + "\n")
        env.err.flush()


def main() -> None:
    """The app as a program: it exits with its code."""
    sys.exit(run())
