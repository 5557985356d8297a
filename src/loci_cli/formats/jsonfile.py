"""JSON as loci writes its files: the frab schedule, the agenda (moved or published), the site's data."""

from __future__ import annotations

import json


def json_bytes(document: object) -> bytes:
    """``document`` as a UTF-8 JSON file: indented by two, non-ASCII as it is, ending in a newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
