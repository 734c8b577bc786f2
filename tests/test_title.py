"""The title: the stated title reconciled with the visible headline, one rule per test."""

from __future__ import annotations

import json

import pytest

import thresher
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.sources import gather_sources
from thresher.html.title import (
    read_title,
    site_key,
    strip_site_name,
    visible_headings,
)
from thresher.urls import url_words

BODY = "<p>" + "The council met on Tuesday to discuss the new library budget. " * 6 + "</p>"


def title_of(head: str = "", body: str = BODY, url: str | None = None,
             site: str | None = None) -> str | None:  # fmt: skip
    dom = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    host = url.split("/")[2] if url else None
    return read_title(gather_sources(dom), site, host, walk_blocks(dom, 100_000).blocks, url)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ---- the site's name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        # a trailing part names the site among other words
        ("Quickstart — Flask Documentation (3.1.x)", None, "flask.example.org", "Quickstart"),
        # a leading part is the site only when it is the name alone ...
        ("Coast News - Harbour reopens", "Coast News", None, "Harbour reopens"),
        ("Nike.com - Running shoes for every road", None, "www.nike.com",
         "Running shoes for every road"),
        # ... a brand named first belongs to the title
        ("Ridge Wallet - Royal Black", None, "ridge.com", "Ridge Wallet - Royal Black"),
        ("Visual Studio Community - the free IDE for students and open-source developers",
         "Visual Studio", "visualstudio.example.com",
         "Visual Studio Community - the free IDE for students and open-source developers"),
        # the host's registered name counts, not only its first label ...
        ("Slashdot - Kernel developers debate Rust", None, "linux.slashdot.org",
         "Kernel developers debate Rust"),
        # ... when a part is that name alone, not when the title mentions it
        ("Take C.A.R.E. - comwrap at the DMEXCO 2018", None, "blog.comwrap.com",
         "Take C.A.R.E. - comwrap at the DMEXCO 2018"),
    ],
)
def test_site_name(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert strip_site_name(title, site, host) == expected


def test_site_key_keeps_the_registered_name() -> None:
    assert site_key("linux.slashdot.org") == "slashdot.org"
    assert site_key("www.bbc.co.uk") == "bbc.co.uk"


# ---- the visible headline -------------------------------------------------------------------


def test_visible_headings_skip_hidden_and_logo_headings() -> None:
    body = ('<h1><a href="/">Daily Bugle</a></h1><div hidden><h1>Yesterday’s story</h1></div>'
            "<h1>Snow at last ¶</h1>" + BODY)  # fmt: skip
    dom = parse_html(f"<html><body>{body}</body></html>")
    blocks = walk_blocks(dom, 100_000).blocks
    assert visible_headings(gather_sources(dom), blocks) == ["Snow at last"]
    # without blocks, every <h1> the page has
    assert visible_headings(gather_sources(dom), ())[0] == "Daily Bugle"


def test_without_a_stated_title_the_visible_headline_is_the_title() -> None:
    body = '<h1><a href="/">Daily Bugle</a></h1><h1>Snow at last</h1>' + BODY
    assert title_of(body=body) == "Snow at last"


def test_headline_that_completes_what_a_separator_cut() -> None:
    head = "<title>Mobile UX Design - The Ultimate Guide 2025</title>"
    body = "<h1>Mobile UX Design: The Ultimate Guide 2025</h1>" + BODY
    assert title_of(head, body) == "Mobile UX Design: The Ultimate Guide 2025"


def test_headline_that_extends_the_stripped_title() -> None:
    head = "<title>Best Camping Hammocks | CleverHiker</title>"
    body = "<h1>Best Camping Hammocks of 2026, Tested</h1>" + BODY
    assert title_of(head, body, site="CleverHiker") == "Best Camping Hammocks of 2026, Tested"


def test_badge_before_the_headline_is_not_part_of_the_title() -> None:
    head = "<title>Squad 2024 - 2025</title>"
    for h1 in ("<span>Player</span>Squad 2024 - 2025",
               "<span>Player</span><span>Squad 2024 - 2025</span>",
               "<a href='/c/tips'>Tips</a> Squad 2024 - 2025"):
        assert title_of(head, f"<h1>{h1}</h1>" + BODY) == "Squad 2024 - 2025", h1


def test_reworded_headline_does_not_replace_the_stated_title() -> None:
    head = "<title>How to watch the 21 best films of 2017 - Vox</title>"
    body = "<h1>The 21 best movies of 2017</h1>" + BODY
    assert title_of(head, body, site="Vox") == "How to watch the 21 best films of 2017"


VOX_HEAD = "<title>How to watch the 21 best films of 2017 - Vox</title>"
VOX_BODY = "<h1>The 21 best movies of 2017</h1>" + BODY


def test_reworded_headline_the_url_repeats_replaces_the_stated_title() -> None:
    url = "https://www.vox.com/culture/2017/12/20/best-movies-2017"
    assert title_of(VOX_HEAD, VOX_BODY, url=url, site="Vox") == "The 21 best movies of 2017"


def test_stated_title_the_url_repeats_stays() -> None:
    url = "https://www.vox.com/culture/how-to-watch-the-21-best-films-of-2017"
    assert title_of(VOX_HEAD, VOX_BODY, url=url, site="Vox") == (
        "How to watch the 21 best films of 2017"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.vox.com/2017/12/20/16790002",  # a path of numbers: no evidence
        "https://www.vox.com/watch-best-films-movies",  # the same share of either
        "http://[::1",  # a malformed address
    ],
)
def test_without_clear_url_evidence_the_stated_title_stays(url: str) -> None:
    assert title_of(VOX_HEAD, VOX_BODY, url=url, site="Vox") == (
        "How to watch the 21 best films of 2017"
    )


def test_url_words_are_percent_decoded_and_without_numbers() -> None:
    assert url_words("https://example.com.br/news/2019/servi%C3%A7o-de-atendimento-77.html") == {
        "news", "serviço", "atendimento", "html"
    }
    assert url_words("http://[::1") == set()
    head = "<title>Arrombamento em veículos - Prefeitura</title>"
    body = "<h1>Serviço de atendimento registra arrombamento</h1>" + BODY
    url = "https://example.com.br/news/servico-de-atendimento-registra-arrombamento"
    assert title_of(head, body, url=url) == "Serviço de atendimento registra arrombamento"
    # a slug in another script, percent-encoded as browsers send it
    head = "<title>Новости города - Газета</title>"
    body = "<h1>Мост открыли после ремонта</h1>" + BODY
    url = "https://example.ru/news/%D0%BC%D0%BE%D1%81%D1%82-%D0%BE%D1%82%D0%BA%D1%80%D1%8B%D0%BB%D0%B8"
    assert title_of(head, body, url=url) == "Мост открыли после ремонта"


def test_logo_heading_does_not_replace_the_stated_title() -> None:
    head = "<title>Snow at last | Daily Bugle</title>"
    body = '<h1><a href="/">Snow</a></h1>' + BODY
    assert title_of(head, body, site="Daily Bugle") == "Snow at last"


# ---- agreement between sources -----------------------------------------------------------


def test_first_source_alone_yields_to_the_one_the_headline_repeats() -> None:
    item = {"@type": "Article", "headline": "constitutional monarchy in Oceania"}
    head = ld(item) + "<title>New Zealand - Wikipedia</title>"
    body = "<h1>New Zealand</h1>" + BODY
    assert title_of(head, body, url="https://en.wikipedia.org/wiki/New_Zealand") == (
        "New Zealand"
    )


def test_first_source_repeated_by_another_stays() -> None:
    item = {"@type": "Article", "headline": "Vision Pro hands-on: the Retina moment"}
    head = (ld(item) + '<meta property="og:title" content="Vision Pro is the Retina moment">'
            "<title>Vision Pro hands-on: the Retina moment - The Verge</title>")  # fmt: skip
    body = "<h1>Vision Pro is the Retina moment</h1>" + BODY
    assert title_of(head, body, site="The Verge") == "Vision Pro hands-on: the Retina moment"


def test_first_source_alone_stays_when_the_headline_repeats_no_source() -> None:
    head = ('<meta name="dc.title" content="Preferred title">'
            '<meta property="og:title" content="A title">'
            '<meta name="twitter:title" content="A title">')  # fmt: skip
    assert title_of(head, "<h1>Test document</h1>" + BODY) == "Preferred title"


def test_site_name_heading_confirms_nothing() -> None:
    item = {"@type": "NewsArticle", "headline": "Snow at last"}
    head = ld(item) + "<title>Daily Bugle</title>"
    assert title_of(head, "<h1>Daily Bugle</h1>" + BODY, site="Daily Bugle") == "Snow at last"


def test_extract_reads_the_reconciled_title() -> None:
    item = {"@type": "Article", "headline": "matrix equal to its conjugate-transpose"}
    html = (f"<html><head>{ld(item)}<title>Hermitian matrix - Wikipedia</title></head>"
            f"<body><h1>Hermitian matrix</h1>{BODY * 3}</body></html>")  # fmt: skip
    article = thresher.extract(html, url="https://en.wikipedia.org/wiki/Hermitian_matrix")
    assert article.title == "Hermitian matrix"
