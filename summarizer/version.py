"""The package version and a hash of its code, at the bottom of the stack (importing it
loads nothing else)."""

__version__ = "0.1.0"


def code_fingerprint(files: str = "*.py") -> str:
    """A hash of this package's Python source: a run is never resumed with other code.

    The version number alone misses edits to an installed-from-source copy,
    and a summariser whose code changed gives other summaries. ``files``: another pattern
    hashes other files of the package (``"*.json"``: its data, the learned weights).
    """
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob(files)):
        h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes() + b"\x01")
    return h.hexdigest()[:16]
