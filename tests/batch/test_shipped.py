"""engine.shipped: what Ray would send to its workers, or an UnpicklableError naming the part
that cannot be pickled (Ray is imported, not started; test_batch_ray.py runs the jobs)."""

from __future__ import annotations

import threading

import pytest

from summarizer.errors import OptionError, UnpicklableError

pytest.importorskip("ray.cloudpickle", reason="the ray extra is not installed")


class _Store:
    def __init__(self, path: str) -> None:
        # held open for writing, as a user's log may be (cloudpickle reads one open for reading)
        self.fh = open(path, "a", encoding="utf-8")  # noqa: SIM115


class _Holder:
    def __init__(self, path: str) -> None:
        self.size = 3
        self.store = _Store(path)


class _Refuses:
    def __reduce__(self):
        raise RuntimeError("no copies of this one")


def test_the_part_that_cannot_be_pickled_is_named_however_deep(tmp_path):
    from summarizer.batch.engine import PICKLE_HINT, shipped

    holder = _Holder(str(tmp_path / "f"))
    with pytest.raises(UnpicklableError) as caught:
        shipped(holder, "the summariser _Holder")
    holder.store.fh.close()
    assert str(caught.value).startswith("the summariser _Holder cannot be sent to the Ray "
                                        "workers (engine='ray', --engine ray): its attribute "
                                        "'store.fh' cannot be pickled (Cannot pickle files "
                                        "that are not opened for reading: a)")
    assert str(caught.value).endswith(f"; {PICKLE_HINT}") and "\n" not in str(caught.value)
    assert isinstance(caught.value, OptionError)  # the caller's value: exit 2
    with pytest.raises(UnpicklableError, match=r": it cannot be pickled \(no copies of this one\)"):
        shipped(_Refuses(), "the summariser _Refuses")
    lock = threading.Lock()
    with pytest.raises(UnpicklableError, match=r": it cannot be pickled \(cannot pickle"):
        shipped(lock, "the lock")
    assert shipped({"a": 1}, "a dict")  # one that can be: its bytes
