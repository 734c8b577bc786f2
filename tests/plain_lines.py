"""The plain, line-by-line version of ``thresher.text.lines``, kept as the reference the
whole-page version is held to (``tests/test_text_speed_equivalence.py``).

Flattened page text → one block per non-empty line.

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
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from thresher.page import ROLE_CAPTION, ROLE_RELATED, PageBlock
from thresher.text.phrases import READ_MORE_LEAD_IN

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
class _Line:
    text: str
    indent: int
    blank_before: bool
    blank_after: bool = False
    bullet: bool = False
    roles: int = 0


def normalise(text: str) -> str:
    """Unify line breaks and turn control characters into spaces (tab and newline stay)."""
    return _CONTROL.sub(" ", _BREAKS.sub("\n", text))


def _iter_raw_lines(text: str, max_lines: int) -> list[_Line]:
    lines: list[_Line] = []
    blank = True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        text_line = " ".join(stripped.split())  # also turns NBSP and other spaces into " "
        if len(text_line) <= MAX_LINE_CHARS:  # the usual line: one block, already stripped
            lines.append(_Line(text_line, indent, blank))
            blank = False
            if len(lines) >= max_lines:
                break
            continue
        for start in range(0, len(text_line), MAX_LINE_CHARS):
            chunk = text_line[start : start + MAX_LINE_CHARS].strip()
            if chunk:
                lines.append(_Line(chunk, indent, blank))
                blank = False
        if len(lines) >= max_lines:
            break
    return lines[:max_lines]


def _strip_bullets(lines: list[_Line]) -> None:
    for line in lines:
        first = line.text[0]
        if first not in _BULLET_FIRST and not first.isdecimal():  # \d is a decimal digit
            continue
        match = _BULLET.match(line.text)
        if match:
            line.text = line.text[match.end() :]
            line.bullet = True


def _doubled_tail(words: list[str]) -> int:
    """Word count of S when the words end with "S S" (S of five to sixty words), else 0."""
    n = len(words)
    for size in range(_MIN_CAPTION_WORDS, min(n // 2, _MAX_CAPTION_WORDS) + 1):
        # cheap test first: the last word of both copies must agree
        if words[n - size - 1] == words[-1] and words[n - 2 * size : n - size] == words[n - size :]:
            return size
    return 0


@dataclass
class _Captions:
    """Lines that could be captions, by last word (page order), and each text's first rank."""

    by_last_word: dict[str, list[str]]
    rank: dict[str, int]  # text -> its first position in its last word's list


def _caption_candidates(lines: list[_Line]) -> _Captions:
    by_last_word: dict[str, list[str]] = {}
    rank: dict[str, int] = {}
    for line in lines:
        text = line.text
        if _MIN_CAPTION_WORDS <= text.count(" ") + 1 <= _MAX_CAPTION_WORDS:  # its words
            same_end = by_last_word.setdefault(text[text.rfind(" ") + 1 :], [])
            rank.setdefault(line.text, len(same_end))
            same_end.append(line.text)
    return _Captions(by_last_word, rank)


def _caption_suffix(text: str, words: list[str], captions: _Captions) -> str | None:
    """The earliest-listed candidate that ``text`` ends with (after a space), found by looking
    up ``text``'s suffixes of five to sixty words: the same answer as scanning the list, but
    bounded when thousands of lines end with the same word."""
    best: str | None = None
    best_rank = len(captions.rank)  # past every rank
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
    """(paragraph, caption) when ``text`` ends with a caption, else None."""
    if text.count(" ") + 1 < 2 * _MIN_CAPTION_WORDS and (
        text[text.rfind(" ") + 1 :] not in captions.by_last_word
    ):
        return None  # too short to hold a caption twice, and no candidate ends like it
    words = text.split(" ")
    size = _doubled_tail(words) if len(words) >= 2 * _MIN_CAPTION_WORDS else 0
    if size:
        return " ".join(words[: len(words) - 2 * size]), " ".join(words[len(words) - size :])
    same_end = captions.by_last_word.get(words[-1], ())
    if len(same_end) > _MAX_CAPTION_WORDS:  # fewer suffixes to look up than lines to try
        found = _caption_suffix(text, words, captions)
    else:
        found = next((other for other in same_end
                      if len(other) < 0.7 * len(text) and text.endswith(" " + other)), None)
    if found is None:
        return None
    head = text[: len(text) - len(found)].rstrip()
    # a sentence after a closed sentence is one the page prints twice, not a caption
    if head[-1:] in _TERMINAL and found[-1:] in _TERMINAL:
        return None
    return head, found


def _split_glued_captions(lines: list[_Line]) -> list[_Line]:
    """Split a caption off the paragraph it was glued to; keep it once, marked as a caption.

    A caption is glued when its words are printed twice at the end of a paragraph line, or
    when the paragraph ends with the text of another line of the page.
    """
    candidates = _caption_candidates(lines)
    splits = [_glued_caption(line.text, candidates) for line in lines]
    # a caption that would take half the page's characters is the body, not a caption
    page_chars = sum(len(line.text) for line in lines)
    for caption in {split[1] for split in splits if split is not None}:
        chars = 0
        for line, split in zip(lines, splits, strict=True):
            if line.text == caption:
                chars += len(caption)
            if split is not None and split[1] == caption:
                chars += len(caption) + (len(split[0]) if split[0] == caption else 0)
        if 2 * chars > page_chars:
            splits = [None if split is not None and split[1] == caption else split
                      for split in splits]
    out: list[_Line] = []
    captions: set[str] = set()
    for line, split in zip(lines, splits, strict=True):
        if split is None:
            out.append(line)
            continue
        head, caption = split
        captions.add(caption)
        if head:
            out.append(_Line(head, line.indent, line.blank_before, False, line.bullet))
        out.append(_Line(caption, line.indent, not head and line.blank_before, line.blank_after,
                         False, ROLE_CAPTION))
    for line in out:
        if line.text in captions:
            line.roles |= ROLE_CAPTION
    return out


def _is_link_like(line: _Line) -> bool:
    words = len(line.text.split())
    return 2 <= words <= _MAX_RELATED_WORDS and line.text[-1:] not in _TERMINAL


def _mark_related(lines: list[_Line]) -> None:
    """Mark a "Read more:" list: the lead-in's headline and the link-like lines after it.

    "Read more: X" keeps X as the first related headline; a lead-in alone on its line starts
    the list on the next line. The list ends at a blank line or a line that reads as prose.
    """
    for i, line in enumerate(lines):
        match = READ_MORE_LEAD_IN.match(line.text)
        if not match:
            continue
        rest = line.text[match.end() :].strip()
        if rest:
            line.text = rest
            line.roles |= ROLE_RELATED
        for j in range(i + 1, min(i + 1 + _MAX_RELATED_AFTER, len(lines))):
            follower = lines[j]
            if (follower.blank_before and (rest or j > i + 1)) or not _is_link_like(follower):
                break
            follower.roles |= ROLE_RELATED


def _to_block(line: _Line, parent: list[int], page: list[int]) -> PageBlock:
    text, roles = line.text, line.roles
    related = roles & ROLE_RELATED
    # positional: a third faster than keywords, and this runs once per line
    return PageBlock(
        "li" if line.bullet else "p", [], line.indent // 2, 0, 0, 0, parent, page, 0, 0, False,
        0, roles, len(text) if related else 0, 1 if related else 0, None, text, len(text),
    )


def split_blocks(text: str, max_lines: int) -> FlatPage:
    """Turn flattened text into blocks, one per non-empty line (at most ``max_lines``).

    Lines run of blank-line-separated groups share a ``parent`` (a paragraph group), and the
    whole page is every block's ``grandparent``; both hold [chars, 0, blocks, 0, 0, 0, 0]
    like the HTML front end's container totals.
    """
    lines = _iter_raw_lines(normalise(text), max_lines)
    _strip_bullets(lines)
    lines = [ln for ln in _split_glued_captions(lines) if ln.text]
    _mark_related(lines)
    total = sum(len(ln.text) for ln in lines)
    page = [total, 0, len(lines), 0, 0, 0, 0]
    blocks: list[PageBlock] = []
    group: list[int] = [0, 0, 0, 0, 0, 0, 0]
    for line in lines:
        if line.blank_before or not blocks:
            group = [0, 0, 0, 0, 0, 0, 0]
        group[0] += len(line.text)
        group[2] += 1
        blocks.append(_to_block(line, group, page))
    return FlatPage(
        blocks=blocks,
        indent=np.array([ln.indent / 2 for ln in lines], dtype=np.float64),
        blank_before=np.array([ln.blank_before for ln in lines], dtype=np.float64),
        blank_after=np.array([ln.blank_after for ln in lines], dtype=np.float64),
        bullet=np.array([ln.bullet for ln in lines], dtype=np.float64),
    )
