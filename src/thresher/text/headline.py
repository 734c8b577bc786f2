"""The headline of flattened text, chosen by a learned scorer among the lines near the body.

Flat text has no ``<title>`` or ``<h1>``: the headline is one of its lines, most often a short
one shortly above where the body starts, but not always (a breadcrumb, a menu's last entry,
a teaser or a section name sits there too, and on many pages the first kept lines are chaff
above the story's headline). Each line within ``WINDOW`` lines of the first kept line, or
of where the strongest run of content starts (a line kept high above the story moves the
first kept line far from the headline), is a candidate, unless it is a caption, a related
link, a kept sentence of ten words or more or a kept line holding half the kept text.
A candidate is described by where it lies (from the first kept line and from the strongest
run of content), the labeller's probabilities of it and its neighbours, its shape (length,
casing, how it ends), how much of the URL's slug it holds, how often the page repeats it,
the lines around it (a headline is followed by prose) and whether the rules of
:func:`thresher.text.structure.rule_headline` pick it. A small tree ensemble, trained by
``python -m training.headline`` on the gold titles of wcxb_dev and mozilla_readability,
scores each candidate; the best one is the headline, when it is likely enough.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..label.context import strongest_run
from ..label.model import Stage, read_model_file, write_model_file
from ..page import ROLE_CAPTION, ROLE_RELATED, PageBlock
from ..urls import slug_terms, url_words
from .features import FEATURE_NAMES

__all__ = ["HEADLINE_FEATURE_NAMES", "WINDOW", "HeadlineModel", "candidate_features",
           "choose_headline", "load_headline_model", "shipped_headline_model"]

WINDOW = 40  # lines above and below the first kept line (and the strongest run's start)
_MAX_WORDS = 40
_MAX_CHARS = 300
# below this probability the best candidate is no headline and the rules' pick (or none)
# stays: it spares a page without a headline a menu word for a title ("Home" scores about
# 0.002). Out of fold (seed 7) wcxb_dev's titles agree 0.547 with no floor, 0.544 at 0.02,
# 0.536 at 0.05, 0.524 at 0.1; mozilla_readability's 0.260, 0.260, 0.244, 0.213
_MIN_PROBABILITY = 0.02
_MIN_SCORE = math.log(_MIN_PROBABILITY / (1.0 - _MIN_PROBABILITY))
_PROSE_WORDS = 10  # a kept line of this many words ending with a full stop is the body's
_LINK_MARKS = frozenset(">›»→|×")
_SHIPPED = "headline_text.json.gz"

HEADLINE_FEATURE_NAMES: tuple[str, ...] = (
    "offset", "log_distance", "offset_from_run", "kept", "p", "p_next", "p_prev", "log_words",
    "log_chars", "upper_initial_share", "all_caps", "ends_period", "ends_bang_or_question",
    "ends_colon", "ends_link_mark", "slug_covered", "slug_share", "repeats", "title_like",
    "rule_choice", "next_log_words", "next_terminal", "prev_log_words", "digit_share",
    "position",
)  # fmt: skip
# the line features (``FEATURE_NAMES``) a candidate's shape is read from: the labeller's
# statistics of each line serve the chooser too, rather than counting its words again
_LINE_COLUMNS = tuple(FEATURE_NAMES.index(name) for name in (
    "log_words", "log_chars", "upper_initial_share", "all_caps", "ends_colon", "repeats",
    "terminal_+1", "digit_share", "url_overlap"))
_LOG_WORDS = FEATURE_NAMES.index("log_words")


@dataclass(frozen=True)
class HeadlineModel:
    """A tree ensemble scoring headline candidates (log-odds of being the headline)."""

    stage: Stage
    feature_names: tuple[str, ...]
    info: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage.to_json(), "feature_names": list(self.feature_names),
                "info": self.info}

    def save(self, path: Path) -> None:
        write_model_file(path, self.to_json())


def load_headline_model(path: Path | str | None = None) -> HeadlineModel:
    """Load a headline model from ``path``, or the one shipped in the package.

    Raises:
        ValueError: the model reads other features than this version computes.
    """
    data = read_model_file(path, _SHIPPED)
    names = tuple(data["feature_names"])
    if names != HEADLINE_FEATURE_NAMES:
        raise ValueError("the headline model reads other features than this version computes")
    return HeadlineModel(Stage.from_json(data["stage"]), names, data.get("info", {}))


@lru_cache(maxsize=1)
def shipped_headline_model() -> HeadlineModel:
    """The headline model shipped in the package, loaded once per process."""
    return load_headline_model()


def candidate_features(
    blocks: Sequence[PageBlock], features: npt.NDArray[np.float64], keep: npt.NDArray[np.bool_],
    probabilities: npt.NDArray[np.float64], url: str | None, rule: int | None,
    title_like: Callable[[int], bool],
) -> tuple[list[int], npt.NDArray[np.float64]]:
    """The candidate lines (indices into ``blocks``) and their features
    (``HEADLINE_FEATURE_NAMES``). ``features``: the page's line features (``FEATURE_NAMES``);
    ``rule``: the line the rules pick, if any; ``title_like``: whether line ``i`` reads as a
    headline (:class:`thresher.text.structure.TitleLines`). No candidates on a page where
    nothing is kept.

    A kept line that holds half the kept text or more is no candidate: as the headline it
    would leave the body with little or nothing (a page of one paragraph and a menu)."""
    n = len(blocks)
    if not n or not keep.any():
        return [], np.zeros((0, len(HEADLINE_FEATURE_NAMES)))
    first = int(np.argmax(keep))
    chars = np.fromiter((b.chars for b in blocks), dtype=np.float64, count=n)
    half_kept = 0.5 * float(chars[keep].sum())
    run = strongest_run(probabilities, chars)
    run_start = run[0] if run is not None else first
    # the lines around the first kept line and around where the strongest run starts (a
    # line kept high above the story moves the first far from the headline)
    window = np.union1d(np.arange(max(first - WINDOW, 0), min(first + WINDOW, n)),
                        np.arange(max(run_start - WINDOW, 0), min(run_start + WINDOW, n)))
    lines = window.tolist()
    lasts = [blocks[i].text[-1:] for i in lines]
    words = np.rint(np.expm1(features[window, _LOG_WORDS]))
    kept = keep[window]
    prose = kept & (words >= _PROSE_WORDS) & np.array([c in ".。" for c in lasts], dtype=bool)
    roles = np.fromiter((blocks[i].roles & (ROLE_CAPTION | ROLE_RELATED) for i in lines),
                        dtype=np.int64, count=len(lines))
    # not a caption, a related link, a sentence of the body or the body
    fits = ((words <= _MAX_WORDS) & (chars[window] <= _MAX_CHARS) & (roles == 0) & ~prose
            & ~(kept & (chars[window] >= half_kept)))
    at = np.flatnonzero(fits)
    if not len(at):
        return [], np.zeros((0, len(HEADLINE_FEATURE_NAMES)))
    c = window[at]
    (log_words, log_chars, upper_initial, all_caps, ends_colon, repeats, next_terminal,
     digit_share, slug_covered) = features[c][:, _LINE_COLUMNS].T
    padded_p = np.concatenate(([0.0], probabilities, [0.0]))
    padded_words = np.concatenate(([0.0], features[:, _LOG_WORDS], [0.0]))
    ends = [lasts[k] for k in at.tolist()]
    slug_covered, slug_share = _slug_shares(blocks, c.tolist(), slug_covered, url)
    columns = (
        c - first, np.log1p(np.abs(c - first)), c - run_start, keep[c], probabilities[c],
        padded_p[c + 2], padded_p[c], log_words, log_chars, upper_initial, all_caps,
        [e in ".。" for e in ends], [e in "!?" for e in ends], ends_colon,
        [e in _LINK_MARKS for e in ends], slug_covered, slug_share, repeats,
        [title_like(i) for i in c.tolist()], c == rule, padded_words[c + 2], next_terminal,
        padded_words[c], digit_share, c / n,
    )
    return c.tolist(), np.column_stack(columns).astype(np.float64)


def _slug_shares(
    blocks: Sequence[PageBlock], candidates: list[int], url_overlap: npt.NDArray[np.float64],
    url: str | None,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The share of the URL slug's words each candidate holds, and the share of the
    candidate's words that are the slug's (-1 without a slug). A slug of two words or more
    has the first in the line features' ``url_overlap``; the words of a line are counted
    only where it holds some of the slug's."""
    slug = url_words(url) if url else set()
    if not slug:
        return np.full(len(candidates), -1.0), np.full(len(candidates), -1.0)
    if len(slug) >= 2:
        held = np.rint(url_overlap * len(slug))
    else:
        held = np.array([len(slug & slug_terms(blocks[i].text)) for i in candidates], dtype=float)
    share = np.zeros(len(candidates))
    for k in np.flatnonzero(held).tolist():
        share[k] = held[k] / max(len(slug_terms(blocks[candidates[k]].text)), 1)
    return held / len(slug), share


def choose_headline(
    blocks: Sequence[PageBlock], features: npt.NDArray[np.float64], keep: npt.NDArray[np.bool_],
    probabilities: npt.NDArray[np.float64], url: str | None, rule: int | None,
    model: HeadlineModel, title_like: Callable[[int], bool],
) -> int | None:
    """The index of the best-scoring candidate line; the rules' pick ``rule`` when no
    candidate reaches ``_MIN_PROBABILITY``; None without candidates."""
    indices, rows = candidate_features(blocks, features, keep, probabilities, url, rule,
                                       title_like)
    if not indices:
        return None
    scores = model.stage.raw_score(rows)
    best = int(np.argmax(scores))
    # a page where no line is a likely headline keeps the rules' pick (or none)
    return indices[best] if scores[best] >= _MIN_SCORE else rule
