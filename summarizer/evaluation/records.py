"""Record-shaped data sets (JSONL lines, Hugging Face rows) -> clusters.

One record is one cluster: its documents, its reference summaries and an id.
Field names are configurable; by default the common names are tried.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from summarizer.documents.model import Cluster, Document
from summarizer.errors import InputError

TEXT_FIELDS = ("documents", "document", "articles", "article", "text", "source")
SUMMARY_FIELDS = ("references", "summaries", "summary", "reference", "highlights", "target")
ID_FIELDS = ("id", "cluster_id", "topic_id")

# name -> (dataset, config, text field, summary field, document separator)
HF_PRESETS: dict[str, dict[str, Any]] = {
    "multi_news": {"path": "multi_news", "config": None, "text": "document",
                   "summary": "summary", "separator": "|||||", "split": "test"},
    "cnn_dailymail": {"path": "cnn_dailymail", "config": "3.0.0", "text": "article",
                      "summary": "highlights", "separator": None, "split": "test"},
    "xsum": {"path": "xsum", "config": None, "text": "document", "summary": "summary",
             "separator": None, "split": "test"},
}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a JSONL file (``.gz`` allowed), one per line."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{n}: each line must be a JSON object")
            obj.setdefault("__line__", n)
            yield obj


def _pick(record: dict, given: str | None, candidates: Iterable[str], what: str, where: str):
    if given:
        if given not in record:
            raise InputError(f"{where}: no field {given!r} ({what}); fields: {', '.join(record)}")
        return record[given]
    for name in candidates:
        if name in record:
            return record[name]
    raise InputError(
        f"{where}: no {what} field (tried {', '.join(candidates)}); name it with "
        f"--{'text' if what == 'documents' else 'summary'}-field"
    )


def _as_texts(value: Any, separator: str | None) -> list[str]:
    if isinstance(value, str):
        parts = value.split(separator) if separator else [value]
    elif isinstance(value, list):
        parts = [v.get("text", "") if isinstance(v, dict) else str(v) for v in value]
    elif isinstance(value, dict) and "text" in value:  # e.g. {"text": [...], "title": [...]}
        return _as_texts(value["text"], separator)
    else:
        parts = [str(value)]
    return [p.strip() for p in parts if p and p.strip()]


def record_to_cluster(record: dict[str, Any], opts: Any, index: int, where: str) -> Cluster:
    """Build one Cluster from one record, using ``opts`` field names."""
    docs = _as_texts(_pick(record, opts.text_field, TEXT_FIELDS, "documents", where),
                     opts.separator)
    refs = _as_texts(_pick(record, opts.summary_field, SUMMARY_FIELDS, "summary", where), None)
    if opts.id_field:
        cid = str(_pick(record, opts.id_field, (), "id", where))
    else:
        cid = next((str(record[f]) for f in ID_FIELDS if f in record), f"{index:06d}")
    if not docs:
        raise InputError(f"{where}: cluster {cid!r} has no document text")
    language = opts.language
    return Cluster(
        documents=[Document(text=t, id=f"{cid}-{i}", language=language) for i, t in enumerate(docs)],
        id=cid,
        references=refs,
        language=language,
    )


def clusters_from_records(records: Iterable[dict[str, Any]], opts: Any, origin: str) -> list[Cluster]:
    out = []
    for i, rec in enumerate(records):
        where = f"{origin}:{rec.pop('__line__', i + 1)}"
        out.append(record_to_cluster(rec, opts, i, where))
    return out


def load_hf_clusters(name: str, opts: Any) -> list[Cluster]:
    """A Hugging Face dataset (by name, preset or local path) as clusters."""
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise InputError("the 'datasets' package is needed for hf: data sets") from exc
    preset = HF_PRESETS.get(name, {})
    split = opts.split or preset.get("split", "test")
    local = Path(name)
    try:
        if local.is_dir() and any((local / f).exists() for f in ("dataset_info.json", "state.json", "dataset_dict.json")):
            ds = datasets.load_from_disk(str(local))
            if isinstance(ds, datasets.DatasetDict):
                ds = ds[split]
        else:
            ds = datasets.load_dataset(preset.get("path", name), preset.get("config"), split=split)
    except Exception as exc:  # the hub raises many types; all mean "cannot load"
        raise InputError(
            f"cannot load Hugging Face dataset {name!r} (split {split!r}): "
            f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} - the hub may be "
            "unreachable and the dataset not in the local cache; download it where the hub is "
            "reachable, or save it with Dataset.save_to_disk and pass hf:PATH"
        ) from None

    class _Opts:  # preset field names unless the user named them
        pass

    o = _Opts()
    o.text_field = opts.text_field or preset.get("text")
    o.summary_field = opts.summary_field or preset.get("summary")
    o.id_field = opts.id_field
    o.separator = opts.separator if opts.separator is not None else preset.get("separator")
    o.language = opts.language
    return clusters_from_records((dict(r) for r in ds), o, origin=f"hf:{name}[{split}]")
