"""A run folder on disk: ``run.json`` (settings) and ``results.jsonl`` (one line per cluster).

Results are appended, flushed and fsynced one cluster at a time, so a run that
is interrupted in any way loses at most the cluster in flight. A torn last
line (a write cut short by a kill) is dropped when the folder is reopened.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, RunMismatchError

RUN_FILE = "run.json"
RESULTS_FILE = "results.jsonl"


def _diff(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Human-readable paths where two settings trees differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new)):
            out += _diff(old.get(key), new.get(key), f"{prefix}{key}.")
        return out
    if old != new:
        return [f"{prefix.rstrip('.')}: {old!r} -> {new!r}"]
    return []


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that a reader never sees a half-written file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False, sort_keys=False)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class RunStore:
    """The files of one run; ``open`` checks settings before anything is written."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.run_file = self.folder / RUN_FILE
        self.results_file = self.folder / RESULTS_FILE

    # -------------------------------------------------------------- settings
    def read_run(self) -> dict[str, Any] | None:
        if not self.run_file.exists():
            return None
        try:
            return json.loads(self.run_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{self.run_file}: not valid JSON ({exc.msg})") from None

    def open(self, settings: dict[str, Any], info: dict[str, Any]) -> None:
        """Create the folder, or check that it holds a run with the same settings."""
        settings = json.loads(json.dumps(settings))  # compare as stored (tuples -> lists)
        existing = self.read_run()
        if existing is not None:
            diffs = _diff(existing.get("settings"), settings)
            if diffs and all(d.startswith("code_fingerprint:") for d in diffs):
                raise RunMismatchError(
                    f"{self.folder} holds a run made with other code of the summarizer package "
                    "(it was upgraded or edited since); its summaries would not match: use "
                    "another --out folder, or delete this one to start over"
                )
            if diffs:
                shown = "; ".join(diffs[:4]) + (f"; ... ({len(diffs)} in all)" if len(diffs) > 4 else "")
                raise RunMismatchError(
                    f"{self.folder} holds a run with different settings ({shown}); "
                    "use another --out folder, or delete this one to start over"
                )
            return
        if self.results_file.exists() and self.results_file.stat().st_size:
            raise RunMismatchError(
                f"{self.folder} has {RESULTS_FILE} but no {RUN_FILE}; refusing to mix runs"
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        write_json_atomic(self.run_file, {"settings": settings, "info": info})

    # --------------------------------------------------------------- results
    def read_results(self, repair: bool = True) -> list[dict[str, Any]]:
        """Completed cluster results; a torn last line is dropped (and cut off when ``repair``)."""
        if not self.results_file.exists():
            return []
        data = self.results_file.read_bytes()
        results: list[dict[str, Any]] = []
        good_end = start = 0
        while start < len(data):
            nl = data.find(b"\n", start)
            if nl == -1:  # no newline: the write was cut short, the cluster is redone
                break
            raw = data[start:nl]
            if raw.strip():
                try:
                    results.append(json.loads(raw))
                except (json.JSONDecodeError, UnicodeDecodeError):
                    if data[nl + 1 :].strip():
                        line_no = data.count(b"\n", 0, start) + 1
                        raise InputError(
                            f"{self.results_file}: line {line_no} is corrupt and not the last "
                            "line; the run folder was edited or damaged"
                        ) from None
                    break
            start = good_end = nl + 1
        if repair and good_end < len(data):
            with open(self.results_file, "r+b") as fh:
                fh.truncate(good_end)
        return results

    def append(self, result: dict[str, Any]) -> None:
        """Append one cluster's result durably (flush + fsync)."""
        line = json.dumps(result, ensure_ascii=False) + "\n"
        with open(self.results_file, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
