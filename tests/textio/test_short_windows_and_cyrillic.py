"""Short legacy files the detector misread: Windows punctuation in ASCII text, KOI8-R read as
cp1251 with every letter's case swapped, and UTF-8 with one damaged byte among a few
accented letters."""

from __future__ import annotations

import pytest

from summarizer.textio import decode_bytes


@pytest.mark.parametrize("text", [
    "The minister’s office didn’t comment.",  # was cp852's "ministerĺs"
    "It’s a deal, says the minister’s spokesman, who didn’t elaborate.",
    "Temperature: 25°C",  # was Big5's "25蚓"
    "Reuters™ report",  # was mac-greek's "Reutersô"
    "“Quoted” text",  # was cp1125's "УQuotedФ"
    "Wait…",
    "Prices rose 3‰ – a record — said the bank’s “chief”.",
])
def test_ascii_with_windows_punctuation_is_read_as_windows_text(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text and decoded.encoding == "cp1252"


@pytest.mark.parametrize("language", ["czech", "russian", "greek"])
def test_windows_punctuation_takes_the_named_languages_windows_page(language):
    decoded = decode_bytes("Tom’s “plan”".encode("cp1252"), language=language)
    assert decoded.text == "Tom’s “plan”" and decoded.encoding.startswith("cp125")


def test_central_european_letters_are_not_taken_for_punctuation():
    # ISO-8859-2's ť is cp1252's »: not one of the shared marks
    assert decode_bytes("Ma ťava".encode("iso8859-2")).text == "Ma ťava"


def test_koi8_r_is_not_read_as_cp1251_with_the_case_swapped():
    text = "Суд приговорил бывшего губернатора к восьми годам заключения."
    decoded = decode_bytes(text.encode("koi8_r"), language="russian")
    assert decoded.text == text and decoded.encoding == "koi8-r"


def test_one_damaged_byte_among_a_few_accented_letters_stays_utf8():
    # 16 accented letters and one Latin-1 byte: the whole paragraph went to the legacy
    # pages (hp-roman8's "prûˋsident")
    text = ("Le président a déclaré que la réforme serait adoptée à l'été prochain, malgré "
            "l'opposition des élus. Les députés débattront à nouveau. Un café")
    decoded = decode_bytes(text.encode() + b" caf\xe9.")
    assert decoded.encoding == "utf-8" and decoded.text == text + " caf\ufffd."


@pytest.mark.parametrize("text", [
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.",
    "أعلنت الحكومة عن إجراءات جديدة للاقتصاد.",
    "警方逮捕了三名嫌疑人，案件正在调查中。 2024",
    "הממשלה הודיעה על צעדים חדשים לכלכלה.",
])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_in_another_script_is_read(text, codec):
    # its NULs are only its spaces' and punctuation's: it was refused as a binary file
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text and decoded.encoding == codec

