"""Assembly rules that hold whatever the labeller says: hidden copies of shown text."""

import numpy as np

from thresher.assemble import assemble
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.roles import mark_roles
from thresher.page import ROLE_HIDDEN, PageBlock, PageMeta

_FIRST = "The council voted on Tuesday to close the old bridge for repairs over the winter."
_SECOND = "Drivers will be sent along the river road, which adds ten minutes to the trip."


def _blocks(html: str) -> list[PageBlock]:
    blocks = walk_blocks(parse_html(html), 10_000).blocks
    mark_roles(blocks)
    return blocks


def _text_all_kept(blocks: list[PageBlock]) -> str:
    return assemble(blocks, np.ones(len(blocks)), 0.5, PageMeta()).text


def test_hidden_copy_of_the_shown_article_is_dropped() -> None:
    html = f"""<body><article><p>{_FIRST}</p><p>{_SECOND}</p></article>
    <div style="display:none" itemscope itemtype="http://schema.org/NewsArticle">
      <div itemprop="datePublished">2019-11-19T08:57:40+01:00</div>
      <div itemprop="articleBody">{_FIRST} {_SECOND}</div>
      <div itemprop="width">500</div>
    </div></body>"""
    blocks = _blocks(html)
    assert sum(bool(b.roles & ROLE_HIDDEN) for b in blocks) == 3
    assert _text_all_kept(blocks) == f"{_FIRST}\n{_SECOND}"


def test_hidden_text_that_is_the_only_copy_stays() -> None:
    html = f"""<body><article><p>{_FIRST}</p></article>
    <div hidden><p>{_SECOND}</p></div></body>"""
    assert _text_all_kept(_blocks(html)) == f"{_FIRST}\n{_SECOND}"


def test_hidden_tab_sharing_words_but_not_word_runs_stays() -> None:
    shown = "client messages create body hello from the server to the phone"
    hidden = "messages client create the phone body to server hello from the"
    html = f"""<body><pre>{shown}</pre><div aria-hidden="true"><pre>{hidden}</pre></div></body>"""
    assert _text_all_kept(_blocks(html)) == f"{shown}\n{hidden}"
