"""loci: the LOCI Regional Meeting agenda (or any agenda) in your own time zone."""

# The one place the version is written: the package metadata takes it from here at build
# time ([tool.hatch.version] in pyproject.toml), so reading it costs no importlib.metadata.
__version__ = "0.1.0"
