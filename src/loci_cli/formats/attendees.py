"""E-mail addresses for invites: from the command line, or from a list in a file.

Every address is checked (syntax only, no network) before anything is written,
and a bad one is reported with the address itself and where it came from.

A name is one line wherever it goes (a mail header, an iCalendar CN=
parameter), so it is flattened as it is read: line breaks and tabs become
spaces, and control and bidirectional-override characters are dropped
(``flat_name``). An address holding them is refused: it cannot be mended.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.errors import InputError, LociError, UsageProblem


@dataclass(frozen=True)
class Person:
    """Someone on an invite: an e-mail address and, when known, a name."""

    email: str
    name: str | None = None
    #: their time zone, when the list gives one: they get a personal message with times there
    zone: ZoneInfo | None = None
    #: their language ('ru'), when the list gives one: they get a personal message in it
    lang: str | None = None


def parse_person(text: str, *, where: str, error: type[LociError] = UsageProblem) -> Person:
    """Read 'ada@example.org' or 'Ada Lovelace <ada@example.org>'; raise ``error`` naming a bad one."""
    raw = text.strip()
    # Not email.utils.parseaddr: it splits 'Doe, Jane <jane@…>' at the comma. DOTALL: a name may hold a line break.
    named = re.fullmatch(r"(.*?)\s*<([^<>]*)>", raw, flags=re.DOTALL)
    name, address = (_unquoted(named.group(1).strip()), named.group(2).strip()) if named else ("", raw)
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(address, check_deliverability=False)
    except EmailNotValidError as err:
        raise error(
            f"'{raw}' is not a valid e-mail address: {str(err).rstrip('.')}",
            where=where,
            hint="write it as name@example.org or 'Name <name@example.org>'",
        ) from None
    return Person(checked.normalized, flat_name(name))


def smtp_address(address: str) -> str:
    """``address`` as it goes into the SMTP envelope and headers: its domain in punycode (IDNA 2008, RFC 5890).

    The local part stays as it is: beyond ASCII it needs SMTPUTF8 (RFC 6531), for which no
    ASCII spelling exists.
    """
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    from email_validator import EmailNotValidError, validate_email

    try:
        ascii_domain = validate_email(address, check_deliverability=False).ascii_domain
    except EmailNotValidError:
        # Every address is checked as it is read; one that was not goes as it is, for the server to judge.
        return address
    return f"{local}@{ascii_domain}"


def needs_smtputf8(address: str) -> bool:
    """The address has a local part beyond ASCII, which only a server offering SMTPUTF8 takes."""
    return not smtp_address(address).isascii()


def _unquoted(name: str) -> str:
    """'"Doe, Jane"' as 'Doe, Jane': a quoted string (RFC 5322) unquoted; quotes within a name are kept."""
    quoted = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', name, flags=re.DOTALL)
    return re.sub(r"\\(.)", r"\1", quoted.group(1), flags=re.DOTALL).strip() if quoted else name


# Bidirectional embeddings, overrides and isolates (and the marks) can turn a name around in a mail
# program's list or a calendar's attendee view; they carry nothing a name needs.
_BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def flat_name(name: str | None) -> str | None:
    """``name`` on one line: whitespace runs (line breaks too) as one space, control and bidi characters dropped.

    None for a name that is empty then: an address without a name is better than a blank one.
    """
    if name is None:
        return None
    # str.split() also splits at U+2028, U+2029, U+0085 and the C0 separators, which readers take as line ends.
    kept = "".join(c for c in " ".join(name.split()) if ord(c) not in _BIDI and unicodedata.category(c) != "Cc")
    return " ".join(kept.split()) or None


def read_attendees(path: str) -> list[Person]:
    """Read a list of attendees: one address a line, or CSV rows of name,email[,zone[,lang]].

    The zone is written as for --tz (a city, a country, an offset, an IANA name);
    the lang is one of loci's languages (``i18n.LANGUAGES``: 'ru', 'uk', …; 'ru_RU'
    and 'ru-RU' say the same), and an unknown one is an error naming its line.
    Blank lines and lines starting with '#' are skipped. A header row (one whose
    fields include 'email') names the columns, in any order: name, email, zone,
    lang; a column it doesn't know is an error.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", where=path, hint="check the path of the list of attendees") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a list of attendees", where=path, hint="give a file") from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", where=path, hint="save the list as UTF-8") from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", where=path, hint="make the file readable") from None
    people: list[Person] = []
    columns: dict[str, int] | None = None
    # strict: a quote left open to the end of the file is an error, not a field that swallows the rest.
    rows = csv.reader(io.StringIO(text), strict=True)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as err:
            raise InputError(
                f"not CSV: {err}", where=f"{path}:{rows.line_num}", hint="quote a field that holds a comma or a quote"
            ) from None
        # The row's first line: a quoted field may span several.
        number = rows.line_num - sum(field.count("\n") for field in row)
        fields = [field.strip() for field in row]
        if not any(fields) or fields[0].startswith("#"):
            continue
        where = f"{path}:{number}"
        if any(f.lower() in ("email", "e-mail") for f in fields):  # a header, also one naming the address alone
            columns = _header(fields)
            continue
        if len(fields) == 1:
            # A bare address, with a header or without.
            people.append(parse_person(fields[0], where=where, error=InputError))
        elif columns is not None:
            people.append(_named_row(fields, columns, where))
        elif len(fields) in (2, 3, 4):
            people.append(_named_row(fields, {name: i for i, name in enumerate(_COLUMNS[: len(fields)])}, where))
        else:
            raise InputError(
                f"expected 'email' or 'name,email[,zone[,lang]]', found {len(fields)} fields",
                where=where,
                hint='quote a name that holds a comma: "Doe, Jane",jane@example.org',
            )
    return people


#: The columns of a list of attendees, in the order a list without a header gives them.
_COLUMNS = ("name", "email", "zone", "lang")


def _header(fields: list[str]) -> dict[str, int] | None:
    """A header row's columns (any letter case; 'e-mail' is 'email') and their places; None when it names others.

    A header naming other columns ('Full name,Address') is skipped as it always was,
    and the rows are read in the order name,email,zone,lang.
    """
    columns = {field.lower().replace("e-mail", "email"): i for i, field in enumerate(fields)}
    return columns if set(columns) <= set(_COLUMNS) else None


def _named_row(fields: list[str], columns: dict[str, int], where: str) -> Person:
    def value(name: str) -> str:
        i = columns.get(name)
        return fields[i] if i is not None and i < len(fields) else ""

    person = parse_person(value("email"), where=where, error=InputError)
    zone = _zone(value("zone"), where) if value("zone") else None
    lang = _lang(value("lang"), where) if value("lang") else None
    return Person(person.email, flat_name(value("name")) or person.name, zone, lang)


def _lang(text: str, where: str) -> str:
    from ..i18n import LANGUAGES, normalise

    code = normalise(text)
    if code not in LANGUAGES:
        raise InputError(f"no '{text}' translation for invitations", where=where, hint=f"the languages are {', '.join(LANGUAGES)}")
    return code


def _zone(text: str, where: str) -> ZoneInfo:
    from ..core.zones import UTC_KEY, get_zone, resolve_zone

    # Never the reader's own zone: 'local' in a shared list would mean whoever runs loci.
    if text.lower() == "local":
        raise InputError("'local' is not an attendee's zone", where=where, hint="name their zone, e.g. Asia/Almaty")
    try:
        return resolve_zone(text, lambda: get_zone(UTC_KEY))
    except LociError as err:
        hint = err.hint or (f"one of {', '.join(err.choices[:3])}" if err.choices else None)
        raise InputError(err.message, where=where, hint=hint) from None


def unique(people: list[Person]) -> list[Person]:
    """Drop repeats of an address (letter case ignored), keeping the first place and any name or zone given."""
    kept: dict[str, Person] = {}
    for person in people:
        key = person.email.lower()
        if key not in kept:
            kept[key] = person
        else:
            first = kept[key]
            kept[key] = Person(first.email, first.name or person.name, first.zone or person.zone, first.lang or person.lang)
    return list(kept.values())
