"""Phrase patterns that name a finite set of words, scanned with ``str.find``.

Python's regex engine tries a pattern such as ``\\b(?:advertisement|sponsored|…)\\b`` at every
position of the page, which makes a phrase feature cost about as much as everything else
a line needs. When a pattern only names a finite set of strings (literals, alternatives,
optional pieces, small character sets), with at most a word boundary or a line anchor at
either end, the same lines match when each string is looked up with ``str.find`` and the
anchors are checked at each hit. :func:`literal_words` turns such a pattern into that set,
or returns None for any other pattern, which then keeps the regex.

Looking the words up one by one still reads the page once per word (about seventy words
in all). :class:`WordScanner` finds the words of several sets in one pass instead, with an
Aho-Corasick automaton (pyahocorasick, the only module that imports it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

import ahocorasick
import numpy as np
import numpy.typing as npt

try:  # the parser of the standard library's engine: private, so any surprise means "no"
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python before 3.11
    _C = None
    _P = None

__all__ = [
    "LiteralWord", "WordScanner", "lines_matching_at", "lines_with_hits", "lines_with_words",
    "literal_prefixes", "literal_words",
]

_MAX_WORDS = 400  # a larger set is not worth expanding


@dataclass(frozen=True)
class LiteralWord:
    """One string of the pattern's set and the anchors around it.

    ``lead``/``trail``: ``"b"`` a word boundary, ``"^"``/``"$"`` a line start/end, ``""`` none.
    """

    text: str
    lead: str = ""
    trail: str = ""


class _Unsupported(Exception):
    pass


def literal_words(pattern: re.Pattern[str]) -> tuple[LiteralWord, ...] | None:
    """The finite set of strings ``pattern`` matches, with their anchors; None if not finite,
    case-insensitive, or built from anything but literals, groups, alternatives, bounded
    repeats, character sets of literals and anchors at the ends."""
    if _P is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        words = _expand(list(_P.parse(pattern.pattern, pattern.flags)), pattern.flags)
    except (_Unsupported, re.error, TypeError, ValueError, AttributeError):
        return None
    if not words or any(not w.text or "\n" in w.text for w in words):
        return None
    return tuple(dict.fromkeys(words))


def literal_prefixes(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with (anchors at its start
    aside); None when the pattern ignores case, or some match may start otherwise."""
    if _P is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        prefixes = _prefixes(list(_P.parse(pattern.pattern, pattern.flags)), pattern.flags)
    except (_Unsupported, re.error, TypeError, ValueError, AttributeError):
        return None
    if not prefixes or any(not p or "\n" in p for p in prefixes) or len(prefixes) > _MAX_WORDS:
        return None
    shortest: list[str] = []  # a start that begins with a shorter start adds nothing
    for prefix in sorted(set(prefixes), key=len):
        if not prefix.startswith(tuple(shortest)):
            shortest.append(prefix)
    return tuple(shortest)


def _prefixes(seq: list[Any], flags: int) -> list[str]:
    """The literal starts of the op sequence ``seq``: expanded op by op up to the first op
    that is not a finite set of strings, whose own starts are then added when it has them."""
    while seq and seq[0][0] is _C.AT:  # zero-width: the match starts after them
        seq = seq[1:]
    starts = [""]
    for op, av in seq:
        if op is _C.SUBPATTERN and not (av[1] or av[2]):
            inner = _prefixes(list(av[3]), flags)
        elif op is _C.BRANCH:
            inner = [p for alternative in av[1] for p in _prefixes(list(alternative), flags)]
        else:
            try:
                words = _expand_op(op, av, flags)
            except _Unsupported:
                break
            if any(w.lead or w.trail for w in words):
                break
            inner = [w.text for w in words]
        complete = op not in (_C.SUBPATTERN, _C.BRANCH) or _is_finite(op, av, flags)
        starts = [h + t for h in starts for t in inner]
        if len(starts) > _MAX_WORDS:
            raise _Unsupported
        if not complete:
            break
    return starts


def _is_finite(op: Any, av: Any, flags: int) -> bool:
    """Whether the group or branch is a finite set of strings without inner anchors."""
    try:
        words = _expand_op(op, av, flags)
    except _Unsupported:
        return False
    return not any(w.lead or w.trail for w in words)


def _anchor(av: Any, flags: int) -> str:
    multiline = bool(flags & re.MULTILINE)
    if av is _C.AT_BOUNDARY:
        return "b"
    if av in (_C.AT_BEGINNING_LINE,) or (av is _C.AT_BEGINNING and multiline):
        return "^"
    if av in (_C.AT_END_LINE,) or (av is _C.AT_END and multiline):
        return "$"
    raise _Unsupported


def _expand(seq: list[Any], flags: int) -> list[LiteralWord]:
    """Every string (with its anchors) the op sequence ``seq`` matches."""
    lead = trail = ""
    if seq and seq[0][0] is _C.AT:
        lead = _anchor(seq[0][1], flags)
        seq = seq[1:]
    if seq and seq[-1][0] is _C.AT:
        trail = _anchor(seq[-1][1], flags)
        seq = seq[:-1]
    words = [LiteralWord("", lead, "")]
    for op, av in seq:
        words = _join(words, _expand_op(op, av, flags))
        if len(words) > _MAX_WORDS:
            raise _Unsupported
    if trail:
        words = [_join_one(w, LiteralWord("", "", trail)) for w in words]
    return words


def _expand_op(op: Any, av: Any, flags: int) -> list[LiteralWord]:
    if op is _C.LITERAL:
        return [LiteralWord(chr(av))]
    if op is _C.IN:
        if any(item_op is not _C.LITERAL for item_op, _ in av):
            raise _Unsupported
        return [LiteralWord(chr(code)) for _, code in av]
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unsupported
        return _expand(list(sub), flags)
    if op is _C.BRANCH:
        return [w for alternative in av[1] for w in _expand(list(alternative), flags)]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        low, high, sub = av
        if high > 3:
            raise _Unsupported
        one = _expand(list(sub), flags)
        out: list[LiteralWord] = []
        for count in range(low, high + 1):
            repeats = [LiteralWord("")]
            for _ in range(count):
                repeats = _join(repeats, one)
            out += repeats
        return out
    raise _Unsupported


def _join(heads: list[LiteralWord], tails: list[LiteralWord]) -> list[LiteralWord]:
    return [_join_one(h, t) for h, t in product(heads, tails)]


def _join_one(head: LiteralWord, tail: LiteralWord) -> LiteralWord:
    """``head`` followed by ``tail``; anchors may only sit at the ends of the joined string."""
    if tail.lead and (head.text or head.lead):
        raise _Unsupported
    if head.trail and (tail.text or tail.trail):
        raise _Unsupported
    return LiteralWord(head.text + tail.text, head.lead or tail.lead, tail.trail or head.trail)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _anchored(page: str, start: int, end: int, word: LiteralWord) -> bool:
    """Whether the anchors of ``word`` hold for a hit at ``page[start:end]``."""
    for anchor, at in ((word.lead, start), (word.trail, end)):
        if anchor == "b":
            before = at > 0 and _is_word(page[at - 1])
            after = at < len(page) and _is_word(page[at])
            holds = before != after
        elif anchor == "^":
            holds = at == 0 or page[at - 1] == "\n"
        elif anchor == "$":
            holds = at == len(page) or page[at] == "\n"
        else:
            holds = True
        if not holds:
            return False
    return True


def lines_with_words(
    words: tuple[LiteralWord, ...], page: str, starts: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """1 for each line (starting at ``starts``) holding one of ``words`` with its anchors.

    No word holds a line break here (the flat text's lines never do), so a hit lies in one
    line, and a line has a regex match exactly when it has an anchored hit.
    """
    out = np.zeros(len(starts))
    hits: list[int] = []
    find = page.find
    for word in words:
        text = word.text
        at = find(text)
        while at >= 0:
            if _anchored(page, at, at + len(text), word):
                hits.append(at)
            at = find(text, at + 1)
    if hits:
        out[np.searchsorted(starts, np.asarray(hits), side="right") - 1] = 1.0
    return out


Hit = tuple[int, str]  # where a word starts, and the word


class WordScanner:
    """Finds every occurrence of the words of several sets in one pass over a page.

    ``hits(page)[k]`` lists each (start, word) of set ``k`` in ``page``, overlapping ones
    included, in order of where they end: what ``str.find`` from each hit onwards finds.
    """

    def __init__(self, sets: Sequence[Sequence[str]]) -> None:
        self.size = len(sets)
        owners: dict[str, list[int]] = {}
        for k, words in enumerate(sets):
            for word in words:
                if not word:
                    raise ValueError("an empty word matches everywhere")
                if k not in owners.setdefault(word, []):
                    owners[word].append(k)
        self._automaton = ahocorasick.Automaton()
        for word, sets_of_word in owners.items():
            mask = sum(1 << k for k in sets_of_word)
            self._automaton.add_word(word, (word, tuple(sets_of_word), mask))
        if owners:
            self._automaton.make_automaton()

    def hits(self, page: str) -> list[list[Hit]]:
        out: list[list[Hit]] = [[] for _ in range(self.size)]
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return out
        for end, (word, sets_of_word, _) in self._automaton.iter(page):
            start = end - len(word) + 1
            for k in sets_of_word:
                out[k].append((start, word))
        return out

    def iter_hits(self, page: str, end: int) -> Iterator[Hit]:
        """Every (start, word) of any set that lies inside ``page[:end]``, by where it ends."""
        if self._automaton.kind != ahocorasick.AHOCORASICK or end <= 0:
            return
        for last, (word, _, _) in self._automaton.iter(page, 0, end):
            yield last - len(word) + 1, word

    def sets_present(self, text: str) -> int:
        """A bit set of the sets (bit ``k`` for set ``k``) one of whose words ``text`` holds."""
        present = 0
        if self._automaton.kind == ahocorasick.AHOCORASICK:
            for _, (_, _, mask) in self._automaton.iter(text):
                present |= mask
        return present


def lines_with_hits(
    words: tuple[LiteralWord, ...], hits: Sequence[Hit], page: str,
    starts: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """What :func:`lines_with_words` returns, from the hits of the words' texts in ``page``."""
    out = np.zeros(len(starts))
    anchors: dict[str, list[LiteralWord]] = {}
    for word in words:
        anchors.setdefault(word.text, []).append(word)
    line_starts = starts.tolist()
    for at, text in hits:
        if any(_anchored(page, at, at + len(text), word) for word in anchors[text]):
            out[bisect_right(line_starts, at) - 1] = 1.0
    return out


def lines_matching_at(
    pattern: re.Pattern[str], hits: Sequence[Hit], page: str, starts: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """1 for each line in which ``pattern`` matches, trying it only where ``hits`` start.

    ``hits``: where the strings of :func:`literal_prefixes` occur in ``page``. Every match
    starts at one of them, so trying them in order, each after the end of the last match,
    meets the matches ``finditer`` meets.
    """
    out = np.zeros(len(starts))
    line_starts = starts.tolist()
    last_end = 0
    match = pattern.match
    for at in sorted({at for at, _ in hits}):
        if at < last_end:
            continue
        found = match(page, at)
        if found is not None:
            out[bisect_right(line_starts, at) - 1] = 1.0
            last_end = max(found.end(), at + 1)
    return out
