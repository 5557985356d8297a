"""The JSON of the commands that write files has exactly the keys of its TypedDict in views/rows.py."""

from __future__ import annotations

import json

from loci_cli.views import rows


def keys(shape: type) -> set[str]:
    return set(shape.__annotations__) | {k for base in shape.__mro__[1:] for k in getattr(base, "__annotations__", {})}


def test_export_json_is_an_export_row(loci, tmp_path):
    out = loci("export", "--split", str(tmp_path / "ics"), "--json")
    data = json.loads(out.stdout)
    assert set(data) == keys(rows.ExportRow) == {"events", "files"}
    assert data["events"] == len(data["files"]) == 14 and isinstance(data["events"], int)


def test_publish_json_is_a_site_row(loci, tmp_path):
    data = json.loads(loci("publish", str(tmp_path / "site"), "--json").stdout)
    assert set(data) == keys(rows.SiteRow) == {"directory", "files"}
    assert any(name.endswith("index.html") for name in data["files"])


def test_invite_outbox_json_is_an_outbox_row(loci, tmp_path):
    data = json.loads(
        loci(
            "invite",
            "--session",
            "d1-welcome",
            "--organizer",
            "org@example.org",
            "--attendee",
            "ada@example.org",
            "--outbox",
            str(tmp_path / "out"),
            "--json",
        ).stdout
    )
    assert set(data) == keys(rows.OutboxRow)
    [message] = data["messages"]
    assert set(message) == keys(rows.OutboxMessageRow)
    assert (message["status"], message["recipients"], data["complete"]) == ("written", ["ada@example.org"], True)
