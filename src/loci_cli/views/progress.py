"""A progress bar on stderr for long work: a 10,000-session publish should not be silent for a minute.

    from ..views.progress import progress

    with progress(env, len(files), "Writing the site", result_to_stdout=to_stdout) as advance:
        for file in files:
            ...
            advance()                     # one more done; advance(5) for five
    # or, as a hook for code that counts for itself (it may change the total):
    with progress(env, 0, "Searching rotations") as advance:
        rotate(..., on_progress=advance.to)   # advance.to(done, total)

The bar appears only when a person is watching and it helps:

- stderr is an interactive terminal (not a pipe, not a file, not TERM=dumb);
- the result is not being written to that same terminal (``result_to_stdout``:
  ``--json`` or ``-o -`` to a terminal's stdout), where a bar would mix with it;
- the work has gone on for about a second (``after``): short work shows nothing.

With NO_COLOR it is drawn without colour. When it is not shown, ``advance`` is a
function that does nothing and neither rich nor anything else is imported: it
costs a call. The bar is transient: it is erased when the work ends, so what
stays on the terminal is what loci printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..environment import Environment

#: seconds of work before a bar appears
AFTER = 1.0


class Advance:
    """Counts work done; draws the bar once the work has lasted ``after`` seconds."""

    def __init__(self, env: Environment, total: int, label: str, after: float) -> None:
        self._env = env
        self.total = total
        self.label = label
        self.done = 0
        self._after = after
        self._started = time.monotonic()
        self._bar: Any = None  # the Rich Progress, once shown
        self._task: Any = None
        self._never = False  # a terminal Rich won't animate

    def __call__(self, n: int = 1) -> None:
        """``n`` more units of the work are done."""
        self.done += n
        self._tick()

    def to(self, done: int, total: int | None = None) -> None:
        """``done`` of ``total`` (unchanged when None) are done: the hook form, ``Callable[[int, int], None]``."""
        self.done = done
        if total is not None:
            self.total = total
        self._tick()

    def _tick(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, total=self.total or None)
        elif not self._never and time.monotonic() - self._started >= self._after:
            self._show()

    def _show(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from .table import rich_console

        env = self._env
        console = rich_console(env, env.err)
        if not console.is_interactive:
            self._never = True
            return
        self._bar = Progress(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task(self.label, total=self.total or None, completed=self.done)
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


class Quiet:
    """What ``progress`` yields when no bar is to be shown: every call does nothing."""

    total = 0
    done = 0

    def __call__(self, n: int = 1) -> None:
        return None

    def to(self, done: int, total: int | None = None) -> None:
        return None


QUIET = Quiet()


def _terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):  # a closed or stand-in stream
        return False


def shown(env: Environment, result_to_stdout: bool = False) -> bool:
    """Whether a bar may be shown at all: stderr a terminal, and the result not written to one on stdout."""
    if not _terminal(env.err) or env.environ.get("TERM") == "dumb":
        return False
    return not (result_to_stdout and _terminal(env.out))


@contextmanager
def progress(
    env: Environment, total: int, label: str, *, result_to_stdout: bool = False, after: float = AFTER
) -> Iterator[Advance | Quiet]:
    """A bar for ``total`` units of work called ``label``, on stderr, when it is worth showing (see the module).

    Yields ``advance``: call ``advance(n)`` as work is done, or ``advance.to(done, total)``.
    """
    if not shown(env, result_to_stdout):
        yield QUIET
        return
    # $LOCI_PROGRESS_AFTER: seconds before a bar appears (0: at once), for a user who wants it sooner or later.
    with suppress(ValueError):
        after = float(env.environ.get("LOCI_PROGRESS_AFTER", after))
    advance = Advance(env, total, label, after)
    try:
        yield advance
    finally:
        advance.close()


#: the hook form, for code below the views that reports how far it has come
Hook = Callable[[int, int], None]
