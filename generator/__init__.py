"""Provision Atlas: validate hand-curated policy records and build the comparison site."""

__version__ = "0.1.0"
