"""Which links loci keeps: web and mail addresses only.

A link is opened by whoever reads the agenda (in a calendar, on the published
page), and 'javascript:' or 'file:' would run or read something on their
machine. The agenda's checks refuse other links, frab's reader leaves them out,
and the page shows them as text.
"""

from __future__ import annotations

import re

_SAFE = re.compile(r"(?i:https?://|mailto:)\S")


def is_safe_url(url: str) -> bool:
    """Whether ``url`` is a web or mail address: http://, https:// or mailto:, in any letter case, with something after."""
    return _SAFE.match(url) is not None
