"""A Ray worker whose packages or code differ from the driver's where they decide the output
is refused when it starts, with one line naming the difference: it built (cleaned) and
summarised clusters with its own packages, so its results could differ from the local
engine's, silently. The mismatch is faked on the driver's side: the workers of Ray's local
mode share this environment."""

from __future__ import annotations

import pickle

import pytest
from batch_helpers import make_records
from helpers import run_cli, write_jsonl

from summarizer.batch import environment, read_output, summarize_dataset
from summarizer.batch.engine import SetupFailed, WorkerEnvironmentError, _PackWorker
from summarizer.errors import RunMismatchError


class _Task:
    def setup(self):
        raise AssertionError("a worker of another environment set the summariser up")

    def __call__(self, item):
        return item


def _other(**changed: str) -> dict[str, str]:
    return {**environment.output_environment(), **changed}


def test_the_facts_are_the_packages_code_and_versions_that_decide_the_output():
    facts = environment.output_environment()
    from summarizer import __version__
    from summarizer.version import code_fingerprint

    assert facts["summarizer"] == __version__
    assert facts["summarizer's code"] == code_fingerprint()  # what the settings record
    assert facts["summarizer's data"] == code_fingerprint("*.json") != code_fingerprint()
    assert "cs" in facts["wordfreq word lists"].split(",")
    import transformers

    assert facts["transformers"] == transformers.__version__
    assert all(facts[name] for name in environment.OUTPUT_PACKAGES)
    assert environment.environment_difference(facts, environment.output_environment()) is None


def test_a_difference_names_each_fact_on_both_sides_and_counts_the_rest():
    driver = _other(transformers="4.46.0")
    here = environment.output_environment()
    said = environment.environment_difference(driver, here)
    assert said == f"transformers {here['transformers']} on the worker, 4.46.0 on the driver"
    lists = here["wordfreq word lists"]
    worker = {**here, "wordfreq word lists": lists.replace("cs,", ""), "numpy": "1.0",
              "nltk": environment.NOT_INSTALLED, "regex": "1", "scipy": "1"}
    said = environment.environment_difference(here, worker)
    assert said == (f"wordfreq word lists without cs on the worker; nltk not installed on "
                    f"the worker, {here['nltk']} on the driver; numpy 1.0 on the worker, "
                    f"{here['numpy']} on the driver and 2 more")


def test_a_worker_of_another_environment_does_not_load_the_task(monkeypatch):
    from summarizer.batch import engine

    monkeypatch.setattr(engine, "limit_threads", lambda n: None)  # not this process's
    monkeypatch.setenv("SUMMARIZER_PROGRESS", "1")  # the worker sets it to 0
    worker = _PackWorker(b"not a pickle: never loaded", environment=_other(torch="1.0"))
    assert isinstance(worker.failed, SetupFailed)
    error = worker.failed.error
    assert isinstance(error, WorkerEnvironmentError) and "\n" not in str(error)
    assert "torch" in str(error) and "1.0 on the driver" in str(error)
    assert str(error).endswith(engine.SAME_ENVIRONMENT)
    back = pickle.loads(worker({"index": [0], "pack": [pickle.dumps([1])]})["results"][0])
    assert isinstance(back.error, WorkerEnvironmentError) and str(back.error) == str(error)
    # the same environment: the task is loaded and set up as before
    same = _PackWorker(pickle.dumps(_Task()), environment=environment.output_environment())
    assert same.failed is not None and "AssertionError" in same.failed.reason


@pytest.mark.ray
@pytest.mark.slow
def test_ray_workers_of_another_environment_stop_batch_and_evaluate_with_one_line(
        ray_local, tmp_path, monkeypatch):
    real = environment.output_environment
    monkeypatch.setattr(environment, "output_environment",
                        lambda: {**real(), "transformers": "0.0-driver"})
    inp = write_jsonl(tmp_path / "in.jsonl", make_records(4, seed=2))
    with pytest.raises(WorkerEnvironmentError) as caught:
        summarize_dataset(inp, tmp_path / "o", "lead", words=40, progress=False,
                          engine="ray", num_workers=2, batch_size=1)
    said = str(caught.value)
    import transformers

    assert f"transformers {transformers.__version__} on the worker, 0.0-driver on the " \
           "driver" in said, said
    assert said.startswith("a Ray worker (node ") and "\n" not in said
    assert read_output(tmp_path / "o") == []  # nothing summarised
    # evaluate's actors build the clusters from the file's lines: refused the same way
    code, _, err = run_cli(["evaluate", str(inp), "--words", "40", "--no-progress",
                            "--out", str(tmp_path / "run"), "--engine", "ray",
                            "--num-workers", "1"], lines=None)
    mine = [line for line in err.splitlines() if line.startswith("summarizer: error")]
    assert code == 2 and len(mine) == 1 and "0.0-driver on the driver" in mine[0], err
    # the same environment: the job runs (the refusal came from the difference alone); the
    # folder made with the driver's other packages is refused as such (its settings record them)
    monkeypatch.setattr(environment, "output_environment", real)
    with pytest.raises(RunMismatchError, match="other installed packages .*transformers"):
        summarize_dataset(inp, tmp_path / "o", "lead", words=40, progress=False,
                          engine="ray", num_workers=2, batch_size=1)
    report = summarize_dataset(inp, tmp_path / "o2", "lead", words=40, progress=False,
                               engine="ray", num_workers=2, batch_size=1)
    assert report.done == 4
