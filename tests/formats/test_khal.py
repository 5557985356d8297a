"""An update re-imported into khal (a real calendar program) replaces the event instead of adding a second."""

from __future__ import annotations

import copy

import pytest

from realtools import KHAL, khal_in

pytestmark = pytest.mark.skipif(KHAL is None, reason="khal is not installed (it is in the test extra: pip install -e '.[test]')")


@pytest.mark.slow
def test_an_update_replaces_the_event_in_khal(loci, tmp_path, agenda_data, write_agenda):
    old = write_agenda(agenda_data, name="v1.json")
    changed = copy.deepcopy(agenda_data)
    changed["revision"] = 2
    wrap = next(s for s in changed["days"][0]["sessions"] if s["id"] == "d1-wrap-up")
    wrap.update(start="15:00", end="15:30", title="Wrap up and next steps")
    new = write_agenda(changed, name="v2.json")
    people = ("--organizer", "katria@example.org", "--attendee", "aigerim@example.kz", "--session", "d1-wrap-up")
    first, update = tmp_path / "first.ics", tmp_path / "update.ics"
    assert loci("export", "--agenda", str(old), "--invite", *people, "-o", str(first)).exit_code == 0
    result = loci("export", "--agenda", str(new), "--invite", "--since", str(old), *people, "-o", str(update))
    assert result.exit_code == 0, result.stderr

    khal = khal_in(tmp_path)

    def listed() -> list[str]:
        return [
            line for line in khal("list", "--format", "{start-time}-{end-time} {title}", "2020-11-10", "2d").splitlines() if "Wrap" in line
        ]

    khal("import", "--batch", str(first))
    # 14:30 in Amsterdam (UTC+1) is 13:30 UTC, 19:30 in Almaty (UTC+6).
    assert listed() == ["19:30-20:00 Wrap up"]
    khal("import", "--batch", str(update))
    # Moved to 15:00 in Amsterdam: 20:00 in Almaty; one event, not two.
    assert listed() == ["20:00-20:30 Wrap up and next steps"]
    # khal keeps one file per UID (it ignores names not ending in .ics).
    assert [p.name for p in (tmp_path / "calendar").glob("*.ics")] == ["d1-wrap-up@loci-eeca-2020.ics"]
