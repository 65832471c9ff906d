"""Finding the article on a news page: its paragraphs kept in order, the page's
boilerplate (related stories, comments, cookie banners, share bars, link lists) dropped."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import summarize
from summarizer.cli import main
from summarizer.documents.html import html_text
from summarizer.documents.loaders import input_report, load_cluster, load_file

STORY = [
    "Heavy rain pushed the River Severn over its banks on Sunday night, flooding more than "
    "four hundred homes in the town of Upton and forcing the evacuation of a care home, "
    "the county council said on Monday.",
    "Emergency crews worked through the night to move residents to a leisure centre on "
    "higher ground, and the Environment Agency issued six severe flood warnings, the "
    "highest level, for towns along the river.",
    "It was the worst flooding in the area since 2007, when water reached the first floor "
    "of houses near the bridge. Forecasters expect the river to peak on Tuesday.",
    "The leader of the council, Sarah Hughes, said that sandbags had been delivered to "
    "every street at risk and that the army was ready to help if the defences failed.",
]
SHARE = '<div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> ' \
    '<a href="#">Email</a> Share this article</div>'
COOKIE = ('<div class="cookie-banner"><p>We use cookies to make our site work and to improve '
          'it. By continuing to use the site you agree to our use of cookies. See our cookie '
          'policy for details of how we use them and how to turn them off.</p>'
          '<button>Accept all</button></div>')
NEWSLETTER = ('<div class="newsletter-signup"><h3>Get the morning briefing</h3><p>Sign up for '
              'our free daily email with the stories you need to read before you start the '
              'day, straight to your inbox every morning at seven.</p><form><input name="e">'
              '</form></div>')
RELATED = ('<section class="related-stories"><h2>Related stories</h2><ul>'
           '<li><a href="/a">Town braces for more rain as river rises</a></li>'
           '<li><a href="/b">Flood defences to get 20m upgrade</a></li>'
           '<li><a href="/c">How to protect your home from flooding</a></li></ul></section>')
COMMENTS = ('<div id="comments"><h3>Comments (2)</h3>'
            '<div class="comment"><p><a href="/u/1">riverwatcher</a> 2 hours ago</p><p>This '
            'happens every few years and the council does nothing about it until the water '
            'is already in the houses. The defences were promised after the last flood and '
            'the money was never spent on them.</p></div>'
            '<div class="comment"><p><a href="/u/2">jmc</a> 1 hour ago</p><p>Thoughts are '
            'with everyone in Upton tonight. The volunteers at the leisure centre have been '
            'amazing and deserve all the thanks they will get for this.</p></div></div>')
SITE_LINKS = ('<div class="site-index"><ul><li><a href="/news">News</a></li><li><a href="/uk">'
              'UK</a></li><li><a href="/world">World</a></li><li><a href="/business">Business'
              '</a></li><li><a href="/contact">Contact us</a></li><li><a href="/terms">Terms '
              'and conditions</a></li></ul><p>Copyright 2024 Western Daily Press. All rights '
              'reserved.</p></div>')
BOILERPLATE = ("By Tom Price", "Facebook", "Share this", "cookies", "morning briefing", "Sign up",
               "Related stories", "Town braces", "Flood defences to get", "riverwatcher",
               "happens every few years", "volunteers", "Contact us", "Terms", "Copyright",
               "Read more")


def _paragraphs(markup: str, **options) -> list[str]:
    return html_text(markup, **options).text.split("\n\n")


def _story(paragraphs: list[str], between: str = "") -> str:
    return between.join(f"<p>{p}</p>" for p in paragraphs)


def _assert_only_story(markup: str, expected: list[str], **options) -> dict:
    page = html_text(markup, **options)
    got = page.text.split("\n\n")
    assert got == expected, got
    for gone in BOILERPLATE:
        assert gone not in page.text, gone
    return page.extraction


ARTICLE_PAGE = f"""<!DOCTYPE html><html lang="en-GB"><head><title>Floods - WDP</title></head>
<body>{COOKIE}<div class="top"><a href="/">Western Daily Press</a></div>
<main><article><header><h1>Hundreds of homes flooded as river bursts its banks</h1>
<p class="byline">By Tom Price</p></header>{SHARE}
{_story(STORY[:2])}
<p><strong>Read more:</strong> <a href="/x">Flood warnings issued across the county</a></p>
{_story(STORY[2:])}
{SHARE}</article>{RELATED}{NEWSLETTER}{COMMENTS}</main>{SITE_LINKS}</body></html>"""


def test_article_element_gives_the_story_in_order():
    extraction = _assert_only_story(ARTICLE_PAGE, [
        "Hundreds of homes flooded as river bursts its banks", *STORY])
    assert extraction["scope"] == "article" and extraction["language"] == "english"
    assert extraction["found_by"] == "markup"
    assert extraction["kept"] == 5 and extraction["blocks"] > 20 and "fallback" not in extraction
    assert html_text(ARTICLE_PAGE).title == "Hundreds of homes flooded as river bursts its banks"


def test_turned_off_every_block_is_kept():
    every = _paragraphs(ARTICLE_PAGE, main_content=False)
    assert [p for p in every if p in STORY] == STORY
    for kept in ("Related stories", "riverwatcher", "Sign up for our free daily", "Contact us"):
        assert any(kept in p for p in every), kept
    assert html_text(ARTICLE_PAGE, main_content=False).extraction == {
        "main_content": False, "blocks": len(every), "kept": len(every)}


NO_ARTICLE_PAGE = f"""<html><head><title>Floods</title></head><body>
<div id="page"><div class="masthead-links"><a href="/">Home</a> <a href="/news">News</a>
<a href="/sport">Sport</a> <a href="/weather">Weather</a></div>
<div class="col-left"><ul><li><a href="/1">Council tax to rise by five per cent</a></li>
<li><a href="/2">New bypass opens after two years of work</a></li>
<li><a href="/3">School wins national award</a></li></ul></div>
<div class="col-main"><h2>River bursts its banks</h2>{_story(STORY[:3])}
<p>Flooded roads:</p>{_story(STORY[3:])}</div>
<div class="col-right">{NEWSLETTER}{COMMENTS}</div>{SITE_LINKS}{COOKIE}</div></body></html>"""


def test_page_without_article_element_keeps_the_text_blocks():
    extraction = _assert_only_story(NO_ARTICLE_PAGE, [
        "River bursts its banks", *STORY[:3], "Flooded roads:", *STORY[3:]])
    assert extraction["scope"] == "div.col-main"  # where the prose is
    assert extraction["found_by"] == "density"
    for gone in ("Council tax", "bypass", "Home", "Weather"):
        assert gone not in html_text(NO_ARTICLE_PAGE).text


STORY_BODY_PAGE = f"""<!doctype html><html><body><div class="layout with-sidebar">
<div class="story-header"><h1>River bursts its banks</h1></div>
<div class="story-body js-share-enabled"><p class="intro"><b>{STORY[0]}</b></p>{SHARE}
{_story(STORY[1:3], between='<div class="ad-slot"><p>Advertisement</p></div>')}
<div class="story-promo"><a href="/x"><p>Read more: flood warnings across the county and what
they mean for drivers, schools and businesses in the area this week</p></a></div>
<p>{STORY[3]}</p></div>
<div class="most-read"><h2>Most read</h2><ol><li>Council tax to rise</li><li>New bypass
opens</li><li>School wins award</li></ol></div>{RELATED}{COMMENTS}</div>
{SITE_LINKS}</body></html>"""


def test_story_body_div_is_the_article():
    extraction = _assert_only_story(STORY_BODY_PAGE, STORY)
    assert extraction["scope"] == "div.story-body"  # its body name outweighs "share"
    assert "Advertisement" not in html_text(STORY_BODY_PAGE).text


def test_schema_org_article_body_wins_over_a_larger_unmarked_thread():
    # The comment thread is longer than the story and named in no class: only the
    # itemprop says which text is the article.
    thread = "".join(f"<div class='c'><p>{p} (a reader)</p></div>" for p in STORY * 2)
    markup = (f"<html><body><div itemscope itemtype='https://schema.org/NewsArticle'>"
              f"<h1 itemprop='headline'>Floods</h1><div itemprop='articleBody'>{_story(STORY)}"
              f"</div></div><div class='thread'>{thread}</div></body></html>")
    page = html_text(markup)
    assert page.text.split("\n\n") == STORY
    assert page.extraction["scope"] == "div[itemprop=articleBody]"


FRENCH = [
    "Les pluies torrentielles ont fait sortir la Loire de son lit dimanche soir, inondant plus "
    "de quatre cents maisons dans la ville de Saumur, a indiqué lundi la préfecture.",
    "Les secours ont travaillé toute la nuit pour mettre les habitants à l'abri dans un "
    "gymnase situé sur les hauteurs, et la vigilance rouge a été déclenchée pour les "
    "communes situées le long du fleuve.",
    "Selon les prévisionnistes, la crue devrait atteindre son pic mardi. Le maire a demandé "
    "aux habitants des quartiers bas de quitter leur domicile avant la nuit.",
]


def test_french_page_uses_the_french_function_words():
    tags = ("Météo Inondations Loire Saumur Préfecture Vigilance rouge Crue Intempéries "
            "Catastrophe naturelle Pompiers Gendarmerie Anjou Climat "
            "Environnement Sécurité civile Secours Évacuations")
    markup = (f'<html lang="fr"><body><div class="contenu"><h1>La Loire déborde</h1>'
              f"{_story(FRENCH)}<div class='mots'>{tags}</div></div>"
              f"<div class='a-lire'><h3>À lire aussi</h3><ul><li><a href='/1'>Les crues de "
              f"1910 à Paris</a></li><li><a href='/2'>Comment se protéger</a></li></ul></div>"
              "</body></html>")
    page = html_text(markup)
    assert page.extraction["language"] == "french"
    assert page.text.split("\n\n") == ["La Loire déborde", *FRENCH]
    # Read with the English list, the French story has no function words: nothing is kept,
    # and the fallback says so rather than returning an empty document.
    english = html_text(markup, language="english")
    assert "fallback" in english.extraction and FRENCH[0] in english.text
    # without a lang attribute, the language is guessed from the page's text
    assert html_text(markup.replace(' lang="fr"', "")).extraction["language"] == "french"


WORDPRESS_PAGE = f"""<html><body class="single single-post"><div id="page" class="site">
<div id="content" class="site-content"><main id="main" class="site-main">
<article id="post-1" class="post type-post"><header class="entry-header">
<h1 class="entry-title">River bursts its banks</h1><div class="entry-meta">Posted on May 1, 2024
by admin</div></header><div class="entry-content">{_story(STORY)}</div>
<footer class="entry-footer">Posted in <a href="/c">News</a></footer></article>
<div id="comments" class="comments-area"><h2>2 thoughts on "River bursts its banks"</h2>
<ol class="comment-list"><li class="comment"><p>This happens every few years and the council
does nothing about it until the water is already in the houses again.</p></li></ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3></div></div></main>
<div id="secondary" class="widget-area"><h2>Recent Posts</h2><ul><li><a href="/h">Hello
world</a></li></ul></div></div></div></body></html>"""


def test_blog_page_drops_its_post_meta_comments_and_widgets():
    extraction = _assert_only_story(WORDPRESS_PAGE, ["River bursts its banks", *STORY])
    assert extraction["scope"] == "article"
    for gone in ("Posted on", "admin", "Leave a Reply", "Recent Posts", "Hello"):
        assert gone not in html_text(WORDPRESS_PAGE).text


def test_comments_marked_up_as_articles_inside_the_article_are_dropped():
    comments = "".join(f'<article class="comment"><p>{p} I was there.</p></article>'
                       for p in STORY[:3])
    markup = (f"<html><body><article class='story'><h1>Floods</h1>{_story(STORY)}"
              f"<section>{comments}</section></article></body></html>")
    page = html_text(markup)
    assert page.text.split("\n\n") == ["Floods", *STORY]
    assert page.extraction["scope"] == "article"


def test_a_language_without_function_words_is_read_by_length_and_links():
    story = ["Правительство объявило во вторник, что с апреля минимальная заработная плата "
             "вырастет на пять процентов, это самое большое повышение за десять лет.",
             "Профсоюзы приветствовали это решение, но заявили, что его недостаточно.",
             "Представители бизнеса предупредили, что небольшим магазинам будет трудно."]
    markup = ('<html lang="ru"><body><div class="top"><a href="/">Главная</a> <a href="/p">'
              'Политика</a> <a href="/e">Экономика</a></div><div class="c1"><h1>Зарплата</h1>'
              f'{_story(story)}</div><div class="c2"><h3>Читайте также</h3><ul><li><a href="/1">'
              'Инфляция замедлилась</a></li><li><a href="/2">Курс рубля</a></li></ul></div>'
              '<div class="c3">© 2024 Новости. Все права защищены.</div></body></html>')
    page = html_text(markup)
    assert page.extraction["language"] == "russian" and page.extraction["scope"] == "div.c1"
    assert page.text.split("\n\n") == ["Зарплата", *story]


LINKS_ONLY = ("<html><body><ul>" + "".join(
    f"<li><a href='/{i}'>Story number {i} of the day</a></li>" for i in range(8))
    + "</ul></body></html>")


def test_nothing_article_like_falls_back_to_every_block_and_says_so(tmp_path, capsys):
    page = html_text(LINKS_ONLY)
    assert page.text.split("\n\n") == [f"Story number {i} of the day" for i in range(8)]
    assert page.extraction["fallback"].startswith("no block of the page looked like article")
    assert page.extraction["kept"] == page.extraction["blocks"] == 8
    path = tmp_path / "index.html"
    path.write_text(LINKS_ONLY, encoding="utf-8")
    cluster = load_cluster([path])
    assert input_report(cluster)["html_fallback"] == [
        {"path": str(path), "reason": page.extraction["fallback"]}]
    assert main(["summarize", str(path), "--words", "20"]) == 0
    assert f"note: {path}: no block of the page looked like article text" in \
        capsys.readouterr().err


def test_loader_summarize_and_cli_record_and_turn_off_extraction(tmp_path, capsys):
    path = tmp_path / "floods.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    doc = load_file(path)
    assert doc.meta["html"]["scope"] == "article" and "riverwatcher" not in doc.text
    assert STORY[0] in doc.text
    every = load_file(path, main_content=False)
    assert every.meta["html"]["main_content"] is False and "every few years" in every.text
    assert "riverwatcher" not in summarize(str(path), sentences=10, method="lead").text
    assert "every few years" in summarize(str(path), sentences=30, method="lead",
                                          main_content=False).text
    assert main(["summarize", str(path), "--no-main-content", "--method", "lead",
                 "--sentences", "30", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "every few years" in " ".join(s["text"] for s in out["sentences"])


# Tag soup: any nesting of block, inline, skipped and void tags, with class names that hint
# either way, unclosed and stray end tags, around words.
_TAGS = ["div", "p", "a", "span", "li", "ul", "article", "main", "section", "h1", "h2", "b",
         "nav", "script", "form", "br", "img", "header", "table", "td"]
_ATTRS = ["", ' class="comments"', ' class="story-body"', ' itemprop="articleBody"',
          ' id="related-links"', ' role="navigation"', ' class="cookie"']
_WORDS = ["the", "river", "rose", "of", "a", "flood", "and", "said", "council", "x" * 80,
          "Le", "la", "de", "in", ".", "\n"]
_piece = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(_TAGS)),
    st.sampled_from(_WORDS),
    st.text(alphabet=st.characters(blacklist_characters="<&", blacklist_categories=("Cs",)),
            max_size=30),
)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=300, deadline=None)
@given(st.lists(_piece, max_size=80), st.sampled_from([None, "english", "french", "russian"]))
def test_tag_soup_never_raises_and_never_invents_text(pieces, language):
    markup = " ".join(pieces)
    every = html_text(markup, main_content=False)
    chosen = html_text(markup, language=language)
    # the chosen paragraphs are some of the page's, in the page's order
    assert _is_subsequence(chosen.text.split("\n\n"), every.text.split("\n\n"))
    # and the page's text is the markup's characters, in order
    assert _is_subsequence("".join(every.text.split()), "".join(markup.split()))
    # something is kept whenever the page has text
    assert bool(chosen.text) == bool(every.text)
    assert chosen.extraction["kept"] <= chosen.extraction["blocks"] == every.extraction["blocks"]


def test_nesting_past_the_depth_cap_is_read_and_kept_whole():
    # 1,000 unclosed boilerplate-named divs and more end tags than start tags: past the cap
    # (MAX_DEPTH) elements are not followed, but no text is lost or invented
    deep = "<div class='comments'>" * 1000 + "<p>deep text</p>" + "</div>" * 1500
    markup = f"<html><body>{deep}{_story(STORY)}</body></html>"
    every = html_text(markup, main_content=False)
    assert every.text.split("\n\n") == ["deep text", *STORY]
    chosen = html_text(markup)
    assert chosen.text.split("\n\n") == STORY
    assert chosen.extraction["scope"] == chosen.extraction["found_by"] == "page"


def test_benchmark_pages_have_their_size_and_their_article():
    # eval/bench_html.py's page builder (no timing here): each shape reaches the size asked,
    # and the comments page gives its 12-paragraph article and headline, not the thread
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "eval" / "bench_html.py"
    spec = importlib.util.spec_from_file_location("bench_html", script)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for shape in bench.SHAPES:
        page = bench.build_page(shape, 60_000)
        assert 60_000 <= len(page.encode()) < 62_000, shape
        assert html_text(page).text, shape
    comments = html_text(bench.build_page("comments", 60_000))
    assert comments.extraction["scope"] == "article" and comments.extraction["kept"] == 13
