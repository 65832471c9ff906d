"""Device, seed and hub-reachability helpers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import numpy as np
import pytest

from summarizer import runtime
from summarizer.errors import ModelNotFoundError


def test_pick_device_auto_is_a_real_device() -> None:
    assert runtime.pick_device("auto") in {"cuda", "mps", "cpu"}
    assert runtime.pick_device("cpu") == "cpu"


def test_hub_unreachable_on_a_closed_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub import constants

    with socket.socket() as s:  # a port nobody listens on: bind, then close
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(constants, "ENDPOINT", f"http://127.0.0.1:{port}")
    assert runtime.hub_reachable(timeout=1.0) is False


def test_hub_reachable_on_a_listening_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub import constants

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        monkeypatch.setattr(constants, "ENDPOINT", f"http://127.0.0.1:{server.getsockname()[1]}")
        assert runtime.hub_reachable(timeout=1.0) is True


def test_unknown_model_without_hub_fails_fast(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from summarizer.summarizers.abstractive import loading

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty cache
    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: False)
    start = time.perf_counter()
    with pytest.raises(ModelNotFoundError, match="hub is unreachable"):
        loading.load_model("no-such-org/no-such-model")
    assert time.perf_counter() - start < 20  # no minute of HTTP retries


@pytest.mark.parametrize("env, reachable, allow, reason", [
    ({}, True, None, None),
    ({}, False, None, "the hub is unreachable"),
    ({"HF_HUB_OFFLINE": "1"}, True, None, "offline mode is on (HF_HUB_OFFLINE=1)"),
    ({"TRANSFORMERS_OFFLINE": "true"}, True, None, "offline mode is on (TRANSFORMERS_OFFLINE=1)"),
    ({"HF_HUB_OFFLINE": "1"}, False, True, None),  # the caller's word wins
    ({}, True, False, "downloading is off"),
])
def test_one_reason_why_a_model_cannot_be_fetched(monkeypatch: pytest.MonkeyPatch, tmp_path,
                                                 env, reachable, allow, reason) -> None:
    # Encoders and abstractive models word it alike: both ask runtime.download_blocked.
    from summarizer.summarizers import embed
    from summarizer.summarizers.abstractive import loading

    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setenv("HF_HOME", str(tmp_path))  # an empty cache
    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: reachable)
    assert runtime.download_blocked(allow) == reason
    name = "no-such-org/no-such-model-xyz"
    if reason is None:
        assert embed.resolve_model(name, allow_download=allow) == name
        return
    with pytest.raises(ModelNotFoundError) as err:
        embed.resolve_model(name, allow_download=allow)
    assert f"and {reason};" in str(err.value) and "\n" not in str(err.value)
    if allow is None:  # abstractive models follow the environment only
        with pytest.raises(ModelNotFoundError) as err:
            loading.load_model(name)
        assert f"and {reason}." in str(err.value) and f"hf download {name}" in str(err.value)


def test_quiet_model_loading_restores_the_users_setting() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.enable_progress_bar()
    with runtime.quiet_model_loading():
        assert not hf_logging.is_progress_bar_enabled()
    assert hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    with runtime.quiet_model_loading():
        pass
    assert not hf_logging.is_progress_bar_enabled()
    hf_logging.enable_progress_bar()


@pytest.mark.parametrize("user", ["hub off", "hub group off", "transformers off, hub on"])
def test_quiet_model_loading_gives_huggingface_hub_its_own_setting_back(user, monkeypatch):
    # transformers' switch is the hub's global one too: a user's hub bars turned off came
    # back on after a model loaded (and a group's setting was wiped), or the other way round
    import importlib
    import warnings

    from huggingface_hub.utils import disable_progress_bars, enable_progress_bars
    from transformers.utils import logging as hf_logging

    hub = importlib.import_module("huggingface_hub.utils.tqdm")
    monkeypatch.setattr(hub, "progress_bar_states", hub.progress_bar_states)  # put back after
    enable_progress_bars()
    hf_logging.enable_progress_bar()
    if user == "hub off":
        disable_progress_bars()
    elif user == "hub group off":
        disable_progress_bars("huggingface_hub.http_get")
    else:
        hf_logging.disable_progress_bar()
        enable_progress_bars()
    before = (dict(hub.progress_bar_states), hf_logging.is_progress_bar_enabled())
    for block in (runtime.quiet_model_loading, runtime.progress_bars_off):
        with block():
            assert not hf_logging.is_progress_bar_enabled()
        assert (dict(hub.progress_bar_states), hf_logging.is_progress_bar_enabled()) == before
    enable_progress_bars()
    hf_logging.enable_progress_bar()
    # where the environment fixes the hub's bars, its "Cannot disable progress bars" warning
    # was said on every model load (a line on the CLI's stderr): the setting is the user's
    monkeypatch.setattr(hub, "HF_HUB_DISABLE_PROGRESS_BARS", False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with runtime.quiet_model_loading():
            pass
    assert hf_logging.is_progress_bar_enabled()


def test_seeded_gives_the_callers_generators_back() -> None:
    # beam sampling draws inside seeded(): Python's and NumPy's generators were left at the
    # library's seed after it, whatever the caller had seeded
    import random

    import torch

    random.seed(7)
    np.random.seed(7)
    torch.manual_seed(7)
    expected = (random.random(), np.random.rand(), torch.rand(1).item())
    random.seed(7)
    np.random.seed(7)
    torch.manual_seed(7)
    with runtime.seeded(1234):
        inside = (random.random(), np.random.rand(), torch.rand(1).item())
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == expected
    with runtime.seeded(1234):  # the block itself still draws from the seed alone
        assert (random.random(), np.random.rand(), torch.rand(1).item()) == inside


def _out_of_order(block):
    """Two threads in ``block`` that end out of order: A in, B in, A out, B out. What
    ``probe`` reads inside B after A has left, and after both."""
    import threading

    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()

    def a() -> None:
        with block():
            a_in.set()
            b_in.wait(10)
        a_out.set()

    def b() -> None:
        a_in.wait(10)
        with block():
            b_in.set()
            a_out.wait(10)

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_holds_of_two_threads_give_the_process_its_setting_back() -> None:
    # each hold put back what it found: B found A's value and left it for good (BLAS at 1
    # thread after two summarize_dataset jobs, logging at ERROR after two model loads).
    # The setting is a plain value here: OpenBLAS itself now and then ignores a thread
    # count set from a thread that another has just set (0.3.31, without this package)
    from transformers.utils import logging as hf_logging

    value = ["own"]
    setting = runtime.ProcessSetting()

    def hold(v: str):
        def apply():
            found = value[0]
            value[0] = v
            return lambda: value.__setitem__(0, found)
        return setting.held(apply)

    _out_of_order(lambda: hold("held"))
    assert value == ["own"]
    with hold("outer"):  # nested: the outer block's value comes back after the inner
        with hold("inner"):
            assert value == ["inner"]
        assert value == ["outer"]
    assert value == ["own"]
    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_warning()
    try:
        _out_of_order(runtime.quiet_model_loading)
        assert hf_logging.get_verbosity() == hf_logging.WARNING
        assert hf_logging.is_progress_bar_enabled()
    finally:
        hf_logging.set_verbosity(level)


def test_nested_blas_holds_give_the_outer_its_threads_back() -> None:
    import threadpoolctl

    def blas() -> set[int]:
        return {i["num_threads"] for i in threadpoolctl.threadpool_info()
                if i["user_api"] == "blas"}

    with threadpoolctl.threadpool_limits(limits=3, user_api="blas"):
        if blas() != {3}:
            pytest.skip("no BLAS library that takes 3 threads here")
        with runtime.blas_threads(2):
            with runtime.blas_threads(1):
                assert blas() == {1}
            assert blas() == {2}  # it stayed at 1 for the rest of the outer block
        assert blas() == {3}


def test_set_seed_never_imports_torch_but_seeds_it_once_imported() -> None:
    import subprocess
    import sys

    # The static default and Ray actors never need torch: seeding must not load it (~1 s).
    code = ("import sys; from summarizer.runtime import set_seed; set_seed(7); "
            "from summarizer.evaluation.run import fresh_state; fresh_state(7); "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
    import torch

    runtime.set_seed(11)
    first = torch.rand(3)
    runtime.set_seed(11)
    assert torch.equal(first, torch.rand(3))
    runtime.set_seed(12)
    assert not torch.equal(first, torch.rand(3))


def test_the_cache_folder_given_with_a_tilde_is_in_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SUMMARIZER_CACHE", "~/summarizer-cache")
    assert runtime.cache_root() == tmp_path / "summarizer-cache"
    monkeypatch.delenv("SUMMARIZER_CACHE")
    assert runtime.cache_root() == tmp_path / ".cache" / "summarizer"


def test_seeded_is_reentrant_and_an_interrupt_inside_releases_it() -> None:
    import random
    import threading

    with runtime.seeded(3), runtime.seeded(4):  # the same thread seeding again: no deadlock
        runtime.set_seed(5)
        first = random.random()
    with pytest.raises(KeyboardInterrupt), runtime.seeded(5):
        raise KeyboardInterrupt  # Ctrl-C while sampling
    other = threading.Thread(target=runtime.set_seed, args=(5,), daemon=True)
    other.start()
    other.join(timeout=10)
    assert not other.is_alive()  # the lock was released
    with runtime.seeded(5):
        assert random.random() == first


@pytest.mark.parametrize("env, reachable, reason", [
    ({}, True, None),
    ({}, False, "the hub is unreachable"),
    ({"HF_DATASETS_OFFLINE": "1"}, True, "offline mode is on (HF_DATASETS_OFFLINE=1)"),
    ({"HF_HUB_OFFLINE": "true"}, True, "offline mode is on (HF_HUB_OFFLINE=1)"),
    ({"TRANSFORMERS_OFFLINE": "1"}, True, None),  # transformers' switch, not datasets'
])
def test_a_data_set_is_blocked_and_worded_as_a_model_is(monkeypatch: pytest.MonkeyPatch,
                                                        env, reachable, reason) -> None:
    # hf.py worded its own reason ("offline mode is on (HF_DATASETS_OFFLINE/HF_HUB_OFFLINE)
    # or the hub is unreachable"), beside download_blocked's for encoders and models
    from summarizer.documents import hf
    from summarizer.errors import DatasetNotFoundError

    for var in ("HF_DATASETS_OFFLINE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(runtime, "hub_reachable", lambda timeout=3.0: reachable)
    assert runtime.download_blocked(dataset=True) == reason
    if reason is None:
        return
    start = time.perf_counter()
    with pytest.raises(DatasetNotFoundError) as err:  # set after datasets' import: followed
        hf.load_hf_dataset("no-such-org/no-such-dataset-xyz")
    assert f": {reason}, and it is not in the local cache." in str(err.value)
    assert time.perf_counter() - start < 15  # from the cache at once, no HTTP retries


def test_freed_heap_pages_go_back_to_the_system():
    """Strings over 512 bytes live in the C heap; freed below one that lives on, their
    pages stay resident until release_freed_memory (glibc's malloc_trim) gives them back."""
    code = (
        "import re\n"
        "from summarizer.runtime import release_freed_memory\n"
        "def rss(): return int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read())[1])\n"
        "lines = [str(i).rjust(1000, 'x') for i in range(60000)]\n"
        "pin = str(7).rjust(1000, 'p')  # made after them, not a constant\n"
        "del lines\n"
        "before = rss()\n"
        "ok = release_freed_memory()\n"
        "print(ok, before - rss())\n"
    )
    if not os.path.exists("/proc/self/status"):
        pytest.skip("no /proc here to read the resident size from")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    if out[0] == "False":
        pytest.skip("this C library has no malloc_trim")
    assert int(out[1]) > 30_000, out  # KB: most of the 60 MB freed


def test_set_seed_leaves_the_environment_of_later_processes_alone(monkeypatch) -> None:
    # PYTHONHASHSEED set here would fix the hash seed of every process the user starts later
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    from summarizer.runtime import set_seed

    before = dict(os.environ)
    set_seed(7)
    assert dict(os.environ) == before


_LIBRARY = '''
def one_line(flag=True):
    if flag: raise ValueError("Unrecognized model in this folder")


def spread():
    raise KeyError(
        "no such model type"
    )


def an_operation():
    return int("a")
'''


def _raise(call) -> BaseException:
    try:
        call()
    except Exception as exc:  # the error under test
        return exc
    raise AssertionError("nothing raised")


@pytest.mark.parametrize("sourceless", [False, True])
def test_a_raise_statement_of_a_library_is_told_from_an_operation(tmp_path, monkeypatch,
                                                                  sourceless) -> None:
    """The raise is read from the bytecode, so a one-line ``if ...: raise``, a raise spread
    over lines and a library installed without its sources (.pyc only) all count, and
    Python's own error from an operation does not."""
    import importlib
    import py_compile

    source = tmp_path / "fake_library.py"
    source.write_text(_LIBRARY, encoding="utf-8")
    if sourceless:  # a .pyc beside where the .py was, the .py gone
        py_compile.compile(str(source), cfile=str(tmp_path / "fake_library.pyc"))
        source.unlink()
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "fake_library", raising=False)
    library = importlib.import_module("fake_library")
    assert runtime._raised_by_a_library(_raise(library.one_line))
    assert runtime._raised_by_a_library(_raise(library.spread))
    assert not runtime._raised_by_a_library(_raise(library.an_operation))
    assert not runtime._raised_by_a_library(_raise(lambda: {}["key"]))  # a missing key


@pytest.mark.parametrize(("value", "shown"), [(None, True), ("", True), ("1", True),
                                              ("On", True), (" yes ", True), ("0", False),
                                              ("false", False), ("off", False),
                                              ("disable", False)])
def test_summarizer_progress_is_read_as_every_switch(monkeypatch, value, shown):
    # progress.py read it its own way: anything but 0/false/no/off was on
    # (SUMMARIZER_PROGRESS=disable drew the bars); now runtime.env_flag, default on
    from summarizer import progress
    from summarizer.progress import stage
    from summarizer.runtime import env_flag

    monkeypatch.setattr(progress, "watched", lambda: True)  # stderr a terminal
    if value is None:
        monkeypatch.delenv("SUMMARIZER_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("SUMMARIZER_PROGRESS", value)
    items = range(10)
    assert (stage(items, "test", min_items=1) is not items) is shown
    assert env_flag("SUMMARIZER_PROGRESS", default=True) is shown
    # the one decision of every bar (evaluate's, batch's, rouge's, generation's): a bar
    # asked for is drawn only where the switch allows it, one not asked for never
    from summarizer.progress import shown as decided

    assert decided(True) is shown and decided(False) is False
