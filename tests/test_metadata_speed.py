"""The metadata step's fast paths give what the plain versions gave: the source elements,
bylines and author elements found in one pass (compiled) or by one broader CSS query each
and tested element by element, the page-type trees walked in one pass, the block signals
computed in one table, and a date that dateutil reads whole parsed once."""

import datetime as dt
import math
import re
import warnings

import numpy as np
import pytest
from dateutil import parser as date_parser
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from tests.test_compiled_walk import _html
from tests.test_speed_equivalence import random_stage
from thresher.html import authors, dates
from thresher.html import dom as dom_module
from thresher.html.dom import (
    _AUTHOR_SELECTOR,
    _BYLINE_SELECTOR,
    _SOURCES_SELECTOR,
    AUTHORS,
    BYLINES,
    SOURCES,
    Dom,
    _author_nodes,
    _byline_nodes,
    _split_source_nodes,
    parse_html,
    walk_blocks,
)
from thresher.html.pagetype import PageTypeModel, _block_signals, shipped_page_model
from thresher.html.roles import mark_roles
from thresher.html.signals import ANCESTOR_TAG_BITS, CLASS_SIGNALS
from thresher.label import pagetype as page_kinds
from thresher.page import ROLE_CODE, PageBlock

SOURCES_PAGE = """<!DOCTYPE html><html lang="en"><head>
<meta property="og:title" content="A"><meta name="author" content="B">
<meta itemprop="datePublished" content="2024-01-02">
<script type="application/ld+json">{"@type": "Article"}</script>
<script type="APPLICATION/LD+JSON">{"@type": "NewsArticle"}</script>
<script type="application/ld+json " property="x">{"@type": "Nope"}</script>
<script type="text/javascript" itemprop="y">var z;</script>
</head><body>
<h1 itemprop="headline">Title <span>one</span></h1>
<p itemprop="author" property="schema:author">Jane</p>
<time datetime="2024-01-02" itemprop="datePublished">Jan 2</time><time>Jan 3, 2024</time>
<div property="dc:date">2024-01-04</div><h1>Second</h1>
<svg><title>icon</title></svg><h1 hidden>Third</h1><h1>Fourth</h1>
</body></html>"""


# the compiled scan when it is built, and Lexbor's CSS queries
WAYS = [True, False] if dom_module._compiled is not None else [False]


def byline_ids(tree: LexborHTMLParser, compiled: bool) -> list[int]:
    """The byline elements as ``tree.css(_BYLINE_SELECTOR)`` lists them (an element once
    for each part it matches)."""
    found = _byline_nodes(Dom(tree).candidates(BYLINES, compiled=compiled))
    return [node.mem_id for node, times in found for _ in range(times)]


def author_ids(tree: LexborHTMLParser, compiled: bool) -> list[int]:
    return [n.mem_id for n in _author_nodes(Dom(tree).candidates(AUTHORS, compiled=compiled))]


def source_ids(tree: LexborHTMLParser, compiled: bool) -> list[list[int]]:
    nodes = _split_source_nodes(Dom(tree).candidates(SOURCES, compiled=compiled))
    return [[n.mem_id for n in nodes.jsonld], [n.mem_id for n, _ in nodes.items],
            [n.mem_id for n in nodes.times], [n.mem_id for n in nodes.h1],
            [len(nodes.metas)]]  # fmt: skip


@pytest.mark.parametrize("compiled", WAYS)
def test_one_query_finds_what_each_source_query_found(compiled: bool) -> None:
    dom = parse_html(SOURCES_PAGE)
    dom._source_nodes = _split_source_nodes(dom.candidates(SOURCES, compiled=compiled))
    ids = [n.mem_id for n in dom.candidates(SOURCES, compiled=compiled)]
    # the scan finds each element once; a CSS query once per part it matches (the <p>)
    assert (len(set(ids)) == len(ids)) is compiled
    tree = parse_html(SOURCES_PAGE).tree
    nodes = dom.source_nodes()

    def same(got: list, query: str) -> None:
        assert [n.mem_id for n in got] == [n.mem_id for n in dom.tree.css(query)], query

    assert nodes.metas == [n.attributes for n in tree.css("meta")]
    same(nodes.jsonld, 'script[type="application/ld+json"]')
    same([n for n, _ in nodes.items], "[itemprop], [property]")  # the <p> twice, as Lexbor does
    assert [attrs for _, attrs in nodes.items] == [n.attributes for n in tree.css(
        "[itemprop], [property]")]  # fmt: skip
    same(nodes.times, "time")
    same(nodes.h1, "h1")
    assert len(nodes.jsonld) == 2 and len(nodes.items) == 9
    # and the values read from them are those the separate queries gave
    assert dom.jsonld_scripts() == [n.text(deep=True) for n in tree.css(
        'script[type="application/ld+json"]')]  # fmt: skip
    assert dom.meta_tags() == [n.attributes for n in tree.css("meta")]
    assert dom.heading_texts("h1") == ["Title  one", "Second", "Third"]
    assert dom.heading_texts("h1", limit=5)[3] == "Fourth"


BYLINE_PAGE = """<html><body>
<div class="author byline">Jane Doe</div>
<a rel="Author" class="byline" href="/a">Ann</a><a rel="nofollow author">Bo</a>
<a rel="authors">Not</a><span rel="author">Not a link</span>
<div class="Author">Case</div><div class="AUTHOR x">Upper</div><div class="author">Exact</div>
<div class="a\tauthor">Tab</div><div class="x\u00a0author">Nbsp</div>
<div class="post-author-name">Three parts</div><div class="article-author">Art</div>
<div class="topic-author">Top</div><div class="postauthor">Pa</div><div class="PostAuthor">Pb</div>
<span class="UserName">u1</span><span class="username">u2</span><span class="user">u3</span>
<span class="users">u4</span><span class="PostUserInfo">u5</span><span class="xuserx">u6</span>
<div data-author="Data Name"></div><div DATA-AUTHOR="Upper Data">x</div>
<div class="h-entry"><span class="p-author">Pea</span></div>
<div class="author vcard"><p><span class="fn">Vcard Name</span></p></div>
<span class="fn">No author around</span>
<div class="authorname author__name">Double</div>
<div class="comments"><span class="byline">In comments</span></div>
<svg><g class="byline"><text>svg</text></g></svg>
<div class="">empty</div><div class>none</div><div class="kuser">k</div>
</body></html>"""


@pytest.mark.parametrize("compiled", WAYS)
def test_byline_candidates_tested_part_by_part_give_the_selector_s_matches(
    compiled: bool,
) -> None:
    tree = parse_html(BYLINE_PAGE).tree
    expected = [n.mem_id for n in tree.css(_BYLINE_SELECTOR)]
    assert byline_ids(tree, compiled) == expected
    assert author_ids(tree, compiled) == [n.mem_id for n in tree.css(_AUTHOR_SELECTOR)]
    assert len(set(expected)) < len(expected)  # some elements match several parts


@pytest.mark.parametrize("html", [
    '<html class="author"><body><span class="fn">x</span></body></html>',
    '<html><body class="author x"><p><span class="fn">x</span></p></body></html>',
    '<div class="author"><svg><g class="fn"></g></svg></div>',
    '<a rel="AUTHOR nofollow" class="Byline">x</a><A REL=author>y</A>',
])  # fmt: skip
def test_byline_candidates_at_the_document_s_edges(html: str) -> None:
    tree = parse_html(html).tree
    for compiled in WAYS:
        got = byline_ids(tree, compiled)
        assert got == [n.mem_id for n in tree.css(_BYLINE_SELECTOR)]
        assert got


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["div", "a", "span", "p"]),
            st.sampled_from(["class", "rel", "id", "data-author", "data-x", "ID", "Class"]),
            st.lists(st.sampled_from([
                "author", "Author", "AUTHOR", "byline", "Byline", "user", "User", "username",
                "UserName", "postuser", "postauthor", "p-author", "fn", "name", "-name",
                "__name", "post-", "article-", "topic-", "x", "\t", " ", "\u00a0", "\u212a",
                "Writer", "autor", "AUTEUR", "aut", "auto", "bYline", "writ", "or", "\u0130",
            ]), max_size=4),  # fmt: skip
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_byline_candidates_match_the_selector_on_any_markup(
    elements: list[tuple[str, str, list[str], bool]],
) -> None:
    html, closing = "<body>", []
    for tag, attr, words, nest in elements:
        value = "".join(words).replace('"', "")
        html += f'<{tag} {attr}="{value}">t'
        if nest:
            closing.append(tag)
        else:
            html += f"</{tag}>"
    html += "".join(f"</{t}>" for t in reversed(closing)) + "</body>"
    tree = parse_html(html).tree
    for compiled in WAYS:
        assert byline_ids(tree, compiled) == [n.mem_id for n in tree.css(_BYLINE_SELECTOR)]
        assert author_ids(tree, compiled) == [n.mem_id for n in tree.css(_AUTHOR_SELECTOR)]


_SOURCE_ATTRS = st.sampled_from([
    "", " itemprop='author'", " property='og:title'", " ITEMPROP='x'", " itemprop",
    " type='application/ld+json'", " type='Application/LD+JSON'", " type='text/javascript'",
    " class='byline'", " id='author-box'", " rel='author'", " data-author='A'",
    " class='Writer fn'", " id='AUTOR'", " class='user\tname'", " content='c'",
])  # fmt: skip
_SOURCE_TAGS = st.sampled_from(
    "meta script time h1 h2 a div span p title link svg g template noscript my-el".split()
)


@st.composite
def _metadata_html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 1))):
        tag = draw(_SOURCE_TAGS)
        inner = draw(_metadata_html(depth + 1)) if depth < 5 and draw(st.booleans()) else "t"
        parts.append(f"<{tag}{draw(_SOURCE_ATTRS)}{draw(_SOURCE_ATTRS)}>{inner}</{tag}>")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_metadata_html(), _metadata_html())
def test_the_one_pass_scan_finds_what_the_queries_find(head: str, body: str) -> None:
    """Source elements, bylines and author elements: the same from the compiled scan and
    from the CSS queries, in the head, the body, foreign content and templates."""
    for html in (f"<html><head>{head}</head><body>{body}</body></html>", head + body):
        tree = parse_html(html).tree
        css = [n.mem_id for n in tree.css(_SOURCES_SELECTOR)]
        for compiled in WAYS:
            assert byline_ids(tree, compiled) == [n.mem_id for n in tree.css(_BYLINE_SELECTOR)]
            assert author_ids(tree, compiled) == [n.mem_id for n in tree.css(_AUTHOR_SELECTOR)]
            assert source_ids(tree, compiled) == source_ids(tree, False)
            items = _split_source_nodes(Dom(tree).candidates(SOURCES, compiled=compiled)).items
            assert len(items) == sum(1 for n in tree.css("[itemprop], [property]")), html
        assert css == [n.mem_id for n in Dom(tree).candidates(SOURCES, compiled=False)]


def test_byline_texts_keep_their_order_duplicates_and_limit() -> None:
    dom = parse_html(BYLINE_PAGE)
    texts = dom.byline_texts(limit=50)
    assert texts[:3] == ["Jane Doe", "Jane Doe", "Ann"]  # two parts match the first div
    assert "In comments" not in texts and "No author around" not in texts
    assert "Vcard Name" in texts and "Data Name" in texts
    assert dom.byline_texts(limit=2) == ["Jane Doe", "Jane Doe"]
    assert dom.byline_texts(limit=3) == ["Jane Doe", "Jane Doe", "Ann"]


def _plain_model_scores(model: PageTypeModel, x: np.ndarray) -> np.ndarray:
    return np.stack([stage.raw_score(np.atleast_2d(x)) for stage in model.stages], axis=1)


def test_joined_page_type_trees_score_as_each_type_s_own() -> None:
    rng = np.random.default_rng(7)
    stages = tuple(random_stage(rng, n_trees=n, depth=d, width=6)
                   for n, d in ((20, 3), (5, 0), (12, 6), (30, 1)))  # fmt: skip
    model = PageTypeModel(("article", "forum", "product", "listing"), stages, ("x",) * 6, {})
    x = rng.choice([-1.0, 0.0, 0.5, 1.0, 2.0, np.nan, np.inf], size=(40, 6))
    for rows in (x, x[:1], x[3], x[::3], np.zeros((0, 6))):
        assert model.scores(rows).tolist() == _plain_model_scores(model, rows).tolist()
    with pytest.raises(ValueError, match="feature columns"):
        model.scores(np.zeros((2, 3)))


def test_shipped_page_type_model_scores_as_before() -> None:
    model = shipped_page_model()
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, len(model.signal_names))) * rng.choice(
        [0.1, 1.0, 10.0, 100.0], size=(200, len(model.signal_names)))
    assert model.scores(x).tolist() == _plain_model_scores(model, x).tolist()


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_OLD_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(?:€|USD|EUR|GBP|zł|kr)\b")
_OLD_FORUM = re.compile(r"\b(?:repl(?:y|ies)|posts?|joined|members?|quote|thread)\b")
_OLD_SHOP = re.compile(r"\b(?:add to (?:cart|bag|basket)|in stock|buy now|checkout|"
                       r"shipping|sku)\b")  # fmt: skip


def reference_block_signals(blocks: list[PageBlock]) -> tuple[list[float], list[float]]:
    """The block signals as first written: one NumPy pass per signal."""
    n = len(blocks)
    chars = np.fromiter((b.chars for b in blocks), np.float64, n)
    total = float(chars.sum()) or 1.0
    links = float(sum(b.link_chars for b in blocks))
    anc_tags = np.fromiter((b.anc_tags for b in blocks), np.int64, n)
    anc_bits = np.fromiter((b.anc_bits for b in blocks), np.int64, n)
    heading = np.fromiter((b.tag in _HEADINGS for b in blocks), bool, n)
    code = np.fromiter((b.roles & ROLE_CODE != 0 for b in blocks), bool, n)
    words = np.fromiter((b.text.count(" ") + 1 for b in blocks), np.float64, n)
    text = " ".join(b.text for b in blocks if b.chars < 400)[:8000].lower()

    def share(mask: np.ndarray) -> float:
        return float(chars[mask].sum()) / total

    bits = ANCESTOR_TAG_BITS
    long_blocks = words >= 40
    spread = [
        math.log1p(n), math.log1p(total), links / total,
        share((anc_tags & bits["li"]) != 0), share((anc_tags & bits["table"]) != 0),
        share((anc_tags & bits["article"]) != 0), share((anc_tags & bits["form"]) != 0),
        share(heading), float(heading.sum()), share(code), float(long_blocks.sum()),
        share(long_blocks), total / max(n, 1), float(chars.max()) / total,
        float(len(_OLD_PRICE.findall(text))), float(len(_OLD_FORUM.findall(text))),
        float(len(_OLD_SHOP.findall(text))),
    ]  # fmt: skip
    return spread, [share((anc_bits & (1 << i)) != 0) for i in range(len(CLASS_SIGNALS))]


SIGNALS_PAGE = """<html><body><nav class="menu"><ul><li><a href="/">Home</a></li>
<li><a href="/f">Forum posts</a></li></ul></nav>
<article class="post-content"><h1>Thread: replies and quotes</h1>
<p>Price $12.99 or 15 € or 20kr, add to cart now, in stock, ships free. Joined 2020.</p>
<pre><code>print("x")</code></pre><table><tr><td>cell one</td></tr></table>
<p>{long}</p></article>
<form><label>Name</label></form><div class="sidebar widget"><h3>Related</h3></div>
<footer class="copyright">© 2025 members only</footer></body></html>"""


@pytest.mark.parametrize("repeat", [1, 40, 400])
def test_block_signals_as_first_written(repeat: int) -> None:
    long = " ".join(["word"] * 45)
    html = SIGNALS_PAGE.replace("{long}", long) * repeat  # past the text sample's size
    blocks = walk_blocks(parse_html(html), 1_000_000).blocks
    mark_roles(blocks)
    # the compiled kernel's sums (when it is built) and NumPy's
    for compiled in (True, False):
        assert _block_signals(blocks, compiled=compiled) == reference_block_signals(blocks)
        assert _block_signals([], compiled=compiled) == ([0.0] * 17, [0.0] * len(CLASS_SIGNALS))


@settings(max_examples=200, deadline=None)
@given(_html())
def test_block_signals_of_generated_pages(body: str) -> None:
    blocks = walk_blocks(parse_html(f"<html><body>{body}</body></html>"), 100_000).blocks
    mark_roles(blocks)
    expected = reference_block_signals(blocks) if blocks else _block_signals([])
    assert _block_signals(blocks) == _block_signals(blocks, compiled=False) == expected


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([
    "post", "posts", "reply", "replies", "joined", "member", "members", "quote", "thread",
    "add to cart", "add to bag", "in stock", "buy now", "checkout", "shipping", "sku", "$",
    "€", "5", "12", "kr", "zł", "USD", " ", "x", "_", "é", "\n", "-", "٣", "re", "pl", "y",
    "add to", "bag", "basket", "now", "stock", "to cart", "²", "ß", "·",
]), max_size=14).map("".join))  # fmt: skip
def test_prices_and_words_counted_as_the_plain_patterns_count_them(text: str) -> None:
    assert page_kinds._PRICE.findall(text) == _OLD_PRICE.findall(text)
    assert page_kinds.count_prices(text) == len(_OLD_PRICE.findall(text))
    assert page_kinds.count_words(text, page_kinds.FORUM_WORDS) == len(_OLD_FORUM.findall(text))
    assert page_kinds.count_words(text, page_kinds.SHOP_WORDS) == len(_OLD_SHOP.findall(text))


_DEFAULT_A, _DEFAULT_B = dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2)


def reference_from_text(value: str) -> str | None:
    """dateutil's reading of a date as first written: always parsed twice."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            first = date_parser.parse(value, default=_DEFAULT_A, fuzzy=True)
            second = date_parser.parse(value, default=_DEFAULT_B, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    if first.time() != second.time() or (first.hour, first.minute, first.second) == (0, 0, 0):
        return str(first.date().isoformat())
    return str(first.replace(microsecond=0).isoformat())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([
    "Tuesday", "Tue", "March", "Mar", "Feb", "February", "2025", "2000", "1999", "00", "01",
    "1", "2", "29", "30", "31", "4", "12", "13", "10:30", "23:59:59", "PM", "am", "EST", "UTC",
    "+0200", "Z", "T", "of", "on", "at", ",", "/", "-", ".", "st", "2001", "Jan", "Sunday",
]), min_size=1, max_size=6).map(" ".join))  # fmt: skip
def test_a_date_parsed_once_when_it_can_be_reads_as_parsed_twice(text: str) -> None:
    dates._from_text.cache_clear()
    assert dates._from_text(text) == reference_from_text(text)


_LABELS = ["article by", "Post by:", "story written by", "Written by Jane Doe", "posted by",
           "published by", "By", "by:", "Author", "authors:", "Autorin", "autores: Ana",
           "auteurs", "Autore: Li", "Contributors", "Verfasserin", "author: Jo"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_LABELS), st.characters())
def test_a_label_line_begins_with_a_label_initial(label: str, first: str) -> None:
    assert authors._LONE_LABEL.fullmatch(label) or authors._LABELLED_BYLINE.match(label)
    line = first + label[1:]
    if first.isascii() and first not in authors._LABEL_INITIALS:
        assert not authors._LONE_LABEL.fullmatch(line)
        assert not authors._LABELLED_BYLINE.match(line)


def test_an_author_class_on_the_root_element_is_no_comment_thread() -> None:
    # <html>'s parent is the document, which has no attributes to read
    dom = parse_html('<html class="writer-html5"><body><p>Text</p></body></html>')
    assert dom.author_texts() == ["Text"]
