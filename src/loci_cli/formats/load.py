"""Find, read and check an agenda file in any format loci reads; serve repeat runs from a snapshot."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

from ..core.errors import NO_ZONE, AgendaError, AgendaInvalidError, AgendaMissing, AgendaZoneMissing, AgendaZoneUnknown, Problem
from ..core.model import Agenda, Checked
from .detect import AgendaFormat, looks_like_xml

# The models (Pydantic) are imported only where an agenda is validated: a run
# served from a snapshot (snapshot.py) never loads them.

ENV_AGENDA = "LOCI_AGENDA"
#: The venue's zone, for a schedule whose local times name none (--agenda-tz sets it).
ENV_AGENDA_TZ = "LOCI_AGENDA_TZ"
#: '--agenda -' and 'validate -' read standard input, as Unix tools do.
STDIN = "-"
#: The largest agenda loci reads. 10,000 sessions take about 3 MB; anything
#: past this is refused before it is read whole (``/dev/zero`` never ends).
MAX_AGENDA_BYTES = 64 * 1024 * 1024


def default_agenda_path() -> Path:
    """The embedded agenda: inside the wheel, or at the top of a source checkout."""
    # Next to this module, as importlib.resources would find it in an installed
    # package (loci is never imported from a zip), without its import cost.
    packaged = Path(__file__).parents[1] / "data" / "agenda.json"
    if packaged.is_file():
        return packaged
    # An editable install runs from src/, where the wheel's copy is absent.
    return Path(__file__).resolve().parents[3] / "data" / "agenda.json"


def agenda_source(path: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    chosen = path or environ.get(ENV_AGENDA)
    if not chosen:
        return default_agenda_path()
    source = Path(chosen)
    if str(source) == STDIN and os.fspath(chosen) != STDIN:
        # './-' names a file called '-'; Path would make it '-', which reads standard input.
        source = Path.cwd() / STDIN
    return source


def check_agenda(
    path: str | os.PathLike[str] | None,
    environ: Mapping[str, str],
    format: AgendaFormat | str = AgendaFormat.auto,
    *,
    stdin: IO[bytes] | None = None,
) -> Checked:
    """Read an agenda in either format and collect every problem; raise AgendaError only when it can't be read.

    ``environ`` is where $LOCI_AGENDA is looked up; ``stdin`` is what the path '-' reads.
    """
    source = agenda_source(path, environ)
    return check_bytes(read_bytes(source, stdin), source, AgendaFormat(format), agenda_zone(environ))


def agenda_zone(environ: Mapping[str, str]) -> ZoneInfo | None:
    """The venue's zone given for schedules that name none ($LOCI_AGENDA_TZ, which --agenda-tz sets)."""
    name = environ.get(ENV_AGENDA_TZ, "").strip()
    if not name:
        return None
    from ..core.zones import get_zone

    try:
        return get_zone(name)
    except ValueError:
        raise AgendaZoneUnknown(f"unknown time zone '{name}' for the agenda's local times") from None


def check_bytes(data: bytes, source: Path, format: AgendaFormat, zone: ZoneInfo | None = None) -> Checked:
    refuse_other_files(data, source)
    if format is AgendaFormat.frab_xml or (format is AgendaFormat.auto and looks_like_xml(data)):
        return check_xml(data, source, zone)
    text = decode(data, source)
    if not text.strip():
        raise AgendaError(
            "the file is empty", where=str(source), hint="an agenda is one JSON object; see 'The agenda format' in the README"
        )
    return check_text(text, source, format, zone)


def check_text(text: str, source: Path, format: AgendaFormat = AgendaFormat.auto, zone: ZoneInfo | None = None) -> Checked:
    from .loci.plain import read_plain

    data = None
    # Parsing the whole text to look for frab's top-level key would read a loci agenda twice (a tenth
    # of a first run on 10,000 sessions): a text that cannot spell "schedule" is not frab.
    if format is AgendaFormat.frab or (format is AgendaFormat.auto and ('"schedule"' in text or "\\u" in text)):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as err:
            if format is AgendaFormat.frab:
                where = f" at line {err.lineno} column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
                what = "nested too deeply" if isinstance(err, RecursionError) else getattr(err, "msg", err)
                message = f"Invalid JSON: {what}{where}"
                return Checked(source, format.value, None, [Problem("$", message)])
            # Not JSON at all: let the loci parser say so, in its words.
    # frab's top-level "schedule" object (read_json.is_frab), told apart without importing its reader (and Pydantic).
    if format is AgendaFormat.frab or (format is AgendaFormat.auto and isinstance(data, dict) and isinstance(data.get("schedule"), dict)):
        from .frab.read_json import read_frab

        reading = read_frab(data, zone)
        return Checked(source, AgendaFormat.frab.value, reading.agenda, reading.problems, reading.notes, reading.warnings)
    try:
        # Plainly valid files are read without Pydantic (a first run's cost); the rest as read.py words them.
        got = read_plain(text)
        if got is None:
            from .loci.read import validate_agenda

            got = validate_agenda(text)
        agenda, warnings = got
        return Checked(source, AgendaFormat.loci.value, agenda, warnings=warnings)
    except AgendaInvalidError as err:
        return Checked(source, AgendaFormat.loci.value, None, err.problems)


def check_xml(data: bytes, source: Path, zone: ZoneInfo | None = None) -> Checked:
    """A frab schedule.xml, read as the frab JSON it spells; problems point at lines of the XML."""
    from .frab.read_json import read_frab
    from .frab.read_xml import parse_xml

    try:
        xml = parse_xml(data, zone)
    except AgendaError as err:  # not well-formed, or not a schedule: it cannot be read at all
        raise AgendaError(err.message, where=f"{source}: {err.where}", hint=err.hint) from None
    reading = read_frab(xml.document, zone)
    problems = xml.problems + [Problem(xml.where(p.path), p.message) for p in reading.problems]
    warnings = [Problem(xml.where(p.path), p.message) for p in reading.warnings]
    agenda = None if problems else reading.agenda
    return Checked(source, AgendaFormat.frab_xml.value, agenda, problems, reading.notes, warnings)


# What people point --agenda at by mistake, told by how the file starts (after a BOM and blank space).
_NOT_AGENDAS = (
    (re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE), "an HTML page, not an agenda"),
    (re.compile(rb"begin:vcalendar", re.IGNORECASE), "an iCalendar file, not an agenda"),
)


def refuse_other_files(data: bytes, source: Path) -> None:
    """An AgendaError saying what the file is, for an HTML page or an iCalendar file."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    for shape, what in _NOT_AGENDAS:
        if shape.match(head):
            raise AgendaError(what, where=str(source), hint=NOT_AN_AGENDA_HINT)


NOT_AN_AGENDA_HINT = "an agenda is loci's JSON or a frab/pretalx schedule (JSON or XML)"


def load_agenda(
    path: str | os.PathLike[str] | None,
    environ: Mapping[str, str],
    format: AgendaFormat | str = AgendaFormat.auto,
    cached: bool = False,
    *,
    stdin: IO[bytes] | None = None,
    note: Callable[[str], None] | None = None,
) -> Agenda:
    """Read, parse and check an agenda; every failure is an AgendaError naming the file.

    ``note`` hears why the snapshot cache's folder was not used, when it exists
    but is not safe to use (see io/cache.py); the agenda is then read in full.

    ``environ`` is where $LOCI_AGENDA, $LOCI_AGENDA_TZ and the snapshot cache's variables are looked
    up; ``stdin`` is what the path '-' reads. With ``cached``, an agenda validated
    before (the same bytes) comes from its snapshot (see snapshot.py), without Pydantic.
    """
    format = AgendaFormat(format)
    source = agenda_source(path, environ)
    zone = agenda_zone(environ)
    data = read_bytes(source, stdin)
    save_as: tuple[Path, str] | None = None
    if cached:
        from ..io import cache as snapshot

        directory = snapshot.cache_dir(environ)
        refused = snapshot.unusable(directory) if directory is not None else None
        if refused is not None:
            if note is not None:
                note(
                    f"loci: note: not using the cache folder {directory}: {refused} "
                    "(set LOCI_CACHE_DIR to a folder of your own, or LOCI_NO_CACHE=1)"
                )
            directory = None
        if directory is not None:
            # The zone given for a schedule that names none changes the agenda read: it is part of the key.
            key = snapshot.snapshot_key(data, format.value if zone is None else f"{format.value} {zone.key}")
            saved = snapshot.load(directory, key)
            if saved is not None:
                return saved
            save_as = (directory, key)
    checked = check_bytes(data, source, format, zone)
    if checked.agenda is not None:
        if save_as is not None:
            snapshot.save(*save_as, checked.agenda)
        return checked.agenda
    if any(p.message == NO_ZONE for p in checked.problems):
        raise AgendaZoneMissing(checked.problems, source=str(checked.source), format=format.value)
    raise AgendaInvalidError(checked.problems, source=str(checked.source), format=format.value)


def read_bytes(source: Path, stdin: IO[bytes] | None = None) -> bytes:
    """The file's bytes, or ``stdin``'s when the path is '-'; at most MAX_AGENDA_BYTES."""
    hint = "check the file's path"
    try:
        if str(source) == STDIN:
            if stdin is None:
                # A caller's mistake, not the user's: whoever accepts '-' must say what it reads.
                raise ValueError("the path '-' reads standard input: pass the stream as stdin")
            return _read_limited(stdin, source)
        with open(source, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_AGENDA_BYTES:
                raise _too_large(source)
            return _read_limited(stream, source)
    except FileNotFoundError:
        raise AgendaMissing("no such file", where=str(source)) from None
    except IsADirectoryError:
        raise AgendaMissing("is a directory, not an agenda file", where=str(source)) from None
    except PermissionError:
        raise AgendaError("permission denied", where=str(source), hint="make the file readable") from None
    except OSError as err:
        raise AgendaError(f"cannot read: {err.strerror or err}", where=str(source), hint=hint) from None


def decode(data: bytes, source: Path) -> str:
    try:
        # utf-8-sig: a byte order mark, as some Windows editors write, is not an error.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise AgendaError(
            f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})",
            where=str(source),
            hint="save the agenda as UTF-8 JSON",
        ) from None


def _read_limited(stream: IO[bytes], source: Path) -> bytes:
    """At most MAX_AGENDA_BYTES + 1 bytes, whatever the file is: a pipe, a device, a growing file."""
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_AGENDA_BYTES:
        chunk = stream.read(min(1 << 20, MAX_AGENDA_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_AGENDA_BYTES:
        raise _too_large(source)
    return b"".join(chunks)


def _too_large(source: Path) -> AgendaError:
    return AgendaError(
        f"larger than {MAX_AGENDA_BYTES // (1024 * 1024)} MB, the most loci reads",
        where=str(source),
        hint="an agenda of 10,000 sessions takes about 3 MB; check that this is the agenda file",
    )
