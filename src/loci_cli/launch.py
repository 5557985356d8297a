"""The console script's entry point, kept tiny so that Ctrl-C while loci is
still importing its libraries ends quietly (exit 130), as it does later on."""

from __future__ import annotations

import sys

INTERRUPTED = 130  # cli.status.ExitCode.INTERRUPTED, without importing anything yet


def main() -> None:
    try:
        from .cli.app import main as run
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    run()
