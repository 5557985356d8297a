"""Text for people that the catalogs already translate but the source does not yet mark.

``scripts/i18n.sh`` extracts this file with the package, so these msgids stay in
the catalogs (translated) until the modules that say them wrap them in ``_()``
or ``ngettext()``. When a module marks one, delete its line here: extraction
then finds it in the module instead, and the translation stays as it is.
The f-strings of the source become named fields: f"Day {d['day']}" is
``_("Day {number}").format(number=d["day"])``. Nothing imports this file.
"""

from __future__ import annotations

from loci_cli.i18n import N_  # noqa: F401 (empty now; a module not yet marked adds its lines here)

PENDING: tuple[str, ...] = ()
