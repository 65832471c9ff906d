"""HTML pages are read as their text: paragraphs, not markup, scripts or menus."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import summarize
from summarizer.documents.html import html_text
from summarizer.documents.loaders import (
    load_cluster,
    load_file,
    load_jsonl,
    make_document,
    to_cluster,
)
from summarizer.errors import InputError
from summarizer.textio import looks_like_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Storm hits coast - Daily News</title>
<style>p { color: red }</style><script>var s = "Not. A. Sentence.";</script></head>
<body><header><a href="/">Home</a> | <a href="/world">World</a></header>
<nav><ul><li>Sport</li><li>Weather</li></ul></nav>
<article><h1>Storm hits the northern coast</h1>
<p>A powerful storm hit the northern coast on Sunday, flooding hundreds of homes.
Power was cut to thousands of residents.</p>
<figure><img src="x.jpg"><figcaption>Waves at the harbour wall.</figcaption></figure>
<p>Officials said the river rose by three metres overnight &mdash; the highest level
in fifty years &amp; more.<br>Two villages were evacuated before dawn.</p>
<p>Crews worked through the night<p>and into the morning.
</article><aside>Related: Storm season starts</aside>
<footer>Copyright 2024 Daily News.</footer></body></html>"""


def _read(markup: str, **options) -> tuple[str, str | None]:
    page = html_text(markup, **options)
    return page.text, page.title


def test_page_text_keeps_paragraphs_and_drops_the_rest():
    text, title = _read(PAGE)
    assert title == "Storm hits the northern coast"  # the first h1 before <title>
    assert text.split("\n\n") == [
        "Storm hits the northern coast",
        "A powerful storm hit the northern coast on Sunday, flooding hundreds of homes. "
        "Power was cut to thousands of residents.",
        "Officials said the river rose by three metres overnight \u2014 the highest level in "
        "fifty years & more.",
        "Two villages were evacuated before dawn.",
        "Crews worked through the night",
        "and into the morning.",
    ]
    for gone in ("<", "Home", "Sport", "Not. A.", "color", "Waves", "Related", "Copyright"):
        assert gone not in text


def test_title_falls_back_to_the_title_element_and_nothing_is_none():
    assert _read("<html><head><title> A  page </title></head><p>Text here.</p>") == (
        "Text here.", "A page")
    assert _read("<p>only text</p>") == ("only text", None)
    assert _read("") == ("", None)


def test_skipped_regions_close_whatever_was_left_open_inside():
    # an unclosed <div> inside <nav>, a void <input> inside <form>, nested skipped elements
    markup = ("<nav><div>menu</nav><p>kept one</p><form><input name=q>"
              "<select><option>x</option></select></form><p>kept two</p>"
              "<aside><script>x</script>aside text</aside><p>kept three</p>")
    assert _read(markup, main_content=False)[0] == "kept one\n\nkept two\n\nkept three"


def test_html_is_recognised_by_suffix_or_by_how_it_opens():
    assert looks_like_html("anything", "page.HTM") and looks_like_html("x", "a/b.xhtml")
    for start in ("<!DOCTYPE html><p>x", "\ufeff  <html lang='en'>", "<!-- saved -->\n<html>",
                  "<!doctype HTML>",
                  # XHTML (it was text: stdin, a JSONL row, a .txt page)
                  '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD '
                  'XHTML 1.0 Strict//EN" "x.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">',
                  '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">'):
        assert looks_like_html(start, "page.txt"), start
    for text in ("<DOC><DOCNO> APW1 </DOCNO><TEXT>news</TEXT></DOC>",
                 '<?xml version="1.0"?><DOC><TEXT>news</TEXT></DOC>',
                 "A story about the <html> tag.", "plain news text", "<htmlish>"):
        assert not looks_like_html(text, "page.txt"), text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                        max_size=40), min_size=1, max_size=5))
def test_escaped_paragraphs_come_back_as_written(paragraphs):
    markup = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    want = [" ".join(p.split()) for p in paragraphs]
    assert _read(markup, main_content=False)[0] == "\n\n".join(w for w in want if w)


def test_a_saved_page_is_loaded_and_summarised_as_its_text(tmp_path):
    page = tmp_path / "storm.html"
    page.write_text(PAGE, encoding="utf-8")
    sniffed = tmp_path / "storm.txt"  # a page saved under another name
    sniffed.write_text(PAGE, encoding="utf-8")
    for path in (page, sniffed):
        doc = load_file(path)
        assert doc.meta["format"] == "html" and doc.title == "Storm hits the northern coast"
        assert "<" not in doc.text and doc.text.startswith("A powerful storm")
    summary = summarize(str(page), words=40)
    assert summary.text and "<" not in summary.text and "Copyright" not in summary.text
    plain = tmp_path / "plain.txt"
    plain.write_text("The council met on Monday. It approved the budget for schools.\n",
                     encoding="utf-8")
    assert "format" not in load_file(plain).meta


def test_an_unclosed_head_does_not_hide_the_page():
    # </head> is optional: the body's first element ends the head (it hid the whole page)
    for markup in ("<html><head><title>T</title><body><p>hello</p></body></html>",
                   "<html><head><title>T</title><meta charset=utf-8><p>hello</p></html>"):
        assert _read(markup, main_content=False) == ("hello", "T")


def test_hidden_elements_are_left_out_and_an_articles_own_header_is_kept():
    markup = ("<div hidden><div>pop-up</div>still hidden</div><p>shown</p>"
              "<p style='display: none'>collapsed</p><span aria-hidden='true'>icon</span>"
              "<header>site header</header><article><header><h1>Headline</h1>"
              "<p>Standfirst of the story.</p></header><p>Body.</p></article>")
    assert _read(markup, main_content=False) == (
        "shown\n\nHeadline\n\nStandfirst of the story.\n\nBody.", "Headline")


def test_adjacent_field_elements_are_a_word_break_and_formatting_is_not():
    # a byline laid out by CSS read "Jane DoeBusiness reporter"; menus "HomeWorld"
    text, title = _read('<h1><span>Big</span><span>News</span></h1><div><span>Jane Doe</span>'
                        '<span>Business reporter</span></div><p><a href="/">Home</a><a href="/w">'
                        'World</a> <b>W</b>ord 10<sup>2</sup> <b>x</b><i>y</i></p>',
                        main_content=False)
    assert title == "Big News"
    assert text.split("\n\n") == ["Big News", "Jane Doe Business reporter",
                                  "Home World Word 102 xy"]


def test_prefixed_xhtml_elements_are_html_elements():
    # <xhtml:p> blocks ran into one paragraph; a prefixed script's code was text
    markup = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
              '<body><h:div xmlns:h="http://www.w3.org/1999/xhtml"><h:p>First one.</h:p>'
              '<h:p>Second one.<h:br/>Third.</h:p><h:script>var x = 1;</h:script>'
              '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:text>Chart</s:text></s:svg>'
              '<o:p xmlns:o="urn:schemas-microsoft-com:office:office">Kept</o:p></h:div>'
              '</body></html>')
    text, _ = _read(markup, main_content=False)
    assert text.split("\n\n") == ["First one.", "Second one.", "Third.", "Kept"]


def test_a_page_in_a_jsonl_row_or_a_string_is_read_as_a_page(tmp_path):
    # a JSONL row, a batch row or a string given to summarize() holding a saved page was
    # summarised as markup: "... matter. </p><p>The government ..."
    page = PAGE.replace("</article>", '</article><div class="comments"><p>First!</p></div>')
    rows = tmp_path / "pages.jsonl"
    rows.write_text(json.dumps({"id": "c1", "documents": [page, {"text": page}]}) + "\n"
                    + json.dumps({"id": "c2", "documents": ["Plain <b>text</b> stays."]}) + "\n",
                    encoding="utf-8")
    pages, plain = load_jsonl(rows)
    for doc in pages.documents:
        assert doc.meta["format"] == "html" and doc.title == "Storm hits the northern coast"
        assert "<" not in doc.text and "First!" not in doc.text
    assert plain.documents[0].text == "Plain <b>text</b> stays."  # no page: left as text
    assert all("First!" in doc.text for doc in load_jsonl(rows, main_content=False)[0].documents)
    cluster = to_cluster([PAGE, "A storm hit the coast on Sunday, officials said."])
    assert cluster.documents[0].meta["format"] == "html" and "<" not in cluster.documents[0].text
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"text": page}) + "\n", encoding="utf-8")
    assert "<" not in load_cluster(one).documents[0].text
    assert "First!" in load_cluster(one, main_content=False).documents[0].text


def test_a_page_in_a_legacy_encoding_is_read_by_its_declaration(tmp_path):
    text = "Le prix du pain a atteint 5€ lundi à Paris, a déclaré le ministre."
    page = tmp_path / "prix.html"
    page.write_bytes(f'<html><head><meta charset="iso-8859-15"><title>Prix</title></head>'
                     f"<body><article><p>{text}</p></article></body></html>".encode("iso8859-15"))
    doc = load_file(page, main_content=False)
    assert doc.text == text and doc.meta["encoding"] == "iso8859-15"


def test_a_page_with_no_text_of_its_own_says_so(tmp_path):
    page = tmp_path / "frame.html"
    page.write_text('<html><body><iframe src="https://example.com/story"></iframe></body></html>',
                    encoding="utf-8")
    with pytest.raises(InputError, match="HTML page with no text of its own"):
        load_file(page)


def test_a_pages_lang_decides_only_where_the_text_cannot():
    short = '<html lang="{}"><body><p>Le prix a atteint 5 euros lundi.</p></body></html>'
    assert make_document(short.format("fr-FR")).language == "french"  # was English
    assert make_document(short.format("x-unknown")).language == "english"
    assert make_document(short.format("fr"), language="de").language == "german"  # the user's
    long = ('<html lang="en"><body><p>Le gouvernement a annoncé lundi de nouvelles mesures pour '
            "les régions et les villes, a déclaré le ministre de l'économie.</p></body></html>")
    assert make_document(long).language == "french"  # a template's lang="en": the text wins


def test_blank_lines_part_preformatted_text():
    # a wire story in <pre> was one paragraph
    text, _ = _read("<html><body><pre>WASHINGTON (AP) -- The Senate voted\non Monday.\n\n"
                    "  The bill goes to the House.\r\n \r\nIt is expected to pass.</pre>"
                    "<p>After.</p></body></html>", main_content=False)
    assert text.split("\n\n") == ["WASHINGTON (AP) -- The Senate voted on Monday.",
                                  "The bill goes to the House.", "It is expected to pass.",
                                  "After."]


def test_loading_plain_text_does_not_import_the_html_parser(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "story.txt"
    path.write_text("The council met on Monday. It approved the plan after a long debate.\n")
    code = ("import sys; from summarizer.documents.loaders import load_cluster; "
            f"load_cluster([{str(path)!r}], language='english'); "
            "print(sorted(m for m in ('html.parser', 'summarizer.documents.html', "
            "'summarizer.documents.boilerplate') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("lang,language", [("fr", "french"), ("xx-klingon", "english"),
                                           ("  ", "english")])
def test_a_pages_lang_is_looked_up_once(monkeypatch, lang, language):
    # the lang attribute was looked up for the function words, then again for the language
    # the page says it is in (an unknown one building its "did you mean" message twice)
    from summarizer.documents import html as html_module

    calls: list[str | None] = []
    lookup = html_module.get_language
    monkeypatch.setattr(html_module, "get_language",
                        lambda name: calls.append(name) or lookup(name))
    page = html_text(PAGE.replace('lang="en"', f'lang="{lang}"'))
    assert calls.count(lang) == (1 if lang.strip() else 0)
    assert page.language == (language if lang.strip() and language != "english" else None)
    assert page.extraction["language"] == language


@pytest.mark.parametrize("main_content", [True, False])
def test_a_title_without_a_head_element_is_no_body_text(main_content):
    # <title> outside an explicit <head> ran into the text ahead of the first paragraph
    page = ("<html><meta charset=utf-8><title>Kestrel News - Local stories every day</title>"
            "<p>Heavy rain flooded the town of Kestrel on Sunday, officials said.</p>"
            "<p>Rescue teams moved 400 residents to shelters overnight.</p></html>")
    got = html_text(page, main_content=main_content)
    assert got.title == "Kestrel News - Local stories every day"
    assert got.text.startswith("Heavy rain flooded")


def test_a_page_wrapped_in_one_form_gives_its_article():
    # ASP.NET WebForms wrap the whole body in <form id="aspnetForm">: no text at all
    body = "".join(f"<p>The council voted on Friday to study a new harbour wall, paragraph {i}, "
                   "after a long debate about the cost of the project and its delays.</p>"
                   for i in range(6))
    page = (f"<html><body><form id='aspnetForm'><nav><a href='/'>Home</a></nav>"
            f"<div id='content'>{body}</div><input type='submit' value='Go'></form></body></html>")
    for main in (True, False):
        text = _read(page, main_content=main)[0]
        assert "paragraph 0" in text and "paragraph 5" in text


def test_a_line_break_inside_a_heading_is_a_space():
    # the title read "Council approvesnew river bridge", and its second line was a block
    text, title = _read("<article><h1>Council approves<br>new river bridge</h1><p>The council "
                        "approved the bridge on Monday after a long debate.</p></article>",
                        main_content=False)
    assert title == "Council approves new river bridge"
    assert text.split("\n\n")[0] == "Council approves new river bridge"
    assert _read("<h2>One<br/>two</h2>", main_content=False)[0] == "One two"


@pytest.mark.parametrize("markup, gone", [
    ("<video src=c.mp4><p>Your browser does not support HTML5 video.</p></video>",
     "Your browser"),
    ("<audio src=a.mp3>Your browser does not support the audio element.</audio>", "Your browser"),
])
def test_a_players_fallback_text_is_not_the_articles(markup, gone):
    page = f"<p>The council approved the bridge on Monday after a long debate.</p>{markup}"
    assert gone not in _read(page, main_content=False)[0]


def test_ruby_readings_are_left_out():
    text, _ = _read("<p>東京の<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>を学ぶ。</p>",
                    main_content=False)
    assert text == "東京の漢字を学ぶ。"


def test_old_and_newer_block_elements_part_their_text():
    text, _ = _read("<center>First centred line</center><center>Second centred line</center>"
                    "<details><summary>Key facts</summary>The bridge is 400 metres long."
                    "</details>", main_content=False)
    assert text.split("\n\n") == ["First centred line", "Second centred line", "Key facts",
                                  "The bridge is 400 metres long."]


def test_an_xhtml_pages_cdata_is_text_an_html_pages_is_not():
    body = "<p><![CDATA[The bridge will cost 40 million & open in 2027.]]></p>"
    xhtml = f'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>'
    assert _read(xhtml, main_content=False)[0] == "The bridge will cost 40 million & open in 2027."
    assert _read(f"<html><body>{body}</body></html>", main_content=False)[0] == ""


_BODY = ("<p>The council approved the new bridge on Monday after a long debate about "
         "its cost.</p><p>Work starts next spring, officials said.</p>")


def _dated(head: str = "", article: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{head}</head><body><article>{article}{_BODY}"
            "</article></body></html>")


@pytest.mark.parametrize(("head", "article", "date", "source"), [
    ('<meta property="article:published_time" content="2024-03-05T10:22:00+01:00">', "",
     "2024-03-05T09:22:00", "meta article:published_time"),
    ('<meta name="DC.date.issued" content="2024-03-05">', "", "2024-03-05", "meta dc.date.issued"),
    ("", '<header><time datetime="2024-03-06">6 March</time></header>', "2024-03-06",
     "time in article"),
    ("", '<span itemprop="datePublished" content="2024-03-07"></span>', "2024-03-07",
     "itemprop datePublished"),
    # the article's JSON-LD before the web page's, and before every meta tag
    ('<meta name="date" content="2001-01-01"><script type="application/ld+json">'
     '{"@graph": [{"@type": "WebPage", "datePublished": "2020-01-01"},'
     ' {"@type": ["NewsArticle"], "datePublished": "2024-03-04"}]}</script>', "",
     "2024-03-04", "json-ld article datePublished"),
    # across blocks too: the web site's block first, the article's after it
    ('<script type="application/ld+json">{"@type": "WebSite", "datePublished": "1999-01-01"}'
     '</script><script type="application/ld+json">{"@type": "NewsArticle", "datePublished":'
     ' "2024-03-05"}</script>', "", "2024-03-05", "json-ld article datePublished"),
    ('<script type="application/ld+json">{"@type": "WebPage", "datePublished": "1999-01-01"}'
     '</script>', "", "1999-01-01", "json-ld datePublished"),
])
def test_a_pages_publication_date_is_its_documents_date(head, article, date, source):
    doc = make_document(_dated(head, article))
    assert (doc.date, doc.meta["html"]["date_from"]) == (date, source)
    assert "6 March" not in doc.text  # a header's time is no body text


def test_a_date_the_text_mentions_or_a_bad_one_is_not_the_pages():
    mentioned = _dated(article='<p>The vote is on <time datetime="2030-05-01">May 1</time>.</p>')
    assert make_document(mentioned).date is None
    bad = _dated('<script type="application/ld+json">{"datePublished": "soon"}</script>'
                 '<meta property="article:published_time" content="2024-03-05">')
    doc = make_document(bad)
    assert doc.date == "2024-03-05"
    assert doc.meta["html"]["dates_unread"] == [{"from": "json-ld datePublished",
                                                 "value": "soon"}]
    # a second value of the same source is tried before a less trusted source
    two = _dated('<script type="application/ld+json">{"@type": "NewsArticle", '
                 '"datePublished": "soon"}</script><script type="application/ld+json">'
                 '{"@type": "NewsArticle", "datePublished": "2024-03-06"}</script>'
                 '<meta property="article:published_time" content="2024-03-05">')
    assert make_document(two).date == "2024-03-06"
    # a damaged or absurdly nested block is no date, and no error
    for block in ("{", "[" * 100_000 + "]" * 100_000, "x" * 2_000_000):
        page = _dated(f'<script type="application/ld+json">{block}</script>')
        assert make_document(page).date is None


def test_a_given_date_wins_and_the_pages_beats_a_date_line():
    page = _dated('<meta property="article:published_time" content="2024-03-05">',
                  "<p>LONDON, March 1, 2019 (Reuters) - Storms hit.</p>")
    assert make_document(page, date="2000-01-02").date == "2000-01-02"
    assert make_document(page).date == "2024-03-05"
