"""The agenda formats loci reads, apart from the parsers so the CLI can name them without loading Pydantic."""

from __future__ import annotations

from enum import Enum


class AgendaFormat(str, Enum):
    """How to read an agenda file: auto-detected, loci's own format, or a frab/pretalx schedule."""

    auto = "auto"
    loci = "loci"
    frab = "frab"
