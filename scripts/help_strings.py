"""Write src/loci_cli/locale/loci-help.pot: the command line's own words, for the ``loci-help`` domain.

    .venv/bin/python scripts/help_strings.py           # write the template (scripts/i18n.sh runs it)
    .venv/bin/python scripts/help_strings.py --check   # exit 1 when the template is not current

The msgids are the English exactly as Click holds it: every command's help and
epilog, every option's and argument's help (and a default written as words),
taken from the whole command tree (make_app()); Typer's and Click's own words
that loci shows (headings, 'default: …', usage errors); and the strings marked
``H_``, ``Hn_`` or ``NH_`` in the package (cli/helptext.py). pybabel extract
can't see the first kind: Typer builds them from signatures and docstrings.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po
from typer.main import get_command

from loci_cli import __version__
from loci_cli.cli.app import make_app

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "src" / "loci_cli" / "locale" / "loci-help.pot"
KEYWORDS = {"H_": None, "NH_": None, "Hn_": (1, 2)}
#: Typer's words in help (typer/core.py says them through its module's ``_``), and Click's 'Usage: '.
FRAMEWORK = ("Usage: ", "Arguments", "Options", "default: {default}", "required", "env var: {var}")


def from_tree() -> list[tuple[str, str]]:
    """(msgid, where) for every help string of the command tree, in the order 'loci --help' shows them."""
    import typer

    group: Any = get_command(make_app())
    found: list[tuple[str, str]] = []
    with typer.Context(group, info_name="loci") as root:

        def walk(command: Any, ctx: Any, path: str) -> None:
            for attribute in ("help", "short_help", "epilog"):
                value = getattr(command, attribute, None)
                if isinstance(value, str) and value:
                    found.append((value, f"{path} ({attribute})"))
            for param in command.get_params(ctx):
                for attribute in ("help", "show_default"):
                    value = getattr(param, attribute, None)
                    if isinstance(value, str) and value:
                        found.append((value, f"{path} {param.name} ({attribute})"))
            for name, sub in getattr(command, "commands", {}).items():
                with typer.Context(sub, info_name=name, parent=ctx) as inner:
                    walk(sub, inner, f"{path} {name}")

        walk(group, root, "loci")
    return found


def from_source() -> list[tuple[str | tuple[str, str], str]]:
    """(msgid, where) for the strings marked H_, Hn_ and NH_ in the package."""
    method_map = [("src/loci_cli/**.py", "python")]
    found: list[tuple[str | tuple[str, str], str]] = []
    for filename, _lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=KEYWORDS):
        found.append((message if isinstance(message, str) else (message[0], message[1]), filename))
    return found


def template() -> bytes:
    catalog = Catalog(
        project="loci",
        version=__version__,
        copyright_holder="loci's authors",
        msgid_bugs_address="loci's issue tracker",
        domain="loci-help",
        fuzzy=False,
    )
    for message, where in [*from_tree(), *[(m, "typer") for m in FRAMEWORK], *from_source()]:
        existing = catalog.get(message)
        if existing is not None:
            existing.auto_comments = [*existing.auto_comments, where][:3]
            continue
        flags = ["python-brace-format"] if "{" in (message if isinstance(message, str) else message[0]) else []
        catalog.add(message, auto_comments=[where], flags=flags)
    out = io.BytesIO()
    # No date: the template changes only when the words do.
    write_po(out, catalog, width=100, omit_header=False, sort_output=False, no_location=True)
    return b"".join(line for line in out.getvalue().splitlines(keepends=True) if not line.startswith(b'"POT-Creation-Date'))


def messages(data: bytes) -> set[Any]:
    return {m.id for m in read_po(io.BytesIO(data)) if m.id}


def main(argv: list[str]) -> int:
    made = template()
    if "--check" in argv:
        if not TEMPLATE.exists() or TEMPLATE.read_bytes() != made:
            print(f"{TEMPLATE.relative_to(ROOT)} is not current: run scripts/i18n.sh", file=sys.stderr)
            return 1
        return 0
    TEMPLATE.write_bytes(made)
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(messages(made))} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
