"""Documents in: the data model, loaders and cleaning."""

from summarizer.documents.model import Cluster, Document, as_cluster

__all__ = ["Cluster", "Document", "as_cluster"]
