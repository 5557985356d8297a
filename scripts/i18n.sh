#!/usr/bin/env bash
# The catalogs, after the text changed: extract every marked string into the template
# (src/loci_cli/locale/loci.pot), merge it into each language's .po, and compile the
# .po into the .mo the package reads. New strings arrive untranslated, never guessed
# (no fuzzy matching): tests/program/test_i18n.py fails until each has a translation.
# The command line's own words (help, headings, usage errors: the loci-help domain) go
# the same way, their template written by scripts/help_strings.py from the command tree;
# tests/program/test_i18n_help.py checks them.
# Add a language: scripts/i18n.sh init LANG, translate its two .po, add it to
# LANGUAGES in src/loci_cli/i18n.py and to docs/translations.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=${PYBABEL:-.venv/bin/pybabel}
python=${PYTHON:-.venv/bin/python}
locale=src/loci_cli/locale
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/loci_cli/__init__.py)

if [ "${1:-}" = init ]; then
    "$pybabel" init -i "$locale/loci.pot" -d "$locale" -D loci -l "$2"
    "$pybabel" init -i "$locale/loci-help.pot" -d "$locale" -D loci-help -l "$2"
    exit
fi
"$pybabel" extract -F babel.cfg --add-comments=Translators: --sort-by-file --project=loci \
    --version="$version" --copyright-holder="loci's authors" --msgid-bugs-address="loci's issue tracker" -o "$locale/loci.pot" .
"$pybabel" update -i "$locale/loci.pot" -d "$locale" -D loci --no-fuzzy-matching --ignore-obsolete
"$pybabel" compile -d "$locale" -D loci --statistics

"$python" scripts/help_strings.py
for lang in "$locale"/*/; do
    lang=$(basename "$lang")
    # A language's first loci-help catalog starts from the template.
    [ -f "$locale/$lang/LC_MESSAGES/loci-help.po" ] || "$pybabel" init -i "$locale/loci-help.pot" -d "$locale" -D loci-help -l "$lang"
done
"$pybabel" update -i "$locale/loci-help.pot" -d "$locale" -D loci-help --no-fuzzy-matching --ignore-obsolete
"$pybabel" compile -d "$locale" -D loci-help --statistics
