"""The compiled DOM walk gives exactly the Python walk's blocks and containers.

``walk_blocks_python`` is the reference; every field of every block is compared, and which
blocks share one container list (the features count containers by identity).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import selectolax
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thresher.html import dom as dom_module
from thresher.html.dom import BlockWalk, Dom, parse_html, walk_blocks, walk_blocks_python
from thresher.html.signals import CLASS_SIGNALS, class_signal_bits

compiled = pytest.mark.skipif(
    dom_module._compiled is None,
    reason=f"the compiled walk is not used ({dom_module.COMPILED_WALK_PROBLEM}); "
    "python setup.py build_ext --inplace builds it",
)


def snapshot(walk: BlockWalk) -> tuple[list[tuple[Any, ...]], list[list[int]]]:
    """Every block field, with the container lists numbered in order of first use."""
    ids: dict[int, int] = {}

    def frame(values: list[int]) -> tuple[int, list[int]]:
        return ids.setdefault(id(values), len(ids)), list(values)

    rows = [
        (b.tag, list(b.pieces), b.depth, b.own_bits, b.anc_bits, b.anc_tags, frame(b.parent),
         frame(b.grandparent), b.group, b.row, b.pre, b.level, b.roles, b.link_chars,
         b.n_links, b.href, b.text, b.chars)
        for b in walk.blocks
    ]  # fmt: skip
    return rows, walk.containers.tolist()


def assert_same_walk(html: str, max_nodes: int = 100_000) -> BlockWalk:
    tree = parse_html(html).tree
    python_dom, compiled_dom = Dom(tree), Dom(tree)  # one tree: group and row ids agree
    expected = walk_blocks_python(python_dom, max_nodes)
    got = walk_blocks(compiled_dom, max_nodes)
    assert snapshot(got) == snapshot(expected)
    assert compiled_dom.truncated == python_dom.truncated
    return got


PAGES = {
    "links": (
        '<body><p>See <a href="/a">the <b>first</b> link</a> and <a>one without href</a>'
        '<a href="/c">third</a>.</p><div><a href="/x">starts in a link</a> then text'
        '<a href="">empty href</a></div><a href="/n"><a href="/m">nested</a> links</a></body>'
    ),
    "groups and rows": (
        "<body><ul class='menu'><li>one</li><li>two <ol><li>inner</li></ol></li></ul>"
        "<table id='data'><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>"
        "<dl><dt>term</dt><dd>definition</dd></dl><blockquote>quoted <p>para</p></blockquote>"
        "</body>"
    ),
    "pre and br": (
        "<body><pre>  line one\n   line two\n\n</pre><p>first<br>second<br/><br>third</p>"
        "<pre><code>x = 1\n</code>after<br>br</pre><br>top-level<br></body>"
    ),
    "hr and empty blocks": (
        "<body><div>river<p></p>bank<span></span>side<hr>walk<div> </div>on"
        "<section><!-- only a comment --></section>end</div><p></p><p>   </p></body>"
    ),
    "hidden": (
        "<body><div hidden>hidden attr</div><div aria-hidden='true'>aria true</div>"
        "<div aria-hidden='TRUE'>aria upper</div><div aria-hidden='false'>aria false</div>"
        "<div style='display: none'>display none</div><div style='visibility:none'>vis</div>"
        "<div style='color: red'>shown</div><div style='none'>none only</div>"
        "<span style=''>empty style</span><div class='hidden'>class hidden</div>"
        "<div style>style without value</div><p aria-hidden>aria no value</p></body>"
    ),
    "controls": (
        "<body><form class='search'><label>Find <input name=q></label><button>Go</button>"
        "<select><option>a</option></select><textarea>typed</textarea></form>"
        "<p>text <input type=checkbox> after</p></body>"
    ),
    "skipped elements": (
        "<head><title>t</title></head><body><script>var x = 1;</script><style>p{}</style>"
        "<template><p>template text</p></template><svg><text>svg text</text>"
        "<foreignObject><p>inside svg</p></foreignObject></svg><math><mi>x</mi></math>"
        "<noscript><p>noscript text</p></noscript><iframe>frame</iframe>"
        "<video>no video</video><img alt='picture'><p>kept</p><!DOCTYPE html></body>"
    ),
    "custom and unknown elements": (
        "<body><my-card class='card teaser'><x-title>Custom</x-title> body</my-card>"
        "<search>search element</search><app-root><p>inside app</p></app-root>"
        "<FONT COLOR=red>Upper</FONT><Foo-Bar>mixed case</Foo-Bar><center>centered</center>"
        "<weird:tag>prefixed</weird:tag><my-card>second card</my-card></body>"
    ),
    "classes and ids": (
        "<body><div class='article-content' id='main'><p class='lead'>Lead</p>"
        "<div class='share social'><a href='/s'>Share</a></div><p class id>"
        "empty attributes</p><p class=''>empty class</p><p id=''>empty id</p></div>"
        "<div class='comment' class='dup'>duplicate</div><footer class='footer'>"
        "<p>Copyright</p></footer><nav><a href='/'>Home</a></nav></body>"
    ),
    "non-ASCII and invalid text": (
        "<body><p>caf\u00e9 \u65e5\u672c\u8a9e \U0001f600</p><p>\u00a0\u2003</p>"
        "<p>nbsp\u00a0inside</p><p>tab\tand\u3000ideographic space</p>"
        "<p class='\u00fcber'>umlaut class</p><p>\ud800 lone surrogate</p>"
        "<p>\x00 nul and \x0c form feed</p><p>&amp; &lt;entities&gt; &nbsp;&copy;</p></body>"
    ),
    "links around blocks": (
        "<body><a href='/card' CLASS='Teaser'><div><h3>Card title</h3><p>summary</p></div>"
        "</a><p><br>starts with a break</p><a xlink:href='/x' HREF='/y'>prefixed href</a>"
        "<table><tr><td><a href='/c'>cell link</a></td><td></td></tr></table>"
        "<pre>code <div>block in pre</div> after</pre></body>"
    ),
    "escaped markup in noscript": (
        "<body><noscript>&lt;div class='a'&gt;&lt;p&gt;Turn on &lt;b&gt;JS&lt;/b&gt;&lt;/p&gt;"
        "&lt;/div&gt;</noscript><noscript> &lt;img src='t.gif'&gt; </noscript><pre><noscript>"
        "&lt;i&gt;&lt;/i&gt;</noscript></pre><noscript>a &lt; b, 2&lt;3</noscript>"
        "<p>x &lt;b&gt; outside</p></body>"
    ),
    "text at body level": "<body>loose text<p>para</p>more loose text<b>bold</b></body>",
    "no body content": "<body></body>",
    "only whitespace": "<body>  \n\t </body>",
    "frameset": "<frameset><frame src='a.html'></frameset>",
    "text before html": "stray text<html><body><p>para</p></body></html>",
}


@compiled
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_blocks_as_the_python_walk(name: str) -> None:
    assert_same_walk(PAGES[name])


@compiled
def test_same_blocks_when_nesting_is_deep() -> None:
    walk = assert_same_walk("<div>" * 3000 + "deep" + "</div>" * 3000 + "<p>after</p>")
    assert [b.text for b in walk.blocks] == ["deep", "after"]
    levels = "<body>" + "<div><span><ul><li><a href='/'>x</a>" * 200 + "tail</body>"
    assert_same_walk(levels)


@compiled
@pytest.mark.parametrize("max_nodes", [0, 1, 2, 5, 9, 17, 40, 1000])
def test_same_blocks_when_the_node_limit_stops_the_walk(max_nodes: int) -> None:
    page = "".join(
        f"<div class='c{i}'><p>para {i} <a href='/{i}'>link</a></p><ul><li>item</li></ul></div>"
        for i in range(8)
    )
    walk = assert_same_walk(f"<body>{page}</body>", max_nodes)
    assert len(walk.blocks) <= max_nodes


@compiled
def test_a_page_without_a_body_element_is_walked_alike() -> None:
    tree = parse_html("<p>text</p>").tree
    body = tree.body
    assert body is not None
    body.decompose()
    assert snapshot(walk_blocks(Dom(tree), 100)) == snapshot(walk_blocks_python(Dom(tree), 100))


@compiled
def test_the_compiled_walk_is_built_for_the_installed_selectolax() -> None:
    assert selectolax.__version__ == dom_module._compiled.SELECTOLAX_VERSION


def test_a_built_walk_is_used() -> None:
    """A module built in the source tree is used: not stale, not for another selectolax."""
    built = list(Path(dom_module.__file__).parent.glob("_walk.*.so"))
    if not built:
        pytest.skip("the compiled walk is not built")
    assert dom_module.COMPILED_WALK_PROBLEM is None


# Generated pages: tags from every class the walk treats apart, attributes that change the
# state it carries, and text with whitespace, entities and characters outside ASCII.
_TAGS = (
    "div p span a b li ul ol table tr td pre code br hr h2 section nav footer script "
    "template input button select option img svg blockquote dl dt dd my-el x-y font label "
    "form figure figcaption noscript details summary center search"
).split()
_ATTRS = st.sampled_from([
    "", " class='content'", " class='nav menu'", " id='comments'", " class", " id=''",
    " hidden", " aria-hidden='true'", " aria-hidden='false'", " style='display:none'",
    " style='color:red'", " href='/x'", " href", " class='card' id='item-1'",
])  # fmt: skip
_TEXT = st.lists(
    st.sampled_from(list("ab \n\t\u00a0\u00e9\u65e5&;<>,.)’") + ["&amp;", "&nbsp;", " word ",
                                                           "&lt;b&gt;", "&lt;/p&gt;", "&lt;"]),
    max_size=8,
).map("".join)


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 1))):
        kind = draw(st.integers(0, 2))
        if kind == 0 or depth >= 6:
            parts.append(draw(_TEXT))
        else:
            tag = draw(st.sampled_from(_TAGS))
            inner = draw(_html(depth + 1)) if kind == 1 else ""
            parts.append(f"<{tag}{draw(_ATTRS)}>{inner}</{tag}>")
    return "".join(parts)


@compiled
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html(), st.integers(1, 200))
def test_generated_pages_walk_alike(body: str, max_nodes: int) -> None:
    assert_same_walk(f"<html><body>{body}</body></html>", max_nodes)
    assert_same_walk(body)


@compiled
def test_a_walk_built_for_another_selectolax_is_not_used() -> None:
    """The structs may differ between releases: the Python walk runs instead."""
    code = (
        "import selectolax; selectolax.__version__ = '0.0.0'\n"
        "from thresher.html import dom\n"
        "assert dom._compiled is None, dom._compiled\n"
        "print(dom.walk_blocks(dom.parse_html('<p>still walked</p>'), 100).blocks[0].text)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "still walked"


# Class and id values made of the signal patterns' own words, separators and whitespace of
# every kind, so that matches, near-matches and matches across tokens are all tried.
_WORDS = sorted(
    {word for _, pattern in CLASS_SIGNALS for word in re.findall(r"[a-z]+", pattern)}
)
_ATTR_VALUE = st.lists(
    st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "-", "_", "?", ""]),
        st.sampled_from(["Ad", "ADS", "NAV", "\u0130", "\u212a", "x", "1", "\u00e9", "07",
                         "\u0663"]),
    ),
    max_size=10,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.none(), _ATTR_VALUE), st.one_of(st.none(), _ATTR_VALUE))
def test_class_signals_read_token_by_token_are_the_same(cls: str | None,
                                                        ident: str | None) -> None:
    assert dom_module._attr_bits(cls, ident) == class_signal_bits(f"{cls} {ident}")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_WORDS),
                          st.sampled_from(["-", "_", "A", "S", "\u0130", "0", "9", "\u0663",
                                           "ad", " "])),
                min_size=1, max_size=6).map("".join))
def test_a_token_s_signals_come_from_the_patterns_its_literals_allow(token: str) -> None:
    assert dom_module._shape_bits.__wrapped__(dom_module._zero_digits(token.lower())) == (
        class_signal_bits(token))


def test_no_signal_pattern_names_a_digit() -> None:
    # the token cache files "post-12345" under "post-00000": right only while this holds
    for _, pattern in CLASS_SIGNALS:
        assert not any(c.isdigit() for c in pattern) and "\\d" not in pattern, pattern


def test_tokens_that_differ_in_digits_only_share_their_signals() -> None:
    for token in ("post-12345", "comment-9", "ad2", "tabs9", "h1-title", "col-md-8", "hed7"):
        assert dom_module._attr_bits(token, None) == class_signal_bits(token)
    assert dom_module._attr_bits("tabs9", None) == class_signal_bits("tabs0")
    assert class_signal_bits("tabs0") != class_signal_bits("tabs")


@pytest.mark.parametrize("value", [
    "ad", "ads banner", "x ad", "ad-slot", "top_ads", "nav ad", "load", "header ads-", " ad ",
    "post-ad\tx", "breadcrumb", "tabs", "tabsx", "dek", "hed", "shed", "read-more more-stories",
    "None", "", "main-nav\u00a0ad", "\u0130nfo", "\u212aomment",
])  # fmt: skip
def test_class_signals_token_by_token_on_edge_cases(value: str) -> None:
    for cls, ident in ((value, None), (None, value), (value, value), ("", value)):
        assert dom_module._attr_bits(cls, ident) == class_signal_bits(f"{cls} {ident}")



def test_signal_caches_stay_bounded_and_out_of_the_collector_s_passes() -> None:
    import gc

    calls: list[str] = []
    memo = dom_module._Memo(lambda key: calls.append(key) or len(key), 2)
    assert [memo("ab"), memo("ab"), memo("abc"), memo("abcd"), memo("ab")] == [2, 2, 3, 4, 2]
    assert calls == ["ab", "abc", "abcd", "ab"]  # full at two entries: emptied, then refilled
    assert len(memo.cache) <= 2
    dom_module._attr_bits("post-12345 main-nav", "comment-9")
    gc.collect()
    for memo in (dom_module._value_bits, dom_module._shape_bits):
        assert memo.cache and not gc.is_tracked(memo.cache)



@settings(max_examples=300, deadline=None)
@given(st.text())
def test_digits_made_zero_in_the_bytes_as_in_the_characters(text: str) -> None:
    assert dom_module._zero_digits(text) == text.translate(str.maketrans("123456789", "0" * 9))


def test_lower_casing_neither_makes_nor_unmakes_white_space() -> None:
    # what lets a class value be lower-cased before it is split into tokens
    for point in range(0x110000):
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        lower = char.lower()
        assert lower == char if char.isspace() else not any(c.isspace() for c in lower), point
