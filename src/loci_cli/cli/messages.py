"""Domain errors as one line for people: the only place that names flags and commands.

The core says what went wrong, where, and what would be valid; this module
adds the hint that tells a user what to type, so a message can be reworded
in one place and the core stays usable as a library.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..core import errors
from ..i18n import _, ngettext
from ..views.words import plural
from .helptext import H_, NH_, either


@dataclass(frozen=True)
class Carried:
    """The options a suggested command must repeat so that it shows the same agenda in the same zone."""

    tz: str | None = None
    agenda: str | None = None
    agenda_format: str | None = None

    def suggest(self, command: str) -> str:
        """``command`` with the user's --tz, --agenda and --agenda-format: 'loci days --agenda my.json'."""
        parts = []
        if self.tz:
            parts += ["--tz", self.tz]
        if self.agenda:
            parts += ["--agenda", self.agenda]
        if self.agenda_format and self.agenda_format != "auto":
            parts += ["--agenda-format", self.agenda_format]
        return command + "".join(f" {shlex.quote(p)}" for p in parts)


NOTHING_CARRIED = Carried()


class Hinted(Exception):
    """A domain error on its way out of a command, with the options its hint must repeat."""

    def __init__(self, error: errors.LociError, carried: Carried) -> None:
        super().__init__(error)
        self.error, self.carried = error, carried


@contextmanager
def carrying(carried: Carried) -> Iterator[None]:
    """Domain errors raised inside leave as ``Hinted``, carrying the user's options."""
    try:
        yield
    except errors.LociError as err:
        raise Hinted(err, carried) from None


def line(err: errors.LociError, carried: Carried = NOTHING_CARRIED) -> str:
    """'loci: error: WHERE: WHAT (hint: HINT)'."""
    hint = err.hint or _hint(err, carried)
    text = f"{err.where}: {err.message}" if err.where else err.message
    if hint:
        text = _("{message} (hint: {hint})").format(message=text, hint=hint)
    return _("loci: error: {message}").format(message=text)


def _hint(err: errors.LociError, carried: Carried) -> str | None:
    if isinstance(err, errors.AgendaZoneMissing | errors.AgendaZoneUnknown):
        return AGENDA_TZ_HINT
    if isinstance(err, errors.AgendaInvalidError) and err.more:
        forced = "" if err.format == "auto" else f" --agenda-format {err.format}"
        more = plural(err.more, "more problem", "more problems")
        if err.source == "-":
            return _("and {more} after it: list them all by piping the agenda into '{command}'").format(
                more=more, command=f"loci validate -{forced}"
            )
        return _("and {more} after it: list them all with '{command}'").format(
            more=more, command=f"loci validate {shlex.quote(err.source)}{forced}"
        )
    if isinstance(err, errors.AgendaMissing):
        # Only a path that came from --agenda (or $LOCI_AGENDA) has an embedded agenda to fall back on;
        # 'validate FILE' and 'diff OLD NEW' name their files themselves.
        if carried.agenda:
            return _("check the file's path (without --agenda or $LOCI_AGENDA, loci reads its embedded agenda)")
        return _("check the file's path")
    if isinstance(err, errors.SendingStopped):
        return _("run the same command again to send the rest; the outbox {outbox} records what went").format(outbox=err.where)
    if isinstance(err, errors.RecipientsRefused):
        return _("fix the addresses or the server, then run the same command again: only the refused copies go")
    if isinstance(err, errors.OutputExists):
        return _("use --force to overwrite it")
    if isinstance(err, errors.NotADirectory):
        return _("give a directory for --split")
    if isinstance(err, errors.IsADirectory):
        return _("give a file name, or use --split DIR for one file per event")
    if isinstance(err, errors.RevisionNotHigher):
        return _('set "revision": {revision} (or more) in the new agenda, so calendars take its updates').format(revision=err.old + 1)
    if isinstance(err, errors.NothingToExport):
        return _("add --include-breaks")
    if isinstance(err, errors.AmbiguousZone):
        return _("pick one, e.g. --tz {zone}").format(zone=err.choices[0])
    if isinstance(err, errors.NotFound):
        if err.what == "day":
            return _("the days are {days}; see '{command}'").format(days=", ".join(err.choices), command=carried.suggest("loci days"))
        if err.what == "session":
            return _("see the ids with '{command}'").format(command=carried.suggest("loci sessions"))
        if err.what == "room":
            return _("{there_are}; see them with '{command}'").format(
                there_are=_there_are(len(err.choices), "room"), command=carried.suggest("loci sessions --by-room")
            )
        return _there_are(len(err.choices), err.what)
    return _mail_hint(err)


def _there_are(count: int, noun: str) -> str:
    return ngettext("there is {count}", "there are {count}", count).format(count=plural(count, noun))


# Words people type for a command loci names otherwise: the nearest real command, as it is typed.
_COMMAND_ALIASES = {
    "week": "loci days",
    "weeks": "loci days",
    "day": "loci days",
    "search": "loci sessions --search TEXT",
    "find": "loci sessions --search TEXT",
    "grep": "loci sessions --search TEXT",
    "list": "loci sessions",
    "ls": "loci sessions",
    "agenda": "loci sessions",
    "programme": "loci sessions",
    "program": "loci sessions",
    "schedule": "loci sessions",
    "talks": "loci sessions",
    "events": "loci sessions",
    "tomorrow": "loci today --date tomorrow",
    "yesterday": "loci today --date yesterday",
    "next": "loci now",
    "current": "loci now",
    "session": "loci show ID",
    "event": "loci show ID",
    "ics": "loci export",
    "ical": "loci export",
    "calendar": "loci export",
    "mail": "loci invite",
    "email": "loci invite",
    "send": "loci invite",
    "compare": "loci diff",
    "changes": "loci diff",
    "site": "loci publish",
    "html": "loci publish",
    "web": "loci publish",
    "check": "loci validate",
    "lint": "loci validate",
    "tz": "loci zones",
    "timezone": "loci zones",
    "timezones": "loci zones",
    "convert": "loci zones",
    "meet": "loci plan",
    "meeting": "loci plan",
    "version": "loci --version",
}

# Option names people reach for, and loci's name for the same thing.
_OPTION_ALIASES = {
    "--timezone": "--tz",
    "--time-zone": "--tz",
    "--zone": "--tz",
    "--tzname": "--tz",
    "--fmt": "--format",
    "--output-format": "--format",
    "--input-format": "--agenda-format",
    "--file": "--agenda",
    "--input": "--agenda",
    "--schedule": "--agenda",
    "--output": "-o",
    "--out": "-o",
    "--overwrite": "--force",
    "--when": "--at",
    "--time": "--at",
    "--on": "--date",
    "--days": "--day",
    "--rooms": "--room",
    "--tracks": "--track",
    "--query": "--search",
    "--grep": "--search",
    "--organiser": "--organizer",
    "--to": "--attendee",
}


def command_hint(name: str, commands: list[str]) -> str:
    """For an unknown command: the nearest real one ('week' -> 'loci days'), else the list to pick from."""
    import difflib

    wanted = name.strip().lower()
    if wanted in _COMMAND_ALIASES:
        return H_("did you mean {choices}? see '{command}'").format(choices=f"'{_COMMAND_ALIASES[wanted]}'", command="loci -h")
    close = difflib.get_close_matches(wanted, commands, n=2, cutoff=0.6)
    if close:
        return H_("did you mean {choices}? see '{command}'").format(choices=either([f"'loci {c}'" for c in close]), command="loci -h")
    return H_("the commands are {commands}; see '{command}'").format(commands=", ".join(commands), command="loci -h")


def option_hint(name: str, options: list[str]) -> str | None:
    """For an unknown option: a known alias ('--timezone' -> '--tz') or the closest real name among ``options``."""
    import difflib

    flag = name.partition("=")[0]
    aliased = _OPTION_ALIASES.get(flag.lower())
    if aliased in options:
        return H_("did you mean {choices}?").format(choices=aliased)
    close = difflib.get_close_matches(flag.lower(), [o for o in options if o.startswith("--")], n=2, cutoff=0.6)
    if close:
        return H_("did you mean {choices}?").format(choices=either(close))
    return None


def misplaced_hint(option: str, argv: list[str], commands: dict[str, list[str]]) -> str | None:
    """For an option given before the command ('loci --tz Almaty today'): the same line with it after.

    ``commands`` maps each command to its option names.
    """
    flag, equals, value = option.partition("=")
    at = next((i for i, word in enumerate(argv) if word in commands), None)
    if at is not None and flag not in commands[argv[at]] and _OPTION_ALIASES.get(flag.lower()) in commands[argv[at]]:
        # 'loci --timezone Almaty today': moved, and named as loci names it.
        renamed = _OPTION_ALIASES[flag.lower()]
        argv = [renamed + equals + value if word == option else word for word in argv]
        flag = renamed
    if at is None:
        owners = [name for name, options in commands.items() if flag in options]
        if not owners:
            return None
        return H_("options go after the command, e.g. '{example}'; see '{command}'").format(
            example=f"loci {owners[0]} {flag} …", command=f"loci {owners[0]} -h"
        )
    command = argv[at]
    if flag not in commands[command]:
        return None
    fixed = ["loci", command, *argv[at + 1 :], *argv[:at]]
    return H_("options go after the command: {command}").format(command=shlex.join(fixed))


# What to change when an SMTP setting does not fit the server (errors.ServerMismatch.cause):
# the setting, never "run it again", which would meet the same answer.
_SERVER_HINTS = {
    "no-starttls": NH_("use --ssl if it takes TLS from the first byte (often port 465), or a port that offers STARTTLS"),
    "tls-handshake": NH_("drop --ssl: that port speaks plain SMTP (with --starttls, often on port 587)"),
    "no-greeting": NH_("if that port takes TLS from the first byte (often 465), add --ssl"),
    "starttls-failed": NH_("STARTTLS failed on that server: try --ssl on its implicit-TLS port (often 465)"),
    "certificate": NH_("check the host name in --smtp, or trust the server's CA with $SSL_CERT_FILE"),
    "no-auth": NH_("drop --smtp-user if the server needs no login; a server that logs in only over TLS wants --starttls or --ssl"),
    "auth-method": NH_("ask the server's admin for AUTH PLAIN or LOGIN, or drop --smtp-user"),
    "login-refused": NH_("check --smtp-user and the password in $LOCI_SMTP_PASSWORD"),
    "login-needed": NH_("give --smtp-user USER, with the password in $LOCI_SMTP_PASSWORD"),
}


def _mail_hint(err: errors.LociError) -> str | None:
    if isinstance(err, errors.ServerMismatch) and err.cause in _SERVER_HINTS:
        return H_(_SERVER_HINTS[err.cause])
    return None


#: What to type when a schedule's local times name no zone (or the zone given is not one).
AGENDA_TZ_HINT = "give the venue's zone with --agenda-tz ZONE (or $LOCI_AGENDA_TZ), an IANA name such as Europe/Berlin"
