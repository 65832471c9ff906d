"""The Punkt tokenizers call the regex patterns that NLTK's TimedPattern wraps, and make
their tokens as NewsPunktToken: the same tokens, annotations and splits as NLTK's own token
class and timed patterns."""

from __future__ import annotations

import pytest

from summarizer.sentences import punkt_models
from summarizer.sentences.punkt_models import NewsPunktToken, punkt_tokenizer

TEXTS = {
    "english": "Dr. Smith met the U.N. Climate Change Conference on Jan. 5... It rose 3.5% "
               "to $1,200.50. Mr. J. R. Ewing said: \"No.\" (See p. 4.) The U.S. | The end!",
    "german": "Er traf Dr. Klein am 3. Mai im XX. Jahrhundert. Die Zahl stieg um 1.000 Euro.",
    "greek": "Ο κ. Παπαδόπουλος είπε; Ναι. Η Ε.Ε. συμφώνησε στις 12.3.2020.",
    "czech": "Prof. Novák řekl, že 1. ledna 2011 vzrostla cena o 5 %. Pak odešel.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_tokens_and_splits_are_nltks(monkeypatch, language):
    ours = punkt_tokenizer(language)
    text = TEXTS[language]
    tokens = list(ours._tokenize_words(text))
    assert tokens and all(type(t) is NewsPunktToken for t in tokens)
    got = [(t.tok, t.type, t.period_final, t.parastart, t.linestart) for t in tokens]
    flags = [(t.sentbreak, t.abbr, t.ellipsis) for t in ours._annotate_tokens(iter(tokens))]
    spans = list(ours.span_tokenize(text))

    # NLTK's own token class and its wrapped, timed patterns, on the same parameters
    nltk_token = punkt_models._punkt.PunktToken
    monkeypatch.setattr(ours, "_Token", nltk_token)
    lang_vars = type(ours._lang_vars)()
    for name in ("_untimed_period", "_untimed_words"):
        lang_vars.__dict__.pop(name, None)
    monkeypatch.setattr(type(lang_vars), "re_boundary_realignment",
                        punkt_models.PunktLanguageVars.re_boundary_realignment)
    monkeypatch.setattr(type(lang_vars), "period_context_re",
                        punkt_models.PunktLanguageVars.period_context_re)
    monkeypatch.setattr(type(lang_vars), "_word_tokenizer_re",
                        punkt_models.PunktLanguageVars._word_tokenizer_re)
    monkeypatch.setattr(ours, "_lang_vars", lang_vars)
    theirs = list(ours._tokenize_words(text))
    assert all(type(t) is nltk_token for t in theirs)
    assert [(t.tok, t.type, t.period_final, t.parastart, t.linestart) for t in theirs] == got
    assert [(t.sentbreak, t.abbr, t.ellipsis) for t in ours._annotate_tokens(iter(theirs))] == flags
    assert list(ours.span_tokenize(text)) == spans
    assert len(spans) >= 2
