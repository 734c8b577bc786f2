"""Features of lines of flattened text, from the text alone.

Without markup, a line's neighbourhood has to stand in for its container: whether the lines
around it read as prose (length, closing punctuation, stop words), whether it sits in a run of
short title-like lines (menus, teaser lists), whether it repeats elsewhere on the page, and
where it lies relative to the page's prose. A list printed one item per line shows as a run
of lines of one shape or beginning with one word, often under a line ending with a colon.
Phrases of templates (sign-up, cookies, "Read more") are priors the model weighs, not rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from ..label.compiled import KERNELS
from ..label.textstats import _DIGIT, TEXT_STAT_NAMES, _char_classes, text_stats
from ..label.windows import window_sum
from ..literals import (
    Hit,
    WordScanner,
    lines_matching_at,
    lines_with_hits,
    literal_prefixes,
    literal_words,
)
from ..page import ROLE_CAPTION, ROLE_RELATED
from ..urls import slug_terms, url_words
from .lines import FlatPage
from .phrases import PHRASE_PATTERNS, TEMPLATE_PHRASES

__all__ = ["FEATURE_NAMES", "line_features", "template_lines"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_SHORT_WORDS = 8  # a line of at most this many words without closing punctuation is "short"
_PROSE_CHARS = 100
_DUP_MIN, _DUP_MAX = 15, 300  # lines searched for inside other lines
_DUP_SCAN_CHARS = 200_000_000  # characters read at most per page in that search
# below this many characters read in all, ``str.count`` over each line's prefix is faster
# than building an automaton of the lines and listing its hits
_DUP_COUNT_CHARS = 2_000_000
_DUP_MAX_HITS = 64  # occurrences listed per line's text before counting line by line instead
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:[$€£¥₹]|EUR|USD|GBP)\b|\bper (?:annum|month|year)\b")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|de|fr|uk|io)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
# text every match of _PRICE / _EMAIL / _URL / _COMMENT_HEAD holds: only the lines around it
# are scanned (lower-cased for the patterns that ignore case)
_PRICE_NEEDS = ("$", "€", "£", "¥", "₹", "EUR", "USD", "GBP", "per ")
_EMAIL_NEEDS = ("@",)
_URL_NEEDS = ("http", "www.", ".com", ".org", ".net", ".de", ".fr", ".uk", ".io")
_COMMENT_NEEDS = ("says", "said", "wrote", "schreibt", "sagt", "dit", "écrit", "escribió",
                  "dice", "scritto", "disse", "zegt", "comment", "respons", "replies",
                  "kommentar", "comentario")
# what follows a need in a comment header's line: the rest of its word, a space, a colon
_COMMENT_TAIL = re.compile(r"\w{0,5}\s*:?")
# the letters that match "i" and "s" when case is ignored but do not lower-case to them
_CASE_TWINS = (("ı", "i"), ("ſ", "s"))
# a comment's header line ("Alex on May 3, 2019 at 6:34 am said:", "joe says:", "12 Comments")
_COMMENT_HEAD = re.compile(
    r"(?:\b(?:says|said|wrote|schreibt|sagt|dit|a écrit|escribió|dice|ha scritto|disse|zegt)\s*:?"
    r"|\b\d+\s+(?:comments?|responses?|replies|kommentare|commentaires|comentarios|commenti))$",
    re.IGNORECASE | re.MULTILINE,
)
# two words glued where a card's headline ran into its summary ("SteakhouseA party of")
_GLUED = re.compile(r"[a-z]{2}[A-Z](?:[a-z]|\s)")
_CLOSING = frozenset(".!?。！？…\"'”’»)")
_CLOSING_CHARS = "".join(sorted(_CLOSING))
_LONG_LINE = 80  # characters: a line longer than this is not a list item's shape
_NEAR_LINES = 10.0  # lines: a colon line further up introduces nothing here
# one scan of the whole page per pattern: "^" anchors at every line's start
# and, on lower-cased text, without IGNORECASE, which halves the cost
_PHRASES = tuple(re.compile(p.pattern, re.MULTILINE) for _, p in PHRASE_PATTERNS)
# most phrase patterns name a finite set of words: an automaton finds them faster than the
# engine; the others start with one of a finite set of strings, where alone they are tried
_PHRASE_WORDS = tuple(literal_words(p) for p in _PHRASES)
_PHRASE_STARTS = tuple(literal_prefixes(p) for p in _PHRASES)
_PHRASES_ANY_CASE = tuple(re.compile(p.pattern, p.flags | re.MULTILINE)
                          for _, p in PHRASE_PATTERNS)

# No column says how long the page is (its characters or lines): with one, the model learnt
# that the prose of a very long page is chaff (a 65,000-character buyer's guide lost all but
# its summary); without the two, out of fold over 3 seeds, aeb 0.918 -> 0.924, mozilla
# readability 0.883 -> 0.891, wcxb 0.827 -> 0.829.
FEATURE_NAMES: tuple[str, ...] = (
    *TEXT_STAT_NAMES,
    "position",
    "char_position",
    "indent",
    "blank_before",
    "blank_after",
    "bullet",
    "role_caption",
    "role_related",
    *(f"log_chars_{o:+d}" for o in _OFFSETS),
    *(f"terminal_{o:+d}" for o in _OFFSETS),
    "win1_terminal",
    "win3_terminal",
    "win3_log_chars",
    "win3_stopwords",
    "is_short",
    "short_run",
    "repeats",
    "inside_other_lines",
    "prose_before",
    "prose_after",
    "dist_prev_prose",
    "dist_next_prose",
    *(f"phrase_{name}" for name, _ in PHRASE_PATTERNS),
    "has_price",
    "has_url",
    "has_email",
    "ends_ellipsis",
    "ends_colon",
    "all_caps",
    "starts_digit",
    "separators",
    "url_overlap",
    "comment_head",
    "comment_heads_before",
    "comment_heads_near",
    "glued_words",
    "colon_distance",
    "colon_line_words",
    "first_word_run",
    "shape_run",
    "shape_like_2_above",
)
# the "ends_colon" column among those _shape_flags returns (its phrase flags come first)
_ENDS_COLON = FEATURE_NAMES.index("ends_colon") - FEATURE_NAMES.index(
    f"phrase_{PHRASE_PATTERNS[0][0]}")


@dataclass(frozen=True)
class _PageText:
    """The lines as one string, for scans of the whole page instead of one per line."""

    texts: Sequence[str]
    page: str  # the lines joined by "\n"
    starts: IntArray  # where each line starts in ``page``
    lengths: IntArray  # each line's length, its "\n" included
    lower: str | None  # ``page`` lower-cased; None when that changes its length
    folded: str  # ``lower`` with case twins folded ("" without ``lower``)
    # hits in ``lower`` of each phrase's words (or starts), then of the URL and comment needs
    # in ``folded``
    hits: list[list[Hit]]


@lru_cache(maxsize=1)
def _scanner() -> WordScanner:
    """One automaton for the words of every phrase and the needs of the URL and comments."""
    phrases = [
        tuple(w.text for w in words) if words is not None else starts or ()
        for words, starts in zip(_PHRASE_WORDS, _PHRASE_STARTS, strict=True)
    ]
    return WordScanner([*phrases, _URL_NEEDS, _COMMENT_NEEDS])


def _page_text(texts: Sequence[str]) -> _PageText:
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    page = "\n".join(texts)
    lower = page.lower()
    # a few characters change length when lower-cased; offsets must stay those of ``page``
    if len(lower) != len(page):
        return _PageText(texts, page, starts, lengths, None, "", [])
    hits = _scanner().hits(lower)
    folded = _folded(lower)
    if folded != lower:
        hits[-2:] = _scanner().hits(folded)[-2:]
    return _PageText(texts, page, starts, lengths, lower, folded, hits)


def _shift(values: FloatArray, offset: int, fill: float) -> FloatArray:
    """``values[i + offset]`` for each i, ``fill`` past either end."""
    n = len(values)
    out = np.full(n, fill)
    if offset > 0 and offset < n:
        out[: n - offset] = values[offset:]
    elif offset < 0 and -offset < n:
        out[-offset:] = values[: n + offset]
    return out


def _window_mean(values: FloatArray, radius: int) -> FloatArray:
    """Mean of the neighbours within ``radius`` (the line itself excluded)."""
    sums, counts = window_sum(values, radius)
    means: FloatArray = (sums - values) / np.maximum(counts - 1, 1)
    return means


def _run_lengths(mask: npt.NDArray[np.bool_]) -> FloatArray:
    """For each True entry, the length of the run of True entries it belongs to; else 0."""
    edges = np.flatnonzero(np.diff(mask, prepend=False, append=False))  # run starts and ends
    lengths = edges[1::2] - edges[::2]
    out = np.zeros(len(mask))
    out[mask] = np.repeat(lengths, lengths)
    return out


def _distance_to(mask: npt.NDArray[np.bool_], forward: bool) -> FloatArray:
    """Lines to the nearest True entry before (or after) each line; n when there is none."""
    n = len(mask)
    idx = np.arange(n, dtype=np.float64)
    marks = np.where(mask, idx, -np.inf if not forward else np.inf)
    if forward:
        nearest = np.minimum.accumulate(marks[::-1])[::-1]
        nearest = np.concatenate((nearest[1:], [np.inf]))
        dist = nearest - idx
    else:
        nearest = np.maximum.accumulate(marks)
        nearest = np.concatenate(([-np.inf], nearest[:-1]))
        dist = idx - nearest
    return np.minimum(dist, float(n))


def _after_colon(colon: npt.NDArray[np.bool_], words: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Lines since a line ending with a colon (``colon``) within the ten lines above, and that
    line's words; ten lines and no words when there is none so near.

    A line that ends with a colon introduces what follows: the dates of a tour, the points of
    a resolution, quoted posts; a short one ("Tags:", "Share:") introduces a widget. Only a
    near one counts, so the value says the same on a page of three lines or of three hundred.
    """
    n = len(colon)
    distance = _distance_to(colon, forward=False)  # the page's length when there is none
    near = (distance < _NEAR_LINES) & (distance < n)
    distance = np.where(near, distance, _NEAR_LINES)
    lead_words = np.zeros(n)
    lead_words[near] = words[(np.arange(n) - distance)[near].astype(np.int64)]
    return np.log1p(distance), np.log1p(lead_words)


def _runs(joins: npt.NDArray[np.bool_]) -> FloatArray:
    """For each line, the length of the run of lines it belongs to (log1p), ``joins[i]``
    saying that line i continues the run of the line above (never the first line)."""
    n = len(joins)
    starts = np.flatnonzero(~joins)
    lengths = np.diff(np.append(starts, n))
    return np.log1p(np.repeat(lengths, lengths).astype(np.float64))


_COLONS = (":", "：")
_COLON_CHARS = "".join(_COLONS)


def _shape(text: str) -> tuple[int, int, bool]:
    """How a line begins (digit, capital, small letter, other) and ends (closing mark,
    colon, digit, other), and whether it is long."""
    a, z = text[:1], text[-1:]
    first = 0 if a.isdigit() else 1 if a.isupper() else 2 if a.islower() else 3
    last = 0 if z in _CLOSING else 1 if z in _COLONS else 2 if z.isdigit() else 3
    return first, last, len(text) > _LONG_LINE


@dataclass(frozen=True)
class _LineShapes:
    """What each line's ends and first word tell (``line_shapes``)."""

    terminal: FloatArray  # 1 where the line ends with a closing mark
    keys: IntArray  # the line's ``_shape`` as one number
    same_first: npt.NDArray[np.bool_]  # its first word, lower-cased, is the line above's


def line_shapes(texts: Sequence[str], *, compiled: bool = True) -> _LineShapes:
    """The ends and the first word of each line: in one compiled pass over the lines when
    the kernels are built and ``compiled``, else by the Python below (the reference)."""
    n = len(texts)
    kernels = KERNELS if compiled else None
    if kernels is not None:
        terminal, keys = np.empty(n), np.empty(n, dtype=np.int64)
        same_first = np.empty(n, dtype=np.uint8)
        kernels.line_shapes(texts if isinstance(texts, list) else list(texts),
                            _CLOSING_CHARS, _COLON_CHARS, _LONG_LINE,
                            terminal, keys, same_first)
        return _LineShapes(terminal, keys, same_first.view(np.bool_))
    terminal = np.array([t[-1:] in _CLOSING for t in texts], dtype=np.float64)
    keys = np.array([first * 8 + last * 2 + long for first, last, long in map(_shape, texts)],
                    dtype=np.int64)
    firsts = [t.split(None, 1)[0].lower() if t.strip() else "" for t in texts]
    same = np.zeros(n, dtype=np.bool_)
    same[1:] = [bool(b) and a == b for a, b in zip(firsts[:-1], firsts[1:], strict=True)]
    return _LineShapes(terminal, keys, same)


def _first_word_runs(shapes: _LineShapes) -> FloatArray:
    """Runs of lines that begin with the same word ("June 9 – …", "June 10 – …"): the items
    of a list printed one per line."""
    return _runs(shapes.same_first)


def _shape_runs(shapes: _LineShapes) -> tuple[FloatArray, FloatArray]:
    """Runs of lines of one shape, and whether the line two above has this line's shape:
    lists, tables printed as lines, and item/link pairs."""
    keys = shapes.keys
    joins = np.zeros(len(keys), dtype=np.bool_)
    joins[1:] = keys[1:] == keys[:-1]
    two_above = np.zeros(len(keys))
    two_above[2:] = keys[2:] == keys[:-2]
    return _runs(joins), two_above


def _inside_other_lines(texts: Sequence[str]) -> FloatArray:
    """How often a line's text occurs inside other lines (a caption glued to a paragraph).

    Only a longer line can hold another line's text, and a match never spans a line break,
    so each line is counted in the lines longer than itself: the longer lines come first in
    one string, and ``str.count`` reads just their prefix; on a page where that reads more
    than ``_DUP_COUNT_CHARS`` in all, one automaton of the lines lists their occurrences in
    one pass instead. Past ``_DUP_SCAN_CHARS`` characters read on one page (a page of many
    megabytes), the remaining lines count as found nowhere, so the work stays bounded.
    """
    out = np.zeros(len(texts))
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    candidates = np.flatnonzero((lengths >= _DUP_MIN) & (lengths <= _DUP_MAX))
    if not len(candidates):
        return out
    order = np.argsort(-lengths, kind="stable")
    longest_first = "\n".join([texts[i] for i in order.tolist()])
    ends = np.cumsum(lengths[order] + 1)  # end of each line (its newline included)
    # for a line of length m, the lines longer than m are a prefix of ``longest_first``
    n_longer = np.searchsorted(-lengths[order], -lengths[candidates], side="left")
    searched: list[tuple[int, int]] = []  # (line, end of the prefix its text is counted in)
    budget = _DUP_SCAN_CHARS
    for i, k in zip(candidates.tolist(), n_longer.tolist(), strict=True):
        end = int(ends[k - 1]) if k else 0
        budget -= end
        if budget < 0:
            break
        searched.append((i, end))
    if sum(end for _, end in searched) <= _DUP_COUNT_CHARS:  # an ordinary page
        for i, end in searched:
            out[i] = longest_first.count(texts[i], 0, end) if end else 0.0
        return out
    found = _occurrences(longest_first, {texts[i] for i, end in searched if end},
                         max((end for _, end in searched), default=0))
    for i, end in searched:
        text = texts[i]
        if found is None:
            out[i] = longest_first.count(text, 0, end)
            continue
        # what str.count counts: occurrences inside the prefix, each after the last
        count, last = 0, 0
        for at in found.get(text, ()):
            if at + len(text) > end:
                break
            if at >= last:
                count, last = count + 1, at + len(text)
        out[i] = count
    return out


def _occurrences(page: str, texts: set[str], end: int) -> dict[str, list[int]] | None:
    """Where each of ``texts`` starts in ``page[:end]``, overlaps included, found in one
    pass; None past ``_DUP_MAX_HITS`` of them per text (repetitive text: then ``str.count``
    on each line reads the page faster than these hits are listed)."""
    if not texts:
        return {}
    scanner = WordScanner([sorted(texts)])
    found: dict[str, list[int]] = {}
    limit = _DUP_MAX_HITS * len(texts)
    for n_hits, (at, text) in enumerate(scanner.iter_hits(page, end)):
        if n_hits >= limit:
            return None
        found.setdefault(text, []).append(at)
    return found


def _lines_matching(
    pattern: re.Pattern[str], page: str, starts: IntArray, needs: Sequence[str] = ()
) -> FloatArray:
    """1 for each line in which ``pattern`` matches: one scan of the page, not one per line.

    ``needs``: strings one of which every match contains; without any of them in the page
    the scan is skipped.
    """
    out = np.zeros(len(starts))
    if needs and not any(need in page for need in needs):
        return out
    hits = [m.start() for m in pattern.finditer(page)]
    if hits:
        out[np.searchsorted(starts, np.asarray(hits), side="right") - 1] = 1.0
    return out


def _lines_matching_near(
    pattern: re.Pattern[str],
    page: str,
    starts: IntArray,
    needs: Sequence[str],
    haystack: str,
    tail: re.Pattern[str] | None = None,
) -> FloatArray:
    """What ``_lines_matching`` returns, scanning only the lines around those holding a need.

    Every match of ``pattern`` holds one of ``needs`` (looked for in ``haystack``: the page,
    or the page lower-cased with its case twins folded, for a pattern that ignores case) and
    spans at most two lines. So every match starts in a line holding a need or in the line
    before one, and a match starting in a run of such lines (widened by a line on each side)
    ends inside it. ``finditer`` over each run, from the start of its first line, meets the
    matches the scan of the whole page meets there, in the same order. ``tail``: for a pattern
    anchored at a line's end, what may follow a need in its line when a match holds it.
    """
    hits: list[Hit] = []
    for need in needs:
        at = haystack.find(need)
        while at >= 0:
            hits.append((at, need))
            at = haystack.find(need, at + 1)
    return _lines_near_hits(pattern, page, starts, hits, haystack, tail)


def _lines_near_hits(
    pattern: re.Pattern[str],
    page: str,
    starts: IntArray,
    hits: Sequence[Hit],
    haystack: str,
    tail: re.Pattern[str] | None,
) -> FloatArray:
    """``_lines_matching_near`` from the needs' hits in ``haystack``."""
    n = len(starts)
    out = np.zeros(n)
    line_starts = starts.tolist()
    lines: set[int] = set()
    for at, need in hits:
        line = bisect_right(line_starts, at) - 1
        if tail is None or tail.fullmatch(
            haystack, at + len(need), line_starts[line + 1] - 1 if line + 1 < n else len(page)
        ):
            lines.add(line)
    if not lines:
        return out
    near = sorted({k for line in lines for k in (line - 1, line, line + 1) if 0 <= k < n})
    matches: list[int] = []
    first = near[0]
    for i, line in enumerate(near):
        if i + 1 < len(near) and near[i + 1] == line + 1:
            continue  # the run goes on
        end = line_starts[line + 1] if line + 1 < n else len(page)
        matches.extend(m.start() for m in pattern.finditer(page, line_starts[first], end))
        if i + 1 < len(near):
            first = near[i + 1]
    for at in matches:
        out[bisect_right(line_starts, at) - 1] = 1.0
    return out


def _folded(lower: str) -> str:
    """``lower`` with the letters that match "i" and "s" under IGNORECASE made "i" and "s"."""
    for twin, letter in _CASE_TWINS:
        if twin in lower:
            lower = lower.replace(twin, letter)
    return lower


def _shape_flags(text: _PageText) -> FloatArray:
    """Phrase, price, URL and e-mail flags, and the shape of the line's ends."""
    page, lower, starts, texts = text.page, text.lower, text.starts, text.texts
    if lower is not None:
        flags = [
            lines_with_hits(words, hits, lower, starts) if words is not None
            else lines_matching_at(p, hits, lower, starts) if prefixes is not None
            else _lines_matching(p, lower, starts)
            for p, words, prefixes, hits
            in zip(_PHRASES, _PHRASE_WORDS, _PHRASE_STARTS, text.hits[:-2], strict=True)
        ]  # fmt: skip
    else:
        flags = [_lines_matching(p, page, starts) for p in _PHRASES_ANY_CASE]
    flags += [
        _lines_matching_near(_PRICE, page, starts, _PRICE_NEEDS, page),
        _lines_matching(_URL, page, starts) if lower is None
        else _lines_near_hits(_URL, page, starts, text.hits[-2], text.folded, None),
        _lines_matching_near(_EMAIL, page, starts, _EMAIL_NEEDS, page),
    ]
    n = len(texts)
    codes = _code_points(page)
    shape = [
        *_line_ends(text, codes),
        np.fromiter(map(str.isupper, texts), dtype=np.float64, count=n),
        _starts_with_digit(text, codes),
        _separators(text),
    ]
    return np.column_stack((*flags, *shape))


def _code_points(page: str) -> npt.NDArray[np.uint32]:
    """The page's characters as code points, one per character."""
    return np.frombuffer(page.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _line_ends(
    text: _PageText, codes: npt.NDArray[np.uint32]
) -> tuple[FloatArray, FloatArray]:
    """Whether each line ends with an ellipsis ("..." or "…"), and with a colon.

    ``codes``: the page's code points. Lines are not empty.
    """
    last = text.starts + text.lengths - 2  # each line's last character
    dot = ord(".")
    # only lines of three characters or more can end with "...": in a shorter one the two
    # characters before the last may lie before the line (clipped to the page's start)
    dots = (text.lengths > 3) & (codes[last] == dot) & (codes[np.maximum(last - 1, 0)] == dot) & (
        codes[np.maximum(last - 2, 0)] == dot)
    ellipsis = dots | (codes[last] == ord("…"))
    colon = (codes[last] == ord(":")) | (codes[last] == ord("："))
    return ellipsis.astype(np.float64), colon.astype(np.float64)


def _starts_with_digit(text: _PageText, codes: npt.NDArray[np.uint32]) -> FloatArray:
    """Whether each line's first character is a digit (``str.isdigit``)."""
    first = codes[text.starts]
    digit = (_char_classes()[np.minimum(first, 0xFFFF)] & _DIGIT) > 0
    for i in np.flatnonzero(first > 0xFFFF).tolist():  # beyond the BMP: ask the character
        digit[i] = text.texts[i][0].isdigit()
    return digit.astype(np.float64)


def _separators(text: _PageText) -> FloatArray:
    """Separators of menus and breadcrumbs (" | ", " · ", " / ", " » ") in each line.

    A separator holds no line break, so counting in the whole page, each hit going on
    after the last, counts what ``str.count`` counts in each line.
    """
    out = np.zeros(len(text.starts))
    line_starts = text.starts.tolist()
    find = text.page.find
    for separator in (" | ", " · ", " / ", " » "):
        at = find(separator)
        while at >= 0:
            out[bisect_right(line_starts, at) - 1] += 1.0
            at = find(separator, at + len(separator))
    return out


def _url_overlap(text: _PageText, chars: FloatArray, url: str | None) -> FloatArray:
    """Share of the URL slug's words a short line holds: the headline often is the slug."""
    slug = url_words(url)
    texts = text.texts
    out = np.zeros(len(texts))
    if len(slug) < 2:
        return out
    if text.lower is None:
        for i in np.flatnonzero(chars <= 300).tolist():
            out[i] = len(slug & slug_terms(texts[i])) / len(slug)
        return out
    held = Counter(line for line, _ in _slug_words_held(text.lower, text.starts, slug))
    for line, count in held.items():
        if chars[line] <= 300:
            out[line] = count / len(slug)
    return out


def _slug_words_held(lower: str, starts: IntArray, slug: set[str]) -> set[tuple[int, str]]:
    r"""(line, word) for each slug word some line holds as a whole word (a ``\w+`` token, as
    :func:`thresher.urls.slug_terms` reads them), found with ``str.find`` in the page
    lower-cased, whose line breaks end words as the ends of a line do."""
    line_starts = starts.tolist()
    held: set[tuple[int, str]] = set()
    for word in slug:
        at = lower.find(word)
        while at >= 0:
            # the characters around the hit ("" past the page's ends) must not be word ones
            end = at + len(word)
            before, after = lower[at - 1 : at] if at else "", lower[end : end + 1]
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                held.add((bisect_right(line_starts, at) - 1, word))
            at = lower.find(word, at + 1)
    return held


def _comment_features(text: _PageText) -> list[FloatArray]:
    """Comment headers, how many came before, how many are near; glued card text."""
    page, lower, starts = text.page, text.lower, text.starts
    head = (
        _lines_matching(_COMMENT_HEAD, page, starts) if lower is None
        else _lines_near_hits(_COMMENT_HEAD, page, starts, text.hits[-1], text.folded,
                              _COMMENT_TAIL)
    )
    head[text.lengths > 120] = 0.0  # a header is short; prose may end with "he said:"
    return [head, np.log1p(np.cumsum(head) - head), _window_mean(head, 5) * 10.0,
            _glued_words(text)]


def _glued_words(text: _PageText) -> FloatArray:
    """Matches of ``_GLUED`` in each line, found with array steps over the page's characters.

    A match is two ASCII lower-case letters, an upper-case one, then a lower-case letter or a
    space; where the regex engine would try every position, the first three are compared for
    all positions at once, and only the few places they hold are checked further, in order,
    each after the last match as ``finditer`` goes.
    """
    page = text.page
    out = np.zeros(len(text.starts))
    if len(page) < 4:
        return out
    codes = np.frombuffer(page.encode("utf-32-le", "replace"), dtype=np.uint32)
    lower = (codes >= 0x61) & (codes <= 0x7A)
    upper = (codes >= 0x41) & (codes <= 0x5A)
    line_starts = text.starts.tolist()
    last_end = 0
    for at in np.flatnonzero(lower[:-3] & lower[1:-2] & upper[2:-1]).tolist():
        after = page[at + 3]
        if at >= last_end and ("a" <= after <= "z" or after.isspace()):
            out[bisect_right(line_starts, at) - 1] += 1.0
            last_end = at + 4
    return out


def line_features(page: FlatPage, url: str | None) -> FloatArray:
    """Return the feature matrix (one row per block, columns as in ``FEATURE_NAMES``)."""
    blocks = page.blocks
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    texts = [b.text for b in blocks]
    text = _page_text(texts)
    stats = text_stats(texts)
    chars = np.array([b.chars for b in blocks], dtype=np.float64)
    log_chars = np.log1p(chars)
    words = np.expm1(stats[:, TEXT_STAT_NAMES.index("log_words")])
    stop = stats[:, TEXT_STAT_NAMES.index("stopword_share")]
    shapes = line_shapes(texts)
    terminal = shapes.terminal
    short = (words <= _SHORT_WORDS) & (terminal == 0)
    prose = (chars >= _PROSE_CHARS) & (terminal > 0)
    counts = Counter(texts)
    total = max(chars.sum(), 1.0)
    prose_chars = np.where(prose, chars, 0.0)
    prose_total = max(prose_chars.sum(), 1.0)
    roles = np.array([b.roles for b in blocks], dtype=np.int64)
    shape = _shape_flags(text)
    columns = [
        stats,
        np.arange(n) / n,
        (np.cumsum(chars) - chars) / total,
        page.indent,
        page.blank_before,
        page.blank_after,
        page.bullet,
        ((roles & ROLE_CAPTION) > 0).astype(np.float64),
        ((roles & ROLE_RELATED) > 0).astype(np.float64),
        *(_shift(log_chars, o, 0.0) for o in _OFFSETS),
        *(_shift(terminal, o, -1.0) for o in _OFFSETS),
        _window_mean(terminal, 1),
        _window_mean(terminal, 3),
        _window_mean(log_chars, 3),
        _window_mean(stop, 3),
        short.astype(np.float64),
        np.log1p(_run_lengths(short)),
        np.array([counts[t] - 1 for t in texts], dtype=np.float64),
        _inside_other_lines(texts),
        (np.cumsum(prose_chars) - prose_chars) / prose_total,
        (prose_total - np.cumsum(prose_chars)) / prose_total,
        np.log1p(_distance_to(prose, forward=False)),
        np.log1p(_distance_to(prose, forward=True)),
        shape,
        _url_overlap(text, chars, url),
        *_comment_features(text),
        *_after_colon(shape[:, _ENDS_COLON] > 0, words),
        _first_word_runs(shapes),
        *_shape_runs(shapes),
    ]
    return np.column_stack(columns)


_TEMPLATE_COLUMNS = [FEATURE_NAMES.index(f"phrase_{name}") for name in TEMPLATE_PHRASES]


def template_lines(features: FloatArray) -> npt.NDArray[np.bool_]:
    """Which lines hold a template's phrase (``TEMPLATE_PHRASES``), from their phrase columns:
    what searching each line for those phrases tells, from the scans of the whole page."""
    held: npt.NDArray[np.bool_] = features[:, _TEMPLATE_COLUMNS].max(axis=1) > 0.0
    return held
