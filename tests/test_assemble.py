"""Assembly rules that hold whatever the labeller says: hidden copies of shown text, and kept
text that is no article (a script notice, footer links)."""

from dataclasses import replace

import numpy as np
import pytest

import thresher
from thresher import NoContentError
from thresher.assemble import assemble, chaff_only, link_clouds
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.roles import mark_roles
from thresher.page import ROLE_HIDDEN, ROLE_MAYBE_HIDDEN, PageBlock, PageMeta

_FIRST = "The council voted on Tuesday to close the old bridge for repairs over the winter."
_SECOND = "Drivers will be sent along the river road, which adds ten minutes to the trip."
_THIRD = "Work starts in November and the council expects the bridge to reopen by March."


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


def test_a_noscript_copy_of_the_shown_article_is_dropped() -> None:
    html = f"""<body><article><p>{_FIRST}</p><p>{_SECOND}</p></article>
    <noscript><div><p>{_FIRST}</p><p>{_SECOND}</p></div></noscript><p>{_THIRD}</p></body>"""
    blocks = _blocks(html)
    assert sum(bool(b.roles & ROLE_MAYBE_HIDDEN) for b in blocks) == 2
    assert _text_all_kept(blocks) == f"{_FIRST}\n{_SECOND}\n{_THIRD}"


def test_a_copy_under_a_hiding_class_is_dropped_and_the_shown_one_stays() -> None:
    # Webflow keeps a gated copy of a post under "w-condition-invisible", before the shown one
    html = f"""<body><div class="layout__gated w-condition-invisible"><p>{_FIRST}</p>
    <p>{_SECOND}</p></div><div class="post"><p>{_FIRST}</p><p>{_SECOND}</p></div></body>"""
    assert _text_all_kept(_blocks(html)) == f"{_FIRST}\n{_SECOND}"


def test_text_under_a_hiding_class_that_is_the_only_copy_stays() -> None:
    # "overflow-hidden" names hiding and hides nothing: the one copy of the text stays
    html = f"""<body><div class="overflow-hidden"><p>{_FIRST}</p></div>
    <noscript><p>{_SECOND}</p></noscript></body>"""
    assert _text_all_kept(_blocks(html)) == f"{_FIRST}\n{_SECOND}"


def test_a_hidden_copy_is_dropped_where_the_shown_text_sits_under_a_hiding_class() -> None:
    # the shown copy sits in an "overflow-hidden" wrapper: surely hidden text is compared
    # with it first, so the display:none copy still goes
    html = f"""<body><div class="overflow-hidden"><p>{_FIRST}</p><p>{_SECOND}</p></div>
    <div style="display:none"><p>{_FIRST} {_SECOND}</p></div></body>"""
    assert _text_all_kept(_blocks(html)) == f"{_FIRST}\n{_SECOND}"


_NOTICE = "You need to enable JavaScript to run this app."


def test_a_script_notice_alone_is_no_article() -> None:
    blocks = _blocks(f'<body><noscript>{_NOTICE}</noscript><div id="root"></div></body>')
    assert chaff_only(blocks, np.ones(len(blocks), dtype=bool)) == (
        "script_only", "the page's only text asks for JavaScript")


def test_an_article_beside_a_script_notice_is_one() -> None:
    blocks = _blocks(f"<body><noscript>{_NOTICE}</noscript><p>{_FIRST}</p></body>")
    assert chaff_only(blocks, np.ones(len(blocks), dtype=bool)) is None


def test_a_long_noscript_view_is_content() -> None:
    # some forums serve their posts to crawlers inside <noscript>
    posts = " ".join([_FIRST, _SECOND] * 4)
    blocks = _blocks(f"<body><noscript><p>{posts}</p></noscript></body>")
    assert chaff_only(blocks, np.ones(len(blocks), dtype=bool)) is None


def test_footer_links_alone_are_no_article() -> None:
    html = """<body><div id="app"></div><footer><h5>Help</h5>
      <dl><dd>Help Center, Disputes, Buyer Protection</dd></dl></footer></body>"""
    blocks = _blocks(html)
    keep = np.ones(len(blocks), dtype=bool)
    assert chaff_only(blocks, keep) == (
        "boilerplate_only", "the only text kept lies in the page's footer")
    blocks = _blocks(f"<body><p>{_FIRST}</p><footer><p>About us</p></footer></body>")
    assert chaff_only(blocks, np.ones(len(blocks), dtype=bool)) is None
    assert chaff_only(blocks, np.array([False, True])) is not None
    assert chaff_only(blocks, np.zeros(len(blocks), dtype=bool)) is None


def test_extract_tells_an_app_shell_apart() -> None:
    html = f"""<!doctype html><html><head><title>Shop</title></head><body>
      <noscript>{_NOTICE}</noscript><div id="root"></div><script>start()</script></body></html>"""
    with pytest.raises(NoContentError) as caught:
        thresher.extract(html)
    assert caught.value.reason == "script_only"
    assert caught.value.article is not None and caught.value.article.title == "Shop"


def test_a_summary_that_is_the_only_paragraph_is_the_body() -> None:
    blocks = _blocks(f"<body><h1>Bridge to close</h1><p>{_FIRST}</p></body>")
    meta = PageMeta(title="Bridge to close", description=_FIRST)
    article = assemble(blocks, np.ones(len(blocks)), 0.5, meta)
    assert (article.lead, article.text) == (None, _FIRST)
    # beside the body, the block the description repeats is the standfirst
    blocks = _blocks(f"<body><header><h1>Bridge to close</h1><p>{_FIRST}</p></header>"
                     f"<div><p>{_SECOND}</p></div></body>")
    article = assemble(blocks, np.ones(len(blocks)), 0.5, meta)
    assert (article.lead, article.text) == (_FIRST, _SECOND)


def test_the_body_s_first_paragraph_is_no_standfirst() -> None:
    # sites copy the first paragraph into the description: in the body's container it is
    # the body's, whether the description or a class name ("intro") marks it
    meta = PageMeta(title="Bridge to close", description=_FIRST)
    for first in (f"<p>{_FIRST}</p>", f"<p class='standfirst'>{_SECOND}</p>"):
        blocks = _blocks(f"<body><h1>Bridge to close</h1><div class='story'>{first}"
                         f"<p>{_THIRD}</p></div></body>")
        article = assemble(blocks, np.ones(len(blocks)), 0.5, meta)
        assert article.lead is None
        assert article.text.split("\n")[1] == _THIRD


def test_only_an_article_has_a_standfirst() -> None:
    html = f"<body><header><h1>Oak desk</h1><p>{_FIRST}</p></header><p>{_SECOND}</p></body>"
    for page_type, lead in (("article", _FIRST), (None, _FIRST), ("product", None),
                            ("service", None), ("documentation", None)):
        meta = PageMeta(title="Oak desk", description=_FIRST, page_type=page_type)
        article = assemble(_blocks(html), np.ones(3), 0.5, meta)
        assert article.lead == lead, page_type
        assert article.text == (_SECOND if lead else f"{_FIRST}\n{_SECOND}"), page_type


def test_extract_reads_the_page_type_with_the_model_given() -> None:
    from thresher.html.pagetype import shipped_page_model

    html = f"""<html><head><title>Oak desk</title><meta name="description" content="{_FIRST}">
      </head><body><header><h1>Oak desk</h1><p>{_FIRST}</p></header><div><p>{_SECOND}</p>
      </div></body></html>"""
    shipped = shipped_page_model()
    for forced in ("product", "article"):
        # a model whose one tree is a single leaf: every page scores highest for ``forced``
        biased = replace(shipped, stages=tuple(
            replace(stage, bias=100.0 if kind == forced else -100.0)
            for kind, stage in zip(shipped.types, shipped.stages, strict=True)))
        article = thresher.extract(html, options=thresher.Options(page_model=biased))
        assert article.page_type == forced
        assert (article.lead is None) == (forced == "product")


def test_a_script_notice_is_told_whatever_the_labeller_kept() -> None:
    blocks = _blocks(f'<body><noscript>{_NOTICE}</noscript><div id="root"></div></body>')
    assert chaff_only(blocks, np.zeros(len(blocks), dtype=bool)) == (
        "script_only", "the page's only text asks for JavaScript")


def test_a_block_of_many_links_and_nothing_else_is_a_link_cloud() -> None:
    tags = " ".join(f"<a href='/t/{i}'>tag{i}</a>" for i in range(40))
    few = " ".join(f"<a href='/t/{i}'>tag{i}</a>" for i in range(39))
    blocks = _blocks(f"<body><div>{tags}</div><div>{few}</div>"
                     f"<div>Read about {tags} here, where the links sit inside a long sentence "
                     f"that goes on and on about {'several things ' * 30}</div>"
                     "<ul><li><a href='/a'>one item</a></li></ul></body>")
    assert link_clouds(blocks).tolist() == [True, False, False, False]


def test_ad_slot_labels_are_not_body() -> None:
    labels = ["Advertisement", "- ADVERTISEMENT -", "Anzeige", "Publicidad", "広告",
              "Advertisement · Scroll to continue with content"]
    html = "<body><article>" + "".join(
        f"<p>{text}</p><div class='slot'>{label}</div>"
        for text, label in zip([_FIRST, _SECOND, _THIRD] * 2, labels, strict=True)
    ) + "<p>Ads were sold out, the advertisement said.</p></article></body>"
    text = _text_all_kept(_blocks(html))
    assert text.splitlines() == [_FIRST, _SECOND, _THIRD] * 2 + [
        "Ads were sold out, the advertisement said."]


def test_a_block_of_machine_ids_is_not_body() -> None:
    # a label spelt one letter per element, each beside an id the page's CSS hides
    ids = ["0d48abc0-6602-4407-a05b-e5f87e8f229c", "4b75a245-1d18-4cd6-a8bb-c003e1120f4c",
           "38252f27-527d-4457-91c8-eacb55ffbb34", "b3579602-0dd3-4c7e-9140-18b37963a3b6"]
    spelt = " ".join(f"<span>{c}</span><span class='x'>{i}</span>"
                     for c, i in zip("Spon", ids, strict=True))
    two = f"Mount the disk by its id: /dev/disk/by-uuid/{ids[0]} or {ids[1]}."
    html = (f"<body><article><p>{_FIRST}</p><p>{spelt}</p><p>{_SECOND}</p>"
            f"<p>{two}</p><p>{_THIRD}</p></article></body>")
    assert _text_all_kept(_blocks(html)).splitlines() == [_FIRST, _SECOND, two, _THIRD]


def test_a_block_that_shows_nothing_is_not_body() -> None:
    # site builders write an empty line of a rich text as a paragraph of a zero-width joiner
    html = (f"<body><article><p>{_FIRST}</p><p>\u200d</p><p>\u200b\u2060\ufeff</p>"
            f"<p>{_SECOND}</p><p>\u200d\u200d</p><p>{_THIRD}</p></article></body>")
    assert _text_all_kept(_blocks(html)).splitlines() == [_FIRST, _SECOND, _THIRD]
