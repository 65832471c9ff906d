"""UTF-32 without a byte-order mark, and binary data with a NUL every 4 bytes
(summarizer.textio.decode, step 2): 32-bit numbers under 2**24 were read as UTF-16-BE
(or -LE) CJK, UTF-32 text was refused as binary."""

from __future__ import annotations

import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.textio import decode_bytes
from summarizer.textio.decode import utf16_without_bom

TEXTS = ["Hello world, this is text.\n", "Ā", "ĀȀ", "Šéf vlády řekl, že žádné zvýšení daní nebude.",
         "Правительство объявило о новых мерах.", "国家统计局周一公布的数据显示𠀀经济增长放缓。",
         "a\nb\nc\n", "x"]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", TEXTS)
def test_utf32_without_a_bom_is_read_as_utf32(codec, text):
    d = decode_bytes(text.encode(codec))
    assert (d.text, d.encoding) == (text, codec)


@pytest.mark.parametrize("text", TEXTS)
def test_utf32_with_a_bom_is_read_as_before(text):
    d = decode_bytes(text.encode("utf-32"))
    assert (d.text, d.encoding, d.bom) == (text, "utf-32", True)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_one_letter_lines_of_utf16_fit_utf32s_pattern_and_stay_utf16(codec):
    # 'a\0\n\0' is also U+A0061 in UTF-32-LE: unassigned, so not text
    d = decode_bytes("a\nb\nc\nd\n".encode(codec))
    assert (d.text, d.encoding) == ("a\nb\nc\nd\n", codec)


def _numbers(seed: int, count: int, bits: int, order: str) -> bytes:
    rng = random.Random(seed)
    return b"".join(rng.getrandbits(bits).to_bytes(4, order) for _ in range(count))


def test_numbers_under_2_24_have_a_nul_every_4_bytes_and_are_not_utf16():
    data = _numbers(3, 16, 24, "big")
    assert data[0::4] == bytes(16)  # the NUL every 4 bytes
    assert utf16_without_bom(data) is None  # it was 'utf-16-be'
    with pytest.raises(InputError, match="looks like a binary file, not text"):
        decode_bytes(data)


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32), bits=st.sampled_from([21, 24, 32]),
       order=st.sampled_from(["little", "big"]), count=st.integers(64, 1024))
def test_random_32_bit_numbers_are_refused(seed, bits, order, count):
    # under 2**24 they hold a NUL every 4 bytes: binary; over it, often no NUL at all, and
    # no code page reads them either
    with pytest.raises(InputError, match="looks like a binary file, not text|cannot be decoded"):
        decode_bytes(_numbers(seed, count, bits, order), name="ints.bin")


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), bits=st.sampled_from([8, 16]),
       order=st.sampled_from(["little", "big"]), count=st.integers(256, 2048))
def test_small_numbers_that_fit_utf32s_pattern_are_refused_as_binary(seed, bits, order, count):
    # read as UTF-32 they are controls (bytes: Latin-1, C1 included), surrogates,
    # private-use or unassigned characters: refused, naming the codec
    with pytest.raises(InputError, match="looks like a binary file, not text"):
        decode_bytes(_numbers(seed, count, bits, order), name="ints.bin")


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"],
                                  max_codepoint=0xFFFF), min_size=1, max_size=80),
       codec=st.sampled_from(["utf-32-le", "utf-32-be", "utf-32"]))
def test_utf32_text_round_trips(text, codec):
    # in the Basic Multilingual Plane, as text nearly all is: without a byte-order mark,
    # text mostly outside it is what random code units give (the test below); and "𐀀"
    # alone (00 00 01 00 in UTF-32-LE) was always read as UTF-32-BE "Ā"
    d = decode_bytes(text.encode(codec))
    assert d.text == text and d.encoding.startswith("utf-32")


def _text_like(text: str) -> bool:
    """At most a quarter of the characters outside the Basic Multilingual Plane, and at most
    a tenth controls, unassigned, private-use or surrogates: the least that text is. The
    controls text holds (tab, line feed, vertical tab, form feed, carriage return, and the
    escape of ISO-2022) are text: a file of one vertical tab reads as UTF-32 '\x0b'."""
    import unicodedata

    astral = sum(ord(c) > 0xFFFF for c in text)
    odd = sum(unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")
              and c not in "\t\n\x0b\x0c\r\x1b" for c in text)
    return astral <= len(text) / 4 and odd <= len(text) / 10


@settings(max_examples=300, deadline=None)
@example(units=[0x0B], order="little").via("a vertical tab: text's control, as in text_looks_binary")
@example(units=[0x1B, 0x41], order="big").via("the escape of ISO-2022 and a letter")
@example(units=[0x0041FEFF, 0xD800], order="little").via("a UTF-16 byte-order mark, then a lone surrogate")
@given(units=st.lists(st.integers(0, 0x10FFFF), min_size=1, max_size=16),
       order=st.sampled_from(["little", "big"]))
def test_random_code_units_are_read_as_utf32_only_where_they_read_as_text(units, order):
    # 13% of random 4-byte units (and 1.4% of pairs) read as UTF-32: a rare CJK ideograph
    # ("𠓸") outside the Basic Multilingual Plane, where 16 in 17 random units fall
    data = b"".join(u.to_bytes(4, order) for u in units)
    try:
        d = decode_bytes(data, name="units.bin")
    except InputError as exc:  # a unit may open with a UTF-16 byte-order mark (FF FE ..)
        assert any(said in str(exc) for said in ("looks like a binary file, not text",
                                                 "cannot be decoded",
                                                 "byte-order mark but is not valid"))
        return
    if d.encoding.startswith("utf-32"):
        assert _text_like(d.text), d


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_rare_ideographs_alone_are_refused_without_a_bom_and_read_with_one(codec):
    text = "𠓸𨜙"  # CJK Extension B: what random units most often read as
    with pytest.raises(InputError, match="binary file, not text.*outside the Basic Multi"):
        decode_bytes(text.encode(codec), name="x.txt")
    assert decode_bytes(text.encode("utf-32")).text == text  # the mark decides (step 1)
    among = "国家统计局周一公布的数据显示" + text + "经济增长放缓。"
    assert decode_bytes(among.encode(codec)) == (among, codec)


@pytest.mark.parametrize("order", ["little", "big"])
def test_every_byte_but_nul_as_a_32_bit_number_is_refused(order):
    # read as UTF-32 it is Latin-1: 25 C0 controls in 255 (under the tenth that is binary),
    # 58 with DEL and the C1 controls, which text_looks_binary counts now
    data = b"".join(b.to_bytes(4, order) for b in range(1, 256))
    with pytest.raises(InputError, match="binary file, not text.*decoded as utf-32"):
        decode_bytes(data)


@pytest.mark.parametrize("codec, bom", [("utf-32-le", b""), ("utf-32-be", b""),
                                        ("utf-32-be", b"\0\0\xfe\xff")])
def test_batch_reads_utf32_jsonl_as_evaluate_does(tmp_path, codec, bom):
    # evaluate reads UTF-32 JSONL through decode_bytes; batch's first look refused it as
    # "looks like a binary file, not JSONL" (the big-endian mark too)
    import json

    from helpers import run_cli

    rows = "".join(json.dumps({"id": f"c{i}", "documents": [f"Story {i}. The storm hit the "
                                                           "coast. Thousands lost power."]})
                   + "\n" for i in range(2))
    data = tmp_path / "news.jsonl"
    data.write_bytes(bom + rows.encode(codec))
    code, out, err = run_cli(["batch", str(data), "--out", str(tmp_path / "job"),
                              "--method", "lead", "--no-progress"], lines=None)
    assert code == 0, err
    assert "2 summarised" in out + err
