"""Arrow cells that have no Python value, named by their field: one home for ``batch``'s
Parquet rows and the Hugging Face readers' rows (both are Arrow tables underneath).

A writer that does not check its text (bytes stored as a string column) leaves bytes that
are not UTF-8, and a date or time past Python's range (a timestamp past year 9999, an int64
sentinel) or a time zone no one knows has no Python value: pyarrow raises
UnicodeDecodeError, OverflowError or ArrowInvalid converting the row.
"""

from __future__ import annotations

from typing import Any

from summarizer.errors import value_repr

# what pyarrow raises for a value it cannot give Python (MemoryError is none of them)
NO_PYTHON_VALUE = (ValueError, OverflowError)  # UnicodeDecodeError, ArrowInvalid: ValueErrors


def cell_problem(row: Any, exc: Exception) -> str:
    """Why a one-row Arrow batch or table ``row`` has no Python record (``exc``), naming
    its field and the field's Arrow type."""
    bad = next(((name, column.type) for name, column in zip(row.schema.names, row.columns,
                                                            strict=True)
                if not converts(column)), (None, None))
    if isinstance(exc, UnicodeDecodeError):
        return (f"field {value_repr(bad[0])} holds bytes that are not UTF-8 text "
                f"({exc.object[exc.start:exc.start + 1]!r} at byte {exc.start})")
    zone = unknown_zone(bad[1]) if bad[1] is not None else None
    if zone is not None:  # pyarrow says 'zoneinfo or pytz must be installed': both are
        return (f"field {value_repr(bad[0])} holds a {bad[1]} value in time zone "
                f"{value_repr(zone)}, which this machine's time zone database does not know")
    said = " ".join(str(exc).split())
    return f"field {value_repr(bad[0])} holds a {bad[1]} value Python cannot hold ({said})"


def unknown_zone(kind: Any) -> str | None:
    """The first time zone in Arrow type ``kind`` (or its fields, as a list of structs')
    that has no Python value on this machine, else None."""
    import pyarrow as pa

    if pa.types.is_timestamp(kind):
        if kind.tz is None:
            return None
        try:
            pa.array([0], pa.timestamp("s", tz=kind.tz)).to_pylist()
        except NO_PYTHON_VALUE:
            return str(kind.tz)
        return None
    for i in range(kind.num_fields):
        zone = unknown_zone(kind.field(i).type)
        if zone is not None:
            return zone
    return None


def converts(column: Any) -> bool:
    """Whether every value of Arrow ``column`` has a Python value."""
    try:
        column.to_pylist()
    except NO_PYTHON_VALUE:
        return False
    return True
