"""A JSON record's fields: checked types, worded as JSON names them, and where a record is."""

from __future__ import annotations

from typing import Any

from summarizer.errors import InputError, value_repr


def json_type(value: Any) -> str:
    """The JSON name of a value's type ("null", "boolean", "number", "string", "array",
    "object"), else its Python type's name."""
    if value is None:
        return "null"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "array",
            dict: "object"}.get(type(value), type(value).__name__)


def a_json_type(value: Any) -> str:
    """``json_type`` with its article: "a number", "an object", "null"."""
    return _with_article(json_type(value))


def _with_article(word: str) -> str:
    return word if word == "null" else ("an " if word[0] in "aeiou" else "a ") + word


def with_id(where: str, record: dict[str, Any], name: str | None) -> str:
    """``where`` (a file and line, a data set and row) naming the record's id too when it
    has one fit to be an id (``data.jsonl:4 (id 'c03')``): a cluster of 10,000 is found by
    its id as often as by its line. A blank one is none (``(id '')`` named nothing)."""
    cid = record.get(name) if name else None
    if isinstance(cid, (str, int)) and not isinstance(cid, bool) and str(cid).strip():
        return f"{where} (id {value_repr(str(cid))})"
    return where


def field(record: dict[str, Any], name: str | None, kinds: tuple[type, ...], where: str,
          default: Any = None) -> Any:
    """``record[name]`` checked to be one of ``kinds`` (None or absent gives ``default``).

    A value of another type is an :class:`InputError` such as
    ``data.jsonl:3: field 'language' must be a string, not a number``.
    """
    if not name or record.get(name) is None:
        return default
    value = record[name]
    if isinstance(value, bool) and bool not in kinds:
        ok = False
    else:
        ok = isinstance(value, kinds)
    if not ok:
        names = {int: "integer", type(None): "null"}
        want = " or ".join(dict.fromkeys(_with_article(names.get(k) or json_type(k()))
                                         for k in kinds))
        shown = f" ({value_repr(value)})" if isinstance(value, (int, float)) else ""
        raise InputError(f"{where}: field {value_repr(name)} must be {want}, "
                         f"not {a_json_type(value)}{shown}")
    return value
