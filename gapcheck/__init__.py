"""gapcheck: measure how far national law implements the OPSC, and report the gaps."""

__version__ = "0.1.0"
