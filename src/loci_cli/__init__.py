"""loci: the LOCI Regional Meeting agenda (or any agenda) in your own time zone."""

__version__ = "0.1.0"
