"""The headline and the standfirst of flattened text, found around where the body starts.

Flat text has no ``<h1>`` and no ``<title>``; what it has is order. The labeller finds the
body; the headline is the nearest title-like line above it (a line of a few words that does
not close like a sentence), and the standfirst is a longer line right under the headline,
still above the body. Bylines, dates and credits in between are skipped.

What follows the body on a news page is often a list of teasers for other stories: a
headline over a sentence or two, again and again. On a page whose URL names one story (a
slug of several words, not a forum's thread), such pairs after the body's strongest run are
not its content (:func:`teasers_after_body`).

A page of few lines gives the labeller little to go on (its second stage reads a line's
neighbours and the page's spread of probabilities): there, when no line reaches the
threshold, the lines within half of the best probability are the body
(:func:`few_lines_threshold`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from ..label.context import strongest_run
from ..literals import literal_prefixes, literal_words
from ..page import ROLE_CAPTION, ROLE_LEAD, ROLE_RELATED, PageBlock
from ..urls import URL_WORD_GROUPS, path_words, slug_terms, split_url, url_words
from .features import template_lines
from .headline import HeadlineModel, choose_headline
from .phrases import PHRASE_PATTERNS, TEMPLATE_PHRASES

__all__ = ["Headline", "TitleLines", "few_lines_threshold", "find_headline", "is_title_like",
           "rule_headline", "teasers_after_body"]

_SEARCH_ABOVE = 12  # lines above the body searched for the headline
_STRAY_LINES = 2  # kept lines before the headline that may be menu residue
_TITLE_WORDS = (3, 40)
_TITLE_MAX_CHARS = 300
_LEAD_MIN_WORDS = 10
_SENTENCE_END = frozenset(".。")
_DATE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
# bylines and reading times sit between headline and body in most templates
_BYLINE = re.compile(
    r"^(?:by|written by|fact[- ]checked|reviewed by|posted|updated|published|von|par|por|di|door"
    r"|av)\b|\b\d+\s*(?:min(?:ute)?s?|minuten)\b", re.IGNORECASE)
_SLUG_MATCH = 0.5  # share of the URL slug's words a line must hold to be taken as the headline
_TEASERS = 2  # headline-and-summary pairs after the body that make a list of teasers
_SUMMARY_WORDS = (8, 60)  # a teaser's summary: a sentence or two
_SUMMARY_NUMBERS = 0.25  # share of a summary's words that hold a digit: more is a table's row
_STORY_SLUG_WORDS = 6  # words in the last part of the path of a URL that names one story
_SLUG_SEPARATORS = re.compile(r"[-_+]+")
_FEW_LINES = 5  # a page of at most this many lines is a page of few lines
_FEW_LINES_SHARE = 0.5  # there, lines within this share of the best probability are kept
# the template phrases a headline or standfirst never is, in one pattern (each is compiled
# ignoring case: one search of their alternation matches where any of them does)
_CASE_TWINS = frozenset("ſı")  # letters IGNORECASE matches with "s" and "i" that lower() keeps
_NOT_TITLE_PATTERNS = tuple(p for name, p in PHRASE_PATTERNS if name in TEMPLATE_PHRASES)
_NOT_TITLE = re.compile("|".join(f"(?:{p.pattern})" for p in _NOT_TITLE_PATTERNS), re.IGNORECASE)


def _literal_needs(patterns: Sequence[re.Pattern[str]]) -> tuple[str, ...] | None:
    """Strings one of which every match of one of ``patterns`` holds, lower-cased (the words
    each matches, or their starts); None when a pattern has neither."""
    needs: list[str] = []
    for pattern in patterns:
        plain = re.compile(pattern.pattern)  # on lower-cased text, as IGNORECASE reads it
        words = literal_words(plain)
        found = tuple(w.text for w in words) if words else literal_prefixes(plain)
        if not found:
            return None
        needs.extend(found)
    return tuple(dict.fromkeys(needs))


# a search of the phrases costs tens of microseconds a line; most lines hold none of their
# words, which substring tests tell at a fraction of that (on ASCII text, whose lower case is
# the case IGNORECASE compares)
_NOT_TITLE_NEEDS = _literal_needs(_NOT_TITLE_PATTERNS)


def _template_phrase(text: str) -> bool:
    """Whether ``text`` holds a template phrase (sign-up, cookies, rights, sharing, credits,
    advertising)."""
    if _NOT_TITLE_NEEDS is not None and text.isascii():
        low = text.lower()
        if not any(need in low for need in _NOT_TITLE_NEEDS):
            return False
    return _NOT_TITLE.search(text) is not None


def _words(block: PageBlock) -> int:
    return len(block.text.split())


def is_title_like(block: PageBlock, template: bool | None = None) -> bool:
    """Whether ``block`` reads as a headline: a few words, not a sentence, a caption, a
    related link, a date line, a byline or a template's phrase. ``template``: whether the
    line holds a template's phrase, when the line features tell it already."""
    words = _words(block)
    text = block.text
    return (
        _TITLE_WORDS[0] <= words <= _TITLE_WORDS[1]
        and len(text) <= _TITLE_MAX_CHARS
        and text[-1:] not in _SENTENCE_END
        and not text.endswith(("...", "…", ":"))
        and not block.roles & (ROLE_CAPTION | ROLE_RELATED)
        and not (words <= 8 and _DATE.search(text))
        and not _BYLINE.search(text)
        and not (_template_phrase(text) if template is None else template)
    )


class TitleLines:
    """:func:`is_title_like` of the lines of one page, each asked once: the rules and the
    learned chooser ask it of the same lines above the body. With the page's line
    ``features``, their phrase columns tell which lines hold a template's phrase."""

    __slots__ = ("_blocks", "_known", "_templates")

    def __init__(self, blocks: Sequence[PageBlock],
                 features: npt.NDArray[np.float64] | None = None) -> None:
        self._blocks = blocks
        self._known: dict[int, bool] = {}
        self._templates = None if features is None else template_lines(features).tolist()

    def __call__(self, i: int) -> bool:
        known = self._known.get(i)
        if known is None:
            block = self._blocks[i]
            template = None
            # the columns scan the lower-cased page, where a case twin ("ſ", "ı") stays
            # itself; ignoring case, the search takes it for its letter ("ſign up")
            if self._templates is not None and not _CASE_TWINS.intersection(block.text):
                template = self._templates[i]
            known = self._known[i] = is_title_like(block, template)
        return known


def _slug_match(blocks: Sequence[PageBlock], lo: int, hi: int, slug: set[str],
                title_like: TitleLines) -> int | None:
    """The title-like line in ``[lo, hi)`` holding most of the URL slug's words, if any does."""
    best, best_share = None, _SLUG_MATCH
    for i in range(lo, hi):
        if title_like(i):
            share = len(slug & slug_terms(blocks[i].text)) / len(slug)
            if share >= best_share:
                best, best_share = i, share
    return best


def _opens_body(blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_], first: int,
                title_like: TitleLines) -> bool:
    """The first kept line is a headline when it is title-like and prose follows it."""
    later = np.flatnonzero(keep[first + 1 :])
    if not len(later) or not title_like(first):
        return False
    nxt = blocks[first + 1 + int(later[0])]
    return _words(nxt) >= _LEAD_MIN_WORDS and nxt.text[-1:] in ".!?。！？\"”’»)"


def rule_headline(blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_], first: int,
                  url: str | None, title_like: TitleLines | None = None) -> int | None:
    """The headline: the line above the body that matches the URL slug, else the nearest
    title-like line above it (of two stacked ones, the upper when the lower is longer: a
    standfirst without a full stop), unless the first kept line reads as a headline and is
    longer; else the first kept line if it reads as a headline."""
    title_like = title_like or TitleLines(blocks)
    lo = max(first - _SEARCH_ABOVE, 0)
    slug = url_words(url)
    if len(slug) >= 2:
        match = _slug_match(blocks, lo, first + 1, slug, title_like)
        if match is not None:
            return match
    opens = _opens_body(blocks, keep, first, title_like)
    for i in range(first - 1, lo - 1, -1):
        if not title_like(i):
            continue
        above = i - 1
        if (above >= 0 and title_like(above) and _words(blocks[i]) >= _LEAD_MIN_WORDS
                and _words(blocks[i]) > _words(blocks[above])):
            return above
        if opens and _words(blocks[first]) > _words(blocks[i]):
            return first  # a menu's longest entry ("Skip to main content") above the headline
        return i
    if opens:
        return first
    # a stray short line kept above the headline ("Contact", the menu's last entry): the
    # headline is a kept line just below it that opens the body
    for k in np.flatnonzero(keep[first + 1 :])[:_STRAY_LINES].tolist():
        below = first + 1 + int(k)
        if _opens_body(blocks, keep, below, title_like):
            return below
    return None


@dataclass(frozen=True)
class Headline:
    """The headline's text, and the blocks with the standfirst marked (``ROLE_LEAD``)."""

    title: str | None
    blocks: list[PageBlock]


def find_headline(blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_],
                  url: str | None = None, probabilities: npt.NDArray[np.float64] | None = None,
                  model: HeadlineModel | None = None,
                  features: npt.NDArray[np.float64] | None = None) -> Headline:
    """Find the headline and the standfirst above the body.

    With the labeller's ``probabilities``, a headline ``model`` and the page's line
    ``features``, the model picks the headline among the lines near the body
    (:mod:`.headline`), reading the rules' pick as one of its features; without them, the
    rules pick it (:func:`rule_headline`).
    The blocks are not changed: the standfirst's block is replaced by a copy with the
    ``ROLE_LEAD`` bit, so assembly takes it as the lead.
    """
    out = list(blocks)
    if not keep.any():
        return Headline(None, out)
    first = int(np.argmax(keep))
    title_like = TitleLines(blocks, features)
    headline = rule_headline(blocks, keep, first, url, title_like)
    if probabilities is not None and model is not None and features is not None:
        headline = choose_headline(blocks, features, keep, probabilities, url, headline, model,
                                   title_like)
    if headline is None:
        return Headline(None, out)
    below = headline + 1
    # the standfirst sits between the headline and the body, or right under a headline that
    # opens the body, unlabelled
    if below < first or (headline == first and below < len(blocks) and not keep[below]):
        block = blocks[below]
        if (_words(block) >= _LEAD_MIN_WORDS and not block.roles & (ROLE_CAPTION | ROLE_RELATED)
                and not _template_phrase(block.text)):
            out[below] = replace(block, roles=block.roles | ROLE_LEAD)
    return Headline(blocks[headline].text, out)


def _is_summary(block: PageBlock) -> bool:
    """Whether ``block`` reads as a teaser's summary: a sentence or two, not a row of
    figures (a ranking's "1 Chicago Booth School of Business 1 37% / 40% 30% 48% 3.6 729")."""
    words = block.text.split()
    return (_SUMMARY_WORDS[0] <= len(words) <= _SUMMARY_WORDS[1]
            and sum(any(c.isdigit() for c in w) for w in words) <= _SUMMARY_NUMBERS * len(words))


def _names_one_story(url: str | None) -> bool:
    """Whether ``url``'s path ends in a slug of several words and is no forum's."""
    parts = split_url(url)
    if parts is None:
        return False
    path = parts.path.lower()
    if path_words(path) & URL_WORD_GROUPS["url_forum"]:
        return False
    last = next((s for s in reversed(path.split("/")) if s), "").rsplit(".", 1)[0]
    return len([w for w in _SLUG_SEPARATORS.split(last) if w]) >= _STORY_SLUG_WORDS


def teasers_after_body(blocks: Sequence[PageBlock], probabilities: npt.NDArray[np.float64],
                       chars: npt.NDArray[np.float64], threshold: float,
                       url: str | None) -> list[int]:
    """The kept lines after the body that are teasers for other stories.

    A teaser is a title-like line (not a question: an interview's) followed by a kept
    summary of a sentence or two (not a table's row of figures); with at least
    ``_TEASERS`` of them after the page's strongest run of content, on a page whose URL
    names one story, they are a list of other stories, and both lines of each pair are
    returned.
    """
    if not _names_one_story(url):
        return []
    run = strongest_run(probabilities, chars)
    if run is None:
        return []
    summaries = [
        i for i in range(run[1] + 1, len(blocks))
        if probabilities[i] >= threshold
        and _is_summary(blocks[i])
        and is_title_like(blocks[i - 1]) and not blocks[i - 1].text.endswith("?")
    ]
    if len(summaries) < _TEASERS:
        return []
    return sorted({j for i in summaries for j in (i - 1, i)})


def few_lines_threshold(probabilities: npt.NDArray[np.float64], threshold: float) -> float:
    """The threshold for a page's lines: ``threshold``, except on a page of at most
    ``_FEW_LINES`` lines where no line reaches it; there, ``_FEW_LINES_SHARE`` of the best
    line's probability, so the lines that stand out as the page's likeliest are kept (a
    paragraph under two menu words, a list of one item), rather than none.

    Out of fold on the dev sets' flat text this keeps three mozilla_readability pages of one
    or two lines that kept nothing (word F1 0 -> 1). Pages of a dozen lines or more are not
    few: there, a page where no line is likely is a shell (a shop's script-built page, whose
    gold is empty too: with up to 20 lines, four such wcxb_dev pages kept their footer).
    """
    if not 0 < len(probabilities) <= _FEW_LINES:  # most pages: no pass over them
        return threshold
    best = float(probabilities.max())
    return threshold if best >= threshold or best <= 0.0 else _FEW_LINES_SHARE * best
