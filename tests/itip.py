"""An iTIP (RFC 5546) checker for the tests, written from the restriction tables of section 3.2.

``problems(data)`` reads one iCalendar object meant to be sent as a scheduling
message and returns one line per rule it breaks, each citing its section; an
empty list means conformant. Only what loci sends is covered: VEVENT objects
with METHOD PUBLISH (3.2.1), REQUEST (3.2.2) or CANCEL (3.2.5).
"""

from __future__ import annotations

import re

# Per method, property -> (least, most) occurrences in each VEVENT; None is "any number".
# From the tables' Presence column: "1" is (1, 1), "0 or 1" is (0, 1), "1+" is (1, None), "0" is (0, 0).
TABLES: dict[str, dict[str, tuple[int, int | None]]] = {
    "PUBLISH": {
        "DTSTAMP": (1, 1),
        "DTSTART": (1, 1),
        "ORGANIZER": (1, 1),
        "SUMMARY": (1, 1),
        "UID": (1, 1),
        "SEQUENCE": (0, 1),
        "ATTENDEE": (0, 0),
        "REQUEST-STATUS": (0, 0),
        "DTEND": (0, 1),
        "DURATION": (0, 1),
        "STATUS": (0, 1),
        "RECURRENCE-ID": (0, 1),
    },
    "REQUEST": {
        "ATTENDEE": (1, None),
        "DTSTAMP": (1, 1),
        "DTSTART": (1, 1),
        "ORGANIZER": (1, 1),
        "SUMMARY": (1, 1),
        "UID": (1, 1),
        "SEQUENCE": (0, 1),
        "REQUEST-STATUS": (0, 0),
        "DTEND": (0, 1),
        "DURATION": (0, 1),
        "STATUS": (0, 1),
        "RECURRENCE-ID": (0, 1),
    },
    # ATTENDEE is "0+" in the table, but its comment says a CANCEL of the entire event MUST
    # include some or all attendees: so at least one. SEQUENCE is "1": a cancel increments it.
    "CANCEL": {
        "ATTENDEE": (1, None),
        "DTSTAMP": (1, 1),
        "ORGANIZER": (1, 1),
        "SEQUENCE": (1, 1),
        "UID": (1, 1),
        "REQUEST-STATUS": (0, 0),
        "DTSTART": (0, 1),
        "DTEND": (0, 1),
        "DURATION": (0, 1),
        "STATUS": (0, 1),
        "RECURRENCE-ID": (0, 1),
    },
}
SECTION = {"PUBLISH": "3.2.1", "REQUEST": "3.2.2", "CANCEL": "3.2.5"}
STATUSES = {"PUBLISH": {"TENTATIVE", "CONFIRMED", "CANCELLED"}, "REQUEST": {"TENTATIVE", "CONFIRMED"}, "CANCEL": {"CANCELLED"}}
# Components other than VEVENT and VTIMEZONE are "0" in all three tables.
FORBIDDEN_COMPONENTS = ("VTODO", "VJOURNAL", "VFREEBUSY")


def problems(data: bytes | str) -> list[str]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    found: list[str] = []
    methods = calendar.get("METHOD")
    method_list = methods if isinstance(methods, list) else [methods] if methods is not None else []
    if len(method_list) != 1:
        return [f"{len(method_list)} METHOD properties: an iTIP message has exactly one (RFC 5546 §3.2)"]
    method = str(method_list[0]).upper()
    if method not in TABLES:
        return [f"METHOD:{method} is not checked here"]
    rfc = f"RFC 5546 §{SECTION[method]}"
    for name in ("PRODID", "VERSION"):
        if name not in calendar:
            found.append(f"no {name} ({rfc}: VCALENDAR {name} 1)")
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not events:
        found.append(f"no VEVENT ({rfc}: VEVENT 1+)")
    for other in FORBIDDEN_COMPONENTS:
        if any(c.name == other for c in calendar.subcomponents):
            found.append(f"holds a {other} ({rfc}: {other} 0)")
    tzids = {str(c["TZID"]) for c in calendar.subcomponents if c.name == "VTIMEZONE"}
    uids = set()
    for number, event in enumerate(events, 1):
        counts: dict[str, int] = {}
        for name, _ in event.property_items(recursive=False):
            counts[name] = counts.get(name, 0) + 1
        uid = str(event.get("UID", ""))
        uids.add(uid)
        here = f"VEVENT #{number} ({uid or 'no UID'})"
        for name, (least, most) in TABLES[method].items():
            have = counts.get(name, 0)
            if have < least or (most is not None and have > most):
                want = {(1, 1): "1", (0, 1): "0 or 1", (1, None): "1+", (0, 0): "0"}[(least, most)]
                found.append(f"{here}: {name} {have} times ({rfc}: {name} {want})")
        if counts.get("DTEND") and counts.get("DURATION"):
            found.append(f"{here}: DTEND and DURATION together ({rfc})")
        if "SEQUENCE" in event:
            sequence = int(str(event["SEQUENCE"]))
            if sequence < 0:
                found.append(f"{here}: negative SEQUENCE (RFC 5545 §3.8.7.4)")
            if method == "CANCEL" and sequence < 1:
                found.append(f"{here}: SEQUENCE:0 in a CANCEL, which must increment it ({rfc}, §2.1.4)")
        if "STATUS" in event and str(event["STATUS"]).upper() not in STATUSES[method]:
            found.append(f"{here}: STATUS:{event['STATUS']} ({rfc}: {' or '.join(sorted(STATUSES[method]))})")
        if method == "CANCEL" and "STATUS" not in event:
            found.append(f"{here}: no STATUS ({rfc}: STATUS MUST be CANCELLED to cancel the entire event)")
        for name in ("ORGANIZER", "ATTENDEE"):
            values = event.get(name)
            for value in values if isinstance(values, list) else [values] if values is not None else []:
                if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:\S", str(value)):
                    found.append(f"{here}: {name} {value!s} is not a calendar address URI (RFC 5545 §3.3.3)")
        for name in ("DTSTART", "DTEND"):
            tzid = event[name].params.get("TZID") if name in event else None
            if tzid is not None and tzid not in tzids:
                found.append(f"{here}: {name} names TZID {tzid} without a VTIMEZONE ({rfc}: VTIMEZONE MUST be present)")
    if method in ("REQUEST", "CANCEL") and len(uids) > 1:
        found.append(f"{len(uids)} UIDs in one {method}: all components MUST have the same UID ({rfc})")
    return found
