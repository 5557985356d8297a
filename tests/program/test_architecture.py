"""The import rule, read from every module's source (function-level imports included).

Each room imports only rooms below it: cli -> actions -> views, formats -> io -> core.

- ``core``: the standard library, tzdata and other core modules; nothing else.
- ``io`` (files, the cache, the outbox): the core.
- ``formats``: the core and io (and their libraries); ``views``: the core (and rich); never each other.
- ``actions``: everything below them, never ``cli``.
- ``cli``: anything.

Beside the rooms, importable by all: ``environment.py`` (the world: streams, clock,
environment) and ``i18n.py`` (the language: gettext's words, Babel's dates). Being
below every room, they import no room but what they name in ``BESIDE``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "loci_cli"
LAYERS = ("core", "io", "formats", "views", "actions", "cli")
#: Which loci layers each layer may import.
ALLOWED = {
    "core": {"core"},
    "io": {"core", "io"},
    "formats": {"core", "io", "formats"},
    "views": {"core", "views"},
    "actions": {"core", "io", "formats", "views", "actions"},
    "cli": set(LAYERS),
}
#: Which outside packages each layer may import (the standard library is always allowed).
LIBRARIES = {
    "core": {"tzdata"},
    "io": {"tzdata"},
    "formats": {"tzdata", "pydantic", "icalendar", "email_validator", "defusedxml"},
    "views": {"rich"},
    # dateutil reads free-form dates as users type them (actions/dates.py).
    "actions": {"dateutil"},
    "cli": {"typer", "click", "dateutil"},
}


#: The modules beside the rooms, importable by all: the rooms and outside packages each may import.
BESIDE = {
    "environment.py": ({"core"}, set()),
    "i18n.py": (set(), {"babel"}),
}


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if path.parent != PACKAGE)


def imports(path: Path) -> set[str]:
    """Absolute names of everything ``path`` imports, relative imports resolved."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
                # 'from .. import __version__' or 'from . import rules': each name may be a module.
                found.update(f"{module}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module or "")
    return found


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "loci_cli" and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_what_its_layer_may(path):
    layer = path.relative_to(PACKAGE).parts[0]
    assert layer in LAYERS, f"{path} is outside the layers"
    wrong = []
    for name in imports(path):
        top = name.split(".")[0]
        if top == "loci_cli":
            other = layer_of(name)
            if other is not None and other not in ALLOWED[layer]:
                wrong.append(name)
        elif top not in sys.stdlib_module_names and top not in LIBRARIES[layer] and top != "__future__":
            wrong.append(name)
    assert not wrong, f"{layer} may not import {sorted(wrong)}"


@pytest.mark.parametrize("name", sorted(BESIDE))
def test_the_modules_beside_the_rooms_import_only_what_they_may(name):
    rooms, libraries = BESIDE[name]
    wrong = []
    for imported in imports(PACKAGE / name):
        top = imported.split(".")[0]
        if top == "loci_cli":
            if layer_of(imported) not in rooms:
                wrong.append(imported)
        elif top not in sys.stdlib_module_names and top not in libraries and top != "__future__":
            wrong.append(imported)
    assert not wrong, f"{name} may not import {sorted(wrong)}"


def test_i18n_imports_babel_only_inside_functions():
    """English must never pay for Babel: i18n.py imports it where a language other than English needs it."""
    tree = ast.parse((PACKAGE / "i18n.py").read_text(encoding="utf-8"))
    at_top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    names = {alias.name for node in at_top if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module or "" for node in at_top if isinstance(node, ast.ImportFrom)}
    assert not {n for n in names if n.split(".")[0] in ("babel", "gettext")}
    assert "babel.dates" in imports(PACKAGE / "i18n.py")


def test_the_rule_is_checked_on_every_layer():
    """A test that cannot fail proves nothing: the checker must see real imports in each layer."""
    seen = {path.relative_to(PACKAGE).parts[0] for path in modules()}
    assert seen == set(LAYERS)
    cli_imports = set().union(*(imports(p) for p in (PACKAGE / "cli").glob("*.py")))
    assert {"loci_cli.core", "loci_cli.formats", "loci_cli.views"} <= {".".join(n.split(".")[:2]) for n in cli_imports}
    assert layer_of("loci_cli.views.output") == "views" and layer_of("loci_cli.launch") is None


def test_a_planted_violation_is_caught(tmp_path, monkeypatch):
    planted = PACKAGE / "core" / "zones.py"
    assert "loci_cli.formats.load" not in imports(planted)
    copy = tmp_path / "loci_cli" / "core" / "zones.py"
    copy.parent.mkdir(parents=True)
    copy.write_text(planted.read_text(encoding="utf-8") + "\nfrom ..formats import load\nimport rich\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "loci_cli")
    with pytest.raises(AssertionError, match=r"core may not import \['loci_cli.formats.load', 'rich'\]"):
        test_each_module_imports_only_what_its_layer_may(copy)
