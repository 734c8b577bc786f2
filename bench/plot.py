"""The accuracy–speed picture: word F1 against pages/s, one panel per dataset."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.report import Labels, summarize
from bench.results import THRESHER, BenchResults

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["FrontierPoint", "frontier", "plot_frontier"]

_MAX_PANELS = 3
_DPI = 120
_FONT_PT = 8


@dataclass(frozen=True)
class FrontierPoint:
    """One extractor on one dataset: its speed and its mean word F1."""

    extractor: str
    label: str
    pages_per_s: float
    f1: float


def frontier(points: list[FrontierPoint]) -> list[FrontierPoint]:
    """The points no other point beats on both speed and F1, fastest first."""
    best_f1 = -1.0
    kept = []
    for point in sorted(points, key=lambda p: (-p.pages_per_s, -p.f1)):
        if point.f1 > best_f1:
            kept.append(point)
            best_f1 = point.f1
    return kept


def _points(results: BenchResults, dataset: str) -> list[FrontierPoint]:
    labels = Labels(results.info)
    scores = summarize(r for r in results.pages if r.dataset == dataset)
    speeds = {s.extractor: s.pages_per_s for s in results.speed if s.dataset == dataset}
    return [
        FrontierPoint(name, labels.short(summary), speeds[name], summary.f1)
        for name, summary in scores.items()
        if speeds.get(name, 0) > 0
    ]


def plot_frontier(results: BenchResults, path: Path) -> bool:
    """Draw the figure to ``path`` (PNG). Returns False, drawing nothing, without speed data."""
    datasets = [d for d in results.info.datasets if _points(results, d)][:_MAX_PANELS]
    if not datasets:
        return False
    import matplotlib

    matplotlib.use("Agg")  # no display on build machines
    import matplotlib.pyplot as plt

    size = (5.2 * len(datasets), 4.6)
    fig, axes = plt.subplots(1, len(datasets), figsize=size, dpi=_DPI, squeeze=False)
    panels = [(ax, _points(results, d)) for ax, d in zip(axes[0], datasets, strict=True)]
    for (ax, points), dataset in zip(panels, datasets, strict=True):
        _draw_panel(ax, dataset, points)
    fig.suptitle("Main-content extraction: word F1 against speed")
    fig.tight_layout()
    # Labels go on last: their placement needs the final pixel position of every point.
    for ax, points in panels:
        _draw_labels(ax, points)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=_DPI)
    plt.close(fig)
    return True


def _draw_panel(ax: Axes, dataset: str, points: list[FrontierPoint]) -> None:
    """Scatter one dataset's extractors and join the frontier with a dashed line."""
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    for point in points:
        is_ours = point.extractor == THRESHER
        color, size = ("tab:red", 70) if is_ours else ("tab:blue", 40)
        ax.scatter(point.pages_per_s, point.f1, s=size, color=color, zorder=3)
    edge = frontier(points)
    ax.plot([p.pages_per_s for p in edge], [p.f1 for p in edge], "--", color="grey", zorder=2)
    ax.set_xscale("log")
    # plain numbers on the log axis; matplotlib's default labels minor ticks as 2×10^1, which
    # collide when the range spans little more than a decade
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.margins(x=0.12, y=0.08)  # room for labels at the edges
    ax.set_xlabel("pages per second (log scale)")
    ax.set_ylabel("mean word F1")
    ax.set_title(dataset)
    ax.grid(True, which="both", alpha=0.3)


@dataclass(frozen=True)
class Box:
    """A rectangle in display pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def inside(self, other: Box) -> bool:
        return (
            other.x0 <= self.x0
            and self.x1 <= other.x1
            and other.y0 <= self.y0
            and self.y1 <= other.y1
        )


@dataclass(frozen=True)
class LabelSpot:
    """A label position relative to its point: offset in typographic points, alignment."""

    dx: int
    dy: int
    ha: str
    va: str


# Tried in turn: right of the point, then left, then a line further up or down.
_SPOTS = (
    LabelSpot(6, 3, "left", "bottom"),
    LabelSpot(6, -3, "left", "top"),
    LabelSpot(-6, 3, "right", "bottom"),
    LabelSpot(-6, -3, "right", "top"),
    LabelSpot(6, 13, "left", "bottom"),
    LabelSpot(6, -13, "left", "top"),
    LabelSpot(-6, 13, "right", "bottom"),
    LabelSpot(-6, -13, "right", "top"),
)


def _label_box(anchor: tuple[float, float], text: str, spot: LabelSpot) -> Box:
    """Estimated pixel box of ``text`` placed at ``spot`` from ``anchor`` (pixels)."""
    px = _DPI / 72
    # text width estimated from the character count; exact metrics would need a renderer pass
    width, height = len(text) * _FONT_PT * 0.62 * px, _FONT_PT * 1.25 * px
    x, y = anchor[0] + spot.dx * px, anchor[1] + spot.dy * px
    x0 = x if spot.ha == "left" else x - width
    y0 = y if spot.va == "bottom" else y - height
    return Box(x0, y0, x0 + width, y0 + height)


def _draw_labels(ax: Axes, points: list[FrontierPoint]) -> None:
    """Label every point at the first spot that stays inside the panel and clear of other
    labels and points (thresher's label first, so it gets the best spot)."""
    anchors: dict[str, tuple[float, float]] = {}
    for p in points:
        x, y = ax.transData.transform((p.pages_per_s, p.f1))
        anchors[p.extractor] = (float(x), float(y))
    r = 5.0  # marker half-size in pixels
    taken = [Box(x - r, y - r, x + r, y + r) for x, y in anchors.values()]
    frame = Box(*ax.bbox.extents)
    for point in sorted(points, key=lambda p: p.extractor != THRESHER):
        boxes = [(spot, _label_box(anchors[point.extractor], point.label, spot)) for spot in _SPOTS]
        free = [(s, b) for s, b in boxes if b.inside(frame) and not _hits(b, taken)]
        spot, box = (free or boxes)[0]
        taken.append(box)
        ax.annotate(
            point.label,
            (point.pages_per_s, point.f1),
            textcoords="offset points",
            xytext=(spot.dx, spot.dy),
            ha=spot.ha,
            va=spot.va,
            fontsize=_FONT_PT,
            fontweight="bold" if point.extractor == THRESHER else "normal",
        )


def _hits(box: Box, taken: list[Box]) -> bool:
    return any(box.overlaps(other) for other in taken)
