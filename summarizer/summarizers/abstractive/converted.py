"""Whether a cached conversion of a GGUF file (loading.convert_gguf's folder) is whole.

The cache is this package's, not the user's: a folder whose files went missing, were cut
short or overwritten was refused at every load ("cannot load model ...") and never made
again. :func:`damage` says what is wrong with one, from the list of files and sizes the
conversion wrote (:data:`MANIFEST`), each JSON file's text and each safetensors file's
header against its size: stat calls and the small files' reads, no weights read. A folder
converted before the list was written is checked for its config, tokenizer and weights.
"""

from __future__ import annotations

import json
import struct
from functools import lru_cache
from pathlib import Path

MANIFEST = "summarizer-files.json"
# A folder converted before MANIFEST: what every conversion holds
_NEEDED = (("config.json",), ("tokenizer.json", "tokenizer_config.json"), ("*.safetensors",))


def write_manifest(folder: Path) -> None:
    """Record the names and sizes of the files of ``folder``, a conversion just written."""
    files = {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file()}
    (folder / MANIFEST).write_text(json.dumps(files), encoding="utf-8")


def damage(folder: Path) -> str | None:
    """What is wrong with the converted model ``folder`` ("model.safetensors is 1,024 bytes,
    not 538,090,408"), or None where it is whole. Asked again only once a file changes."""
    try:
        stats = tuple(sorted((p.name, st.st_size, st.st_mtime_ns)
                             for p in folder.iterdir() for st in (p.stat(),)))
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    return _damage(str(folder), stats)


@lru_cache(maxsize=16)
def _damage(location: str, stats: tuple[tuple[str, int, int], ...]) -> str | None:
    from summarizer.model_values import unreadable

    folder = Path(location)
    sizes = {name: size for name, size, _ in stats}
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:  # converted before the list: what every conversion holds
        listed = None
        for names in _NEEDED:
            if not any(any(folder.glob(name)) for name in names):
                return f"it holds no {' or '.join(names)}"
    except (OSError, ValueError) as exc:
        return f"{MANIFEST} cannot be read ({exc})"
    if listed is not None:
        if not isinstance(listed, dict):
            return f"{MANIFEST} is no list of files"
        for name, size in listed.items():
            if name not in sizes:
                return f"{name} is missing"
            if sizes[name] != size:
                return f"{name} is {sizes[name]:,} bytes, not {size:,}"
    found = unreadable(location)
    if found:
        return found
    for name in sorted(sizes):
        if name.endswith(".safetensors"):
            wrong = _safetensors_damage(folder / name, sizes[name])
            if wrong:
                return f"{name}: {wrong}"
    return None


def _safetensors_damage(path: Path, size: int) -> str | None:
    """What is wrong with a safetensors file's header, given its ``size``: its tensors'
    data must end where the file does."""
    try:
        with open(path, "rb") as fh:
            (length,) = struct.unpack("<Q", fh.read(8))
            if length > size - 8:
                return "its header runs past its end"
            header = json.loads(fh.read(length))
        ends = [int(t["data_offsets"][1]) for k, t in header.items() if k != "__metadata__"]
    except (OSError, ValueError, struct.error, KeyError, TypeError, IndexError) as exc:
        return f"its header cannot be read ({type(exc).__name__})"
    data = size - 8 - length
    if max(ends, default=0) != data:
        return f"it holds {data:,} bytes of tensors, its header {max(ends, default=0):,}"
    return None
