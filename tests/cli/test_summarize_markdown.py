"""``summarize --format markdown`` writes the text as text: a summary opening with "# ..."
rendered as a title, a --no-clean sentence's line that opened with "#" or "-" as a heading or a
list item, and a document's raw HTML and links passed through to the rendered page."""

from __future__ import annotations

from helpers import run_cli

from summarizer.cli.summarize import markdown_text


def test_markdown_text_escapes_what_would_render():
    assert markdown_text("# Not a title") == "\\# Not a title"
    assert markdown_text("1999. A year") == "1999\\. A year"
    assert markdown_text("1999 was a year") == "1999 was a year"
    assert markdown_text("a\n- b") == "a - b"  # one line: no list item
    assert markdown_text("<b>x</b> [y](javascript:z) AT&T") == \
        "&lt;b>x&lt;/b> \\[y](javascript:z) AT&amp;T"
    assert markdown_text("Plain text, 5 - 3.") == "Plain text, 5 - 3."


def test_a_summary_is_one_paragraph_of_text_with_its_source_marks(tmp_path):
    story = tmp_path / "a.txt"
    story.write_text("# The mayor opened the new bridge over the river on Monday morning. "
                     "It cost <b>40 million</b> dollars [see](javascript:alert(1)) and took two "
                     "years.\n", encoding="utf-8")
    code, out, err = run_cli(["summarize", str(story), "--no-clean", "--format", "markdown",
                              "--method", "lead", "--words", "40"])
    assert code == 0, err
    body = out.split("## Summary", 1)[1].split("## Sources", 1)[0].strip()
    assert body.startswith("\\# The mayor") and "\n" not in body
    assert "<b>" not in body and "&lt;b>40 million&lt;/b>" in body
    assert "\\[see](javascript" in body and body.endswith("[1]")
