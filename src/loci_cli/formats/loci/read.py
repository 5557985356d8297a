"""loci's own JSON agenda format: Pydantic reads and checks it, and builds the core model.

Field-level rules (types, unknown keys, patterns) are Pydantic's; the rules
that need the event zone live in ``core.rules``, which reads these models as
drafts. Pydantic also gives the format its JSON Schema (``loci schema``).
Only the formats import Pydantic: a run served from a snapshot never does.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema, field_validator

from ...core import model, rules
from ...core.errors import AgendaInvalidError, Problem
from ...core.zones import get_zone
from .plain import CLOCK_WORDS, MAX_REVISION, OneLine, clock, known_zone_name, read_plain, reasonable_year, safe_url

FORMAT: Literal["loci-agenda/1"] = "loci-agenda/1"
# The Day model has a field called date: the type needs another name there.
_Date = date

Id = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:@-]*$",
        max_length=200,
        description="Stable identifier: calendar UIDs are built from it, so never renumber.",
    ),
]
Text = Annotated[str, Field(min_length=1)]


_safe_url = safe_url


Url = Annotated[
    str,
    AfterValidator(_safe_url),
    Field(json_schema_extra={"pattern": "^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)\\S"}),
]
Kind = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        description="What sort of session: plenary, panel, break, breakout, wrap-up, talk, …",
    ),
]
# A time of day (on the day's date) or a full local date-time, for sessions
# that run past midnight; an explicit offset picks one side of a DST fold.
# The schema spells the accepted forms out as patterns: editors read JSON Schema's
# "time" format as RFC 3339 full-time and would flag a plain '10:00'.
Clock = Annotated[
    time | datetime,
    BeforeValidator(lambda value: _clock(value)),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([0-9]{4}-[0-9]{2}-[0-9]{2}T)?[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
            "examples": ["10:00", "2021-03-29T00:30", "2021-10-31T02:30+02:00"],
        }
    ),
    Field(description="'HH:MM' on the day's date, or 'YYYY-MM-DDTHH:MM' with an optional UTC offset."),
]
_clock = clock
_CLOCK_WORDS = CLOCK_WORDS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Organisation(_Strict):
    name: Text
    short_name: str | None = None
    tagline: str | None = None
    url: Url | None = None
    email: str | None = None


class Contact(_Strict):
    name: Text
    organisation: str | None = None
    email: str | None = None


class Link(_Strict):
    url: Url
    title: str | None = None


class Session(_Strict):
    id: Id
    start: Clock
    end: Clock
    title: Text
    kind: Kind = "session"
    description: str = ""
    lead: str | None = Field(None, description="Who leads the session, e.g. an organisation.")
    location: str | None = Field(None, description="Where, when not the agenda's venue.")
    url: Url | None = None
    room: str | None = Field(
        None, description="The room, for programmes in parallel rooms: only sessions in the same room may not overlap."
    )
    track: str | None = None
    # Defaults are empty tuples, not lists: Pydantic deep-copies a mutable default for every
    # session that lacks the key, which cost a first run on 10,000 sessions a seventh of its time.
    speakers: list[Text] = Field((), description="Who speaks, by name.")  # type: ignore[arg-type]
    language: str | None = Field(None, description="The language it is held in, e.g. 'en'.")
    links: list[Link] = ()  # type: ignore[assignment]


class Day(_Strict):
    id: Id
    number: int = Field(ge=1, le=9999)
    date: _Date
    title: Text
    theme: str | None = None
    sessions: list[Session] = Field(min_length=1)

    @field_validator("date")
    @classmethod
    def _reasonable_year(cls, value: _Date) -> _Date:
        return reasonable_year(value)


_known_zone_name = known_zone_name


class Participants(_Strict):
    """Where participants attend from: the default rows of 'loci zones'."""

    country: Text
    zones: list[Annotated[str, AfterValidator(_known_zone_name)]] = Field(
        min_length=1, description="IANA zones, the one most participants use first."
    )
    weight: int = Field(1, ge=1, description="How many people attend from there (a headcount), for 'loci plan'.")


class Agenda(_Strict):
    format: Literal["loci-agenda/1"] = FORMAT
    schema_: str | None = Field(None, alias="$schema", description="Optional, for editors.")
    id: Id
    revision: int = Field(
        0,
        ge=0,
        le=MAX_REVISION,
        description="Raise it when the agenda changes: it becomes SEQUENCE in invites (a cancellation's is one more), "
        f"so it lies between 0 and {MAX_REVISION}.",
    )
    title: Text
    subtitle: str | None = None
    region: str | None = None
    organisers: list[Organisation] = []
    venue: str | None = None
    url: Url | None = None
    email: str | None = Field(None, description="The organiser's address, for calendar invites.")
    timezone: str = Field(description="The IANA zone the agenda's local times are in, e.g. Europe/Amsterdam.")
    about: str = ""
    contacts: list[Contact] = []
    days: list[Day] = Field(min_length=1)
    participants: list[Participants] = Field([], description="Where participants attend from, for 'loci zones'.")
    note: str | None = Field(
        None, description="About the file's own data: where it comes from and what it assumes (shown by info and zones)."
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _known_zone_name(value)


def parse_agenda(text: str | bytes) -> model.Agenda:
    """Parse and fully check an agenda; raise AgendaInvalidError listing every problem."""
    return read_agenda(text)[0]


def read_agenda(text: str | bytes) -> tuple[model.Agenda, list[Problem]]:
    """Parse and fully check an agenda: the agenda and its warnings; AgendaInvalidError lists every problem."""
    plain = read_plain(text if isinstance(text, str) else text.decode("utf-8", errors="surrogateescape"))
    return plain if plain is not None else validate_agenda(text)


def validate_agenda(text: str | bytes) -> tuple[model.Agenda, list[Problem]]:
    """read_agenda through Pydantic alone: the format's definition, and the words of every problem."""
    try:
        draft = Agenda.model_validate_json(text)
    except ValidationError as err:
        raise AgendaInvalidError(pydantic_problems(err)) from None
    problems, instants, warnings = rules.check(draft.days, get_zone(draft.timezone))
    if problems:
        raise AgendaInvalidError(problems)
    lines = OneLine()
    agenda = build(draft, instants, lines)
    if lines.problems:
        raise AgendaInvalidError(lines.problems)
    return agenda, warnings + lines.warnings


def build(draft: Agenda, instants: list[list[rules.Instants | None]], line: OneLine | None = None) -> model.Agenda:
    """The core model of a checked draft, with every session's resolved instants and its one-line fields flattened."""
    one = line or OneLine()
    opt = one.maybe
    Session_, Link_ = model.Session, model.Link

    def session(s: Session, at: rules.Instants | None, where: str) -> model.Session:
        assert at is not None, "a checked agenda has every instant"
        return Session_(
            s.id,
            one(s.title, f"{where}.title"),
            at[0],
            at[1],
            s.kind,
            s.description,
            opt(s.lead, f"{where}.lead"),
            opt(s.location, f"{where}.location"),
            s.url,
            opt(s.room, f"{where}.room"),
            opt(s.track, f"{where}.track"),
            tuple(one(name, f"{where}.speakers[{n}]") for n, name in enumerate(s.speakers)),
            opt(s.language, f"{where}.language"),
            tuple(Link_(link.url, opt(link.title, f"{where}.links[{n}].title")) for n, link in enumerate(s.links)),
        )

    days = tuple(
        model.Day(
            id=d.id,
            number=d.number,
            date=d.date,
            title=one(d.title, f"$.days[{n}].title"),
            theme=d.theme,
            sessions=tuple(
                session(s, at, f"$.days[{n}].sessions[{i}]") for i, (s, at) in enumerate(zip(d.sessions, resolved, strict=True))
            ),
        )
        for n, (d, resolved) in enumerate(zip(draft.days, instants, strict=True))
    )
    return model.Agenda(
        id=draft.id,
        title=one(draft.title, "$.title"),
        timezone=draft.timezone,
        days=days,
        revision=draft.revision,
        subtitle=opt(draft.subtitle, "$.subtitle"),
        region=opt(draft.region, "$.region"),
        organisers=tuple(
            model.Organisation(
                one(o.name, f"$.organisers[{n}].name"),
                opt(o.short_name, f"$.organisers[{n}].short_name"),
                opt(o.tagline, f"$.organisers[{n}].tagline"),
                o.url,
                opt(o.email, f"$.organisers[{n}].email"),
            )
            for n, o in enumerate(draft.organisers)
        ),
        venue=opt(draft.venue, "$.venue"),
        url=draft.url,
        email=opt(draft.email, "$.email"),
        about=draft.about,
        contacts=tuple(
            model.Contact(
                one(c.name, f"$.contacts[{n}].name"),
                opt(c.organisation, f"$.contacts[{n}].organisation"),
                opt(c.email, f"$.contacts[{n}].email"),
            )
            for n, c in enumerate(draft.contacts)
        ),
        participants=tuple(
            model.Participants(one(p.country, f"$.participants[{n}].country"), tuple(p.zones), p.weight)
            for n, p in enumerate(draft.participants)
        ),
        note=draft.note,
    )


def pydantic_problems(err: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for item in err.errors(include_url=False):
        loc = list(item["loc"])
        message = item["msg"]
        # A Clock failing both union members reports twice; say it once, plainly.
        if loc and loc[-1] in ("time", "datetime"):
            loc.pop()
            message = _CLOCK_WORDS
        if item["type"] == "value_error" and "error" in item.get("ctx", {}):
            message = str(item["ctx"]["error"])  # without Pydantic's "Value error, " prefix
        if item["type"] == "extra_forbidden":
            message = "unknown key (check its spelling; unknown keys are rejected)"
        message = _in_locis_words(item, loc, message)
        path = json_path(loc)
        if path in seen:
            continue
        seen.add(path)
        found.append(Problem(path, message))
    return found


# What a list holds, for "needs at least one …": by the key of the list.
_ITEMS = {"days": "day", "sessions": "session", "zones": "zone", "speakers": "speaker", "links": "link"}
_ID_RULE = "letters, digits and . _ : @ -, starting with a letter or digit, no spaces"
_KIND_RULE = "lower-case letters, digits and -, starting with a letter (plenary, panel, break)"


def _in_locis_words(item: Any, loc: list[str | int], message: str) -> str:
    """Pydantic's wording of a rule ("String should match pattern '^[A-Za-z0-9]…'") as loci says it."""
    kind = item["type"]
    field = loc[-1] if loc else ""
    value = item.get("input")
    shown = f"'{value}'" if isinstance(value, str) else "it"
    if kind == "string_pattern_mismatch":
        if field == "kind":
            return f"{shown} is not a valid kind: use {_KIND_RULE}"
        if field == "id":
            return f"{shown} is not a valid id: use {_ID_RULE}"
        return f"{shown} does not have the required form"
    if kind == "too_short":
        if isinstance(value, list):
            what = _ITEMS.get(str(field), "item")
            return f"the list is empty; it needs at least one {what}"
        return "must not be empty"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "less_than_equal" and loc == ["revision"]:
        return f"must be at most {MAX_REVISION}: it becomes iCalendar's SEQUENCE (at most 2^31 - 1), and a cancellation's is one more"
    if kind == "string_too_long":
        return f"is too long: at most {item.get('ctx', {}).get('max_length')} characters"
    return message


def json_path(loc: list[str | int]) -> str:
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def agenda_json_schema() -> dict[str, Any]:
    """The JSON Schema of the agenda format, as editors read it (keys by their JSON names)."""
    schema = Agenda.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
