"""Fixtures for the extractive summariser tests: small hand-made clusters."""

from __future__ import annotations

import pytest
from sum_helpers import make_cluster

from summarizer.documents.model import Cluster, Document


@pytest.fixture()
def flood() -> Cluster:
    return make_cluster()


@pytest.fixture(scope="session")
def seed_cluster(seed_text: str) -> Cluster:
    return Cluster(documents=[Document(text=seed_text, id="seed")], id="seed")
