"""Messages that cut a long text (an error's reason, a file name) say so: errors.shortened's
rule, its start, end and length, where a slice cut it at 300 or 80 characters silently or a
name was written whole."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from summarizer.errors import OutputExistsError, shortened

_REASON = "model weights missing: " + "w" * 400 + " on this node"


def _said_shortened(said: str, text: str) -> None:
    assert text not in said and shortened(text) in said, said
    assert f"({len(text):,} characters)" in said, said


class _Broken:
    def setup(self):
        raise RuntimeError(_REASON)


def test_a_ray_worker_setup_failure_is_shortened_not_cut(monkeypatch):
    # the reason was cut at 300 characters, its end (often what is wrong) lost unsaid
    import pickle

    from summarizer.batch import engine

    monkeypatch.setattr(engine, "limit_threads", lambda n: None)  # not this process's
    monkeypatch.setenv("SUMMARIZER_PROGRESS", "1")  # the worker sets it to 0
    worker = engine._PackWorker(pickle.dumps(_Broken()))  # the task as the driver sends it
    assert worker.failed is not None and worker.failed.error is None  # a bug's kind: one line
    _said_shortened(worker.failed.reason, f"RuntimeError: {_REASON}")
    assert worker.failed.reason.endswith(f"on this node ({len(_REASON) + 14:,} characters)")


def test_a_failed_ray_job_names_its_cause_shortened_not_cut():
    import ray.cloudpickle
    import ray.exceptions

    from summarizer.batch import engine

    class Failing:
        def map_batches(self, *args, **kwargs):
            return self

        def iterator(self):
            raise ray.exceptions.RayError(f"Traceback ...\nValueError: {_REASON}")

    def no_actor(name):
        raise ValueError(name)

    fake = SimpleNamespace(exceptions=ray.exceptions, kill=None, get_actor=no_actor,
                           cloudpickle=ray.cloudpickle,
                           data=SimpleNamespace(from_items=lambda *a, **k: Failing(),
                                                ActorPoolStrategy=lambda **k: None))
    with pytest.raises(engine.EngineError) as caught:
        list(engine._run_packs(fake, object(), [[1]], 1, 0))
    said = str(caught.value)
    assert said.startswith("the Ray job failed: ValueError: model weights missing"), said
    _said_shortened(said, f"ValueError: {_REASON}")


def test_a_json_problem_of_another_kind_is_shortened_not_cut():
    from summarizer.textio import json_problem

    said = json_problem(ValueError(_REASON))
    assert said == shortened(_REASON) and said.endswith(f"({len(_REASON):,} characters)")


def test_foreign_files_in_an_output_folder_are_named_shortened(tmp_path):
    # three names of up to 255 bytes each were written whole in the one-line refusal
    from summarizer.folders import refuse_foreign

    long = "f" * 250
    (tmp_path / long).write_text("the user's")
    (tmp_path / "notes.txt").write_text("the user's")
    with pytest.raises(OutputExistsError) as caught:
        refuse_foreign(tmp_path, ("run.json",), "a run of summarizer evaluate")
    said = str(caught.value)
    _said_shortened(said, long)
    assert f"({shortened(long)}, notes.txt)" in said, said
    assert (tmp_path / long).read_text() == "the user's"
