"""Properties that hold for any input: extract, extract_text and the readers return an
Article (or records) or raise a ThresherError, nothing else; the words they return come from
the input; the same input gives the same output in any process and in any order."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import thresher
from tests.corpus_support import flat_page, news_page
from thresher import Article, ThresherError
from thresher.corpus import find_shards, read_shard
from thresher.corpus.records import Damage, Record, Skip

WORD = re.compile(r"\w+")
FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

words = st.lists(st.sampled_from(
    "river council station bridge school market harbour école Straße дом 市场 42 a the".split()
), min_size=1, max_size=40).map(" ".join)
tags = st.sampled_from("p div span a li ul h1 h2 article section nav footer header aside "
                       "blockquote pre code table tr td figure figcaption main".split())


@st.composite
def html_pages(draw: st.DrawFn, depth: int = 0) -> str:
    """Random markup: nested elements with words, attributes, entities and stray tags."""
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 5))
        if choice == 0 and depth < 6:
            tag = draw(tags)
            cls = draw(st.sampled_from(["", ' class="content"', ' id="nav"', ' class="x y"']))
            parts.append(f"<{tag}{cls}>{draw(html_pages(depth + 1))}</{tag}>")
        elif choice == 1:
            parts.append(draw(st.sampled_from(["&amp;", "&lt;", "&eacute;", "&#169;", "&bogus;",
                                               "<br>", "</p>", "<p", "<!--", "-->", "<![CDATA["])))
        else:
            parts.append(draw(words))
    return "".join(parts)


# the block elements the generator writes (and the tbody a parser adds); the rest are inline
BLOCKS = frozenset("p div li ul h1 h2 article section nav footer header aside blockquote pre "
                   "table tbody tr td figure figcaption main".split())


def rendered_text(node: Any) -> str:
    """The text as a browser lays it out: block elements are lines of their own, inline and
    unknown elements glue words together ("river<span></span>&eacute;" is one word)."""
    parts: list[str] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag == "br":
            parts.append("\n")
        elif child.tag in BLOCKS:
            parts.append("\n" + rendered_text(child) + "\n")
        elif not child.tag.startswith("-"):
            parts.append(rendered_text(child))
        child = child.next
    return "".join(parts)


def tokens(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def check_article(result: Article, source_text: str) -> None:
    assert isinstance(result, Article)
    assert result.blocks, "an Article always has body blocks"
    extra = tokens(result.text) - tokens(source_text)
    assert not extra, f"words not in the input: {sorted(extra)[:10]}"


@FAST
@given(st.binary(max_size=3000))
def test_extract_on_any_bytes_gives_an_article_or_a_thresher_error(data: bytes) -> None:
    with contextlib.suppress(ThresherError):
        assert isinstance(thresher.extract(data), Article)


@FAST
@given(html_pages())
def test_extract_on_any_markup_returns_only_words_of_the_page(page: str) -> None:
    source = f"<html><head><title>t</title></head><body>{page}</body></html>"
    try:
        article = thresher.extract(source)
    except ThresherError:
        return
    body = LexborHTMLParser(source).body
    assert body is not None
    check_article(article, rendered_text(body))


_line_soup = st.lists(
    st.one_of(words, st.sampled_from(["", "Home", "Sign up", "© 2024", "Menu"])), max_size=60
).map("\n".join)


# no URL, a story's (whose slug the headline and the teasers are read against), a thread's,
# and any text at all
_urls = st.one_of(
    st.none(),
    st.sampled_from(["https://news.example/2024/05/river-council-votes-to-close-the-bridge",
                     "https://forum.example/threads/river-council-station-bridge-school.42/",
                     "http://[if IE 7]>", "https://x.example/",
                     "/relative/path-of-six-words-here-x"]),
    st.text(max_size=80),
)


@settings(FAST, max_examples=300)  # two kinds of input, as many examples as two tests had
@given(st.one_of(st.text(max_size=3000), _line_soup), _urls)
def test_extract_text_on_any_text_returns_only_its_words(text: str, url: str | None) -> None:
    """Any str, and line soup that looks like a page's menus and body, gives an Article made of
    the input's words, or a ThresherError, whatever URL comes with it."""
    try:
        article = thresher.extract_text(text, url=url)
    except ThresherError:
        return
    check_article(article, text)


@FAST
@given(data=st.binary(max_size=4000),
       name=st.sampled_from(["x.warc.gz", "x.warc", "x.jsonl", "x.jsonl.gz"]))
def test_readers_on_any_bytes_give_records_skips_or_damage(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    path = tmp_path_factory.mktemp("r") / name
    path.write_bytes(data)
    (shard,) = find_shards([str(path)])
    for item in read_shard(shard, max_bytes=100_000):
        assert isinstance(item, Record | Skip | Damage)


_ROUND_TRIP = """
import json, sys
import thresher
from tests.corpus_support import flat_page, news_page
out = {}
for i in sorted(range(int(sys.argv[1])), reverse=sys.argv[2] == "reverse"):
    out[f"h{i}"] = thresher.extract(news_page(i).encode()).to_json()
    out[f"t{i}"] = thresher.extract_text(flat_page(i)).to_json()
print(json.dumps(out, sort_keys=True))
"""


def test_same_input_same_output_in_another_process_and_order() -> None:
    n = 12
    here = {}
    for i in range(n):
        here[f"h{i}"] = thresher.extract(news_page(i).encode()).to_json()
        here[f"t{i}"] = thresher.extract_text(flat_page(i)).to_json()
    run = subprocess.run([sys.executable, "-c", _ROUND_TRIP, str(n), "reverse"],
                         capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": "",
                              "PYTHONPATH": os.pathsep.join(sys.path)})
    assert json.loads(run.stdout) == here
