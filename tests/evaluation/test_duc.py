"""The DUC 2003/2004 layout: SGML articles, wrapped text, case-varying reference names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarizer.documents.duc import load_duc, normalize_quotes, parse_sgml, unwrap_paragraphs
from summarizer.errors import InputError, UnknownLanguageError


def test_fixture_clusters_and_references(duc_fixture):
    clusters = load_duc(duc_fixture)
    assert [c.id for c in clusters] == ["d30001t", "d30002t", "d31001t"]
    by_id = {c.id: c for c in clusters}
    # Upper- and lower-case reference names are both found; peers with numeric ids
    # (system outputs) are not references; peers/ duplicating models/ is read once.
    assert by_id["d30001t"].meta["reference_files"] == ["D30001.M.100.T.A", "d30001.m.100.t.b"]
    assert by_id["d30002t"].meta["reference_files"] == ["D30002.M.100.T.C", "d30002.M.100.t.D"]
    assert len(by_id["d31001t"].references) == 1
    # One sentence per line is kept as line structure.
    assert by_id["d30002t"].references[0].count("\n") == 3


def test_sgml_fields_dates_and_order(duc_fixture):
    c = {c.id: c for c in load_duc(duc_fixture)}["d30001t"]
    assert [d.id for d in c.documents] == ["APW19981016.0240", "APW19981017.0112", "NYT19981018.0057"]
    assert [d.date for d in c.documents] == ["1998-10-16", "1998-10-17", "1998-10-18"]
    assert c.documents[0].source == "APW"
    la = {c.id: c for c in load_duc(duc_fixture)}["d31001t"].documents[0]
    assert la.title == "HARBOR BOND WINS EASILY IN PORT AMELL"
    assert la.date == "1998-11-05"
    assert "shipping & tourism" in la.text  # &AMP; entity decoded
    assert "<P>" not in la.text and "HARBOR BOND" not in la.text  # headline is metadata


def test_unwrapping_and_quotes(duc_fixture):
    doc = load_duc(duc_fixture)[0].documents[0]
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 4  # indentation marks the paragraph starts
    assert all("\n" not in p for p in paragraphs)  # hard wraps joined
    assert "``" not in doc.text and "''" not in doc.text
    assert paragraphs[1].startswith('"The water came faster than anyone expected," said')
    # AP's lone-underscore dash makes a dateline that cleaning moves to metadata.
    assert paragraphs[0].startswith("Flood waters from the swollen Kestrel River")
    assert doc.meta["dateline"] == "MARAVEL, Norland (AP)"


def test_cp1252_article_is_decoded(duc_fixture):
    doc = {c.id: c for c in load_duc(duc_fixture)}["d30002t"].documents[1]
    assert "José Alvarez" in doc.text


def test_unwrap_without_indentation_uses_blank_lines():
    raw = "First line of a\nparagraph that wraps.\n\nSecond paragraph\nalso wraps.\n"
    assert unwrap_paragraphs(raw) == [
        "First line of a paragraph that wraps.", "Second paragraph also wraps."
    ]
    assert normalize_quotes("``Yes,'' he said, `maybe'.") == "\"Yes,\" he said, 'maybe'."


def test_parse_sgml_several_docs_in_one_file():
    text = ("<DOC><DOCNO> XIE19990101.0001 </DOCNO><TEXT>One.\n</TEXT></DOC>\n"
            "<DOC><DOCNO> XIE19990102.0002 </DOCNO><TEXT>Two.\n</TEXT></DOC>")
    docs = parse_sgml(text)
    assert [d.id for d in docs] == ["XIE19990101.0001", "XIE19990102.0002"]
    assert docs[1].date == "1999-01-02"


def test_explicit_reference_folder_and_docs_root(duc_fixture, tmp_path):
    # The cluster folders given directly, references elsewhere, names in lower case.
    docs = tmp_path / "somewhere" / "clusters"
    shutil.copytree(duc_fixture / "docs", docs)
    refs = tmp_path / "refs"
    refs.mkdir()
    for f in (duc_fixture / "models").iterdir():
        (refs / f.name.lower()).write_bytes(f.read_bytes())
    clusters = load_duc(docs, references=refs)
    assert [len(c.references) for c in clusters] == [2, 2, 1]
    with pytest.raises(InputError, match="no reference summaries"):
        load_duc(docs)


def test_several_reference_lengths_need_a_choice(duc_fixture, tmp_path):
    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    (root / "models" / "D30001.M.200.T.A").write_text("A longer reference.\n")
    with pytest.raises(InputError, match="several lengths"):
        load_duc(root)
    assert [len(c.references) for c in load_duc(root, reference_size=100)] == [2, 2, 1]
    with pytest.raises(InputError, match="d30002t: no reference"):
        load_duc(root, reference_size=200)  # only d30001 has 200-word references


def test_a_reference_size_of_no_reference_names_the_size_asked_and_those_held(duc_fixture):
    # the error named the 100-word file it said was missing: "no reference summaries named
    # like D30001.M.100.T.A" where D30001.M.100.T.A is there, and --reference-size 50 asked
    for size in (50, 10**12):
        with pytest.raises(InputError) as caught:
            load_duc(duc_fixture, reference_size=size)
        assert str(caught.value) == (
            f"d30001t: no reference summaries named like D30001.M.{size}.T.A under "
            f"{duc_fixture}; its references are of 100 words: choose that length with "
            "reference_size (--reference-size)")
    with pytest.raises(InputError) as caught:
        load_duc(duc_fixture / "docs", references=duc_fixture / "docs")
    assert str(caught.value) == ("d30001t: no reference summaries named like D30001.M.100.T.A "
                                 f"under {duc_fixture / 'docs'}")  # none at all: as before


def test_two_reference_names_of_one_file_are_two_references(duc_fixture, tmp_path):
    # Document folders read a file once whatever names it; a reference's name is data (its
    # assessor), so a hard-linked copy under another letter stays a reference of its own
    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    refs = sorted((root / "models").glob("D30002.*"))
    assert len(refs) == 1
    (root / "models" / (refs[0].name[:-1] + "Z")).hardlink_to(refs[0])
    assert [len(c.references) for c in load_duc(root)] == [2, 3, 1]


def test_not_a_duc_folder(tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(InputError, match="no DUC cluster folders"):
        load_duc(tmp_path)


def test_stray_files_are_skipped_and_listed(duc_fixture, tmp_path):
    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    (root / "docs" / "d30002t" / "README").write_text("Files of cluster d30002.\n")
    (root / "docs" / "d30002t" / ".DS_Store").write_bytes(b"\x00\x01")
    c = {c.id: c for c in load_duc(root)}["d30002t"]
    assert len(c.documents) == 2
    assert c.meta["skipped"] == [{
        "path": str(root / "docs" / "d30002t" / "README"), "document": "README",
        "cluster": "d30002t",
        "reason": "no NIST SGML article (<DOC> with <TEXT>)"}]
    for f in (root / "docs" / "d31001t").iterdir():
        f.write_text("not sgml")
    with pytest.raises(InputError, match="d31001t: no NIST SGML article"):
        load_duc(root)


def test_damaged_and_emptied_files_are_listed_with_why(duc_fixture, tmp_path):
    # a truncated .gz article, a binary file and an article that cleaning empties were
    # dropped from the cluster with no word: the run scored 2 of 5 documents
    import gzip

    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    folder = root / "docs" / "d30001t"
    whole = gzip.compress(next(folder.iterdir()).read_bytes())
    (folder / "APW_cut.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "blob").write_bytes(bytes(range(256)) * 8)
    (folder / "empty_doc").write_text("<DOC>\n<DOCNO> APW19981019.0001 </DOCNO>\n<TEXT>\n"
                                      "(AP) _\n</TEXT>\n</DOC>\n")
    c = {c.id: c for c in load_duc(root)}["d30001t"]
    listed = {Path(s["path"]).name: s for s in c.meta["skipped"]}
    assert set(listed) == {"APW_cut.gz", "blob", "empty_doc"}
    assert all(s["cluster"] == "d30001t" and s["reason"] for s in listed.values())
    assert listed["empty_doc"]["document"] == "APW19981019.0001"


def test_every_docs_folder_is_read_and_one_docset_twice_is_refused(duc_fixture, tmp_path):
    # only the first folder of cluster folders was read: task3/'s cluster disappeared
    root = tmp_path / "duc"
    (root / "task2" / "docs").mkdir(parents=True)
    (root / "task3" / "docs").mkdir(parents=True)
    shutil.copytree(duc_fixture / "docs" / "d30001t", root / "task2" / "docs" / "d30001t")
    shutil.copytree(duc_fixture / "docs" / "d30002t", root / "task3" / "docs" / "d30002t")
    shutil.copytree(duc_fixture / "models", root / "models")
    with pytest.warns(UserWarning, match="references of 1 docset.s. with no cluster folder "
                                         "are not used .first: D31001.M.100.T"):
        clusters = load_duc(root)
    assert [c.id for c in clusters] == ["d30001t", "d30002t"]
    for twin in ("D30001T", "d30001"):  # both took d30001's references and counted twice
        (root / "task3" / "docs" / twin).mkdir()
        with pytest.raises(InputError, match="one docset's cluster folders .D30001.; keep one"):
            load_duc(root)
        (root / "task3" / "docs" / twin).rmdir()


def test_cluster_folders_beside_models_and_hidden_copies(duc_fixture, tmp_path):
    # cluster folders in the root itself: every reference under it was left out as lying
    # under the folder of cluster folders; a hidden .old/ copy was read instead of models/'s
    root = tmp_path / "flat"
    shutil.copytree(duc_fixture / "docs", root)
    shutil.copytree(duc_fixture / "models", root / "models")
    expected = [c.references for c in load_duc(duc_fixture)]
    (root / "models" / ".old").mkdir()
    for f in (root / "models").glob("D*"):
        (root / "models" / ".old" / f.name).write_text("A stale hidden copy.\n")
    assert [c.references for c in load_duc(root)] == expected


def test_one_length_across_clusters(duc_fixture, tmp_path):
    # checked within a cluster only: D30001's 100 words and D30002's 10 were scored alike
    root = tmp_path / "duc"
    shutil.copytree(duc_fixture, root)
    for f in (root / "models").glob("D30002*"):
        f.rename(f.with_name(f.name.replace(".100.", ".10.")))
    with pytest.raises(InputError, match=r"several lengths \[10, 100\]"):
        load_duc(root)


def test_nyt_style_document_with_body_headline_and_markers():
    text = """<DOC>
<DOCNO> NYT19981003.0093 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 10/03/1998 12:52:00 </DATE_TIME>
<HEADER>
A7580 &Cx1f; ttc-z
</HEADER>
<BODY>
<SLUG> BC-HARBOR-NYT </SLUG>
<HEADLINE>
CITY WEIGHS HARBOR PLAN &QL;
</HEADLINE>
<TEXT>
<P>
The city council voted on Friday to study a new harbor wall, a
project estimated at $45 million &UR; officials said.
</P>
<P>
``It is overdue,'' said the mayor.
</P>
</TEXT>
<TRAILER>
NYT-10-03-98 1252EDT &QL;
</TRAILER>
</BODY>
</DOC>
"""
    (doc,) = parse_sgml(text)
    assert doc.id == "NYT19981003.0093" and doc.date == "1998-10-03"
    assert doc.title == "CITY WEIGHS HARBOR PLAN"
    assert doc.text.split("\n\n") == [
        "The city council voted on Friday to study a new harbor wall, a project estimated "
        "at $45 million officials said.",
        '"It is overdue," said the mayor.',
    ]
    assert "NYT-10-03-98" not in doc.text and "&" not in doc.text


def test_wire_bylines_notes_and_stamps_stay_out_of_the_text():
    # AP, New York Times and Xinhua copy as DUC/TDT/AQUAINT hold it (written for this test)
    text = """<DOC>
<DOCNO> APW19981003.0101 </DOCNO>
<TEXT>
   By JOHN DOE
   Associated Press Writer
   KESTRELTON, Norland (AP) _ Workers at the Kestrel shipyard walked off
the job Saturday after talks on a new contract collapsed.
   (MORE)
   Eds: Updates with company statement
   The company said it was ready to resume talks.
   AP-NY-10-03-98 1234EDT
</TEXT>
</DOC>
<DOC>
<DOCNO> NYT19981003.0202 </DOCNO>
<TEXT>
&UR; By JANE ROE &LR; &QL;
&UR; c.1998 N.Y. Times News Service &LR; &QL;
&HT; KESTRELTON, Norland _ The strike&MD;the largest in the
country's history&MD;has left the caf&#233; owners of the port worried. &QL;
&HT; PHOTO &QL;
&HT; Talks resume on Monday. &QL;
NYT-10-03-98 1747EDT &QL;
</TEXT>
</DOC>
<DOC>
<DOCNO> XIE19981004.0011 </DOCNO>
<TEXT>
   Kestrelton, October 4 (Xinhua) -- Striking shipyard workers held a
rally on Sunday, local media reported.
   About 2,000 workers marched to the city hall.
</TEXT>
</DOC>
"""
    apw, nyt, xie = parse_sgml(text)
    assert apw.meta["dateline"] == "KESTRELTON, Norland (AP)"
    assert apw.text.split("\n\n") == [
        "Workers at the Kestrel shipyard walked off the job Saturday after talks on a new "
        "contract collapsed.",
        "The company said it was ready to resume talks.",
    ]
    assert nyt.meta["dateline"] == "KESTRELTON, Norland"
    # &QL; ends a paragraph, &HT; indents one, &MD; is a dash
    assert nyt.text.split("\n\n") == [
        "The strike -- the largest in the country's history -- has left the caf\u00e9 owners "
        "of the port worried.",
        "Talks resume on Monday.",
    ]
    assert xie.meta["dateline"] == "Kestrelton, October 4 (Xinhua)"
    assert xie.text.startswith("Striking shipyard workers")


AQUAINT2 = """<DOC id="AFP_ENG_20050103.0042" type="story" >
<HEADLINE>
Floods force thousands from their homes
</HEADLINE>
<DATELINE>
MARAVEL, Jan 3 (AFP)
</DATELINE>
<TEXT>
<P>
Flood waters broke through two levees on Monday, forcing about 12,000 people
from their homes in the eastern districts, officials said.
</P>
<P>
The army set up shelters in schools and sports halls across the city.
</P>
</TEXT>
</DOC>
"""


def test_aquaint2_docs_with_attributes_are_read(tmp_path):
    """TAC 2008-2011 source files (AQUAINT-2) open each article with <DOC id="..."
    type="story">: no <DOC> matched, so the file gave no document (and summarize read it as
    text, tags and all)."""
    from summarizer.documents import load_cluster

    (doc,) = parse_sgml(AQUAINT2)
    assert doc.id == "AFP_ENG_20050103.0042" and doc.date == "2005-01-03"
    assert doc.title == "Floods force thousands from their homes"
    assert doc.text.startswith("Flood waters broke through two levees on Monday, forcing "
                               "about 12,000 people from their homes")
    (tmp_path / "AFP_ENG_20050103.0042").write_text(AQUAINT2)
    assert [d.text for d in load_cluster([tmp_path]).documents] == [doc.text]


def test_unknown_language_is_named_not_read_as_no_article(duc_fixture):
    # each file's InputError is caught as "no article in this file": the language is
    # checked before any file, so the user reads which option is wrong
    with pytest.raises(UnknownLanguageError, match="xx"):
        load_duc(duc_fixture, language="xx")


# A paragraph a line, every line indented alike, no blank line between them.
INDENTED_LINES = """<DOC>
<DOCNO> APW19981005.0001 </DOCNO>
<TEXT>
   KESTRELTON, Norland (AP) _ Workers at the Kestrel shipyard walked off the job Saturday after talks on a new contract collapsed.
   The company said it was ready to resume talks as soon as the union returned to the table.
   About 2,000 workers marched to the city hall on Sunday, and more marches are planned.
</TEXT>
</DOC>
"""


def test_every_line_indented_alike_is_a_paragraph_a_line():
    # Such a block was one paragraph (a whole file's text when it had no blank line).
    (doc,) = parse_sgml(INDENTED_LINES)
    assert doc.meta["dateline"] == "KESTRELTON, Norland (AP)"
    assert doc.text.split("\n\n") == [
        "Workers at the Kestrel shipyard walked off the job Saturday after talks on a new "
        "contract collapsed.",
        "The company said it was ready to resume talks as soon as the union returned to "
        "the table.",
        "About 2,000 workers marched to the city hall on Sunday, and more marches are planned.",
    ]


def test_indented_alike_but_wrapped_stays_one_paragraph():
    # wrapped lines (mid-sentence ends, lower case next) indented alike: one paragraph, as
    # before; in a <P> the tag says where the paragraph is
    raw = ("  Flood waters from the swollen river forced\n  thousands of people from their\n"
           "  homes on Saturday, officials said.\n")
    joined = ("Flood waters from the swollen river forced thousands of people from their "
              "homes on Saturday, officials said.")
    assert unwrap_paragraphs(raw) == [joined]
    assert unwrap_paragraphs("<P>\n  One short line.\n  Another line.\n</P>") == [
        "One short line. Another line."
    ]


@pytest.mark.parametrize("margin, start", [("  ", "     "), ("  ", "\t"), ("\t", "\t   ")])
def test_indent_counted_past_the_common_margin(margin, start):
    # AP's layout (first line indented, the rest wrapped) shifted right as a whole: every
    # line was indented, so every line was a paragraph, its sentences cut at the wraps
    raw = (f"{start}The first paragraph starts here and\n{margin}wraps onto a second line.\n"
           f"{start}The second paragraph\n{margin}wraps too.\n")
    assert unwrap_paragraphs(raw) == [
        "The first paragraph starts here and wraps onto a second line.",
        "The second paragraph wraps too.",
    ]


# Paragraphs indented alike, no blank line between them, two of them wrapped over two lines
INDENTED_AND_WRAPPED = """<DOC>
<DOCNO> APW19981005.0002 </DOCNO>
<TEXT>
   KESTRELTON, Norland (AP) _ Workers at the Kestrel shipyard walked off the job
   Saturday after talks on a new contract collapsed.
   The company said it was ready to resume talks as soon as the union returned.
   About 2,000 workers marched to the city hall on Sunday, and more marches
   are planned for next week, union leaders said.
   ``We will not go back without a contract,'' said Ana Reyes, a welder.
   Police said the march was peaceful.
</TEXT>
</DOC>
"""


def test_a_sentence_wrapped_in_lines_indented_alike_stays_one_paragraph():
    # lines indented alike that did not read as one wrapped block were a paragraph each,
    # so a sentence wrapped over two lines was cut in two paragraphs (and two sentences)
    (doc,) = parse_sgml(INDENTED_AND_WRAPPED)
    assert doc.meta["dateline"] == "KESTRELTON, Norland (AP)"
    assert doc.text.split("\n\n") == [
        "Workers at the Kestrel shipyard walked off the job Saturday after talks on a new "
        "contract collapsed.",
        "The company said it was ready to resume talks as soon as the union returned.",
        "About 2,000 workers marched to the city hall on Sunday, and more marches are "
        "planned for next week, union leaders said.",
        "\"We will not go back without a contract,\" said Ana Reyes, a welder.",
        "Police said the march was peaceful.",
    ]


# Lines indented alike, wrapped after an abbreviation: "Sen." and "Mr." (a title, a name
# next), "Jan." (a day next), "U.S." (inside a name, "U.S. Navy"); one short paragraph
# ends in "U.S.", one long one too.
ABBREVIATIONS_AT_LINE_ENDS = """<DOC>
<DOCNO> APW19981006.0003 </DOCNO>
<TEXT>
   KESTRELTON, Norland (AP) _ The shipyard strike entered its second week, said Sen.
   Ana Reyes, who met both sides on Monday and will meet them again on Thursday, Jan.
   15, her office said.
   Workers read a letter from the yard's owner, Mr. John Doe, who wrote that the U.S.
   Navy had agreed to wait another month for its two frigates from the yard.
   It is to sell a few old tugs to the U.S.
   Talks resume on Monday.
   Both sides said they wanted a deal before the ships are due in the U.S.
   The union said it would not vote on any offer before it had read it.
</TEXT>
</DOC>
"""


def test_a_sentence_wrapped_after_an_abbreviation_stays_one_paragraph():
    # "Sen.", "Jan.", "Mr.", "U.S." at a line's end read as a sentence's end: each of the
    # two wrapped sentences was cut in two or three paragraphs (and sentences: "15, her
    # office said." one of them). A line over half the block's width that ends in an
    # abbreviation of the language's table continues; a shorter one ends its paragraph.
    # A long line that ends a paragraph in "U.S." keeps its break where the splitter ends
    # a sentence there before the next line ("U.S. The union"; it ran into the next while
    # the table alone answered).
    (doc,) = parse_sgml(ABBREVIATIONS_AT_LINE_ENDS)
    assert doc.meta["dateline"] == "KESTRELTON, Norland (AP)"
    assert doc.text.split("\n\n") == [
        "The shipyard strike entered its second week, said Sen. Ana Reyes, who met both "
        "sides on Monday and will meet them again on Thursday, Jan. 15, her office said.",
        "Workers read a letter from the yard's owner, Mr. John Doe, who wrote that the U.S. "
        "Navy had agreed to wait another month for its two frigates from the yard.",
        "It is to sell a few old tugs to the U.S.",
        "Talks resume on Monday.",
        "Both sides said they wanted a deal before the ships are due in the U.S.",
        "The union said it would not vote on any offer before it had read it.",
    ]


def test_the_abbreviations_are_the_documents_languages():
    # Czech's table leaves out "sen" (a dream, which ends sentences), English's has it
    raw = ("   The talks went on all week, and at the end of it the chairman said Sen.\n"
           "   Reyes will decide.\n")
    assert unwrap_paragraphs(raw, "english") == [
        "The talks went on all week, and at the end of it the chairman said Sen. Reyes "
        "will decide."]
    raw = ("   Celou noc se mu zdál jeden a tentýž dlouhý, krásný a velmi podivný sen.\n"
           "   Ráno si na něj už nevzpomněl.\n")
    assert unwrap_paragraphs(raw, "czech") == [
        "Celou noc se mu zdál jeden a tentýž dlouhý, krásný a velmi podivný sen.",
        "Ráno si na něj už nevzpomněl."]


# A sentence wrapped after "Calif.", which the English Punkt model learnt and the
# package's table lacks
CALIF_AT_LINE_END = """<DOC>
<DOCNO> APW19981006.0005 </DOCNO>
<TEXT>
   The fire that began on Monday in the hills above the town of San Anselmo, Calif.
   Kestrel County, burned a dozen houses before the wind dropped, officials said.
   Crews expect to contain it by Friday.
</TEXT>
</DOC>
"""


def test_a_line_ending_in_an_abbreviation_the_punkt_model_learnt_continues():
    # "Calif." at a line's end read as a sentence's end (the package's table only), where
    # the splitter (and faithfulness.names) read the Punkt model's abbreviations too: the
    # sentence was cut in two paragraphs, "Kestrel County, burned ..." a fragment
    (doc,) = parse_sgml(CALIF_AT_LINE_END)
    assert doc.text.split("\n\n") == [
        "The fire that began on Monday in the hills above the town of San Anselmo, Calif. "
        "Kestrel County, burned a dozen houses before the wind dropped, officials said.",
        "Crews expect to contain it by Friday.",
    ]


# A long line that ends its paragraph in "ill.", which the English Punkt model learnt as an
# abbreviation (Illinois) as well, and one that ends in "Calif." before a new paragraph
EVERYDAY_WORD_AT_LINE_END = """<DOC>
<DOCNO> APW19981006.0006 </DOCNO>
<TEXT>
   The mayor of Kestrelton, who had led the city for nine years, fell suddenly ill.
   The doctors at the county hospital said on Tuesday that he would recover soon.
   The council met the next day in Sacramento, the capital of the state of Calif.
   The meeting ended without a vote on the budget, the council's clerk said later.
</TEXT>
</DOC>
"""


def test_a_paragraph_ending_in_an_everyday_word_the_model_learnt_keeps_its_break():
    # "ill." (and "Calif.") at a long line's end read as an abbreviation's by the set of the
    # table and the model's abbreviations alone, so the paragraph ran into the next; the
    # splitter itself ends a sentence there before "The doctors", "The meeting"
    (doc,) = parse_sgml(EVERYDAY_WORD_AT_LINE_END)
    assert doc.text.split("\n\n") == [
        "The mayor of Kestrelton, who had led the city for nine years, fell suddenly ill.",
        "The doctors at the county hospital said on Tuesday that he would recover soon.",
        "The council met the next day in Sacramento, the capital of the state of Calif.",
        "The meeting ended without a vote on the budget, the council's clerk said later.",
    ]


# A byline, its credit and two headings without final punctuation, in lines indented alike
HEADINGS_IN_LINES = """<DOC>
<DOCNO> APW19981006.0004 </DOCNO>
<TEXT>
   By JOHN DOE
   Associated Press Writer
   KESTRELTON, Norland (AP) _ Workers at the Kestrel shipyard walked off the job
   Saturday after talks on a new contract collapsed.
   By THE NUMBERS
   The yard employs 4,000 people and builds six ships a year for buyers abroad.
   TALKS TO RESUME
   Both sides will meet again on Monday, a spokesman for the company said.
</TEXT>
</DOC>
"""


def test_a_heading_line_is_a_paragraph_not_the_next_lines_start():
    # a line without final punctuation continued the next: the byline ran into the
    # credit and the story ("By JOHN DOE Associated Press Writer KESTRELTON, ..."), a
    # heading into the paragraph after it. A line shorter than half the block's longest,
    # the next in upper case, ends its paragraph; "By THE NUMBERS" names no one, so it
    # is a heading, not a byline dropped
    (doc,) = parse_sgml(HEADINGS_IN_LINES)
    assert doc.meta["dateline"] == "KESTRELTON, Norland (AP)"
    assert doc.text.split("\n\n") == [
        "Workers at the Kestrel shipyard walked off the job Saturday after talks on a new "
        "contract collapsed.",
        "The yard employs 4,000 people and builds six ships a year for buyers abroad.",
        "Both sides will meet again on Monday, a spokesman for the company said.",
    ]
    assert doc.meta["headings"] == ["By THE NUMBERS", "TALKS TO RESUME"]
    assert doc.meta["removed"] == ["By JOHN DOE", "Associated Press Writer"]


def test_a_line_ending_in_a_clause_mark_or_a_quoted_phrase_ends_no_sentence():
    # a line's end was read as a sentence's at ";" and at a closing quote or bracket
    # after no final mark; the sentence splitter's reading (sentence_ends.ends_sentence,
    # its end marks, then closers) is the one used now
    raw = ("   The union called the offer ``an insult to every worker in this yard'';\n"
           "   Kestrel's managers called it generous and final, and would not change it.\n"
           "   Both sides blamed the strike on what the union called ``the new rules''\n"
           "   Kestrel brought in last spring (without any talks with the workers).\n")
    assert unwrap_paragraphs(raw) == [
        "The union called the offer \"an insult to every worker in this yard\"; Kestrel's "
        "managers called it generous and final, and would not change it.",
        "Both sides blamed the strike on what the union called \"the new rules\" Kestrel "
        "brought in last spring (without any talks with the workers).",
    ]


# Two articles of one file in two languages, for a reader given none
TWO_LANGUAGES = """<DOC>
<DOCNO> APW19981006.0007 </DOCNO>
<TEXT>
   The council of the town met on Monday and said that it would vote on the budget
   of the harbour next week, after the talks with the union were over.
</TEXT>
</DOC>
<DOC>
<DOCNO> CTK19981006.0008 </DOCNO>
<TEXT>
   Zastupitelstvo města se sešlo v pondělí a uvedlo, že o rozpočtu přístavu bude
   hlasovat příští týden, až budou jednání s odbory u konce. Podle starosty je to
   také první krok.
</TEXT>
</DOC>
"""


def test_an_articles_language_is_guessed_once(monkeypatch):
    # parse_sgml guessed each article's language to unwrap its lines, then make_document
    # guessed it again from the paragraphs: two guesses an article, which could differ
    import summarizer.documents.duc as duc
    import summarizer.documents.make as make
    from summarizer.languages import guess_language

    guessed: list[str] = []

    def counting(text: str, *args, **kwargs) -> str:
        guessed.append(text)
        return guess_language(text, *args, **kwargs)

    monkeypatch.setattr(duc, "guess_language", counting)
    monkeypatch.setattr(make, "guess_language", counting)
    docs = parse_sgml(TWO_LANGUAGES, language=None)
    assert len(guessed) == 2
    assert [d.language for d in docs] == ["english", "czech"]
    assert all(d.meta["language_guessed"] for d in docs)
    assert [d.meta["file"] for d in docs] == ["", ""]
    # a language given is no guess
    guessed.clear()
    assert [d.language for d in parse_sgml(TWO_LANGUAGES, language="cs")] == ["czech"] * 2
    assert guessed == [] and not any("language_guessed" in d.meta
                                     for d in parse_sgml(TWO_LANGUAGES, language="en"))
