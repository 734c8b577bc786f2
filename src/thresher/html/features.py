"""Features of HTML blocks: the block's text, its tag and ancestors, and its context.

What carries across sites is context more than a block's own text: link density around the
block, the size and link density of its container and grand-container, its position, and the
roles its ancestors' class names announce.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from ..article import PAGE_TYPES
from ..label.compiled import KERNELS
from ..label.textstats import TEXT_STAT_NAMES, text_stats
from ..label.windows import window_sums
from ..page import PageBlock as RawBlock
from .signals import ANCESTOR_TAG_BITS, CLASS_SIGNALS

__all__ = ["FEATURE_NAMES", "FIRST_STAGE_FEATURES", "block_features"]

# Block tags grouped into the kinds the labeller tells apart.
_TAG_GROUPS: dict[str, int] = {}
for _i, _tags in enumerate(
    ("p", "h1", "h2 h3 h4 h5 h6", "li", "td th", "div section article main body center",
     "pre", "blockquote", "dd dt", "figcaption figure caption", "header footer nav aside menu",
     "form fieldset legend label summary details", "address")
):
    for _t in _tags.split():
        _TAG_GROUPS[_t] = _i
_N_TAG_GROUPS = 13

_SIGNAL_NAMES = [name for name, _ in CLASS_SIGNALS]
_ANC_TAG_NAMES = sorted(ANCESTOR_TAG_BITS, key=ANCESTOR_TAG_BITS.__getitem__)

_PROSE_ROOT_NAMES = ("prose_root_inside", "prose_root_side", "prose_root_share",
                     "parent_prose_score")
# the page-type model's score of each type: comments are chaff on an article and the posts
# on a forum; links are chaff beside a story and the content of a listing
_TYPE_NAMES = tuple(f"type_{t}" for t in PAGE_TYPES)

FEATURE_NAMES: tuple[str, ...] = (
    *TEXT_STAT_NAMES,
    "link_density",
    "log_links",
    "depth",
    "position",
    "char_position",
    *(f"tag_{i}" for i in range(_N_TAG_GROUPS)),
    *(f"own_{n}" for n in _SIGNAL_NAMES),
    *(f"anc_{n}" for n in _SIGNAL_NAMES),
    *(f"in_{n}" for n in _ANC_TAG_NAMES),
    "parent_log_chars",
    "parent_link_density",
    "parent_log_blocks",
    "grand_log_chars",
    "grand_link_density",
    "grand_log_blocks",
    "parent_log_controls",
    "grand_log_controls",
    "win3_link_density",
    "win3_log_chars",
    "win1_link_density",
    "prev_log_chars",
    "next_log_chars",
    "page_log_chars",
    "page_log_blocks",
    "page_link_density",
    "repeats",
    "title_overlap",
    "group_log_blocks",
    "parent_class_repeats",
    "grand_class_repeats",
    *_PROSE_ROOT_NAMES,
    *_TYPE_NAMES,
)
# The first stage reads the columns before the prose root's: the prose root and the page type
# are page-level guesses, which the second stage weighs against the first stage's
# probabilities.
FIRST_STAGE_FEATURES = len(FEATURE_NAMES) - len(_PROSE_ROOT_NAMES) - len(_TYPE_NAMES)


# Where the compiled kernel writes each quantity (``_kernels.BLOCK_COLUMN_NAMES``), and the
# columns it writes before their logarithm is taken (as NumPy's ``log1p``, the reference's).
_LOGGED = ("log_links", "parent_log_chars", "parent_log_blocks", "grand_log_chars",
           "grand_log_blocks", "parent_log_controls", "grand_log_controls", "win3_log_chars",
           "prev_log_chars", "next_log_chars", "page_log_chars", "page_log_blocks",
           "group_log_blocks", "parent_class_repeats", "grand_class_repeats")
_DEFAULT_TAG_GROUP = _TAG_GROUPS["div"]  # an unlisted tag is read as a plain container
_LOG_COLUMNS = np.array([FEATURE_NAMES.index(name) for name in _LOGGED])
_STATS = slice(0, len(TEXT_STAT_NAMES))
_REPEATS = FEATURE_NAMES.index("repeats")
_TITLE_OVERLAP = FEATURE_NAMES.index("title_overlap")
_TYPES = slice(FEATURE_NAMES.index(_TYPE_NAMES[0]), len(FEATURE_NAMES))


def _kernel_columns(names: tuple[str, ...]) -> npt.NDArray[np.intp]:
    """The column of ``FEATURE_NAMES`` each of the kernel's ``names`` is ("x_*": the first
    column whose name starts with "x_")."""
    return np.array([
        FEATURE_NAMES.index(name) if not name.endswith("*")
        else next(i for i, f in enumerate(FEATURE_NAMES) if f.startswith(name[:-1]))
        for name in names
    ], dtype=np.intp)  # fmt: skip


_KERNEL_COLUMNS = _kernel_columns(KERNELS.BLOCK_COLUMN_NAMES) if KERNELS is not None else None


def _bits(blocks: list[RawBlock]) -> list[npt.NDArray[np.float64]]:
    """The own class signals, the ancestors' class signals and the ancestors' tags of each
    block, one 0/1 column per bit, made in one step for the three."""
    values = np.array([[b.own_bits for b in blocks], [b.anc_bits for b in blocks],
                       [b.anc_tags for b in blocks]], dtype=np.int64)
    width = max(len(_SIGNAL_NAMES), len(_ANC_TAG_NAMES))
    bits = ((values[:, :, None] >> np.arange(width, dtype=np.int64)) & 1).astype(np.float64)
    return [bits[0, :, : len(_SIGNAL_NAMES)], bits[1, :, : len(_SIGNAL_NAMES)],
            bits[2, :, : len(_ANC_TAG_NAMES)]]


def _tokens(text: str) -> set[str]:
    return set(text.lower().split())


def _title_overlap(title: str, texts: list[str],
                   chars: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Jaccard overlap of each block's words with the title's (lower-cased, split on spaces).

    Only blocks about as long as the title can repeat it; a block sharing no word with the
    title scores 0 without its words being collected.
    """
    out = np.zeros(len(texts))
    title_tokens = _tokens(title)
    n_title = len(title_tokens)
    for i in np.flatnonzero(chars <= 2 * len(title) + 40).tolist():
        words = texts[i].lower().split()
        if title_tokens.isdisjoint(words):
            continue
        tokens = set(words)
        common = len(title_tokens & tokens)
        # |A | B| = |A| + |B| - |A & B|
        out[i] = common / max(n_title + len(tokens) - common, 1)
    return out


@dataclass(frozen=True)
class _Frames:
    """The containers of a page's blocks: each block's parent and grandparent frame lists
    (``dom`` walk's running totals), numbered once."""

    first: npt.NDArray[np.intp]  # per frame: its first place in [parents..., grandparents...]
    inverse: npt.NDArray[np.intp]  # per place in [parents..., grandparents...]: its frame
    totals: npt.NDArray[np.int64]  # per frame: its 8 totals


_FRAME_WIDTH = 8  # totals per frame list: [chars, link chars, blocks, first, end, level, …]


def _frames(blocks: list[RawBlock]) -> _Frames:
    n = len(blocks)
    frames = [b.parent for b in blocks] + [b.grandparent for b in blocks]
    ids = np.fromiter(map(id, frames), dtype=np.int64, count=2 * n)
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    # one C-level pass over the frames' 8 totals, as the walk reads them: NumPy makes an
    # array of lists twice as slowly
    totals = np.fromiter(chain.from_iterable([frames[i] for i in first.tolist()]), np.int64,
                         _FRAME_WIDTH * len(first)).reshape(len(first), _FRAME_WIDTH)
    return _Frames(first, inverse, totals)


def _class_repeats(frames: _Frames, n: int) -> npt.NDArray[np.float64]:
    """How many containers on the page share the class of each block's parent and grandparent.

    Teaser cards, comments and forum posts repeat one template: many containers with one
    class value. An article's body sits in one container of its own. Containers without a
    class count as no repeat.
    """
    classes, counts = np.unique(frames.totals[:, 7], return_counts=True)  # each container once
    counts[classes == 0] = 0
    keys = frames.totals[frames.inverse, 7]
    repeats = counts[np.searchsorted(classes, keys)].astype(np.float64)
    logs: npt.NDArray[np.float64] = np.log1p(repeats.reshape(2, n).T)
    return logs


# Tag groups whose text counts as prose for the prose root: paragraphs, cells, plain
# containers, preformatted text and quotes; not headings, list items, captions or forms.
_PROSE_GROUPS = np.array([g in (0, 4, 5, 6, 7) for g in range(_N_TAG_GROUPS)])
_PROSE_MIN_CHARS = 25
_PROSE_GROUP_FLAGS = _PROSE_GROUPS.astype(np.uint8)


def _prose_root(texts: list[str], frames: _Frames, chars: npt.NDArray[np.float64],
                link_density: npt.NDArray[np.float64],
                groups: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Where each block sits relative to the *prose root*: the container with the most prose.

    Readers pick the article element the same way: each paragraph scores its container fully
    and the container's container by half; the score grows with the paragraph's length and
    commas, and a container's score shrinks with its link density. Unlike the content root,
    which comes from the first stage's probabilities, this needs only the page's shape, so
    teaser cards after a short article fall outside it however content-like each card looks.
    """
    n = len(texts)
    prose = (chars >= _PROSE_MIN_CHARS) & (link_density < 0.5) & _PROSE_GROUPS[groups]
    commas = np.zeros(n)  # counted where they score: in prose blocks
    for i in np.flatnonzero(prose).tolist():
        t = texts[i]
        commas[i] = t.count(",") + t.count("\uff0c") + t.count("\u3001")
    score = np.where(prose, 1.0 + commas + np.minimum(chars / 100.0, 3.0), 0.0)
    first, inverse = frames.first, frames.inverse
    # each prose block scores its container fully and the container's container by half
    scores = np.bincount(inverse, weights=np.concatenate((score, 0.5 * score)),
                         minlength=len(first)).astype(np.float64)
    # a frame's totals: [chars, link chars, blocks, first block, end block (-1 while open), …]
    spans = frames.totals[:, :5].astype(np.float64)
    spans[spans[:, 4] < 0, 4] = n
    totals = scores * (1.0 - spans[:, 1] / np.maximum(spans[:, 0], 1.0))
    out = np.zeros((n, 4))
    # frames in order of their first block, so that a tie goes to the first, whatever the ids
    order = np.lexsort((first, first % n))
    best = int(order[np.argmax(totals[order])])
    if totals[best] <= 0.0:
        return out
    start, end = int(spans[best, 3]), int(spans[best, 4])
    idx = np.arange(n)
    out[:, 0] = (idx >= start) & (idx < end)
    out[:, 1] = np.where(idx < start, -1.0, np.where(idx >= end, 1.0, 0.0))
    out[:, 2] = chars[start:end].sum() / max(chars.sum(), 1.0)
    out[:, 3] = totals[inverse[:n]] / totals[best]
    return out


def block_features(
    blocks: list[RawBlock],
    title: str | None,
    type_scores: npt.NDArray[np.float64] | None = None,
    *,
    compiled: bool = True,
) -> npt.NDArray[np.float64]:
    """Return the feature matrix (one row per block, columns as in ``FEATURE_NAMES``).

    ``type_scores`` is the page-type model's score of each of ``PAGE_TYPES`` (the page's
    ``PageMeta.type_scores``); without them the columns are zero. The columns that come from
    the blocks' numbers are written by the compiled kernel when it is built (``compiled``),
    else by NumPy (:func:`_block_features_numpy`, the reference): the same values bit for
    bit."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    kernels = KERNELS if compiled else None
    if kernels is None:
        return _block_features_numpy(blocks, title, type_scores)
    texts = [b.text for b in blocks]
    out = np.zeros((n, len(FEATURE_NAMES)))
    kernels.block_columns(blocks, texts, _TAG_GROUPS, _DEFAULT_TAG_GROUP, _PROSE_GROUP_FLAGS,
                          float(_PROSE_MIN_CHARS), len(_SIGNAL_NAMES), len(_ANC_TAG_NAMES),
                          _KERNEL_COLUMNS, out)
    out[:, _LOG_COLUMNS] = np.log1p(out[:, _LOG_COLUMNS])
    out[:, _STATS] = text_stats(texts)
    counts = Counter(texts)
    out[:, _REPEATS] = [counts[t] - 1 for t in texts]
    if title:
        chars = np.array([b.chars for b in blocks], dtype=np.float64)
        out[:, _TITLE_OVERLAP] = _title_overlap(title, texts, chars)
    out[:, _TYPES] = _type_columns(type_scores, n)
    return out


def _block_features_numpy(
    blocks: list[RawBlock],
    title: str | None,
    type_scores: npt.NDArray[np.float64] | None,
) -> npt.NDArray[np.float64]:
    n = len(blocks)
    texts = [b.text for b in blocks]
    stats = text_stats(texts)
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    links = np.array([b.link_chars for b in blocks], dtype=np.float64)
    link_density = links / np.maximum(chars, 1.0)
    total = chars.sum()
    before = np.cumsum(chars) - chars
    tag_groups = np.array([_TAG_GROUPS.get(b.tag, _DEFAULT_TAG_GROUP) for b in blocks],
                          dtype=np.int64)
    tag_onehot = np.zeros((n, _N_TAG_GROUPS))
    tag_onehot[np.arange(n), tag_groups] = 1.0
    frames = _frames(blocks)
    parent = frames.totals[frames.inverse[:n]].astype(np.float64)
    grand = frames.totals[frames.inverse[n:]].astype(np.float64)
    log_chars = np.log1p(chars)
    (win_chars, _), (near_chars, _) = window_sums(chars, (3, 1))
    (win_links, _), (near_links, _) = window_sums(links, (3, 1))
    padded = np.concatenate(([0.0], log_chars, [0.0]))
    counts = Counter(texts)
    groups = [b.group for b in blocks]
    group_sizes = Counter(groups)
    group_sizes[0] = 0
    title_overlap = _title_overlap(title, texts, chars) if title else np.zeros(n)
    columns = [
        stats,
        link_density[:, None],
        np.log1p([b.n_links for b in blocks])[:, None],
        np.array([b.depth for b in blocks], dtype=np.float64)[:, None],
        (np.arange(n) / n)[:, None],
        (before / max(total, 1.0))[:, None],
        tag_onehot,
        *_bits(blocks),
        np.log1p(parent[:, 0:1]),
        (parent[:, 1] / np.maximum(parent[:, 0], 1.0))[:, None],
        np.log1p(parent[:, 2:3]),
        np.log1p(grand[:, 0:1]),
        (grand[:, 1] / np.maximum(grand[:, 0], 1.0))[:, None],
        np.log1p(grand[:, 2:3]),
        np.log1p(parent[:, 6:7]),
        np.log1p(grand[:, 6:7]),
        (win_links / np.maximum(win_chars, 1.0))[:, None],
        np.log1p(win_chars)[:, None],
        (near_links / np.maximum(near_chars, 1.0))[:, None],
        padded[:-2][:, None],
        padded[2:][:, None],
        np.full((n, 1), np.log1p(total)),
        np.full((n, 1), np.log1p(n)),
        np.full((n, 1), links.sum() / max(total, 1.0)),
        np.array([counts[t] - 1 for t in texts], dtype=np.float64)[:, None],
        title_overlap[:, None],
        np.log1p([group_sizes[g] for g in groups])[:, None],
        _class_repeats(frames, n),
        _prose_root(texts, frames, chars, link_density, tag_groups),
        _type_columns(type_scores, n),
    ]
    return np.hstack(columns)


def _type_columns(scores: npt.NDArray[np.float64] | None, n: int) -> npt.NDArray[np.float64]:
    if scores is None or len(scores) != len(_TYPE_NAMES):
        return np.zeros((n, len(_TYPE_NAMES)))
    return np.broadcast_to(scores, (n, len(_TYPE_NAMES)))
