"""The comparison figure: per-cluster score distributions of the systems compared.

One panel per metric; per system a box plot with every cluster as a dot,
and thin lines joining each cluster's scores across systems, so a reader
sees both the spread and whether one system wins cluster by cluster.
matplotlib (a core dependency) is imported only here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ResourceError

if TYPE_CHECKING:  # compare imports this module lazily; no cycle at run time
    from summarizer.evaluation.compare import Comparison

_MEASURE = {"r": "recall", "p": "precision", "f": "F-measure"}


def require_matplotlib() -> Any:
    """Import matplotlib with the file-only Agg backend, or say how to get it."""
    try:
        import matplotlib
    except ImportError:
        raise ResourceError(
            "the comparison figure needs matplotlib: pip install matplotlib "
            "(a dependency of this package), or pass plot=False (--no-plot)"
        ) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def plot_comparison(cmp: Comparison, path: str | Path) -> Path:
    """Draw the figure for a :func:`~summarizer.evaluation.compare.compare_runs` result."""
    import numpy as np

    plt = require_matplotlib()
    metrics = cmp.metrics
    names = [s.name for s in cmp.systems]
    k = len(names)
    fig, axes = plt.subplots(
        1, len(metrics), figsize=(max(3.2 * len(metrics), 6), 3.2 + 0.25 * k), squeeze=False,
        constrained_layout=True,
    )
    rng = np.random.default_rng(0)  # jitter only; fixed so the figure is reproducible
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    n = len(cmp.clusters)
    for ax, m in zip(axes[0], metrics, strict=True):
        data = [np.asarray(cmp.per_cluster[m][name]) for name in names]
        positions = np.arange(1, k + 1)
        xs = [positions[i] + rng.uniform(-0.08, 0.08, size=n) for i in range(k)]
        if n <= 300:  # per-cluster lines: readable only for modest numbers of clusters
            stacked, xstack = np.vstack(data), np.vstack(xs)
            for c in range(n):
                ax.plot(xstack[:, c], stacked[:, c], color="0.75", linewidth=0.6, zorder=1)
        ax.boxplot(data, positions=positions, widths=0.5, showfliers=False, zorder=2,
                   medianprops={"color": "black"})
        for i, values in enumerate(data):
            ax.scatter(xs[i], values, s=12, alpha=0.8, zorder=3,
                       color=colours[i % len(colours)], edgecolors="none")
            ax.scatter([positions[i]], [values.mean()], marker="D", s=36, zorder=4,
                       color="white", edgecolors="black", label="mean" if i == 0 else None)
        ax.set_title(f"{m} {_MEASURE[cmp.measure]}")
        ax.set_xticks(positions)
        ax.set_xticklabels([_short(nm) for nm in names], rotation=20 if k > 2 else 0, ha="right"
                           if k > 2 else "center", fontsize=8)
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].set_ylabel(f"per-cluster ROUGE {_MEASURE[cmp.measure]}")
    axes[0][0].legend(loc="best", fontsize=7, frameon=False)
    fig.suptitle(f"{cmp.dataset.name}: {n} clusters, one dot per cluster", fontsize=10)
    import io

    from summarizer.atomic import write_atomic

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=130)
    plt.close(fig)
    return write_atomic(Path(path), buf.getvalue())


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else "..." + name[-(width - 3):]
