"""The console script's entry point, kept tiny so that Ctrl-C while loci is
still importing its libraries ends quietly (exit 130), as it does later on.

Until loci's own handling is in place (the ``try`` in ``main`` and, inside a
command, ``LociGroup.invoke``), and again once the command has returned,
SIGINT ends the process at once with 130: nothing is half written then, and
a KeyboardInterrupt raised inside some library's import, or while Python
shuts down, would print a traceback. This module is only ever imported as
the program's entry point, so changing the handler here touches no one who
imports loci as a library. A signal before this module's first line is the
interpreter's own.
"""

import signal
import sys

INTERRUPTED = 130  # cli.status.ExitCode.INTERRUPTED, without importing anything yet


def _quit_quietly(signum: int, frame: object) -> None:
    import os

    os._exit(INTERRUPTED)


# Only when Ctrl-C would raise KeyboardInterrupt: an ignored SIGINT (nohup, '&') stays ignored.
_STARTING = signal.getsignal(signal.SIGINT) is signal.default_int_handler
if _STARTING:
    signal.signal(signal.SIGINT, _quit_quietly)


def _version() -> int:
    """'loci --version' alone, answered before Typer and the command tree load (issue 19)."""
    from .about import version_line

    try:
        sys.stdout.write(version_line() + "\n")
        sys.stdout.flush()
    except (OSError, AttributeError, ValueError):
        # A full or closed stdout: the whole machinery says so in one line, with its exit code.
        return -1
    return 0


def main() -> None:
    code = INTERRUPTED
    try:
        if sys.argv[1:] == ["--version"]:
            code = _version()
            if code == 0:
                sys.exit(code)
        from .cli.app import run

        if _STARTING:
            # Within the command a KeyboardInterrupt is caught (here, in app.run and
            # in each command, where it lets half-written files be removed).
            signal.signal(signal.SIGINT, signal.default_int_handler)
        code = run()
        if _STARTING:
            signal.signal(signal.SIGINT, _quit_quietly)
    except KeyboardInterrupt:
        code = INTERRUPTED
    sys.exit(code)
