"""Sampling whose every row draws from its own generator, so that a sampled text depends on
its own input and seed only, whatever batch it is generated in.

``generate(do_sample=True)`` draws each step's tokens for the whole batch with one
``torch.multinomial`` from torch's global generator: a row's draws depended on the rows
drawn before it, so the same input sampled alone or in a batch of 4 gave other texts.
Here each row has a ``torch.Generator`` seeded by :func:`row_seed` (the seed and the row's
input tokens), and :class:`RowDraws` adds to the warped scores of each row -log E, E drawn
from Exp(1) by the row's generator; greedy search then picks the argmax, which is an exact
sample of the softmax of the warped scores (the exponential race: token i wins with
probability p_i, the Gumbel-max trick in other words). The noise is drawn on the CPU, so
the draws are the same on any device.

Beam sampling (``num_beams`` above 1) samples the batch's beams together in
``generate``'s own step, which takes no generator: it runs one input a call instead,
seeded by the same :func:`row_seed` (Generator._batches, Generator.generate).

The warpers are the ones ``generate`` applies in its sampling order (temperature, top-k,
top-p) with the values :func:`resolve_sampling` records. A checkpoint's other warpers
(min_p, typical_p, ...) are refused when sampling rather than applied unrecorded.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from summarizer.errors import OptionError

# generate's values where neither the user nor the model's generation config sets one
SAMPLING_DEFAULTS: dict[str, float | int] = {"temperature": 1.0, "top_k": 50, "top_p": 1.0}
# warpers a generation config may set that sampling here does not apply, and their neutral
# values (None: not set)
_UNAPPLIED = {"min_p": None, "top_h": None, "typical_p": 1.0, "epsilon_cutoff": 0.0,
              "eta_cutoff": 0.0}


# The temperatures sampling takes: generate divides the float32 logits by it, and outside
# (1e39, 1e-40 ...) the probabilities were inf or NaN, a RuntimeError in beam sampling
MIN_TEMPERATURE, MAX_TEMPERATURE = 1e-4, 1e4


def check_sampling(temperature: Any, top_k: Any, top_p: Any, where: str = "") -> None:
    """An :class:`OptionError` for a sampling value generate refuses only once it runs (a
    temperature of 0, a negative top_k) or takes without meaning (top_p 2). ``where`` says
    whose values they are ("" the user's options)."""
    said = f"{where} " if where else ""
    if temperature is not None and not MIN_TEMPERATURE <= temperature <= MAX_TEMPERATURE:
        raise OptionError(f"{said}temperature must be from {MIN_TEMPERATURE:g} to "
                          f"{MAX_TEMPERATURE:g}, got {temperature}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int)
                              or top_k < 0):
        raise OptionError(f"{said}top_k must be a whole number of tokens, 0 or more (0: no "
                          f"top-k cut), got {top_k!r}")
    if top_p is not None and not 0 < top_p <= 1:
        raise OptionError(f"{said}top_p is a probability mass in (0, 1], got {top_p}")


def resolve_sampling(given: dict[str, Any], model_config: Any) -> dict[str, Any]:
    """temperature, top_k and top_p as sampling uses them: each as given, else the model's
    generation config's, else generate's default (:data:`SAMPLING_DEFAULTS`). A generation
    config's other warpers are an :class:`OptionError`: they are not applied here."""
    out: dict[str, Any] = {}
    for name, default in SAMPLING_DEFAULTS.items():
        shipped = getattr(model_config, name, None)
        out[name] = given[name] if given[name] is not None else (
            shipped if shipped is not None else default)
    if isinstance(out["temperature"], int):
        out["temperature"] = float(out["temperature"])
    check_sampling(**out, where="with this model's generation config,")
    for name, neutral in _UNAPPLIED.items():
        value = getattr(model_config, name, None)
        if value is not None and value != neutral:
            raise OptionError(f"this model's generation config sets {name} {value}, a sampling "
                              "warper this package does not apply (it applies temperature, "
                              "top_k and top_p, and records them): sample with another model, "
                              "or decode without do_sample")
    return out


def row_seed(seed: int, ids: list[int]) -> int:
    """The seed of one row's draws: ``seed`` and the row's input tokens, hashed (63 bits,
    which torch.manual_seed takes)."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(seed.to_bytes(8, "little"))
    for token in ids:
        digest.update(token.to_bytes(8, "little", signed=True))
    return int.from_bytes(digest.digest(), "little") >> 1


def row_processors(temperature: float, top_k: int, top_p: float, seeds: list[int]) -> Any:
    """The logits processors of one call sampling its rows apart, for ``generate`` with
    ``do_sample=False`` (greedy search then takes each row's sample): generate's warpers
    in its order, then :class:`RowDraws` of one generator a row (``seeds``, in the batch's
    row order)."""
    from transformers import (
        LogitsProcessorList,
        TemperatureLogitsWarper,
        TopKLogitsWarper,
        TopPLogitsWarper,
    )

    out = LogitsProcessorList()
    if temperature != 1.0:
        out.append(TemperatureLogitsWarper(float(temperature)))
    if top_k:
        out.append(TopKLogitsWarper(top_k=top_k))
    if top_p < 1.0:
        out.append(TopPLogitsWarper(top_p=top_p))
    out.append(_row_draws_class()(seeds))
    return out


@cache
def _row_draws_class() -> Any:
    import torch
    from transformers import LogitsProcessor

    class RowDraws(LogitsProcessor):
        """Each row's scores minus the log of Exp(1) draws of its own generator."""

        def __init__(self, seeds: list[int]) -> None:
            self.generators = [torch.Generator().manual_seed(s) for s in seeds]

        def __call__(self, input_ids: Any, scores: Any) -> Any:
            noise = torch.empty(scores.shape, dtype=torch.float32)
            for row, generator in zip(noise, self.generators, strict=True):
                row.exponential_(generator=generator)
            # a draw of 0 would be log 0: -inf minus -inf (a token cut by top-k) is nan,
            # which argmax takes
            noise.clamp_(min=torch.finfo(torch.float32).tiny).log_()
            return scores - noise.to(scores.device)

    return RowDraws
