"""Metadata: each source, and each plausibility rule, on hand-written pages."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import thresher
from thresher.article import PAGE_TYPES
from thresher.html.dates import parse_date, url_date
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.metadata import clean_author, read_metadata, strip_site_name
from thresher.page import PageMeta

TODAY = dt.date(2025, 6, 1)
BODY = "<p>" + "The council met on Tuesday to discuss the new library budget. " * 6 + "</p>"


def meta_of(head: str = "", body: str = BODY, url: str | None = None) -> PageMeta:
    dom = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return read_metadata(dom, url, walk_blocks(dom, 100_000).blocks, today=TODAY)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# ---- sources -------------------------------------------------------------------------------


def test_jsonld_graph_article() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Town Crier"},
        {"@type": "WebPage", "name": "Library budget | Town Crier"},
        {"@type": ["NewsArticle"], "headline": "Library budget passes",
         "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"name": "Li Wei"}],
         "datePublished": "2025-03-04T09:30:00+01:00", "dateModified": "2025-03-05",
         "publisher": {"@type": "Organization", "name": "Town Crier"},
         "keywords": "budget, library", "articleSection": "Local"},
    ]}  # fmt: skip
    meta = meta_of(ld(graph) + "<title>Library budget passes | Town Crier</title>")
    assert meta.title == "Library budget passes"
    assert meta.authors == ("Ana Ruiz", "Li Wei")
    assert meta.date == "2025-03-04T09:30:00+01:00"
    assert meta.date_modified == "2025-03-05"
    assert meta.site_name == "Town Crier"
    assert meta.tags == ("budget", "library")
    assert meta.categories == ("Local",)


def test_jsonld_top_level_array_and_blogposting() -> None:
    items = [{"@type": "Organization", "name": "Acme"},
             {"@type": "BlogPosting", "headline": "Our new oven", "author": "Kim Park",
              "datePublished": "2024-11-20"}]  # fmt: skip
    meta = meta_of(ld(items))
    assert (meta.title, meta.authors, meta.date) == ("Our new oven", ("Kim Park",), "2024-11-20")


def test_broken_jsonld_is_skipped() -> None:
    head = '<script type="application/ld+json">{"@type": "Article", </script>'
    head += '<meta property="og:title" content="Fallback title">'
    assert meta_of(head).title == "Fallback title"


def test_opengraph_and_article_meta() -> None:
    head = """<meta property="og:title" content="Harbour reopens">
    <meta property="og:site_name" content="Coast News">
    <meta property="article:published_time" content="2025-01-02T08:00:00Z">
    <meta property="article:modified_time" content="2025-01-03T08:00:00Z">
    <meta property="article:tag" content="ports"><meta property="article:tag" content="ships">
    <meta property="og:image" content="/img/harbour.jpg">"""
    meta = meta_of(head, url="https://coast.example/news/harbour")
    assert meta.title == "Harbour reopens"
    assert meta.date == "2025-01-02T08:00:00Z"
    assert meta.date_modified == "2025-01-03T08:00:00Z"
    assert meta.tags == ("ports", "ships")
    assert meta.image == "https://coast.example/img/harbour.jpg"


def test_twitter_written_by_label() -> None:
    head = ('<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:data1" content="Sam Oduya">')  # fmt: skip
    assert meta_of(head).authors == ("Sam Oduya",)


def test_citation_and_dublin_core() -> None:
    head = """<meta name="citation_title" content="On sourdough">
    <meta name="citation_author" content="Baker, Ada">
    <meta name="citation_author" content="Roe, Jo">
    <meta name="citation_publication_date" content="2021/05/17">
    <meta name="DC.language" content="de">"""
    meta = meta_of(head)
    assert meta.title == "On sourdough"
    assert meta.authors == ("Ada Baker", "Jo Roe")  # family name first in the tag
    assert meta.date == "2021-05-17"
    assert meta.language == "de"


def test_microdata() -> None:
    body = """<article itemscope itemtype="https://schema.org/Article">
      <h1 itemprop="headline">Bridge closes for repairs</h1>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Mara Olsen</span></span>
      <time itemprop="datePublished" datetime="2023-09-14">14 Sept</time>""" + BODY + "</article>"
    meta = meta_of(body=body)
    assert meta.title == "Bridge closes for repairs"
    assert meta.authors == ("Mara Olsen",)
    assert meta.date == "2023-09-14"


def test_rdfa_properties() -> None:
    body = ('<div><span property="dc:creator">Ivo Petrov</span>'
            '<span property="dc:date" content="2022-02-02"></span></div>' + BODY)  # fmt: skip
    meta = meta_of(body=body)
    assert meta.authors == ("Ivo Petrov",)
    assert meta.date == "2022-02-02"


def test_byline_element_and_by_prefix() -> None:
    body = '<h1>Snow at last</h1><div class="byline">By Ruth Mbeki | March 3, 2024</div>' + BODY
    assert meta_of(body=body).authors == ("Ruth Mbeki",)


def test_date_in_url_path() -> None:
    meta = meta_of(url="https://paper.example/2019/07/21/moon-landing-anniversary/")
    assert meta.date == "2019-07-21"
    assert url_date("https://blog.example/posts/2020-02-29-leap-day") == "2020-02-29"
    assert url_date("https://shop.example/item/20251399") is None


def test_time_element_outside_comments_only() -> None:
    body = BODY + """<div class="comments"><time datetime="2025-05-30">yesterday</time></div>"""
    assert meta_of(body=body).date is None
    body = '<header><time datetime="2024-12-24">Dec 24</time></header>' + body
    assert meta_of(body=body).date == "2024-12-24"


def test_forum_member_join_date_is_not_the_date() -> None:
    body = '<dl><dt>Joined</dt><dd><time datetime="2009-04-13">Apr 13, 2009</time></dd></dl>'
    body += '<div><time datetime="2022-07-09">Jul 9, 2022</time></div>' + BODY
    assert meta_of(body=body).date == "2022-07-09"
    body = "<h1>Thread</h1><p>Joined: 13 April 2009</p><p>Posted 9 July 2022</p>" + BODY
    assert meta_of(body=body).date == "2022-07-09"


def test_comment_author_is_not_the_author() -> None:
    body = BODY + '<div id="comments"><span class="author-name">Troll99 Fan</span></div>'
    assert meta_of(body=body).authors == ()


def test_page_settings_on_body_do_not_make_a_comment_thread() -> None:
    # WordPress marks every post's <body> "comments-open"; "table-responsive" is a layout
    body = ('<div class="table-responsive"><span class="byline">By Halina Goetz</span>'
            '<time datetime="2016-02-09">Feb 9</time></div>' + BODY)  # fmt: skip
    html = f'<html><body class="single-post comments-open">{body}</body></html>'
    dom = parse_html(html)
    meta = read_metadata(dom, None, walk_blocks(dom, 100_000).blocks, today=TODAY)
    assert (meta.authors, meta.date) == (("Halina Goetz",), "2016-02-09")
    body = ('<div class="comment-respond"><span class="author-name">Troll99 Fan</span>'
            '<time datetime="2016-02-10">Feb 10</time></div>' + BODY)  # fmt: skip
    assert (meta_of(body=body).authors, meta_of(body=body).date) == ((), None)


@pytest.mark.parametrize("poster", [
    '<a class="bigusername" href="/member.php?u=7">microfast</a>',  # vBulletin
    '<h3 class="PostUser-name">microfast</h3>',  # Flarum
    '<td class="bold"><a class="user" href="/microfast">microfast</a></td>',
    '<span class="author vcard"><span class="fn n">microfast</span></span>',  # hCard
])  # fmt: skip
def test_forum_poster_and_microformat_names(poster: str) -> None:
    body = f"<h1>Which encoder?</h1><div class=post>{poster}{BODY}</div>"
    body += '<div class=post><a class="bigusername" href="/u/9">replier</a><p>Me too</p></div>'
    assert meta_of(body=body).authors == ("microfast",)


def test_vcard_name_of_a_place_is_not_an_author() -> None:
    body = '<div class="vcard"><div class="fn org country-name">New Zealand</div></div>' + BODY
    assert meta_of(body=body).authors == ()


@pytest.mark.parametrize(("line", "name"), [
    ("September 1st, 2023 By Emily Norwood", "Emily Norwood"),
    ("Started by Biology Forums, June 04, 2024, 11:23:55 AM", "Biology Forums"),
    ("Posted by David at December 16, 2025 11:15 AM", "David"),
    ("Written By Audiophile On", "Audiophile On"),
])  # fmt: skip
def test_by_line_after_a_date_or_a_verb(line: str, name: str) -> None:
    body = f"<h1>How is everyone using it?</h1><p>{line}</p>{BODY}"
    assert meta_of(body=body).authors == (name,)


def test_credit_inside_a_line_is_not_a_byline() -> None:
    body = "<h1>Tokyo at night</h1><p>Photo by John Smith</p>" + BODY
    assert meta_of(body=body).authors == ()


# ---- plausibility --------------------------------------------------------------------------


def test_future_date_is_refused() -> None:
    head = '<meta property="article:published_time" content="2031-01-01">'
    head += '<meta name="date" content="2025-05-20">'
    assert meta_of(head).date == "2025-05-20"


def test_date_before_the_web_is_refused() -> None:
    head = ld({"@type": "Article", "datePublished": "1970-01-01T00:00:00Z"})
    assert meta_of(head).date is None
    assert parse_date("1991-08-05", TODAY) is None
    assert parse_date("1991-08-06", TODAY) == "1991-08-06"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-03-04T10:52:50+0100", "2025-03-04T10:52:50+01:00"),
        ("20240102", "2024-01-02"),
        ("Tue, 04 Mar 2025 10:00:00 GMT", "2025-03-04T10:00:00+00:00"),
        ("March 4, 2025", "2025-03-04"),
        ("March 2025", None),  # no day: refused, not completed
        ("2025-02-30", None),
        ("not a date", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Written by: Jane Doe", "Jane Doe"),
        ("Jane Doe on March 3, 2024", "Jane Doe"),
        ("jane@example.com", None),
        ("https://example.com/jane", None),
        ("Home | Login", None),
        ("Sign in", None),
        ("Menu", None),
        ("Admin", None),
        ("Town Crier", "Town Crier"),  # organisations write articles too
        ("Erin Spain 4 Comments", "Erin Spain"),  # the comment count beside the byline
        ("Jan Meier 12 Kommentare", "Jan Meier"),
    ],
)
def test_clean_author(value: str, expected: str | None) -> None:
    assert clean_author(value) == expected


def test_citation_authors_are_given_in_natural_order() -> None:
    head = "".join(f'<meta name="citation_author" content="{name}">'
                   for name in ("Roy, Aniruddha", "van der Merwe, Marna", "King, Jr."))
    assert meta_of(head).authors == ("Aniruddha Roy", "Marna van der Merwe", "King, Jr.")


def test_by_line_after_the_headline() -> None:
    body = "<h1>Snow at last</h1><div><p>By Jason Bates</p></div>" + BODY
    assert meta_of(body=body).authors == ("Jason Bates",)
    body = '<h1>Snow at last</h1><div class="x">By</div><div class="x">Summer Swann</div>' + BODY
    assert meta_of(body=body).authors == ("Summer Swann",)
    body = "<h1>Snow at last</h1>" + BODY + "<p>By the way, it snowed.</p>"
    assert meta_of(body=body).authors == ()


def test_navigation_meta_author_falls_through_to_byline() -> None:
    head = '<meta name="author" content="Home | Login">'
    body = '<a rel="author" href="/u/ken">Ken Adams</a>' + BODY
    assert meta_of(head, body).authors == ("Ken Adams",)


def test_several_names_in_one_string() -> None:
    head = '<meta name="author" content="Ada Lovelace and Charles Babbage">'
    assert meta_of(head).authors == ("Ada Lovelace", "Charles Babbage")
    head = '<meta name="author" content="Dylan Bailey, MS, RD">'
    assert meta_of(head).authors == ("Dylan Bailey, MS, RD",)


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Harbour reopens | Coast News", "Coast News", "Harbour reopens"),
        ("Coast News - Harbour reopens", "Coast News", "Harbour reopens"),
        ("Harbour reopens – coastnews.com", None, "Harbour reopens"),
        ("Cats - the musical", "Coast News", "Cats - the musical"),
    ],
)
def test_strip_site_name(title: str, site: str | None, expected: str) -> None:
    assert strip_site_name(title, site, "www.coastnews.com") == expected


def test_headline_preferred_over_title_with_suffix() -> None:
    head = "<title>Snow at last: a winter story - Daily Bugle Online</title>"
    meta = meta_of(head, "<h1>Snow at last: a winter story</h1>" + BODY)
    assert meta.title == "Snow at last: a winter story"


def test_site_name_stripped_without_h1() -> None:
    head = "<title>Snow at last | Daily Bugle</title>"
    head += '<meta property="og:site_name" content="Daily Bugle">'
    assert meta_of(head).title == "Snow at last"


def test_language_tags() -> None:
    dom = parse_html('<html lang="pt_BR"><body>' + BODY + "</body></html>")
    assert read_metadata(dom, None).language == "pt-BR"
    dom = parse_html('<html lang="{{ lang }}"><body>' + BODY + "</body></html>")
    assert read_metadata(dom, None).language is None


# ---- through extract -----------------------------------------------------------------------

NEWS = """<html><head><title>Harbour reopens | Coast News</title>
<meta property="og:site_name" content="Coast News"><meta property="og:type" content="article">
<link rel="canonical" href="/2025/01/02/harbour-reopens">
</head><body><nav><a href="/">Home</a> <a href="/login">Login</a></nav>
<article><h1>Harbour reopens</h1><p class="byline">By Tom Reyes</p>
<p>Ferries returned to the harbour on Thursday after a month of repairs to the main pier,
and the first boat left at dawn with a full deck of passengers and freight.</p>
<p>Harbour master Ines Okafor said the work had finished two days early, thanks to calm
weather, and that night sailings would resume next week once the lights were checked.</p>
</article></body></html>"""


def test_extract_fills_the_new_fields() -> None:
    article = thresher.extract(NEWS)
    assert article.title == "Harbour reopens"
    assert article.authors == ("Tom Reyes",)
    assert article.date == "2025-01-02"  # from the canonical URL's path
    assert article.site_name == "Coast News"
    assert article.language == "en"  # no lang attribute: detected from the text
    assert article.page_type == "article"
    data = article.to_dict()
    for key in ("date_modified", "description", "image", "categories", "tags", "page_type"):
        assert key in data


def test_page_type_is_one_of_wcxb_types() -> None:
    product = ld({"@type": "Product", "name": "Oak desk", "offers": {"@type": "Offer",
                  "price": "199.00", "priceCurrency": "EUR"}})  # fmt: skip
    meta = meta_of(product, body='<h1>Oak desk</h1><div class="price">€199.00</div>'
                   '<button>Add to cart</button><p>In stock. Free shipping.</p>' + BODY,
                   url="https://shop.example/products/oak-desk")  # fmt: skip
    assert meta.page_type in PAGE_TYPES
    assert meta.page_type == "product"


def test_extract_text_detects_language_and_reads_its_page_type() -> None:
    text = ("Menü\nStartseite\n"
            "Der Stadtrat hat am Dienstag über den neuen Haushalt der Bibliothek beraten. "
            "Nach langer Debatte stimmte eine Mehrheit dafür, die Öffnungszeiten am Samstag zu "
            "verlängern und zwei zusätzliche Stellen zu schaffen. Die Kosten von rund 90.000 Euro "
            "im Jahr sollen aus Rücklagen gedeckt werden. Kritiker bemängelten, dass die "
            "Sanierung des Gebäudes erneut verschoben wird.")
    article = thresher.extract_text(text)
    assert article.language == "de"
    assert article.page_type == "article"  # the flat page-type model's, from the lines alone
    assert article.authors == ()


def test_date_written_by_the_headline() -> None:
    body = "<h1>Snow at last</h1><p>Published March 4, 2025 · 5 min read</p>" + BODY
    assert meta_of(body=body).date == "2025-03-04"
    body = "<h1>Snow at last</h1><p>Stand 04.03.2025</p>" + BODY
    assert meta_of(body=body).date == "2025-03-04"
    body = "<h1>Schnee</h1><p>Von Moritz Bachmann, publiziert am 25. September 2018</p>" + BODY
    assert meta_of(body=body).date == "2018-09-25"


def test_utc_time_stamp_keeps_the_day_in_the_url() -> None:
    head = '<meta property="article:published_time" content="2024-12-19T03:05:00+00:00">'
    meta = meta_of(head, url="https://blog.example/2024/12/18/late-post/")
    assert meta.date == "2024-12-18"


def test_earlier_shown_date_wins_over_a_stated_update() -> None:
    head = ld({"@type": "Article", "datePublished": "2024-05-02"})
    body = "<h1>Best tents</h1><p>March 1, 2019</p>" + BODY
    assert meta_of(head, body).date == "2019-03-01"
    body = "<h1>Best tents</h1><p>Updated June 2, 2024</p>" + BODY  # later: an update
    assert meta_of(head, body).date == "2024-05-02"


def test_a_shown_local_date_a_day_before_a_utc_stamp_is_the_same_moment() -> None:
    body = "<h1>Best tents</h1><p>March 4, 2024</p>" + BODY
    # just after midnight UTC is the evening before in the Americas: the stated stamp stands
    head = ld({"@type": "Article", "datePublished": "2024-03-05T00:04:00Z"})
    assert meta_of(head, body).date == "2024-03-05T00:04:00Z"
    # late in the UTC day, or without a zone, a day earlier shown is an earlier publication
    for stamp in ("2024-03-05T22:02:58Z", "2024-03-05T03:05:48"):
        head = ld({"@type": "Article", "datePublished": stamp})
        assert meta_of(head, body).date == "2024-03-04", stamp


def test_organisation_author_yields_to_a_persons_byline() -> None:
    head = ld({"@type": "NewsArticle", "headline": "Rain",
               "author": {"@type": "Organization", "name": "Daily Bugle"}})  # fmt: skip
    assert meta_of(head).authors == ("Daily Bugle",)
    body = '<h1>Rain</h1><span class="byline">By Peter Parker</span>' + BODY
    assert meta_of(head, body).authors == ("Peter Parker",)


def test_date_line_that_names_itself_anywhere() -> None:
    filler = "".join(f"<p>Paragraph {i} of the story goes on and on.</p>" for i in range(40))
    body = "<h1>Rust backend</h1>" + filler + "<p>Posted on the 15/12/2024 at 19:00</p>"
    assert meta_of(body=body).date == "2024-12-15"
    body = "<h1>Rust backend</h1>" + filler + "<p>See you on 15/12/2024</p>"
    assert meta_of(body=body).date is None


def test_shown_date_far_below_the_headline_does_not_override() -> None:
    head = '<meta property="article:published_time" content="2021-11-01T10:52:50+01:00">'
    body = "<h1>Match report</h1><p>Intro line.</p>" * 1 + "<p>x</p>" * 8 + "<p>31.10.2021</p>"
    assert meta_of(head, body).date == "2021-11-01T10:52:50+01:00"


def test_a_date_with_an_unknown_zone_name_parses_without_a_warning() -> None:
    # pytest turns warnings into errors here: dateutil's UnknownTimezoneWarning must not leak
    from thresher.html.dates import parse_date

    assert parse_date("March 4, 2021 10:00 EST") == "2021-03-04T10:00:00"


# ---- authors: where pages name them ------------------------------------------------------


def test_jsonld_author_given_by_id_reference() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Tide tables", "author": {"@id": "#/person/1"}},
        {"@type": "Person", "@id": "#/person/1", "name": "Noor Haddad"},
    ]}  # fmt: skip
    assert meta_of(ld(graph)).authors == ("Noor Haddad",)


def test_author_element_found_by_class_in_any_case() -> None:
    body = '<h1>Tide tables</h1><div class="PostMeta"><span class="AuthorName">Ines Sousa' \
           '</span></div>' + BODY
    assert meta_of(body=body).authors == ("Ines Sousa",)


def test_author_box_with_a_biography_gives_its_first_short_leaf() -> None:
    bio = "<p>" + "Bence writes about audio software and game engines for the studio. " * 3
    body = BODY + f'<div class="blog-author"><img src="b.png"><h4>Bence Kovács</h4>{bio}</p></div>'
    assert meta_of(body=body).authors == ("Bence Kovács",)


def test_author_label_is_taken_off_an_author_element() -> None:
    body = '<h1>Tide tables</h1><div class="the-author">Autor: Marta Nowak</div>' + BODY
    assert meta_of(body=body).authors == ("Marta Nowak",)


def test_avatar_initials_are_not_an_author() -> None:
    body = '<h1>Tide tables</h1><div class="author-avatar">NB</div>' + BODY
    assert meta_of(body=body).authors == ()


def test_glued_by_line_and_a_byline_with_role_and_date() -> None:
    glued = "<h1>Tide tables</h1><div><span>By</span><a>Daryl Austin</a></div>" + BODY
    assert meta_of(body=glued).authors == ("Daryl Austin",)
    long_line = ("<h1>Tide tables</h1><div>By Chris McNamara ⋅ Founder and Editor-in-Chief ⋅ "
                 "Updated May 6, 2025</div>" + BODY)  # fmt: skip
    assert meta_of(body=long_line).authors == ("Chris McNamara",)


def test_written_by_box_below_the_body() -> None:
    filler = "".join(f"<p>Paragraph {i} about the harbour and its tides.</p>" for i in range(40))
    body = f"<h1>Tide tables</h1>{filler}<h3>Written by Cassidy Horton</h3>"
    assert meta_of(body=body).authors == ("Cassidy Horton",)


def test_site_name_as_author_yields_to_a_person_byline() -> None:
    head = '<meta property="og:site_name" content="Harbour Post"><meta name="author" ' \
           'content="Harbour Post">'
    meta = meta_of(head, body='<h1>Tide tables</h1><p class="byline">By Lena Berg</p>' + BODY)
    assert meta.authors == ("Lena Berg",)
    assert meta_of(head).authors == ("Harbour Post",)  # no person named: the site stays


def test_user_names_with_digits_and_dots() -> None:
    assert clean_author("Ejp55230") == "Ejp55230"
    assert clean_author("hayley.p") == "hayley.p"
    assert clean_author("wolfmw 1,674") == "wolfmw"  # a post count after the name
    assert clean_author("page.head.author") is None
    assert clean_author("CC7567") is None  # an id, not a chosen name
    assert clean_author("12 March 2024") is None


# ---- title: choosing between the sources ------------------------------------------------


def test_faq_question_name_is_not_the_title() -> None:
    faq = {"@type": "FAQPage", "mainEntity": [
        {"@type": "Question", "name": "How long does a move take?"}]}  # fmt: skip
    head = ld(faq) + "<title>Hire Movers in Jackson | MoveCo</title>"
    assert meta_of(head, url="https://moveco.example/jackson").title == "Hire Movers in Jackson"


def test_h1_that_is_the_site_part_of_the_title_is_not_the_headline() -> None:
    head = "<title>What is Ownership? - The Rust Programming Language</title>"
    meta = meta_of(head, body="<h1>The Rust Programming Language</h1>" + BODY)
    assert meta.title == "What is Ownership?"


def test_h1_repeating_the_whole_title_loses_the_suffix() -> None:
    head = '<meta property="og:site_name" content="WRAL"><title>Vehicle rental news | WRAL</title>'
    meta = meta_of(head, body="<h1>Vehicle rental news | WRAL</h1>" + BODY)
    assert meta.title == "Vehicle rental news"


def test_title_cut_short_yields_to_the_whole_one() -> None:
    head = ('<meta property="og:title" content="What will the watch market do in...">'
            "<title>What will the watch market do in 2024? | Watch Forums</title>")  # fmt: skip
    assert meta_of(head).title == "What will the watch market do in 2024?"


def test_h1_differing_only_in_quote_marks_keeps_the_stated_title() -> None:
    head = "<title>'Star Wars' cuts may return</title>"
    assert meta_of(head, body="<h1>‘Star Wars’ cuts may return</h1>" + BODY).title == (
        "'Star Wars' cuts may return"
    )


def test_entities_escaped_twice_are_decoded() -> None:
    item = {"@type": "NewsArticle", "headline": "And finally&amp;#8230; trouble brewing"}
    assert meta_of(ld(item)).title == "And finally… trouble brewing"


# ---- url: the canonical one when it is plausible -------------------------------------------


PAGE = "https://news.example/2025/harbour/tide-tables?utm_source=feed"


@pytest.mark.parametrize(("head", "expected"), [
    ('<link rel="canonical" href="/2025/harbour/tide-tables">',
     "https://news.example/2025/harbour/tide-tables"),
    ('<meta property="og:url" content="https://www.news.example/2025/harbour/tide-tables">',
     "https://www.news.example/2025/harbour/tide-tables"),
    (ld({"@type": "NewsArticle", "url": "https://m.news.example/tide-tables"}),
     "https://m.news.example/tide-tables"),
    ('<link rel="canonical" href="https://news.example/">', PAGE),  # the site root
    ('<link rel="canonical" href="https://other.example/unrelated">', PAGE),  # another site
    ('<link rel="canonical" href="https://mirror.example/2025/harbour/tide-tables">',
     "https://mirror.example/2025/harbour/tide-tables"),  # another host, the same path
    ('<link rel="canonical" href="javascript:void(0)">', PAGE),
    # hosts no URL parser reads: a conditional comment cut into the href, an open bracket
    ('<link rel="canonical" href="http://[if IEMobile 7]>">', PAGE),
    ('<meta property="og:url" content="https://[::1/tide-tables">', PAGE),
    ("", PAGE),
])  # fmt: skip
def test_url_is_the_plausible_canonical(head: str, expected: str) -> None:
    assert meta_of(head, url=PAGE).url == expected


def test_url_without_a_caller_url_is_the_declared_one() -> None:
    head = '<link rel="canonical" href="https://news.example/tide-tables">'
    assert meta_of(head).url == "https://news.example/tide-tables"
    assert meta_of('<link rel="canonical" href="/tide-tables">').url is None  # not absolute
    # a stated URL no parser reads is neither the page's URL nor read for its words
    meta = meta_of('<link rel="canonical" href="http://[if IE 7]>">')
    assert meta.url is None and meta.page_type in PAGE_TYPES


# ---- metadata of a page without main content -----------------------------------------------


def test_no_content_error_carries_the_metadata() -> None:
    head = ('<title>Beatrice Rug | Rugs</title><meta name="author" content="Ana Ruiz">'
            '<link rel="canonical" href="https://rugs.example/beatrice">')  # fmt: skip
    page = f"<html><head>{head}</head><body><script>render()</script></body></html>"
    with pytest.raises(thresher.NoContentError) as caught:
        thresher.extract(page, url="https://rugs.example/beatrice?ref=ad")
    article = caught.value.article
    assert caught.value.reason == "no_text" and article is not None
    assert (article.title, article.authors) == ("Beatrice Rug", ("Ana Ruiz",))
    assert article.url == "https://rugs.example/beatrice" and article.text == ""
    with pytest.raises(thresher.NoContentError) as binary:
        thresher.extract(b"%PDF-1.7 binary")
    assert binary.value.article is None


def test_jsonld_wrapped_in_cdata_or_a_comment() -> None:
    data = json.dumps({"@type": "Article", "datePublished": "2013-09-11T10:00:00-04:00"})
    for wrapped in (f"<![CDATA[\n{data}\n]]>", f"<!--{data}-->", f"//<![CDATA[\n{data}\n//]]>"):
        head = f'<script type="application/ld+json">\n  {wrapped}\n</script>'
        assert meta_of(head).date == "2013-09-11T10:00:00-04:00", wrapped


def test_heading_permalink_mark_is_not_part_of_the_title() -> None:
    head = '<meta property="og:title" content="Logging HOWTO">'
    assert meta_of(head, body="<h1>Logging HOWTO<a href='#x'>¶</a></h1>" + BODY).title == (
        "Logging HOWTO"
    )
