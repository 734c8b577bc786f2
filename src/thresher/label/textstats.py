"""Statistics of a block's text that hold in any language.

Shared by both front ends (HTML blocks and lines of flattened text). Words are counted on
whitespace, and scripts written without spaces (Chinese, Japanese, Thai) are counted by
characters instead, so no statistic assumes English. The counts behind the statistics are
taken in one compiled pass over each text when the kernels (``_kernels.pyx``) are built, else
with NumPy over the texts' code points; both give the same counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from . import compiled

__all__ = ["COUNT_NAMES", "TEXT_STAT_NAMES", "text_counts", "text_counts_numpy", "text_stats",
           "text_stats_numpy"]

# The most frequent function words of widely used languages. A stop-word share separates
# running prose from menus in every one of them; no single language dominates the list.
_STOPWORDS = frozenset(
    """
    the of and to in is that for it with as on was be by this are at from or an not have
    der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch
    de la que el en y los del se las por un para con una su al lo como más pero sus le
    et les des est une pour pas qui sur au avec ce il sont dans ne plus par
    di e il che la per un non una sono del della le si da con ha
    o a os as um uma é não com na no se mais para por em
    het een van en de ik te dat die is op zijn niet met voor
    och att det som en på är av för med till den har inte om ett
    и в не на что с он я как а то по это из у за от
    w z na i do się nie że to jest o jak
    ve bir bu da için ile de ne çok
    """.split()
)
_TERMINAL = frozenset(".!?。！？…:;\"'”’»)")
_DATE = re.compile(r"\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_PUNCT_CHARS = ".,;:!?。，、！？；："
_SPACELESS_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF),
                     (0x0E00, 0x0E7F))
# character classes, one bit each, for the Basic Multilingual Plane
_PUNCT, _DIGIT, _UPPER, _SPACE, _SPACELESS = 1, 2, 4, 8, 16

TEXT_STAT_NAMES = (
    "log_chars",
    "log_words",
    "avg_word_len",
    "punct_per_word",
    "ends_terminal",
    "digit_share",
    "upper_initial_share",
    "stopword_share",
    "n_lines",
    "pipe_or_bullet",
    "has_copyright",
    "has_date",
    "spaceless_share",
)


@lru_cache(maxsize=1)
def _char_classes() -> npt.NDArray[np.uint8]:
    """Class bits of every BMP character (built once, on first use)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for code in range(0x10000):
        char = chr(code)
        if char.isdigit():
            table[code] |= _DIGIT
        elif char.isupper():
            table[code] |= _UPPER
        elif char.isspace():
            table[code] |= _SPACE
    for char in _PUNCT_CHARS:
        table[ord(char)] |= _PUNCT
    for lo, hi in _SPACELESS_RANGES:
        table[lo : hi + 1] |= _SPACELESS
    return table


# What ``text_counts`` counts in each text, one column each.
COUNT_NAMES = (
    "chars",
    "space_words",  # words between white space (str.split's)
    "spaceless",  # characters of scripts written without spaces
    "stopwords",
    "ends_terminal",  # 1 when the last character before trailing white space closes a sentence
    "digits",
    "beyond_bmp",  # characters beyond the Basic Multilingual Plane (no class bits)
    "punct",
    "upper_initial",  # words starting with an upper-case letter
    "lines",  # line breaks
    "pipe_or_bullet",  # 1 when the text holds "|" or starts with a bullet
    "copyright",  # 1 when the text holds "©"
)
_BULLETS = "•·»›-–*"
_DATES = TEXT_STAT_NAMES.index("has_date")
_TERMINAL_CHARS = "".join(sorted(_TERMINAL))
_LONGEST_STOPWORD = max(map(len, _STOPWORDS))


def text_counts(texts: Sequence[str]) -> npt.NDArray[np.int64]:
    """The counts ``COUNT_NAMES`` names, one row per text: compiled when ``_kernels.pyx`` is
    built, else ``text_counts_numpy``; the same counts."""
    kernels = compiled.KERNELS
    if kernels is None:
        return text_counts_numpy(texts)
    out = np.empty((len(texts), len(COUNT_NAMES)), dtype=np.int64)
    kernels.text_counts(
        texts if isinstance(texts, list) else list(texts), _char_classes(), _PUNCT, _DIGIT,
        _UPPER, _SPACE, _SPACELESS, _STOPWORDS, _LONGEST_STOPWORD, _ascii_keys(kernels),
        _TERMINAL_CHARS, _BULLETS, out,
    )
    return out


@lru_cache(maxsize=1)
def _ascii_keys(kernels: Any) -> npt.NDArray[np.uint64]:
    """The ASCII stop words as the kernels look them up, in ascending order."""
    keys = sorted(kernels.ascii_key(word) for word in _STOPWORDS if word.isascii())
    return np.array(keys, dtype=np.uint64)


def text_counts_numpy(texts: Sequence[str]) -> npt.NDArray[np.int64]:
    """``text_counts`` with NumPy over the texts' code points and a loop over the texts for
    the stop words and marks, whether or not the kernels are built: the reference."""
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(COUNT_NAMES)), dtype=np.int64)
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "replace"), dtype=np.uint32)
    classes = _char_classes()[np.minimum(codes, 0xFFFF)]
    classes[codes > 0xFFFF] = 0
    chars = np.fromiter((len(t) for t in texts), dtype=np.int64, count=n)
    starts = np.concatenate(([0], np.cumsum(chars)[:-1]))
    # a word starts where a non-space follows a space (or the text's start)
    space = (classes & _SPACE) > 0
    prev_space = np.concatenate(([True], space[:-1]))
    prev_space[starts] = True
    word_start = ~space & prev_space

    def per_text(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
        return np.add.reduceat(mask.astype(np.int64), starts)

    stop = _STOPWORDS.__contains__
    return np.column_stack((
        chars,
        per_text(word_start),
        per_text((classes & _SPACELESS) > 0),
        np.fromiter((sum(map(stop, t.lower().split())) for t in texts), dtype=np.int64, count=n),
        np.fromiter((t.rstrip()[-1:] in _TERMINAL for t in texts), dtype=np.int64, count=n),
        per_text((classes & _DIGIT) > 0),
        per_text(codes > 0xFFFF),
        per_text((classes & _PUNCT) > 0),
        per_text(word_start & ((classes & _UPPER) > 0)),
        per_text(codes == ord("\n")),
        np.fromiter(("|" in t or t[:1] in _BULLETS for t in texts), dtype=np.int64, count=n),
        np.fromiter(("©" in t for t in texts), dtype=np.int64, count=n),
    ))


def text_stats(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Return the statistics named in ``TEXT_STAT_NAMES``, one row per text (texts non-empty)."""
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(TEXT_STAT_NAMES)))
    kernels = compiled.KERNELS
    if kernels is not None:
        out = np.empty((n, len(TEXT_STAT_NAMES)))
        kernels.count_stats(text_counts(texts), out)
        out[:, :2] = np.log1p(out[:, :2])
        for i in np.flatnonzero(out[:, _DATES]).tolist():
            out[i, _DATES] = _DATE.search(texts[i]) is not None
        return out
    return text_stats_numpy(texts)


def text_stats_numpy(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """``text_stats`` with NumPy from the counts, whether or not the kernels are built: the
    reference."""
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(TEXT_STAT_NAMES)))
    # one contiguous row per count, as NumPy's functions read the columns they are given
    counts = np.ascontiguousarray(text_counts(texts).T, dtype=np.float64)
    (fchars, n_space_words, spaceless, stopwords, ends, digits, beyond_bmp, punct,
     upper_initial, lines, pipe_or_bullet, copyright) = counts
    # scripts without spaces: about two characters make a word
    words = np.maximum(np.maximum(n_space_words, spaceless // 2), 1.0)
    # every date holds four digits: only texts with four are searched (a character beyond
    # the BMP has no class bits, and may be a digit; every character ``\d`` matches is one
    # that str.isdigit, and so the digit bit, accepts)
    dates = np.zeros(n)
    for i in np.flatnonzero(digits + beyond_bmp >= 4).tolist():
        dates[i] = _DATE.search(texts[i]) is not None
    return np.column_stack((
        np.log1p(fchars),
        np.log1p(words),
        fchars / words,
        punct / words,
        ends,
        digits / fchars,
        upper_initial / np.maximum(n_space_words, 1.0),
        stopwords / np.maximum(n_space_words, 1.0),
        lines,
        pipe_or_bullet,
        copyright,
        dates,
        spaceless / fchars,
    ))
