"""Reading a small fitted model stored as JSON (coverage's learned concept weights, dpp's
learned quality): the file read under a size bound, parsed as JSON only (nothing in it is
executed), its format, version and feature names checked, each failure an
:class:`~summarizer.errors.InputError` naming the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.errors import InputError, OptionError, value_repr
from summarizer.textio import expand_home, json_of_utf8, json_problem, read_bytes
from summarizer.values import finite, integer

MAX_MODEL_BYTES = 1 << 20  # a model is under 2 KB: a larger file is not one, nor read whole


def read_model(path: str | Path | None, packaged: Path, option: str, kind: str, what: str
               ) -> tuple[bytes, str]:
    """The bytes of the model file at ``path`` (the ``packaged`` one for None) and where
    they came from (``"packaged"`` or the path). ``option`` names the option that gave
    ``path``, ``kind`` the kind of file (``"coefficients file"``) and ``what`` the model
    (``"concept model"``) in the errors. A file that cannot be read (missing, a folder, a
    pipe or device, which read whole would hang or fill the memory) or is over
    :data:`MAX_MODEL_BYTES` is an :class:`InputError`."""
    if path is None:
        return packaged.read_bytes(), "packaged"
    if not str(path).strip():  # Path("") is the current folder: "is a folder" said nothing
        raise OptionError(f"{option} is empty: name a {kind}, or give None for the packaged "
                          "one")
    try:
        # '~/m.json' from the API, sh or a JSON-quoted --option, as an encoder's path is
        return read_bytes(expand_home(path), limit=MAX_MODEL_BYTES), str(path)
    except InputError as exc:
        raise InputError(f"cannot read the {what}: {exc}") from None


def model_json(raw: bytes, where: str, fmt: str, kind: str, what: str,
               names: Sequence[str]) -> dict[str, Any]:
    """The JSON object of a model file's bytes, checked to be format ``fmt`` version 1 with
    ``features`` a list of distinct names among ``names``; an :class:`InputError` naming
    ``where`` otherwise (``kind`` and ``what`` as for :func:`read_model`)."""
    try:
        data = json_of_utf8(raw, where)  # a key given twice with two values: refused
    except (ValueError, RecursionError) as exc:  # also json's limits: digits, nesting
        raise InputError(f"{where}: not a JSON {kind} ({json_problem(exc)})") from None
    # integer(): "version": true was version 1 (a bool is an int that equals 1), 1.0 too
    if (not isinstance(data, dict) or data.get("format") != fmt
            or integer(data.get("version")) != 1):
        raise InputError(f"{where}: not a {what} (expected format {value_repr(fmt)}, "
                         "version 1)")
    features = data.get("features")
    if (not isinstance(features, list) or not features
            or not all(isinstance(f, str) and f in names for f in features)
            or len(set(features)) != len(features)):
        raise InputError(f"{where}: 'features' must be distinct names among {', '.join(names)}")
    return data


def numbers(data: dict[str, Any], key: str, length: int, where: str) -> np.ndarray:
    """``data[key]`` as an array, checked to be a list of ``length`` finite numbers; an :class:`InputError` naming ``where`` otherwise."""
    got = data.get(key)
    if (not isinstance(got, list) or len(got) != length
            or not all(isinstance(x, int | float) and finite(x) for x in got)):
        raise InputError(f"{where}: '{key}' must be a list of {length} finite numbers")
    return np.array(got, dtype=float)
