"""The stars file: the sessions a participant starred, per agenda, in their config folder.

One JSON file, ``$XDG_CONFIG_HOME/loci/stars.json`` (``~/.config/loci/stars.json``
when the variable is unset or not an absolute path, as the XDG Base Directory
spec says). Its format is documented in docs/stars.md:

    {"format": "loci-stars", "version": 1,
     "agendas": {"AGENDA-ID": {"title": "…", "starred": ["SESSION-ID", …]}}}

A list is keyed by the agenda's ``id``: the identity that survives revisions
(the calendars' UIDs are made from it too), so an updated agenda keeps its
stars. Ids are kept as starred, even when an update removes the session:
the reader reports them, and only ``unstar`` takes them out.

The file is replaced atomically (``io/files.py``); what a command did not ask
to change (other agendas, keys a newer loci wrote) is written back as read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from .files import ensure_directory, folder_lock

FORMAT = "loci-stars"
VERSION = 1
FILE_NAME = "stars.json"


def stars_path(environ: Mapping[str, str]) -> Path:
    """Where the stars file lives: in ``$XDG_CONFIG_HOME/loci/``, else ``$HOME/.config/loci/``."""
    config = environ.get("XDG_CONFIG_HOME", "")
    if not config or not Path(config).is_absolute():
        home = environ.get("HOME", "")
        if not home:
            raise InputError(
                "there is no folder for the stars file",
                hint="set $XDG_CONFIG_HOME or $HOME to the folder loci may keep its settings in",
            )
        config = str(Path(home) / ".config")
    return Path(config) / "loci" / FILE_NAME


def read_document(path: Path) -> dict[str, Any]:
    """The whole stars file, checked; an empty document when there is none yet."""
    from .files import read_regular

    try:
        text = read_regular(path).decode("utf-8")
    except FileNotFoundError:
        return {"format": FORMAT, "version": VERSION, "agendas": {}}
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(
            f"cannot read the stars file ({getattr(err, 'strerror', None) or err})",
            where=str(path),
            hint="move it away to start a new list (docs/stars.md describes the file)",
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"the stars file is not valid JSON (line {err.lineno}, column {err.colno})",
            where=str(path),
            hint="fix it by hand (docs/stars.md describes it), or move it away to start a new list",
        ) from None
    _check(document, path)
    return document  # type: ignore[no-any-return]


def _check(document: object, path: Path) -> None:
    def bad(what: str, where: str) -> InputError:
        return InputError(f"the stars file {what}", where=f"{path}, {where}", hint="docs/stars.md describes the format")

    if not isinstance(document, dict):
        raise bad("must hold a JSON object", "$")
    if document.get("format") != FORMAT:
        raise bad(f'must say "format": "{FORMAT}"', "$.format")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad("must give its version as a whole number", "$.version")
    if version > VERSION:
        raise InputError(
            f"the stars file is version {version}, newer than this loci reads ({VERSION})",
            where=str(path),
            hint="upgrade loci",
        )
    agendas = document.get("agendas")
    if not isinstance(agendas, dict):
        raise bad("must hold an object of agendas", "$.agendas")
    for key, entry in agendas.items():
        where = f"$.agendas[{json.dumps(key, ensure_ascii=False)}]"
        if not isinstance(entry, dict):
            raise bad("must hold an object for each agenda", where)
        starred = entry.get("starred")
        if not isinstance(starred, list) or not all(isinstance(i, str) for i in starred):
            raise bad("must list each agenda's starred session ids as strings", f"{where}.starred")


def stars_lock(path: Path) -> folder_lock:
    """Held from reading the stars file to replacing it, so two runs of ``loci star`` at once never lose one's ids."""
    ensure_directory(path.parent)
    return folder_lock(path.parent)


def read_stars(path: Path, agenda_id: str) -> list[str]:
    """The ids starred for one agenda, in the order they were starred."""
    entry = read_document(path)["agendas"].get(agenda_id)
    return list(entry["starred"]) if entry else []


def write_stars(path: Path, agenda_id: str, title: str, starred: list[str]) -> None:
    """Replace one agenda's list (atomically), keeping everything else in the file as it was."""
    from .files import Target, ensure_directory, write_files

    document = read_document(path)
    agendas: dict[str, Any] = document["agendas"]
    if starred:
        entry = dict(agendas.get(agenda_id) or {})
        entry.update(title=title, starred=starred)
        agendas[agenda_id] = entry
    else:
        agendas.pop(agenda_id, None)
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    ensure_directory(path.parent)
    write_files([Target(path, data)], force=True)
