"""The agenda formats loci reads, apart from the parsers so the CLI can name them without loading Pydantic."""

from __future__ import annotations

import codecs
from enum import Enum


class AgendaFormat(str, Enum):
    """How to read an agenda file: auto-detected, loci's own format, or a frab/pretalx schedule (JSON or XML)."""

    auto = "auto"
    loci = "loci"
    frab = "frab"
    frab_xml = "frab-xml"


# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def looks_like_xml(data: bytes) -> bool:
    """Whether a file is XML rather than JSON: its first character, after any BOM and whitespace, is '<'."""
    head = data[:1024]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore").lstrip().startswith("<")
    return head.lstrip().startswith(b"<")
