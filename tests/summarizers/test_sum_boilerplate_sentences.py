"""A sentence that cleaning drops when it stands on a line of its own is no summary
material either where it shares its line with another sentence."""

from __future__ import annotations

import pytest

import summarizer
from summarizer.summarizers.candidates import unsuitable_sentence

ARTICLE = (
    "Scientists have discovered four new species of octopus in the deep sea off the Pacific "
    "coast of Costa Rica, the Schmidt Ocean Institute said on Monday.\n\n"
    "The researchers found the animals near hydrothermal springs at a depth of about 2,800 "
    "metres, where the females brood their eggs in the warm water.\n\n"
    "The expedition used a remotely operated vehicle to explore the seamounts, which had "
    "never been studied before.\n\n"
    "The octopuses were named after the ship. Sign up for our daily newsletter to get the "
    "latest science news delivered to your inbox.\n\n"
    "The Conversation is a non-profit news site. Copyright 2024 The Conversation. All rights "
    "reserved.\n"
)


@pytest.mark.parametrize("sentence, unsuitable", [
    ("Sign up for our daily newsletter to get the latest science news delivered to your inbox.", True),
    ("Copyright 2024 The Conversation.", True),
    ("Associated Press writer Jane Doe contributed to this report.", True),
    ("Click here to subscribe to our weekly digest of the news.", True),
    ("The octopuses were named after the ship that found them.", False),
    ("Thousands signed up for the army in the first week of the war.", False),
])
def test_line_boilerplate_is_no_candidate_sentence(sentence, unsuitable):
    assert unsuitable_sentence(sentence, sentence.lower().split(), 3) is unsuitable


@pytest.mark.parametrize("method", ["coverage", "lead", "lexrank", "textrank", "centroid"])
def test_no_summary_holds_a_boilerplate_sentence_beside_content(method):
    text = summarizer.summarize(ARTICLE, method, words=100).text
    assert "Sign up" not in text and "Copyright" not in text, text
    assert "hydrothermal" in text
