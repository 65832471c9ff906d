"""The package version, at the bottom of the stack (importing it loads nothing else)."""

__version__ = "0.1.0"
