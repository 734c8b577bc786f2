"""The headline of flattened text, chosen by a learned scorer among the lines near the body.

Flat text has no ``<title>`` or ``<h1>``: the headline is one of its lines, most often a short
one shortly above where the body starts, but not always (a breadcrumb, a menu's last entry,
a teaser or a section name sits there too, and on many pages the first kept lines are chaff
above the story's headline). Each line within ``WINDOW`` lines of the first kept line is a
candidate, unless it is a caption, a related link, a kept sentence of ten words or more or
a kept line holding half the kept text.
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
from collections import Counter
from collections.abc import Sequence
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

__all__ = ["HEADLINE_FEATURE_NAMES", "WINDOW", "HeadlineModel", "candidate_features",
           "choose_headline", "load_headline_model", "shipped_headline_model"]

WINDOW = 40  # lines above and below the first kept line that may be the headline
_MAX_WORDS = 40
_MAX_CHARS = 300
# below this probability the best candidate is no headline and the rules' pick (or none)
# stays: out of fold it costs 0.014 of wcxb_dev's titles (0.506 -> 0.492) and 0.007 of
# mozilla_readability's, and spares pages a menu word for a title ("Gallery")
_MIN_PROBABILITY = 0.05
_MIN_SCORE = math.log(_MIN_PROBABILITY / (1.0 - _MIN_PROBABILITY))
_PROSE_WORDS = 10  # a kept line of this many words ending with a full stop is the body's
_LINK_MARKS = frozenset(">›»→|×")
_SHIPPED = "headline_text.json.gz"

HEADLINE_FEATURE_NAMES: tuple[str, ...] = (
    "offset", "log_distance", "offset_from_run", "kept", "p", "p_next", "p_prev", "words",
    "chars", "capitalised_share", "all_caps", "ends_period", "ends_bang_or_question",
    "ends_colon", "ends_link_mark", "slug_covered", "slug_share", "repeats", "title_like",
    "rule_choice", "next_words", "next_terminal", "prev_words", "digit_share", "position",
)  # fmt: skip


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
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_],
    probabilities: npt.NDArray[np.float64], url: str | None, rule: int | None,
) -> tuple[list[int], npt.NDArray[np.float64]]:
    """The candidate lines (indices into ``blocks``) and their features
    (``HEADLINE_FEATURE_NAMES``); ``rule``: the line the rules pick, if any. No candidates
    on a page where nothing is kept.

    A kept line that holds half the kept text or more is no candidate: as the headline it
    would leave the body with little or nothing (a page of one paragraph and a menu)."""
    n = len(blocks)
    if not n or not keep.any():
        return [], np.zeros((0, len(HEADLINE_FEATURE_NAMES)))
    first = int(np.argmax(keep))
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    half_kept = 0.5 * float(chars[keep].sum())
    run = strongest_run(probabilities, chars)
    run_start = run[0] if run is not None else first
    slug = url_words(url) if url else set()
    repeats = Counter(b.text for b in blocks)
    # imported here: structure imports this module to choose the headline
    from .structure import is_title_like

    indices: list[int] = []
    rows: list[list[float]] = []
    for i in range(max(first - WINDOW, 0), min(first + WINDOW, n)):
        text = blocks[i].text
        words = text.split()
        if (not 1 <= len(words) <= _MAX_WORDS or len(text) > _MAX_CHARS
                or blocks[i].roles & (ROLE_CAPTION | ROLE_RELATED)
                or (keep[i] and (chars[i] >= half_kept
                                 or (len(words) >= _PROSE_WORDS and text[-1] in ".。")))):
            continue  # a caption, a related link, a sentence of the body or the body
        terms = slug_terms(text) if slug else set()
        held = len(terms & slug)
        nxt = blocks[i + 1].text if i + 1 < n else ""
        last = text[-1]
        rows.append([
            float(i - first), math.log1p(abs(i - first)), float(i - run_start), float(keep[i]),
            float(probabilities[i]), float(probabilities[i + 1]) if i + 1 < n else 0.0,
            float(probabilities[i - 1]) if i > 0 else 0.0, float(len(words)), float(len(text)),
            sum(w[:1].isupper() for w in words) / len(words), float(text.isupper()),
            float(last in ".。"), float(last in "!?"), float(last == ":"),
            float(last in _LINK_MARKS), held / len(slug) if slug else -1.0,
            held / len(terms) if terms else -1.0, float(repeats[text]),
            float(is_title_like(blocks[i])), float(i == rule), float(len(nxt.split())),
            float(nxt[-1:] in ".!?"), float(len(blocks[i - 1].text.split())) if i > 0 else 0.0,
            sum(map(str.isdigit, text)) / len(text), i / n,
        ])  # fmt: skip
        indices.append(i)
    if not rows:
        return [], np.zeros((0, len(HEADLINE_FEATURE_NAMES)))
    return indices, np.array(rows, dtype=np.float64)


def choose_headline(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_],
    probabilities: npt.NDArray[np.float64], url: str | None, rule: int | None,
    model: HeadlineModel,
) -> int | None:
    """The index of the best-scoring candidate line; the rules' pick ``rule`` when no
    candidate reaches ``_MIN_PROBABILITY``; None without candidates."""
    indices, features = candidate_features(blocks, keep, probabilities, url, rule)
    if not indices:
        return None
    scores = model.stage.raw_score(features)
    best = int(np.argmax(scores))
    # a page where no line is a likely headline keeps the rules' pick (or none)
    return indices[best] if scores[best] >= _MIN_SCORE else rule
