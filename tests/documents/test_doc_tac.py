"""The TAC 2011 MultiLing loader on the real data (skipped where it is absent)."""

from __future__ import annotations

import pytest

from summarizer.documents import TAC2011_LANGUAGES, load_tac2011
from summarizer.errors import InputError


@pytest.mark.parametrize("language", TAC2011_LANGUAGES)
def test_ten_clusters_of_ten_documents_with_references(tac_dir, language):
    clusters = load_tac2011(tac_dir, language)
    assert [c.id for c in clusters] == [f"M00{t}" for t in range(10)]
    for c in clusters:
        assert len(c.documents) == 10
        assert [d.id for d in c.documents] == [f"{c.id}{i}" for i in range(10)]
        assert c.language == language
        assert len(c.references) >= 2  # French M001 has two, most topics three
        for d in c.documents:
            assert d.text.strip()
            # The title and the date line never stay in the body.
            # (A first sentence may begin with the title's words: compare paragraphs.)
            if d.title:
                assert d.text.split("\n\n")[0].strip() != d.title
            if d.meta.get("date_line"):
                assert d.meta["date_line"] not in d.text[:200]
    with_title = sum(d.title is not None for c in clusters for d in c.documents)
    with_date = sum(d.date is not None for c in clusters for d in c.documents)
    assert with_title >= 97 and with_date >= 98


def test_english_details(tac_dir):
    clusters = load_tac2011(tac_dir.parent, "en")  # the parent folder and a code work too
    assert all(len(c.references) == 3 for c in clusters)
    assert clusters[0].meta["reference_ids"] == ["A", "B", "C"]
    d = clusters[0].documents[0]
    assert d.title == "Tsunami aid donations in 2005 deductible for 2004 in the U.S."
    assert d.date == "2005-01-08"
    assert d.text.startswith("U.S. citizens donating in 2005")
    caption = clusters[0].documents[4]
    assert caption.meta["header"] == ["Countries affected by the 2004 Indian Ocean tsunami"]
    assert caption.text.startswith("Through a telethon")


def test_quirks_of_the_real_data(tac_dir):
    czech = load_tac2011(tac_dir, "czech", topics=["M006"])
    doc = czech[0].documents[9]
    assert doc.id == "M0069" and doc.meta["encoding"] == "cp1250"
    hebrew = load_tac2011(tac_dir, "hebrew", topics=["M001"])  # files named *.Hebrew
    assert len(hebrew[0].documents) == 10
    french = load_tac2011(tac_dir, "french", topics=["M000"])
    assert len(french[0].references) == 5


def test_errors(tmp_path, tac_dir):
    with pytest.raises(InputError, match="not a TAC 2011"):
        load_tac2011(tmp_path)
    with pytest.raises(InputError, match="has no 'german'"):
        load_tac2011(tac_dir, "german")


def test_a_topic_with_model_summaries_but_no_articles_is_refused_by_name(tmp_path):
    # M001's articles missing from a copy: the loader returned M000 alone, and an
    # evaluation scored nine clusters of ten without a word
    sources = tmp_path / "SourceTexts"
    models = tmp_path / "Model Summaries" / "English"
    sources.mkdir()
    models.mkdir(parents=True)
    for d in range(2):
        (sources / f"M000{d}.english").write_text(
            f"Title {d}\n\nThe storm hit the coast on Monday. Homes lost power ({d}).")
    for topic in ("M000", "M001"):
        (models / f"{topic}.A.250").write_text("A storm cut power to homes.")
    with pytest.raises(InputError, match=r"no english documents for topic\(s\) M001\b"):
        load_tac2011(tmp_path)
    # the topics asked for, or no references, load as before
    [only] = load_tac2011(tmp_path, topics=["M000"])
    assert only.id == "M000" and len(only.documents) == 2
    assert only.references == ["A storm cut power to homes."]
    assert only.meta["reference_ids"] == ["A"]
    assert [c.id for c in load_tac2011(tmp_path, references=False)] == ["M000"]
    with pytest.raises(InputError, match="M001"):
        load_tac2011(tmp_path, topics=["M001"])


def test_topics_of_no_topic_are_refused_by_name(tmp_path):
    # topics=["M010"] (or "m000") gave fewer clusters, or none, without a word
    sources = tmp_path / "SourceTexts"
    sources.mkdir()
    for topic in ("M000", "M001"):
        (sources / f"{topic}0.english").write_text("Title\n\nThe storm hit the coast on Monday.")
    with pytest.raises(InputError, match=r"no topic 'M010', 'm000' in english; its topics: "
                                         r"M000, M001$"):
        load_tac2011(tmp_path, topics=["M000", "M010", "m000"])
    assert [c.id for c in load_tac2011(tmp_path, topics="M001")] == ["M001"]


def test_reference_names_in_any_case(tmp_path):
    # m001.a.250 beside M001.B.250: the cluster was scored against B alone, unsaid
    sources = tmp_path / "SourceTexts"
    models = tmp_path / "Model Summaries" / "English"
    sources.mkdir()
    models.mkdir(parents=True)
    (sources / "M0000.english").write_text("Title\n\nThe storm hit the coast on Monday.")
    (models / "m000.a.250").write_text("A storm hit the coast.")
    (models / "M000.B.250").write_text("The coast was hit by a storm.")
    [c] = load_tac2011(tmp_path)
    assert c.meta["reference_ids"] == ["A", "B"] and len(c.references) == 2
    (models / "M000.A.250").write_text("Another A.")
    if len(list(models.iterdir())) == 3:  # a file system that tells the cases apart
        with pytest.raises(InputError, match="a second reference A of topic M000"):
            load_tac2011(tmp_path)
