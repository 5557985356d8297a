"""Where output goes: stdout for the result, stderr for people, each survivable.

- ``Output`` writes through the ``Environment``'s streams: JSON, text, bytes and one-line messages.
- Control characters from an agenda are made visible before they reach a terminal.
- A stream whose encoding can't hold a character gets it spelt in ASCII, never a crash.
"""

from __future__ import annotations

import json
from contextlib import suppress
from typing import IO, TYPE_CHECKING, Any, AnyStr

if TYPE_CHECKING:
    from ..environment import Environment


# Control characters from an agenda must not reach a terminal as commands
# (escape sequences, carriage returns), nor may bidirectional overrides turn the
# rest of a line around: they are shown as Python-style escapes ('\x1b', '\u202e').
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


_CONTROLS = [*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI]


_SHOWN = {c: repr(chr(c))[1:-1] for c in _CONTROLS if chr(c) not in "\n\t"}


_ONE_LINE = {c: repr(chr(c))[1:-1] for c in _CONTROLS}


def printable(data: Any) -> Any:
    """``data`` (a row, a list of rows or a string) with control characters made visible."""
    if isinstance(data, str):
        return data.translate(_SHOWN)
    if isinstance(data, dict):
        return {key: printable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [printable(value) for value in data]
    return data


# What loci's own punctuation becomes on a stream that can't take it (LC_ALL=C,
# PYTHONIOENCODING=ascii); other letters lose their accents, and the rest is '?'.
_ASCII = str.maketrans(
    {
        "–": "-",
        "—": "--",
        "−": "-",
        "─": "-",
        "━": "-",
        "│": "|",
        "×": "x",
        "…": "...",
        "·": "-",
        "◑": "o",
        "☾": "*",
        "→": "->",
        "←": "<-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "•": "*",
        "\u00a0": " ",
    }
)


def ascii_spelling(text: str) -> str:
    """``text`` in ASCII: '17:00–18:00 · Online × The Hague…' -> '17:00-18:00 - Online x The Hague...'."""
    import unicodedata

    text = text.translate(_ASCII)
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?" for ch in text)


def _spell_in_ascii(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return ascii_spelling(err.object[err.start : err.end]), err.end


def guard_streams(*streams: Any, ascii_only: bool = False) -> None:
    """Let stdout and stderr take any text: what their encoding can't hold is spelt in ASCII, never a crash.

    With ``ascii_only`` (the C locale: ``Environment.ascii_only``) they hold ASCII alone, whatever
    encoding Python gave them, and everything that asks a stream what it takes (tables' rules, JSON's
    escapes) follows.
    """
    import codecs

    codecs.register_error("loci-ascii", _spell_in_ascii)
    for stream in streams:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "–×…".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            ascii_only_here = False
        else:
            if not ascii_only:
                continue
            ascii_only_here = True
        with suppress(AttributeError, ValueError, OSError):
            if ascii_only_here:
                stream.reconfigure(encoding="ascii", errors="loci-ascii")
            else:
                stream.reconfigure(errors="loci-ascii")


def takes(stream: Any, text: str) -> bool:
    """Whether ``stream``'s encoding holds ``text`` as it is."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_chunked(out: IO[AnyStr], text: AnyStr, piece: int = 8192, *, flush: bool = False) -> None:
    # In pieces: when the reader goes away during one large write, CPython can
    # return from the short write without an error, and loci would exit 0 with
    # its output cut; a later piece meets the closed pipe and ends as one (141).
    for start in range(0, len(text), piece):
        out.write(text[start : start + piece])
        if flush:
            out.flush()


def json_text(data: Any, ascii: bool = False) -> str:
    """``data`` (rows holding datetimes, dates, …) as loci's JSON: indented, UTF-8 unless ``ascii``."""
    from .rows import json_value

    return json.dumps(data, ensure_ascii=ascii, indent=2, default=json_value) + "\n"


class Output:
    """The environment's streams, as a command's result and its messages are written to them."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    @property
    def width(self) -> int:
        return self.env.width

    def json(self, data: Any) -> None:
        text = json_text(data)
        if not takes(self.env.out, text):
            # JSON must stay exact: on a stream that can't hold the text, \u escapes say the same in ASCII.
            text = json_text(data, ascii=True)
        write_chunked(self.env.out, text)

    def text(self, text: str) -> None:
        text = printable(text)
        write_chunked(self.env.out, text if text.endswith("\n") else text + "\n")

    def bytes(self, data: bytes) -> None:
        """Bytes made elsewhere (a calendar, a schedule) to stdout, in flushed pieces (see ``write_chunked``)."""
        stream = self.env.out
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a text-only stream (some test runners): the data is UTF-8 by construction
            write_chunked(stream, data.decode("utf-8"), 65536, flush=True)
        else:
            write_chunked(buffer, data, 65536, flush=True)

    def message(self, text: str) -> None:
        """A note for people: always stderr, so stdout stays the result; always one line.

        A stderr that is full or gone loses the note: there is nowhere left to say so, and the exit code still tells.
        """
        with suppress(OSError, ValueError):
            stream = self.env.err
            stream.write(text.translate(_ONE_LINE) + "\n")
            stream.flush()
