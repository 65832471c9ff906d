"""Bad input found in session 30's second hunt: each is a typed error (from the CLI one
line and a non-zero exit), or a warning where the input is legal but surely a slip."""

from __future__ import annotations

import pytest

from summarizer.documents import Cluster, Document
from summarizer.errors import InputError


@pytest.mark.parametrize("meta", [5, "source=x", ["a"], None])
def test_document_and_cluster_meta_must_be_a_mapping(meta) -> None:
    with pytest.raises(InputError, match="Document meta must be a dict, not"):
        Document("Some text.", meta=meta)
    with pytest.raises(InputError, match="Cluster meta must be a dict, not"):
        Cluster([Document("Some text.")], meta=meta)


def test_meta_mapping_is_kept_as_a_dict() -> None:
    from types import MappingProxyType

    doc = Document("Some text.", meta=MappingProxyType({"k": 1}))
    assert doc.meta == {"k": 1} and isinstance(doc.meta, dict)
    given = {"k": 2}
    assert Document("Some text.", meta=given).meta is given
