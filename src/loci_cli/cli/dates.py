"""Dates as users type them now live in ``actions/dates.py``: parsing text needs no Typer.

Kept so that ``cli/plan.py`` and older imports still find ``parse_date``; remove once they import from ``actions``.
"""

from __future__ import annotations

from ..actions.dates import parse_date, parse_moment

__all__ = ["parse_date", "parse_moment"]
