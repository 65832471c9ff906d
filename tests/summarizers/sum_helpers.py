"""Hand-made clusters and method lists shared by the extractive summariser tests.

A module of its own (not conftest.py): several test folders have a conftest,
so ``from conftest import ...`` depends on the collection order.
"""

from __future__ import annotations

from summarizer.documents.model import Cluster, Document

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


ALL_METHODS = ["lead", "centroid", "lexrank", "textrank", "mmr", "coverage"]
