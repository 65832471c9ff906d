"""engine._rows on a Ray Data whose iterator internals differ from 2.50-2.60's: the job's
prefetch thread cannot be stopped there, and a job that ends part-way says so instead of
leaving it silently. Ray's own layout is checked on the installed Ray in test_batch_ray.py."""

from __future__ import annotations

import warnings

import pytest

from summarizer.batch import engine

pytest.importorskip("ray", reason="the ray extra is not installed")  # its version is named


class _Prefetcher:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


class _Batches:
    """A batch iterator, with Ray 2.60's ``_prefetcher`` or without it."""

    def __init__(self, known: bool) -> None:
        if known:
            self._prefetcher = _Prefetcher()


class _Source:
    """A data iterator whose ``iter_rows`` makes its batch iterator through
    ``_create_batch_iterator`` where it has one, as Ray Data 2.50-2.60's does."""

    def __init__(self, rows: int, maker: bool, known: bool) -> None:
        self.n, self.known = rows, known
        if maker:
            self._create_batch_iterator = lambda: _Batches(self.known)

    def iter_rows(self):
        make = getattr(self, "_create_batch_iterator", None)
        self.batches = make() if make is not None else None
        for i in range(self.n):
            yield {"index": i}


class _Dataset:
    def __init__(self, source: _Source) -> None:
        self.source = source

    def iterator(self) -> _Source:
        return self.source


def _read(source: _Source, stop_after: int | None) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with engine._rows(_Dataset(source)) as rows:
            for i, row in enumerate(rows):
                assert row == {"index": i}
                if stop_after is not None and i + 1 == stop_after:
                    break
    return [w for w in caught if "prefetch thread" in str(w.message)]


@pytest.mark.parametrize("maker", [False, True], ids=["no maker", "no _prefetcher"])
def test_a_job_ended_part_way_on_an_unknown_ray_warns_that_a_thread_may_stay(maker):
    import ray

    said = _read(_Source(5, maker=maker, known=False), stop_after=2)
    assert len(said) == 1
    assert f"Ray Data {ray.__version__} " in str(said[0].message)
    assert "2.50-2.60" in str(said[0].message)
    # the rows ran out: Ray stopped its thread itself, nothing to say
    assert _read(_Source(5, maker=maker, known=False), stop_after=None) == []


def test_on_the_known_layout_a_job_ended_part_way_stops_the_prefetcher_and_says_nothing():
    source = _Source(5, maker=True, known=True)
    assert _read(source, stop_after=2) == []
    assert source.batches._prefetcher.stopped
