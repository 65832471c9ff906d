"""Hand-made clusters and method lists shared by the extractive summariser tests.

A module of its own (not conftest.py): several test folders have a conftest,
so ``from conftest import ...`` depends on the collection order.
"""

from __future__ import annotations

from hypothesis import strategies as st

from summarizer.documents.model import Cluster, Document
from summarizer.summarizers.budget import Budget

DOC_A = (
    "Heavy rain flooded the river valley on Monday, forcing thousands of residents to leave "
    "their homes. Emergency services said more than 4,000 people had been evacuated by "
    "nightfall. The regional governor declared a state of emergency for three districts. "
    "Schools in the affected area will stay closed until Friday. "
    "Meteorologists expect more rain later in the week."
)
DOC_B = (
    "The regional governor declared a state of emergency in three districts after the river "
    "burst its banks. Army units were sent to help rescue people trapped on rooftops. "
    "Officials said two people were missing and feared dead. "
    "Farmers reported that large areas of crops were under water."
)
DOC_C = (
    "Relief agencies appealed for blankets, drinking water and food for the evacuees. "
    "Emergency services said more than 4,000 people had been evacuated by nightfall on Monday. "
    "Insurance companies estimated the damage at several hundred million euros. "
    "The river level began to fall on Wednesday, officials said."
)


def make_cluster() -> Cluster:
    """Three dated articles about one flood; B and C repeat sentences of A."""
    docs = [
        Document(text=DOC_B, id="b", date="2024-03-05"),
        Document(text=DOC_A, id="a", date="2024-03-04"),
        Document(text=DOC_C, id="c", date="2024-03-06"),
    ]
    return Cluster(documents=docs, id="flood")


ALL_METHODS = ["lead", "centroid", "lexrank", "textrank", "mmr", "coverage", "submodular",
               "occams", "dpp"]


# A cluster of three documents as token lists, for the concepts' tests by hand; "the" and
# "of" are function words. "flood" is in all three (first sentence of documents 0 and 1,
# second of document 2), "river" in documents 0 and 2, "valley" twice in document 1 only;
# the bigram ("river", "flood") in documents 0 and 2, ("valley", "homes") in document 1
# only (its second sentence), ("rain", "homes") in document 2 only (its first).
CONCEPT_TOKENS = [
    ["the", "river", "flood"], ["valley", "of", "rain"],              # document 0
    ["flood", "of", "the", "valley"], ["valley", "homes"],           # document 1
    ["rain", "homes"], ["the", "river", "flood", "rose"],            # document 2
]
CONCEPT_DOCS = [0, 0, 1, 1, 2, 2]
CONCEPT_STOP = frozenset({"the", "of"})


def weights_by_name(con) -> dict[tuple[str, ...], float]:
    """A :class:`~summarizer.summarizers.concepts.Concepts`' weights by concept name."""
    return {name: float(w) for name, w in zip(con.names, con.weights, strict=True)}


# Any budget of any unit, with and without truncation, for the methods' budget properties
ANY_BUDGET = st.one_of(
    st.builds(lambda n, t: Budget(words=n, truncate=t), st.integers(1, 200), st.booleans()),
    st.builds(lambda n, t: Budget(chars=n, truncate=t), st.integers(1, 1200), st.booleans()),
    st.builds(lambda n, t: Budget(bytes=n, truncate=t), st.integers(1, 1500), st.booleans()),
    st.builds(lambda n: Budget(sentences=n), st.integers(1, 12)),
)


def check_provenance(summary, cluster: Cluster) -> None:
    """Every summary sentence is the exact text at its offsets in its document."""
    docs = {d.id: d for d in cluster.documents}
    for s in summary.sentences:
        assert s.doc_id in docs
        assert docs[s.doc_id].text[s.start:s.end] == s.text
        assert s.sentence_index is not None and s.sentence_index >= 0


def spy_kmeans_seeds(monkeypatch) -> list[int]:
    """The seeds the k-means partition's first centres are drawn with, from now on
    (coverage.choice_without_replacement watched; the draw itself unchanged)."""
    from summarizer.summarizers import coverage

    used: list[int] = []
    sample = coverage.choice_without_replacement

    def spy(n: int, k: int, seed: int) -> list[int]:
        used.append(seed)
        return sample(n, k, seed)

    monkeypatch.setattr(coverage, "choice_without_replacement", spy)
    return used
