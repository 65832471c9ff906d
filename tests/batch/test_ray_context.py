"""run_ray's use of Ray Data's process-wide context, without starting Ray: the context's
first making warns of Ray Data's own deprecated fields (under -W error the job ended with
an internal error, exit 70), and its progress bars were left off for the host."""

from __future__ import annotations

import warnings

import pytest

from summarizer.batch import engine

ray_data = pytest.importorskip("ray.data", reason="the ray extra is not installed")


def test_run_ray_makes_the_context_quietly_and_gives_its_bars_back(monkeypatch):
    import ray
    import ray.data.context as context

    monkeypatch.setattr(context, "_default_context", None)  # made afresh, as in a new process
    monkeypatch.setattr(engine, "init_ray", lambda *args, **kwargs: ray)
    seen = []

    def segment(ray, task, packs, num_workers, num_gpus):
        seen.append(ray_data.DataContext.get_current().enable_progress_bars)
        packs.clear()
        yield ["done"]

    monkeypatch.setattr(engine, "_run_segment", segment)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = list(engine.run_ray(object(), [[1], [2]], num_workers=1))
    assert out == [["done"]] and seen == [False]  # off while the job runs ...
    assert ray_data.DataContext.get_current().enable_progress_bars is True  # ... then back


def test_a_job_stopped_part_way_gives_the_bars_back(monkeypatch):
    import ray

    monkeypatch.setattr(engine, "init_ray", lambda *args, **kwargs: ray)
    monkeypatch.setattr(engine, "SEGMENT_PACKS", 1)

    def segment(ray, task, packs, num_workers, num_gpus):
        packs.clear()
        yield ["pack"]

    monkeypatch.setattr(engine, "_run_segment", segment)
    ctx = ray_data.DataContext.get_current()
    ctx.enable_progress_bars = True
    job = engine.run_ray(object(), [[1], [2], [3]], num_workers=1)
    assert next(job) == ["pack"] and ctx.enable_progress_bars is False
    job.close()
    assert ctx.enable_progress_bars is True


def test_overlapping_jobs_keep_the_bars_off_until_the_last_ends(monkeypatch):
    # the context is the process's: the first job to end gave the bars back while the
    # other still ran, and the last left them off for good
    import ray

    monkeypatch.setattr(engine, "init_ray", lambda *args, **kwargs: ray)
    monkeypatch.setattr(engine, "SEGMENT_PACKS", 1)
    seen = []

    def segment(ray, task, packs, num_workers, num_gpus):
        packs.clear()
        seen.append(ray_data.DataContext.get_current().enable_progress_bars)
        yield ["pack"]

    monkeypatch.setattr(engine, "_run_segment", segment)
    ctx = ray_data.DataContext.get_current()
    ctx.enable_progress_bars = True
    a = engine.run_ray(object(), [[1]], num_workers=1)
    b = engine.run_ray(object(), [[1], [2], [3]], num_workers=1)
    next(a)
    next(b)
    list(a)
    assert ctx.enable_progress_bars is False  # b still runs
    list(b)
    assert seen == [False] * 4 and ctx.enable_progress_bars is True
