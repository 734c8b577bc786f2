"""Bad input: every page either gives an Article or raises a typed ThresherError, never a crash.

One test per kind of bad input; each asserts the specific outcome (which error, which reason),
not merely that nothing blew up.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

import thresher
from thresher import Article, Options
from thresher.errors import (
    InputError,
    LimitExceededError,
    NoContentError,
    ThresherError,
)

KEY_SENTENCE = "The harbour master said the new pontoon would be ready before the regatta."
ACCENTED_SENTENCE = "Visitors can buy a café crème and a croque-monsieur at the kiosk."
DEFAULT_MAX_INPUT_BYTES = Options().max_input_bytes


def article_page(
    extra: str = "", *, title: str = "Harbour pontoon to open in time for regatta"
) -> str:
    """A plain news page with a clear main text; ``extra`` is added as its last paragraph."""
    paragraphs = [
        "Work on the new floating pontoon at Westcombe harbour is ahead of schedule, and boats "
        "should be able to tie up there from the first week of July, the harbour board said.",
        KEY_SENTENCE,
        "The pontoon replaces a wooden jetty that was damaged in the storms two winters ago and "
        "has been closed to the public since, forcing visiting yachts to anchor in the bay.",
        ACCENTED_SENTENCE,
        "Local sailing clubs welcomed the news and said they expected more entries than last "
        "year, when the regatta was shortened because there was nowhere for crews to land.",
    ]
    if extra:
        paragraphs.append(extra)
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>{title} | Westcombe Herald</title></head>
<body>
<nav class="main-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article><h1>{title}</h1>
<div class="article-body">
{body}
</div></article></main>
<footer class="site-footer"><a href="/privacy">Privacy</a> <p>&copy; Westcombe Herald</p></footer>
</body></html>
"""


def outcome_of(source: object, **kwargs: object) -> Article | ThresherError:
    """Run ``thresher.extract`` and return its Article or the ThresherError it raised.

    Any other exception (RecursionError, UnicodeError, MemoryError, ...) propagates and fails
    the test: bad input must end in one of exactly these two outcomes.
    """
    try:
        result = thresher.extract(source, **kwargs)  # type: ignore[arg-type]
    except ThresherError as exc:
        return exc
    assert isinstance(result, Article), f"extract returned {type(result).__name__}"
    return result


def assert_no_content(outcome: Article | ThresherError, reason: str) -> None:
    assert isinstance(outcome, NoContentError), f"expected NoContentError, got {outcome!r}"
    assert outcome.reason == reason


def assert_article(outcome: Article | ThresherError) -> Article:
    assert isinstance(outcome, Article), f"expected an Article, got {outcome!r}"
    outcome.to_json().encode("utf-8")  # serialisable, no lone surrogates
    return outcome


def test_control_page_gives_an_article() -> None:
    # the baseline the other tests perturb: if this fails, their Article checks mean nothing
    article = assert_article(outcome_of(article_page().encode("utf-8")))
    assert KEY_SENTENCE in article.text


# --- nothing there ------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [b"", ""], ids=["bytes", "str"])
def test_empty_input(source: str | bytes) -> None:
    assert_no_content(outcome_of(source), "empty")


@pytest.mark.parametrize(
    "source",
    [" \n\t\r ", b"  \r\n\t  ", "\xa0\u2003\n", b"\xef\xbb\xbf \n"],
    ids=["str", "bytes", "unicode-spaces", "bom-and-spaces"],
)
def test_whitespace_only(source: str | bytes) -> None:
    assert_no_content(outcome_of(source), "empty")


def test_markup_without_text() -> None:
    source = "<!DOCTYPE html><html><head><title></title></head><body><div></div></body></html>"
    assert_no_content(outcome_of(source), "no_text")


# --- not HTML -----------------------------------------------------------------------------------


def test_binary_junk() -> None:
    junk = random.Random(20240514).randbytes(64 * 1024)
    assert_no_content(outcome_of(junk), "not_html")


def test_pdf_bytes() -> None:
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    assert_no_content(outcome_of(pdf), "not_html")


@pytest.mark.parametrize(
    "document",
    [
        {"title": "Harbour pontoon", "items": [1, 2, 3]},
        [{"id": 1, "text": "a"}, {"id": 2, "text": "b"}],
        {"html": f"<article><p>{KEY_SENTENCE}</p></article>"},
    ],
    ids=["object", "array", "html-inside-json"],
)
def test_json_bytes(document: object) -> None:
    data = json.dumps(document).encode("utf-8")
    assert_no_content(outcome_of(data), "not_html")
    assert_no_content(outcome_of(data.decode("utf-8")), "not_html")


# --- wrong types --------------------------------------------------------------------------------


@pytest.mark.parametrize("source", [123, None, 1.5, ["<p>x</p>"], object()])
def test_non_str_or_bytes_source(source: object) -> None:
    with pytest.raises(InputError) as info:
        thresher.extract(source)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, ThresherError)
    assert type(source).__name__ in str(info.value)


# --- too large ----------------------------------------------------------------------------------


def big_page(size: int) -> str:
    """An article page of at least ``size`` characters (and so at least as many bytes)."""
    paragraph = f"<p>{KEY_SENTENCE} Paragraph number {{}} of a very long page.</p>\n"
    head, tail = article_page().split("</div></article>")
    count = size // len(paragraph) + 1
    return head + "".join(paragraph.format(i) for i in range(count)) + "</div></article>" + tail


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "str"])
def test_40_mb_page_exceeds_the_default_limit(as_bytes: bool) -> None:
    page = big_page(40_000_000)
    source: str | bytes = page.encode("utf-8") if as_bytes else page
    outcome = outcome_of(source)
    assert isinstance(outcome, LimitExceededError)
    assert outcome.limit == "max_input_bytes"
    assert outcome.value == len(source)
    assert outcome.maximum == DEFAULT_MAX_INPUT_BYTES


def test_input_limit_is_exact() -> None:
    data = article_page().encode("utf-8")
    outcome = outcome_of(data, options=Options(max_input_bytes=len(data) - 1))
    assert isinstance(outcome, LimitExceededError)
    assert_article(outcome_of(data, options=Options(max_input_bytes=len(data))))


@pytest.mark.slow
def test_40_mb_page_with_a_raised_limit_finishes() -> None:
    data = big_page(40_000_000).encode("utf-8")
    started = time.perf_counter()
    outcome = outcome_of(data, options=Options(max_input_bytes=100_000_000))
    elapsed = time.perf_counter() - started
    assert elapsed < 120, f"took {elapsed:.0f} s"
    if isinstance(outcome, Article):
        assert KEY_SENTENCE in outcome.text
    else:  # the node limit may cut the page, but only with a typed error
        assert isinstance(outcome, ThresherError)


# --- pathological structure ---------------------------------------------------------------------


DEPTH = 100_000
NESTING_SECONDS = 20  # generous: linear handling takes well under a second


@pytest.mark.parametrize(
    "source",
    [
        "<div>" * DEPTH + "text" + "</div>" * DEPTH,
        "<div>" * DEPTH + f"<p>{KEY_SENTENCE}</p>",  # never closed
        "<span><b>" * (DEPTH // 2) + KEY_SENTENCE,
        article_page("<div>" * DEPTH + "deep text" + "</div>" * DEPTH),
    ],
    ids=["closed-divs", "unclosed-divs", "inline", "inside-article"],
)
def test_100k_deep_nesting(source: str) -> None:
    # must not raise RecursionError (the tree walk has to be iterative) and must not take
    # long: HTML tree builders that check element scope per start tag go quadratic in depth
    started = time.perf_counter()
    outcome = outcome_of(source)
    assert time.perf_counter() - started < NESTING_SECONDS
    if isinstance(outcome, Article):
        outcome.to_json()
    else:
        assert isinstance(outcome, ThresherError)


def test_100k_deep_nesting_around_the_article_keeps_it() -> None:
    started = time.perf_counter()
    outcome = outcome_of("<div>" * DEPTH + article_page() + "</div>" * DEPTH)
    assert time.perf_counter() - started < NESTING_SECONDS
    if isinstance(outcome, Article):
        assert KEY_SENTENCE in outcome.text
    else:  # refusing the page as too deep is fine too, if it says so
        assert isinstance(outcome, (LimitExceededError, NoContentError)), repr(outcome)


# --- broken text --------------------------------------------------------------------------------


def test_lone_surrogates_in_str() -> None:
    page = article_page("A broken emoji \ud83d here and a stray \udc00 there.")
    article = assert_article(outcome_of(page.replace("Harbour pontoon", "Harbour \ud800pontoon")))
    assert KEY_SENTENCE in article.text
    assert "\ufffd" in article.text
    article.text.encode("utf-8")
    assert article.title is None or "\ud800" not in article.title


def test_nul_characters() -> None:
    page = article_page().replace("new floating", "new\x00 floating")
    article = assert_article(outcome_of(page.encode("utf-8")))
    assert "\x00" not in article.text
    assert KEY_SENTENCE in article.text


def test_wrong_declared_charset() -> None:
    # the server says UTF-8, the page is windows-1252: no crash, and the accents survive
    data = article_page().encode("cp1252")
    article = assert_article(outcome_of(data, encoding="utf-8"))
    assert ACCENTED_SENTENCE in article.text


@pytest.mark.parametrize("encoding", ["x-unknown", "utf-99", "base64", ""])
def test_unknown_declared_charset(encoding: str) -> None:
    article = assert_article(outcome_of(article_page().encode("utf-8"), encoding=encoding))
    assert ACCENTED_SENTENCE in article.text


def test_unknown_meta_charset() -> None:
    page = article_page().replace("<head>", '<head><meta charset="x-klingon">')
    article = assert_article(outcome_of(page.encode("utf-8")))
    assert ACCENTED_SENTENCE in article.text


# --- hostile markup ------------------------------------------------------------------------------


def test_a_million_links_are_cut_at_the_node_limit() -> None:
    links = "<a href=#>go</a>" * 1_000_000  # 16 MB: under the input limit
    page = article_page().replace("<footer", f"<div class='links'>{links}</div><footer")
    assert len(page) < DEFAULT_MAX_INPUT_BYTES
    started = time.monotonic()
    article = assert_article(outcome_of(page))
    assert time.monotonic() - started < 60
    assert KEY_SENTENCE in article.text and "go" not in article.text.split()


@pytest.mark.parametrize("where", ["attribute", "script", "style", "comment"])
def test_two_megabyte_attributes_scripts_and_comments_stay_out(where: str) -> None:
    blob = "x" * 2_000_000
    extra = {
        "attribute": f'<div data-state="{blob}" class="{blob}">tail</div>',
        "script": f"<script>var s = '{blob}';</script>",
        "style": f"<style>.a{{content:'{blob}'}}</style>",
        "comment": f"<!-- {blob} -->",
    }[where]
    article = assert_article(outcome_of(article_page().replace("</main>", extra + "</main>")))
    assert KEY_SENTENCE in article.text and "xxxxxxxx" not in article.text


def test_entity_definitions_are_never_expanded_nor_external_entities_read() -> None:
    # an XML "billion laughs" and an external entity: HTML has neither, and nothing is fetched
    doctype = (
        '<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/hostname">'
        '<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    page = article_page("Entities: &secret; &c; end.").replace("<!DOCTYPE html>", doctype)
    article = assert_article(outcome_of(page))
    assert KEY_SENTENCE in article.text
    assert "haha" not in article.text
    hostname = Path("/etc/hostname")
    if hostname.exists() and hostname.read_text().strip():
        assert hostname.read_text().strip() not in article.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_pages_with_and_without_a_bom(codec: str) -> None:
    article = assert_article(outcome_of(article_page().encode(codec)))
    assert KEY_SENTENCE in article.text and ACCENTED_SENTENCE in article.text


@pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1", "windows-1251"])
def test_png_served_as_html_is_not_html(declared: str) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    assert_no_content(outcome_of(png, encoding=declared), "not_html")


def test_time_limit_stops_a_page_and_names_the_limit() -> None:
    page = article_page().encode()
    outcome = outcome_of(page, options=Options(time_limit=1e-9))
    assert isinstance(outcome, LimitExceededError) and outcome.limit == "time_limit"
    assert "time_limit exceeded" in str(outcome)
    with pytest.raises(LimitExceededError):
        thresher.extract_text("A line of text that is long enough.\n" * 50,
                              options=Options(time_limit=1e-9))
    assert_article(outcome_of(page, options=Options(time_limit=None)))


@pytest.mark.parametrize("value", [0, -1.0, "5"])
def test_time_limit_must_be_positive(value: object) -> None:
    with pytest.raises(thresher.InvalidOptionError):
        Options(time_limit=value)  # type: ignore[arg-type]
