"""Centroid summariser (after Radev et al. 2004): sentences closest to the cluster's centre."""

from __future__ import annotations

from typing import Any

import numpy as np

from summarizer.summarizers.candidates import Pool
from summarizer.summarizers.extractive import ExtractiveSummarizer, check_weights
from summarizer.summarizers.features import centroid_similarity


class CentroidSummarizer(ExtractiveSummarizer):
    """Score = cosine to the centroid (mean sentence vector) of the cluster,
    plus an optional lead bonus ``position_weight / (1 + position)``."""

    name = "centroid"

    def __init__(self, position_weight: float = 0.0, **options: Any) -> None:
        super().__init__(**options)
        check_weights(position_weight=position_weight)  # as every other weight
        self.position_weight = position_weight

    def method_settings(self) -> dict[str, Any]:
        return {"position_weight": self.position_weight}

    def scores(self, pool: Pool, kind: str) -> np.ndarray:
        pos = np.array([pool.position(i) for i in range(len(pool))], dtype=float)
        return (centroid_similarity(pool.vectors(kind, self.encoder))
                + self.position_weight / (1.0 + pos))
