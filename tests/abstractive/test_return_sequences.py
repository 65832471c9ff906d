"""A checkpoint whose generation config asks for several sequences an input."""

from __future__ import annotations

import pytest
from test_damaged_values import damaged

from summarizer import summarize

TEXT = ("The council met on Monday. It voted to build a new bridge over the river. "
        "Work on the bridge starts next year, the mayor said. ") * 3


@pytest.mark.parametrize("options", [{}, {"num_beams": 1}, {"num_beams": 2},
                                     {"do_sample": True}, {"do_sample": True, "num_beams": 2}])
def test_a_checkpoints_num_return_sequences_gives_one_summary_an_input(tiny_models, tmp_path,
                                                                       options):
    # generation_config.json with num_beams 4 and num_return_sequences 2 (a paraphraser's
    # way): generate returned 2 rows an input, so zip() in the summariser was a raw
    # ValueError ("argument 2 is longer"), and with num_beams=1 transformers' own refusal
    # of greedy search with 2 sequences
    beams = damaged(tiny_models["bart"], tmp_path / "beams", "generation_config.json",
                    "num_beams", 4)
    two = damaged(beams, tmp_path / "two", "generation_config.json", "num_return_sequences", 2)
    got = summarize(TEXT, method="abstractive", words=20, model=str(two), **options)
    alone = summarize(TEXT, method="abstractive", words=20, model=str(beams), **options)
    assert got.text == alone.text and got.text.strip()
