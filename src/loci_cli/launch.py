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
        import gc

        # Importing Typer and the command tree makes many objects and no garbage: the
        # collector would only walk them, again and again. It runs as usual for the
        # command itself (agendas of 100,000 sessions), with the modules set aside (frozen).
        gc.disable()
        from .cli.app import run

        gc.freeze()
        gc.enable()

        if _STARTING:
            # Within the command a KeyboardInterrupt is caught (here, in app.run and
            # in each command, where it lets half-written files be removed).
            signal.signal(signal.SIGINT, signal.default_int_handler)
        code = run()
        if _STARTING:
            signal.signal(signal.SIGINT, _quit_quietly)
    except KeyboardInterrupt:
        code = INTERRUPTED
    _exit(code)


def _exit(code: int) -> None:
    """End with ``code``, without Python's teardown of every module when nothing is left to do at exit.

    Tearing down the modules a run imported (Typer, Click and the standard library
    beneath them) costs about a sixth of a short run. It is skipped only when it has
    nothing to do for anyone: no atexit callback registered (coverage, logging,
    tempfile's finalizers register one), no other thread running, and the standard
    streams flushed without error. Every file loci writes is closed by then (each
    is written inside a ``with``, and replaced atomically).
    """
    import atexit
    import os

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # the usual exit, which says what it must
    threading = sys.modules.get("threading")
    pending = getattr(atexit, "_ncallbacks", lambda: 1)()
    if pending == 0 and (threading is None or threading.active_count() == 1):
        os._exit(code)
    sys.exit(code)
