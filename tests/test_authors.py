"""Authors: bylines without a class or a "By", labels on their own line, element texts."""

from __future__ import annotations

import datetime as dt

import pytest

from thresher.html.dates import without_leading_date
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.metadata import read_metadata

TODAY = dt.date(2025, 6, 1)
BODY = "<p>" + "The council met on Tuesday to discuss the new library budget. " * 6 + "</p>"


def authors_of(body: str, head: str = "") -> tuple[str, ...]:
    dom = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return read_metadata(dom, None, walk_blocks(dom, 100_000).blocks, today=TODAY).authors


# ---- a line break ends the name -------------------------------------------------------------


@pytest.mark.parametrize(("line", "name"), [
    ("By<br>Sofia Gonzalez<br>December 2, 2024", "Sofia Gonzalez"),
    ("by Amanda · Dec 20, 2024 at 3:00 am ·<br>One comment so far", "Amanda"),
    ("By<br>Matthew Digby<br>,<br>Minh Do", "Matthew Digby"),
])  # fmt: skip
def test_by_line_broken_over_lines(line: str, name: str) -> None:
    assert authors_of(f"<h1>Hottest new restaurants</h1><p>{line}</p>{BODY}") == (name,)


# ---- a name alone on its line by the headline -----------------------------------------------


def test_bare_name_beside_the_date_line() -> None:
    body = ("<h1>HR shared services explained</h1><p>Elliot Raba</p><p>23.07.2024 · 6 min read</p>"
            + BODY)  # fmt: skip
    assert authors_of(body) == ("Elliot Raba",)
    body = "<h1>Mission accomplished</h1><div>2024-12-17</div><div>Trond Teigen</div>" + BODY
    assert authors_of(body) == ("Trond Teigen",)


def test_bare_name_linking_to_an_author_page() -> None:
    body = ('<h1>Private cloud providers</h1><div><a href="/blog/authors/emmanuel-oyibo">'
            "Emmanuel Oyibo</a></div>" + BODY)  # fmt: skip
    assert authors_of(body) == ("Emmanuel Oyibo",)


@pytest.mark.parametrize("line", [
    '<div><a href="/category/cloud">Cloud Computing</a></div>',  # a category link
    "<div>Technology</div>",  # one word: a kicker, not a name
    "<div>EXCLUSIVE REPORT</div>",  # all capitals: a label or a dateline's place
    "<h3>Key Takeaways</h3>",  # a section's heading
    "<div>FacebookYoutubeLinkedin</div>",  # link texts run together
    '<div class="share-tools">Share This Story</div>',  # a sharing bar
])  # fmt: skip
def test_lines_by_the_date_that_are_not_names(line: str) -> None:
    body = f"<h1>Cloud trends for 2025</h1>{line}<div>March 3, 2025</div>{BODY}"
    assert authors_of(body) == ()


def test_bare_name_needs_a_date_line_beside_it() -> None:
    assert authors_of("<h1>Cloud trends for 2025</h1><p>Jack Shepherd</p>" + BODY) == ()


def test_title_of_a_table_of_contents_is_not_a_name() -> None:
    body = ('<h1>How AI is changing care</h1><p>July 2, 2025</p><div>In This Article</div>'
            '<ul><li><a href="#what">What is AI?</a></li></ul>' + BODY)  # fmt: skip
    assert authors_of(body) == ()


# ---- a label alone, the name on the next line -----------------------------------------------


@pytest.mark.parametrize(("box", "name"), [
    ("<h3>Author</h3><p>Lisa D. Ellis</p>", "Lisa D. Ellis"),
    ("<h2>Article written by:</h2><h3>Doris Munoz-Mantilla, MD</h3>", "Doris Munoz-Mantilla, MD"),
    ("<div>by</div><p>Shannon Grilli</p>", "Shannon Grilli"),
    ("<div>Contributors:<br>Janet Loughrey</div>", "Janet Loughrey"),
    ("<div>Author</div><div>CP</div><div>Chengcheng Pei</div>", "Chengcheng Pei"),  # initials
])  # fmt: skip
def test_name_on_the_line_after_a_lone_label(box: str, name: str) -> None:
    filler = "".join(f"<p>Paragraph {i} about the harbour and its tides.</p>" for i in range(40))
    assert authors_of(f"<h1>Tide tables</h1>{filler}{box}") == (name,)


def test_lone_label_that_is_a_link_is_navigation() -> None:
    nav = ('<div><a href="/contributors">Contributors</a></div>'
           '<div><a href="/biz">Local Biz</a></div>')
    assert authors_of(nav + "<h1>Tide tables</h1>" + BODY) == ()


# ---- author elements ------------------------------------------------------------------------


@pytest.mark.parametrize(("element", "name"), [
    ('<div class="post-author">Dec. 19, 2024 · Niko Matsakis</div>', "Niko Matsakis"),
    ('<div class="author">By: FlowGuard EMEA on 04-ago-2021 5:11:10</div>', "FlowGuard EMEA"),
    ('<div class="author">By Shelby Loos, DVM . Reviewed by Molly Price, DVM</div>',
     "Shelby Loos, DVM"),
    ('<span class="entry-author-box">jsteinhardt</span>', "jsteinhardt"),  # a user name
    ('<span class="entry-author-box">By the Lavazza Team</span>', "the Lavazza Team"),
])  # fmt: skip
def test_author_element_texts(element: str, name: str) -> None:
    assert authors_of(f"<h1>Tide tables</h1>{element}{BODY}") == (name,)


@pytest.mark.parametrize("element", [
    '<span class="entry-author-box">pydantic.fields.Field</span>',  # a code name, not a user
    '<span class="entry-author-box">Visit the Apple Store</span>',  # "the" inside: a phrase
])  # fmt: skip
def test_author_element_texts_that_are_not_names(element: str) -> None:
    assert authors_of(f"<h1>Tide tables</h1>{element}{BODY}") == ()


def test_without_leading_date() -> None:
    assert without_leading_date("Dec 17, 2025 Julian K. Arni") == "Julian K. Arni"
    assert without_leading_date("17.12.2025 | Julian") == "Julian"
    assert without_leading_date("Julian K. Arni") == "Julian K. Arni"


# ---- microdata: the page's item, not its answers' or comments' ------------------------------


def _qa_page() -> str:
    def post(kind: str, user: str, day: str) -> str:
        return (f'<div itemprop="{kind}" itemscope itemtype="https://schema.org/{kind.title()}">'
                f'<time itemprop="dateCreated" datetime="{day}">{day}</time>'
                f'<div itemprop="author" itemscope itemtype="https://schema.org/Person">'
                f'<a href="/users/{user}">{user}</a><meta itemprop="name" content="{user}">'
                f'<span>1,234 reputation 5 silver badges</span></div>{BODY}'
                f'<ul class="comments-list"><li class="comment"><a itemprop="author">troll42</a>'
                f'<span itemprop="datePublished">2024-05-01</span></li></ul></div>')  # fmt: skip

    return ('<div itemscope itemtype="https://schema.org/QAPage"><h1>Why does pip hang?</h1>'
            + post("mainEntity", "asker_7", "2014-02-04T13:02:51Z")
            + post("suggestedAnswer", "answerer", "2014-02-05T09:00:00Z") + "</div>")


def test_question_asker_is_the_author_not_answerers_or_commenters() -> None:
    assert authors_of(_qa_page()) == ("asker_7",)


def test_date_of_a_comment_is_not_the_pages() -> None:
    dom = parse_html(f"<html><body>{_qa_page()}</body></html>")
    meta = read_metadata(dom, None, walk_blocks(dom, 100_000).blocks, today=TODAY)
    assert meta.date is not None and meta.date[:10] == "2014-02-04"


def test_co_authors_of_one_article_are_all_kept() -> None:
    people = "".join(f'<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
                     f'<span itemprop="name">{n}</span></span>' for n in ("Ana Ruiz", "Li Wei"))
    body = f'<article itemscope itemtype="https://schema.org/Article">{people}{BODY}</article>'
    assert authors_of(body) == ("Ana Ruiz", "Li Wei")


@pytest.mark.parametrize("element", [
    '<span class="username">Username</span>',  # a login form's placeholder
    '<div class="author-info">Last Updated: January 7, 2025</div>',
])  # fmt: skip
def test_form_labels_and_update_lines_are_not_names(element: str) -> None:
    assert authors_of(f"<h1>Tide tables</h1>{element}{BODY}") == ()
