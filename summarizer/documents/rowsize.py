"""Rows over the bound of one input (:data:`summarizer.textio.read.MAX_FILE_BYTES`, a
file's and a JSONL line's: 512 MiB), in Parquet files and Arrow tables: one home for
``batch``'s Parquet shards and the Hugging Face readers' local Parquet files.

A row is known to be over the bound before it is read where the file's footer says so: a
row group of one row is that row, and the footer gives its uncompressed bytes. A row in a
group of many has no size of its own in the footer (nor in its column chunks' statistics,
which give the least and greatest value, not the longest); it is measured once read into
Arrow, before its Python record (a second copy of its text) is made.
"""

from __future__ import annotations

from typing import Any

from summarizer.textio import read


def over_by_footer(metadata: Any) -> dict[int, int]:
    """{row group: its uncompressed bytes} for each row group of ``metadata`` (a Parquet
    file's footer) that is one row over the bound: that row, known without reading it."""
    bound = read.MAX_FILE_BYTES
    return {i: group.total_byte_size for i in range(metadata.num_row_groups)
            if (group := metadata.row_group(i)).num_rows == 1 and group.total_byte_size > bound}


def over_in_arrow(rows: Any) -> dict[int, int]:
    """{row: its bytes} for each row of the Arrow batch or table ``rows`` over the bound
    (the bytes of its values as Arrow holds them: a text's UTF-8 and its offsets)."""
    bound = read.MAX_FILE_BYTES
    if rows.nbytes <= bound:
        return {}
    return {i: size for i in range(rows.num_rows) if (size := _row_bytes(rows.slice(i, 1))) > bound}


def _row_bytes(row: Any) -> int:
    """A one-row slice's bytes; a dictionary column's by the row's own value: the slice
    shares its column's whole dictionary (every row of a group whose distinct texts passed
    the bound was over it)."""
    import pyarrow as pa

    return sum((col.cast(col.type.value_type) if pa.types.is_dictionary(col.type) else col).nbytes
               for col in row.columns)


def row_too_large(size: int, how: str) -> str:
    """What is said of a row of ``size`` bytes over the bound (``how`` they were counted)."""
    bound = read.amount(read.MAX_FILE_BYTES)
    return f"row is {size:,} bytes {how}, over {bound}; rows over {bound} are refused"
