"""What a command reads from the world: the environment and the clock.

Tests pass their own (``CliRunner.invoke(app, args, obj=Environment(...))``),
so nothing depends on today's date or the machine's zone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Environment:
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)
    clock: Callable[[], datetime] = _utc_now
