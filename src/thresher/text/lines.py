"""Flattened page text → one block per non-empty line.

A WET record or a text dump keeps little structure, but what it keeps is telling: blank lines
between paragraphs, indentation and bullets of nested menus, and lines printed twice. Those
survive here as per-line arrays beside the blocks, for the features and the structure rules.

Two repairs happen before labelling, because they change the block list:
  - a caption glued onto the end of a paragraph (the same words printed twice in a row, or the
    text of another line) is split off into its own block, marked as a caption, unless that
    text would take half the page (a passage the paragraphs repeat is the body) or is a
    sentence closing a paragraph after a closed sentence (a sentence printed twice);
  - a "Read more: headline" lead-in loses its lead-in, and it and the link-like lines right
    after it are marked as related links.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from ..label.compiled import KERNELS
from ..page import ROLE_CAPTION, ROLE_RELATED, PageBlock
from .phrases import READ_MORE_LEAD_IN

__all__ = ["MAX_LINE_CHARS", "FlatPage", "split_blocks"]

MAX_LINE_CHARS = 20_000  # longer lines are cut, so one huge line is many ordinary blocks
_MIN_CAPTION_WORDS = 5  # shorter repeated runs are menus and tags, not captions
_MAX_CAPTION_WORDS = 60
_MAX_RELATED_AFTER = 8  # link-like lines still related after a "Read more:" lead-in
_MAX_RELATED_WORDS = 20
# C0/C1 controls except tab and newline; also zero-width spaces and bidi marks that carry no
# text. Each becomes a space, so the words on either side stay two words. (Zero-width
# (non-)joiners stay: they belong to words in Persian, Indic scripts and emoji.)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\ufeff]")
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_BULLET = re.compile(r"^([•·▪►▸◦‣∙*\-–—]|\d{1,2}[.)])\s+(?=\S)")
_BULLET_FIRST = frozenset("•·▪►▸◦‣∙*-–—")  # a bullet's first character, or a decimal digit
_TERMINAL = frozenset(".!?。！？…")


@dataclass
class FlatPage:
    """A flattened page as blocks, with what the line layout said about each block."""

    blocks: list[PageBlock]
    indent: npt.NDArray[np.float64]  # leading spaces of the line, in steps of two
    blank_before: npt.NDArray[np.float64]  # 1 when a blank line (or the start) precedes it
    blank_after: npt.NDArray[np.float64]
    bullet: npt.NDArray[np.float64]  # 1 when the line started with a bullet


@dataclass
class _Lines:
    """The page's non-empty lines as parallel lists, one entry per line."""

    texts: list[str]
    indent: list[int]  # leading spaces and tabs of the raw line
    blank_before: list[bool]
    blank_after: list[bool]
    bullet: list[bool]
    roles: list[int]


@lru_cache(maxsize=1)
def _odd_characters() -> npt.NDArray[np.bool_]:
    """For each BMP code point, whether ``normalise`` replaces it (built once, on first use)."""
    every = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=bool)
    for pattern in (_CONTROL, _BREAKS):
        table[[m.start() for m in pattern.finditer(every)]] = True
    return table


def normalise(text: str) -> str:
    """Unify line breaks and turn control characters into spaces (tab and newline stay).

    Most pages hold none of those characters: one array look-up over the page's code points
    tells, and the two regex passes run only when it finds one.
    """
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not _odd_characters()[np.minimum(codes, 0xFFFF)].any():  # none lies beyond the BMP
        return text
    return _CONTROL.sub(" ", _BREAKS.sub("\n", text))


def _read_lines(text: str, max_lines: int) -> _Lines:
    """The non-empty lines of ``text`` (at most ``max_lines``), spaces collapsed, with their
    indentation and whether a blank line (or the start) comes before or after each."""
    raw = text.split("\n")
    # also turns NBSP and the like into " "
    collapsed = (KERNELS.fold_each(raw) if KERNELS is not None
                 else [" ".join(line.split()) for line in raw])
    kept = [i for i, line in enumerate(collapsed) if line]
    gaps = [b - a > 1 for a, b in zip(kept, kept[1:], strict=False)]
    lines = _Lines(
        texts=[collapsed[i] for i in kept],
        indent=[len(raw[i]) - len(raw[i].lstrip(" \t")) for i in kept],
        blank_before=[True, *gaps] if kept else [],
        blank_after=[*gaps, kept[-1] < len(raw) - 1] if kept else [],
        bullet=[False] * len(kept),
        roles=[0] * len(kept),
    )
    if any(len(t) > MAX_LINE_CHARS for t in lines.texts):
        lines = _cut_long_lines(lines)
    if len(lines.texts) >= max_lines:  # reading stops at the last line kept
        for values in _columns(lines):
            del values[max_lines:]
        if lines.texts:
            lines.blank_after[-1] = False
    return lines


def _columns(lines: _Lines) -> tuple[list[Any], ...]:
    return (lines.texts, lines.indent, lines.blank_before, lines.blank_after, lines.bullet,
            lines.roles)


def _cut_long_lines(lines: _Lines) -> _Lines:
    """Cut lines over ``MAX_LINE_CHARS`` into pieces of at most that many characters; the
    first piece keeps the blank line before, the last the blank line after."""
    out = _Lines([], [], [], [], [], [])
    for text, indent, before, after in zip(lines.texts, lines.indent, lines.blank_before,
                                           lines.blank_after, strict=True):
        pieces = [text[start : start + MAX_LINE_CHARS].strip()
                  for start in range(0, len(text), MAX_LINE_CHARS)]
        pieces = [piece for piece in pieces if piece]
        for k, piece in enumerate(pieces):
            _append(out, piece, indent, before and k == 0, after and k == len(pieces) - 1)
    return out


def _append(lines: _Lines, text: str, indent: int, before: bool, after: bool,
            bullet: bool = False, roles: int = 0) -> None:
    lines.texts.append(text)
    lines.indent.append(indent)
    lines.blank_before.append(before)
    lines.blank_after.append(after)
    lines.bullet.append(bullet)
    lines.roles.append(roles)


def _strip_bullets(lines: _Lines) -> None:
    """Remove a leading bullet ("•", "-", "3.") and mark its line as a list item."""
    texts = lines.texts
    maybe = [i for i, text in enumerate(texts)
             if text[0] in _BULLET_FIRST or text[0].isdecimal()]  # \d is a decimal digit
    for i in maybe:
        match = _BULLET.match(texts[i])
        if match:
            texts[i] = texts[i][match.end() :]
            lines.bullet[i] = True


def _doubled_tail(words: list[str]) -> int:
    """Word count of S when the words end with "S S" (S of five to sixty words), else 0.

    The first copy of S ends with the last word: only the sizes at which that word recurs
    are compared, found with ``list.index`` from the smallest size up.
    """
    n = len(words)
    largest = min(n // 2, _MAX_CAPTION_WORDS)
    if largest < _MIN_CAPTION_WORDS:
        return 0
    # ends[k] is where the first copy would end for size _MIN_CAPTION_WORDS + k
    ends = words[n - largest - 1 : n - _MIN_CAPTION_WORDS][::-1]
    k = -1
    while True:
        try:
            k = ends.index(words[-1], k + 1)
        except ValueError:
            return 0
        size = _MIN_CAPTION_WORDS + k
        if words[n - 2 * size : n - size] == words[n - size :]:
            return size


@dataclass
class _Captions:
    """Lines that could be captions, by last word (page order), and each text's first rank."""

    by_last_word: dict[str, list[str]]
    rank: dict[str, int]  # text -> its first position in its last word's list


def _word_counts(texts: list[str]) -> list[int]:
    return [text.count(" ") + 1 for text in texts]  # lines hold single spaces only


def _last_words(texts: list[str]) -> list[str]:
    return [text[text.rfind(" ") + 1 :] for text in texts]


def _caption_candidates(
    texts: list[str], words: list[int] | None = None, last: list[str] | None = None
) -> _Captions:
    """The lines of five to sixty words; ``words`` and ``last``: each line's word count and
    last word, when known."""
    words = _word_counts(texts) if words is None else words
    last = _last_words(texts) if last is None else last
    by_last_word: dict[str, list[str]] = {}
    rank: dict[str, int] = {}
    for text, count, word in zip(texts, words, last, strict=True):
        if _MIN_CAPTION_WORDS <= count <= _MAX_CAPTION_WORDS:
            same_end = by_last_word.setdefault(word, [])
            rank.setdefault(text, len(same_end))
            same_end.append(text)
    return _Captions(by_last_word, rank)


def _caption_suffix(text: str, words: list[str], captions: _Captions) -> str | None:
    """The earliest-listed candidate that ``text`` ends with (after a space), found by looking
    up ``text``'s suffixes of five to sixty words: the same answer as scanning the list, but
    bounded when thousands of lines end with the same word."""
    best: str | None = None
    # past every rank: a rank is a place in the list of lines ending in ``text``'s last word
    # (the same text twice takes two places there, one in ``rank``)
    best_rank = len(captions.by_last_word.get(words[-1], ()))
    start = len(text)
    n = len(words)
    for k in range(n - 1, 0, -1):
        start -= len(words[k]) + 1
        if n - k > _MAX_CAPTION_WORDS:
            break
        if n - k < _MIN_CAPTION_WORDS:
            continue
        suffix = text[start + 1 :]
        rank = captions.rank.get(suffix)
        if rank is not None and rank < best_rank and len(suffix) < 0.7 * len(text):
            best, best_rank = suffix, rank
    return best


def _glued_caption(text: str, captions: _Captions) -> tuple[str, str] | None:
    """(paragraph, caption) when ``text`` ends with a caption, else None.

    ``text`` has ten words or more, or ends with the last word of a candidate.
    """
    words = text.split(" ")
    size = _doubled_tail(words) if len(words) >= 2 * _MIN_CAPTION_WORDS else 0
    if size:
        return " ".join(words[: len(words) - 2 * size]), " ".join(words[len(words) - size :])
    same_end = captions.by_last_word.get(words[-1], ())
    if len(same_end) > _MAX_CAPTION_WORDS:  # fewer suffixes to look up than lines to try
        other = _caption_suffix(text, words, captions)
        return None if other is None else _sentence_or_caption(text, other)
    for other in same_end:
        if len(other) < 0.7 * len(text) and text.endswith(" " + other):
            return _sentence_or_caption(text, other)
    return None


def _sentence_or_caption(text: str, other: str) -> tuple[str, str] | None:
    """(paragraph, caption) for ``text`` ending with the line ``other``; None when ``other``
    is a sentence closing a paragraph whose sentence before it closed too: a sentence the
    page prints twice (a pull quote, a repeated condition), not a caption glued on."""
    head = text[: len(text) - len(other)].rstrip()
    if head[-1:] in _TERMINAL and other[-1:] in _TERMINAL:
        return None
    return head, other


def _without_body_captions(texts: list[str],
                           splits: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """``splits`` without those whose caption would take most of the page's text.

    A caption is a small part of a page. A page whose paragraphs repeat one passage ("S S S",
    the same three times: a template's filler, a test page) ends each paragraph with the
    passage twice, as a glued caption does; split off, the passage would be a caption and
    every line holding only it too, and the body would be gone."""
    lines_of = Counter(texts)
    moved: Counter[str] = Counter()  # characters that would become the caption's
    for head, caption in splits.values():
        moved[caption] += len(caption) + (len(head) if head == caption else 0)
    half = sum(map(len, texts)) / 2
    body = {caption for caption, chars in moved.items()
            if chars + lines_of[caption] * len(caption) > half}
    return {i: split for i, split in splits.items() if split[1] not in body}


def _split_glued_captions(lines: _Lines) -> _Lines:
    """Split a caption off the paragraph it was glued to; keep it once, marked as a caption.

    A caption is glued when its words are printed twice at the end of a paragraph line, or
    when the paragraph ends with the text of another line of the page.
    """
    texts = lines.texts
    words, last = _word_counts(texts), _last_words(texts)
    candidates = _caption_candidates(texts, words, last)
    # long enough to hold a caption twice, or ending like a candidate
    maybe = [i for i, (count, word) in enumerate(zip(words, last, strict=True))
             if count >= 2 * _MIN_CAPTION_WORDS or word in candidates.by_last_word]
    splits = {i: split for i in maybe
              if (split := _glued_caption(texts[i], candidates)) is not None}
    if splits:
        splits = _without_body_captions(texts, splits)
    if not splits:
        return lines
    out = _Lines([], [], [], [], [], [])
    rows = zip(*_columns(lines), strict=True)
    for i, (text, indent, before, after, bullet, roles) in enumerate(rows):
        if i not in splits:
            _append(out, text, indent, before, after, bullet, roles)
            continue
        head, caption = splits[i]
        if head:
            _append(out, head, indent, before, False, bullet)
        _append(out, caption, indent, not head and before, after, False, ROLE_CAPTION)
    captions = {caption for _, caption in splits.values()}
    out.roles = [roles | ROLE_CAPTION if text in captions else roles
                 for text, roles in zip(out.texts, out.roles, strict=True)]
    return out


def _is_link_like(text: str) -> bool:
    words = len(text.split())
    return 2 <= words <= _MAX_RELATED_WORDS and text[-1:] not in _TERMINAL


def _mark_related(lines: _Lines) -> None:
    """Mark a "Read more:" list: the lead-in's headline and the link-like lines after it.

    "Read more: X" keeps X as the first related headline; a lead-in alone on its line starts
    the list on the next line. The list ends at a blank line or a line that reads as prose.
    """
    texts, roles = lines.texts, lines.roles
    match = READ_MORE_LEAD_IN.match
    # only a lead-in's own line changes, so the lead-ins can be found before any change
    for i, found in [(i, m) for i, text in enumerate(texts) if (m := match(text))]:
        rest = texts[i][found.end() :].strip()
        if rest:
            texts[i] = rest
            roles[i] |= ROLE_RELATED
        for j in range(i + 1, min(i + 1 + _MAX_RELATED_AFTER, len(texts))):
            if (lines.blank_before[j] and (rest or j > i + 1)) or not _is_link_like(texts[j]):
                break
            roles[j] |= ROLE_RELATED


def _paragraph_groups(lines: _Lines) -> list[list[int]]:
    """Each line's paragraph group: the totals [chars, 0, lines, 0, 0, 0, 0] of its run of
    lines between blank lines, one list shared by the run's lines."""
    lengths = np.fromiter(map(len, lines.texts), dtype=np.int64, count=len(lines.texts))
    opens = np.array(lines.blank_before, dtype=bool)
    opens[:1] = True
    firsts = np.flatnonzero(opens)
    chars = np.add.reduceat(lengths, firsts).tolist()
    counts = np.diff(np.append(firsts, len(lengths))).tolist()
    groups = [[c, 0, k, 0, 0, 0, 0] for c, k in zip(chars, counts, strict=True)]
    return [groups[g] for g in (np.cumsum(opens) - 1).tolist()]


def split_blocks(text: str, max_lines: int) -> FlatPage:
    """Turn flattened text into blocks, one per non-empty line (at most ``max_lines``).

    Lines run of blank-line-separated groups share a ``parent`` (a paragraph group), and the
    whole page is every block's ``grandparent``; both hold [chars, 0, blocks, 0, 0, 0, 0]
    like the HTML front end's container totals.
    """
    lines = _read_lines(normalise(text), max_lines)
    _strip_bullets(lines)
    lines = _split_glued_captions(lines)
    _mark_related(lines)
    texts = lines.texts
    page = [sum(map(len, texts)), 0, len(texts), 0, 0, 0, 0]
    parents = _paragraph_groups(lines) if texts else []
    # positional: a third faster than keywords, and this runs once per line
    blocks = [
        PageBlock("li" if bullet else "p", [], indent // 2, 0, 0, 0, parent, page, 0, 0, False,
                  0, roles, len(text) if roles & ROLE_RELATED else 0,
                  1 if roles & ROLE_RELATED else 0, None, text, len(text))
        for text, indent, bullet, roles, parent
        in zip(texts, lines.indent, lines.bullet, lines.roles, parents, strict=True)
    ]  # fmt: skip
    return FlatPage(
        blocks=blocks,
        indent=np.array(lines.indent, dtype=np.float64) / 2,
        blank_before=np.array(lines.blank_before, dtype=np.float64),
        blank_after=np.array(lines.blank_after, dtype=np.float64),
        bullet=np.array(lines.bullet, dtype=np.float64),
    )
