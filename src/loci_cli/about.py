"""What 'loci --version' says, readable without loading anything else of loci's.

The launcher answers a bare ``loci --version`` from here before it imports
Typer or the command tree (issue 19: a version costs about a bare interpreter).
"""

from __future__ import annotations

from . import __version__


def tzdata_version() -> str:
    """'2026f (Python package 2026.6)': the IANA release in use, as people name it, and its package."""
    try:
        # The package's own attributes: importlib.metadata would cost more than the rest of the answer.
        import tzdata

        return f"{tzdata.IANA_VERSION} (Python package {tzdata.__version__})"
    except (ImportError, AttributeError):
        return "from the system's zone database"


def version_line() -> str:
    """'loci 0.1.0, tzdata 2026f (Python package 2026.6)'."""
    return f"loci {__version__}, tzdata {tzdata_version()}"
