"""The bounded and faster paths of the flat-text front end give what the plain versions gave."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import plain_lines
from thresher.literals import lines_with_words, literal_words
from thresher.text.features import (
    _COMMENT_HEAD,
    _COMMENT_NEEDS,
    _COMMENT_TAIL,
    _EMAIL,
    _EMAIL_NEEDS,
    _PHRASES,
    _PRICE,
    _PRICE_NEEDS,
    _URL,
    _URL_NEEDS,
    _folded,
    _inside_other_lines,
    _lines_matching,
    _lines_matching_near,
)
from thresher.text.lines import (
    _MAX_CAPTION_WORDS,
    _MIN_CAPTION_WORDS,
    FlatPage,
    _caption_candidates,
    _caption_suffix,
    normalise,
    split_blocks,
)

DUP_MIN, DUP_MAX = 15, 300


def reference_inside_other_lines(texts: Sequence[str]) -> np.ndarray:
    """The plain version: count each line in the whole page, minus its own copies."""
    page = "\n".join(texts)
    counts = Counter(texts)
    out = np.zeros(len(texts))
    for i, text in enumerate(texts):
        if DUP_MIN <= len(text) <= DUP_MAX:
            out[i] = page.count(text) - counts[text]
    return out


def reference_caption(text: str, lines: list[str]) -> str | None:
    """The plain version: try every candidate line ending in the same word, in page order."""
    last = text.split(" ")[-1]
    for other in lines:
        words = other.split(" ")
        if not _MIN_CAPTION_WORDS <= len(words) <= _MAX_CAPTION_WORDS or words[-1] != last:
            continue
        if len(other) < 0.7 * len(text) and text.endswith(" " + other):
            return other
    return None


CAPTION = "The harbour at dawn, seen from the lighthouse"
PARAGRAPH = "Fishing boats leave the harbour before first light every day of the year"
HAND_WRITTEN = [
    [PARAGRAPH + " " + CAPTION, CAPTION, "Home", "Short line here"],
    [CAPTION, CAPTION + " and more words after it", "x " + CAPTION, CAPTION],
    ["abababababababababab", "abababababababababababababababababababab", "ab" * 40],
    ["a line of exactly twenty", "a line of exactly twenty", "twenty" * 10],
    ["", " ", "fifteen chars!!", "fifteen chars!! fifteen chars!! fifteen chars!!"],
]


def test_inside_other_lines_matches_reference_on_hand_written_pages() -> None:
    for texts in HAND_WRITTEN:
        texts = [t for t in texts if t]
        expected = reference_inside_other_lines(texts)
        np.testing.assert_array_equal(_inside_other_lines(texts), expected)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab c", min_size=0, max_size=60), min_size=1, max_size=25))
def test_inside_other_lines_matches_reference(texts: list[str]) -> None:
    texts = [t for t in texts if t]
    np.testing.assert_array_equal(_inside_other_lines(texts), reference_inside_other_lines(texts))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["a", "b", "cc", "end."]), min_size=1, max_size=14).map(" ".join),
        min_size=1,
        max_size=30,
    )
)
def test_caption_suffix_lookup_matches_reference(texts: list[str]) -> None:
    # the lookup serves lines whose last word ends thousands of lines; it must pick the
    # same caption as trying every candidate in page order, whatever the list's length
    captions = _caption_candidates(texts)
    for text in texts:
        assert _caption_suffix(text, text.split(" "), captions) == reference_caption(text, texts)


def test_thousands_of_lines_ending_alike_split_in_linear_time() -> None:
    # every line ends in the same word: trying each earlier line was quadratic (minutes)
    entry = "Entry number {} of the long list ends the same way here."
    lines = "\n".join(entry.format(i) for i in range(20_000))
    started = time.perf_counter()
    page = split_blocks(lines, 100_000)
    assert len(page.blocks) == 20_000
    assert time.perf_counter() - started < 10.0


def test_many_lines_inside_long_lines_stay_bounded() -> None:
    short = [f"caption text number {i:06d}" for i in range(20_000)]
    long = [" ".join(short[j : j + 200]) for j in range(0, 20_000, 200)]
    started = time.perf_counter()
    counts = _inside_other_lines(short + long)
    assert time.perf_counter() - started < 10.0
    assert counts[0] == 1.0  # the first lines are still searched for


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet="ab1 .@-$€EURSDper\n", min_size=0, max_size=40),
        min_size=1,
        max_size=12,
    )
)
def test_price_and_email_prefilters_change_no_flag(texts: list[str]) -> None:
    texts = [t.replace("\n", " ") or "x" for t in texts]
    lengths = np.array([len(t) + 1 for t in texts])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    page = "\n".join(texts)
    for pattern, needs in ((_PRICE, _PRICE_NEEDS), (_EMAIL, _EMAIL_NEEDS)):
        np.testing.assert_array_equal(
            _lines_matching(pattern, page, starts, needs), _lines_matching(pattern, page, starts)
        )
    for pattern, needs in ((_PRICE, _PRICE_NEEDS), (_EMAIL, _EMAIL_NEEDS)):
        for match in pattern.finditer(page):
            assert any(need in match.group() for need in needs)


_NEAR_VOCABULARY = [
    "12", "7", " ", "\n", ":", ".", "@", "-", "$", "€", "5", "EUR", "USD", "per ", "year",
    "month", "http", "://", "www", ".com", ".io", ".de", "Www", "HTTP", "ſ", "ı", "K",
    "says", "SAYS", "ſays", "said", "wrote", "a écrit", "dit", "comment", "Comments",
    "replies", "responses", "kommentare", "commentaires", "Comentarios", "ha scritto",
    "respons", "x", "_", "é", "  ", "\t",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NEAR_VOCABULARY), min_size=1, max_size=40).map("".join))
def test_scanning_near_the_needs_finds_the_lines_the_page_scan_finds(text: str) -> None:
    # matches may cross a line break ("12\ncomments", "5\n$") or a case twin may stand
    # for a letter ("ſays"): the lines found must still be those of the whole-page scan
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line] or ["x"]
    page = "\n".join(lines)
    lengths = np.array([len(t) + 1 for t in lines])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    lower = page.lower()
    if len(lower) != len(page):
        return
    for pattern, needs, haystack, tail in (
        (_PRICE, _PRICE_NEEDS, page, None),
        (_EMAIL, _EMAIL_NEEDS, page, None),
        (_URL, _URL_NEEDS, _folded(lower), None),
        (_COMMENT_HEAD, _COMMENT_NEEDS, _folded(lower), _COMMENT_TAIL),
    ):
        np.testing.assert_array_equal(
            _lines_matching_near(pattern, page, starts, needs, haystack, tail),
            _lines_matching(pattern, page, starts),
            err_msg=f"{pattern.pattern[:30]} on {page!r}",
        )


def test_scanning_near_the_needs_on_hand_written_lines() -> None:
    lines = ["Price list", "Lunch 12", "$5.99 per month", "Alex on May 3 said:", "12",
             "comments", "visit WWW.EXAMPLE.ORG today", "mail me at a@b.io", "plain line"]
    page = "\n".join(lines)
    starts = np.concatenate(([0], np.cumsum([len(t) + 1 for t in lines])[:-1]))
    expected = {
        "price": [0, 1, 1, 0, 0, 0, 0, 0, 0],
        "url": [0, 0, 0, 0, 0, 0, 1, 1, 0],
        "comment": [0, 0, 0, 1, 1, 0, 0, 0, 0],
    }
    for name, pattern, needs, haystack, tail in (
        ("price", _PRICE, _PRICE_NEEDS, page, None),
        ("url", _URL, _URL_NEEDS, _folded(page.lower()), None),
        ("comment", _COMMENT_HEAD, _COMMENT_NEEDS, _folded(page.lower()), _COMMENT_TAIL),
    ):
        found = _lines_matching_near(pattern, page, starts, needs, haystack, tail)
        np.testing.assert_array_equal(found, expected[name], err_msg=name)
        np.testing.assert_array_equal(found, _lines_matching(pattern, page, starts))


_PHRASE_VOCABULARY = [
    "sign up", "signup", "subscribe", "cookie", "cookies", "privacy", "terms of use", "share",
    "shared", "facebook", "e-mail this", "email this", "comment", "comments", "reply",
    "©", "all rights reserved", "copyright", "advertisement", "sponsored", "publicité",
    "x", "_", "1", "é", " ", "  ", "\n", ".", "-", ":", "login", "log in", "read more",
    "more from", "more from the", "Photo", "photos credit", "credit", "Source", "related",
    "see also", "continue reading", "more on this", "weiterlesen", "：",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_VOCABULARY), min_size=1, max_size=40).map("".join))
def test_phrase_words_find_the_lines_the_patterns_find(text: str) -> None:
    lines = [line for line in text.lower().split("\n") if line] or ["x"]
    page = "\n".join(lines)
    lengths = np.array([len(t) + 1 for t in lines])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    for pattern in _PHRASES:
        words = literal_words(pattern)
        if words is not None:
            np.testing.assert_array_equal(
                lines_with_words(words, page, starts), _lines_matching(pattern, page, starts)
            )


def test_most_phrase_patterns_are_word_sets_and_open_patterns_are_not() -> None:
    import re

    assert sum(literal_words(p) is not None for p in _PHRASES) >= 5
    assert literal_words(re.compile(r"\bmore from [^:]{1,40}")) is None
    assert literal_words(re.compile(r"\bads?\b", re.IGNORECASE)) is None
    words = literal_words(re.compile(r"^(?:photo|bild)s?\b", re.MULTILINE))
    assert words is not None
    assert {(w.text, w.lead, w.trail) for w in words} == {
        ("photo", "^", "b"), ("photos", "^", "b"), ("bild", "^", "b"), ("bilds", "^", "b")
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=" |·/»ab", min_size=1, max_size=30), min_size=1, max_size=12))
def test_separators_counted_in_the_page_are_those_counted_in_each_line(texts: list[str]) -> None:
    from thresher.text.features import _page_text, _separators

    expected = [t.count(" | ") + t.count(" · ") + t.count(" / ") + t.count(" » ") for t in texts]
    np.testing.assert_array_equal(_separators(_page_text(texts)), expected)


def reference_shape_flags(texts: list[str]) -> np.ndarray:
    """The plain version: each phrase, price, URL and e-mail pattern scans the whole page
    (the phrases scan it lower-cased, unless that changes its length)."""
    from thresher.text.features import _PHRASES_ANY_CASE

    starts = np.concatenate(([0], np.cumsum([len(t) + 1 for t in texts])[:-1]))
    page = "\n".join(texts)
    lower = page.lower()
    if len(lower) == len(page):
        phrases = [_lines_matching(p, lower, starts) for p in _PHRASES]
    else:
        phrases = [_lines_matching(p, page, starts) for p in _PHRASES_ANY_CASE]
    others = [_lines_matching(p, page, starts) for p in (_PRICE, _URL, _EMAIL)]
    return np.column_stack([*phrases, *others])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PHRASE_VOCABULARY + _NEAR_VOCABULARY + ["İ", "Sign Up"]),
             min_size=1, max_size=40).map("".join)
)
def test_one_pass_over_the_page_flags_the_lines_each_pattern_flags(text: str) -> None:
    from thresher.text.features import _comment_features, _page_text, _shape_flags

    texts = [" ".join(line.split()) for line in text.split("\n")]
    texts = [t for t in texts if t] or ["x"]
    flags = _shape_flags(_page_text(texts))
    expected = reference_shape_flags(texts)
    np.testing.assert_array_equal(flags[:, : expected.shape[1]], expected, err_msg=repr(texts))
    starts = np.concatenate(([0], np.cumsum([len(t) + 1 for t in texts])[:-1]))
    head = _lines_matching(_COMMENT_HEAD, "\n".join(texts), starts)
    head[np.array([len(t) + 1 for t in texts]) > 120] = 0.0
    np.testing.assert_array_equal(_comment_features(_page_text(texts))[0], head)


def test_open_phrase_patterns_start_with_a_finite_set_of_strings() -> None:
    import re

    from thresher.literals import literal_prefixes

    assert literal_prefixes(re.compile(r"^(?:read more|more from [^:]{1,40})\b", re.M)) == (
        "read more", "more from "
    )
    assert literal_prefixes(re.compile(r"^(?:photo|bild)s?(?: credit)?\s*[:]", re.M)) == (
        "bild", "photo"
    )
    assert literal_prefixes(re.compile(r"x*y")) is None  # may start with "y" or "x"
    assert literal_prefixes(re.compile(r"ab", re.IGNORECASE)) is None
    assert all(literal_prefixes(p) is not None for p in _PHRASES)


def test_word_scanner_finds_overlapping_words_of_several_sets() -> None:
    from thresher.literals import WordScanner

    scanner = WordScanner([("said", "aid"), ("aid", "€"), ()])
    assert scanner.hits("he said € 𝔘said") == [
        [(3, "said"), (4, "aid"), (11, "said"), (12, "aid")],
        [(4, "aid"), (8, "€"), (12, "aid")],
        [],
    ]
    assert WordScanner([()]).hits("anything") == [[]]


def test_line_blocks_fill_the_fields_they_name() -> None:
    # blocks are built with positional arguments: a reordered PageBlock must fail here
    from thresher.page import ROLE_RELATED

    page = split_blocks("Read more:\n  - Read this next\n\nPlain words", 100)
    _, block, plain = page.blocks
    assert (block.tag, block.depth, block.roles, block.text, block.chars) == (
        "li", 1, ROLE_RELATED, "Read this next", 14)
    assert (block.link_chars, block.n_links, block.href, block.pre, block.level) == (
        14, 1, None, False, 0)
    assert block.parent == [24, 0, 2, 0, 0, 0, 0] and block.grandparent == [35, 0, 3, 0, 0, 0, 0]
    assert block.pieces == []
    assert (block.own_bits, block.anc_bits, block.anc_tags, block.group, block.row) == (
        0, 0, 0, 0, 0)
    assert (plain.tag, plain.link_chars, plain.n_links) == ("p", 0, 0)
    assert plain.parent == [11, 0, 1, 0, 0, 0, 0] and plain.grandparent is block.grandparent


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abZCd eF\n\t\u00a0\u3000Éé1", min_size=1, max_size=30),
                min_size=1, max_size=10))
def test_glued_words_counted_with_arrays_as_the_regex_counts_them(texts: list[str]) -> None:
    from thresher.text.features import _GLUED, _glued_words, _page_text

    texts = [t.replace("\n", " ") for t in texts]
    text = _page_text(texts)
    expected = np.zeros(len(texts))
    for match in _GLUED.finditer(text.page):
        expected[np.searchsorted(text.starts, match.start(), side="right") - 1] += 1
    np.testing.assert_array_equal(_glued_words(text), expected)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="•·*-–—1٣x .)\u00a0", min_size=1, max_size=12))
def test_bullets_are_stripped_where_the_pattern_strips_them(text: str) -> None:
    from thresher.text.lines import _BULLET

    text = text.strip() or "x"
    block = split_blocks(text, 10).blocks[0]
    line = " ".join(text.split())
    match = _BULLET.match(line)
    assert block.text == (line[match.end() :] if match else line)
    assert (block.tag == "li") == bool(match)


def test_occurrences_listed_in_one_pass_or_left_to_counting() -> None:
    from thresher.text.features import _DUP_MAX_HITS, _occurrences

    page = "the harbour at dawn\nthe harbour at dusk\nharbour"
    assert _occurrences(page, {"harbour", "at d"}, len(page)) == {
        "harbour": [4, 24, 40], "at d": [12, 32]}
    assert _occurrences(page, {"harbour"}, 40) == {"harbour": [4, 24]}  # ends inside only
    assert _occurrences(page, {"harbour"}, 46) == {"harbour": [4, 24]}
    assert _occurrences(page, set(), len(page)) == {}
    repetitive = "a" * (20 * _DUP_MAX_HITS)
    assert _occurrences(repetitive, {"a" * 15}, len(repetitive)) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab c", min_size=10, max_size=80), min_size=2, max_size=30))
def test_inside_other_lines_matches_reference_on_longer_lines(texts: list[str]) -> None:
    from unittest import mock

    expected = reference_inside_other_lines(texts)
    np.testing.assert_array_equal(_inside_other_lines(texts), expected)
    # the automaton that serves large pages counts what str.count counts
    with mock.patch("thresher.text.features._DUP_COUNT_CHARS", 0):
        np.testing.assert_array_equal(_inside_other_lines(texts), expected)


def assert_same_flat_page(page: FlatPage, expected: plain_lines.FlatPage) -> None:
    assert page.blocks == expected.blocks
    for name in ("indent", "blank_before", "blank_after", "bullet"):
        np.testing.assert_array_equal(getattr(page, name), getattr(expected, name), err_msg=name)
    # lines of one paragraph group share its totals; the page's totals are shared by all
    def sharing(blocks: Sequence[object]) -> list[tuple[int, int]]:
        firsts: dict[int, int] = {}
        return [(firsts.setdefault(id(b.parent), i), firsts.setdefault(id(b.grandparent), -1))
                for i, b in enumerate(blocks)]  # type: ignore[attr-defined]
    assert sharing(page.blocks) == sharing(expected.blocks)


_LINE_VOCABULARY = [
    "Read more:", "read more", "Related", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u2028",
    "\x00", "\x07", "\u00a0", "\u200b", "\ufeff", "- ", "• ", "1. ", "12) ", "٣. ", "word",
    "The harbour at dawn seen from the lighthouse", "end.", "x", "É", "ß", ".", "!", ":",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LINE_VOCABULARY), min_size=1, max_size=60).map("".join),
       st.integers(min_value=1, max_value=12))
def test_whole_page_line_splitting_matches_the_plain_version(text: str, max_lines: int) -> None:
    assert normalise(text) == plain_lines.normalise(text)
    for limit in (max_lines, 100_000):
        assert_same_flat_page(split_blocks(text, limit), plain_lines.split_blocks(text, limit))


def test_whole_page_line_splitting_matches_on_captions_and_long_lines() -> None:
    caption = "The harbour at dawn, seen from the lighthouse"
    text = "\n".join([
        "Title", "", "Boats leave early. " + caption + " " + caption, caption, "",
        "Paragraph ending with " + caption, "- " + caption, "word " * 9_000, "",
        "Read more: Another story here", "Second link line", "A sentence that ends.",
    ])
    for limit in (1, 3, 6, 8, 100):
        assert_same_flat_page(split_blocks(text, limit), plain_lines.split_blocks(text, limit))


def reference_marks(texts: list[str]) -> np.ndarray:
    """``text_stats``'s per-text string tests, each text searched for a date."""
    from thresher.label.textstats import _DATE, _STOPWORDS, _TERMINAL

    return np.array([
        (sum(map(_STOPWORDS.__contains__, t.lower().split())), t.rstrip()[-1:] in _TERMINAL,
         t.count("\n"), "|" in t or t[:1] in "•·»›-–*", "©" in t, _DATE.search(t) is not None)
        for t in texts
    ], dtype=np.float64)


_STATS_VOCABULARY = [
    "the", "The", "DER", "und", "ΟΔΟΣ", "Σ", "ς", "İ", "ß", " ", "  ", "\n", "\t", "\u00a0",
    "\u3000", "|", "•", "-", "–", "*", "©", ".", "!", ")", "’", "x", "2019", "12/05/2020",
    "1999", "٣", "日本語", "𝔘", "a", ":", ";", "𝟏𝟐", "/", "0", "٣٣",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_STATS_VOCABULARY), min_size=1, max_size=12)
                .map("".join), min_size=1, max_size=10))
def test_text_stats_search_dates_only_where_digits_are_as_each_text_alone(texts: list[str]) -> None:
    from thresher.label.textstats import TEXT_STAT_NAMES, text_stats

    stats = text_stats(texts)
    names = ("stopword_share", "ends_terminal", "n_lines", "pipe_or_bullet", "has_copyright",
             "has_date")
    got = stats[:, [TEXT_STAT_NAMES.index(name) for name in names]]
    expected = reference_marks(texts)
    words = np.array([max(len(t.split()), 1) for t in texts], dtype=np.float64)
    expected[:, 0] /= words
    np.testing.assert_array_equal(got, expected, err_msg=repr(texts))


def reference_url_overlap(texts: list[str], url: str) -> np.ndarray:
    """The plain version: the slug's words among each short line's tokens."""
    import re

    from thresher.text.structure import url_words

    slug = url_words(url)
    if len(slug) < 2:
        return np.zeros(len(texts))
    return np.array([
        len(slug & set(re.findall(r"\w+", t.lower()))) / len(slug) if len(t) <= 300 else 0.0
        for t in texts
    ])


_SLUG_VOCABULARY = ["harbour", "dawn", "Harbour", "HARBOUR", "harbours", "_dawn", "dawn2",
                    "σοφός", "ΣΟΦΌΣ", "ΟΔΟΣ", "οδος", "İ", " ", "-", "\n", ".", "x" * 150]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SLUG_VOCABULARY), min_size=1, max_size=30).map("".join),
       st.sampled_from(["https://example.org/news/harbour-dawn", "https://example.org/οδος-σοφός",
                        "https://example.org/a/harbour_dawn-2", "https://example.org/x"]))
def test_slug_words_found_in_the_page_are_those_of_each_line(text: str, url: str) -> None:
    from thresher.text.features import _page_text, _url_overlap

    texts = [t for t in (" ".join(line.split()) for line in text.split("\n")) if t] or ["x"]
    chars = np.array([len(t) for t in texts], dtype=np.float64)
    np.testing.assert_array_equal(_url_overlap(_page_text(texts), chars, url),
                                  reference_url_overlap(texts, url), err_msg=repr(texts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), max_size=40))
def test_run_lengths_with_array_steps_match_walking_the_runs(values: list[bool]) -> None:
    from thresher.text.features import _run_lengths

    expected = np.zeros(len(values))
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and values[j]:
            j += 1
        expected[i:j] = j - i
        i = max(j, i + 1)
    np.testing.assert_array_equal(_run_lengths(np.array(values, dtype=bool)), expected)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=".…:：a1٣𝟏 x", min_size=1, max_size=6), min_size=1,
                max_size=10))
def test_line_ends_and_first_digits_from_code_points_match_each_line(texts: list[str]) -> None:
    from thresher.text.features import _code_points, _line_ends, _page_text, _starts_with_digit

    texts = [" ".join(t.split()) or "x" for t in texts]
    text = _page_text(texts)
    codes = _code_points(text.page)
    ellipsis, colon = _line_ends(text, codes)
    np.testing.assert_array_equal(ellipsis, [t.endswith(("...", "…")) for t in texts])
    np.testing.assert_array_equal(colon, [t[-1] in ":：" for t in texts])
    np.testing.assert_array_equal(_starts_with_digit(text, codes), [t[0].isdigit() for t in texts])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=20),
       st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=70),
       st.booleans())
def test_doubled_tail_found_by_index_matches_trying_every_size(
    tail: list[str], head: list[str], doubled: bool
) -> None:
    from thresher.text.lines import _doubled_tail

    words = head + tail + tail if doubled else head + tail
    assert _doubled_tail(words) == plain_lines._doubled_tail(words)


_PHRASE_VOCABULARY = [
    "Sign up", "SUBSCRIBE", "newsletter", "Cookie", "privacy", "Share", "Facebook", "©",
    "All Rights Reserved", "Advertisement", "Photo:", "credit", "Bild", "the", "ferry",
    "Ünïcode", "İstanbul", "ſign", "up", " ", "-", "2024", ":", "Follow us", "abonnieren",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_VOCABULARY), min_size=1, max_size=8))
def test_template_phrase_prefilter_matches_the_phrase_search(words: list[str]) -> None:
    from thresher.text.structure import _NOT_TITLE, _template_phrase

    for text in (" ".join(words), "".join(words)):
        assert _template_phrase(text) == (_NOT_TITLE.search(text) is not None), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PHRASE_VOCABULARY), min_size=1, max_size=6),
                min_size=1, max_size=6))
def test_title_lines_from_the_phrase_columns_match_each_line_s_search(
    lines: list[list[str]],
) -> None:
    # the headline rules read which lines hold a template's phrase from the line features'
    # phrase columns (scans of the whole page) instead of searching each line again
    from thresher.text.features import line_features, template_lines
    from thresher.text.lines import split_blocks
    from thresher.text.structure import TitleLines, _template_phrase, is_title_like

    flat = split_blocks("\n".join(" ".join(words) for words in lines), 10_000)
    features = line_features(flat, None)
    templates = template_lines(features).tolist()
    title_like = TitleLines(flat.blocks, features)
    for i, block in enumerate(flat.blocks):
        assert title_like(i) == is_title_like(block), block.text
        if not {"ſ", "ı"} & set(block.text):  # case twins: TitleLines searches the line
            assert templates[i] == _template_phrase(block.text), block.text
