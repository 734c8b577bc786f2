"""Dates written in the page's lines: glued to their neighbours, or in a list of other posts."""

from __future__ import annotations

import datetime as dt

import pytest

from thresher.html.dates import find_text_date, parse_date
from thresher.html.dom import parse_html, walk_blocks
from thresher.html.metadata import read_metadata

TODAY = dt.date(2026, 3, 1)
BODY = "<p>" + "The council met on Tuesday to discuss the new library budget. " * 6 + "</p>"


def date_of(body: str) -> str | None:
    dom = parse_html(f"<html><body>{body}</body></html>")
    return read_metadata(dom, None, walk_blocks(dom, 100_000).blocks, today=TODAY).date


@pytest.mark.parametrize(("text", "day"), [
    ("Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2026", "2022-12-22"),
    ("April 26, 2024Updated on: October 28, 2024", "2024-04-26"),
    ("PublishedMarch 3, 2025", "2025-03-03"),
    ("March 3rd, 2025", "2025-03-03"),  # an ordinal is not a glued word
])  # fmt: skip
def test_date_glued_to_the_words_around_it(text: str, day: str) -> None:
    assert find_text_date(text, TODAY) == day


def test_glued_date_line_by_the_headline() -> None:
    body = ("<h1>Meditation and the mind</h1><div><span>Mental Health</span><span>December 22, "
            "2022</span><span>Updated: January 02, 2026</span></div>" + BODY)  # fmt: skip
    assert date_of(body) == "2022-12-22"


def test_list_of_recent_posts_by_the_headline_is_not_the_date() -> None:
    posts = "".join(f"<div><a href='/p{d}'>Post {d}</a></div><div>February {d}, 2026</div>"
                    for d in (27, 19, 12, 5))  # fmt: skip
    assert date_of(f"<h1>Writing a college essay</h1>{posts}{BODY}") is None
    own = "<h1>Writing a college essay</h1><p>May 18, 2023</p>" + BODY + posts
    assert date_of(own) == "2023-05-18"


def test_published_and_updated_lines_are_not_a_list() -> None:
    body = ("<h1>Writing a college essay</h1><p>Published May 18, 2023</p>"
            "<p>Updated June 2, 2024</p>" + BODY)  # fmt: skip
    assert date_of(body) == "2023-05-18"


@pytest.mark.parametrize(("text", "day"), [
    ("publiziert am 30. Juli 2018", "2018-07-30"),
    ("Publié le 3 juin 2023", "2023-06-03"),
    ("4 de marzo de 2025", "2025-03-04"),
    ("Pubblicato il 7 settembre 2022", "2022-09-07"),
    ("By: FlowGuard EMEA on 04-ago-2021 5:11:10", "2021-08-04"),
    ("12 października 2024", "2024-10-12"),
    ("4 марта 2025 г.", "2025-03-04"),
    ("Geplaatst 12 mei 2020", "2020-05-12"),
])  # fmt: skip
def test_month_names_of_other_languages(text: str, day: str) -> None:
    assert find_text_date(text, TODAY) == day


@pytest.mark.parametrize("text", ["31 février 2020", "5 years ago 2024", "Mai 2024", "12 mei"])
def test_not_a_date_in_another_language(text: str) -> None:
    assert find_text_date(text, TODAY) is None


def test_foreign_date_in_a_meta_value_and_a_date_line() -> None:
    assert parse_date("4. März 2025", TODAY) == "2025-03-04"
    body = "<h1>Comwrap auf der dmexco</h1><p>publiziert am 30. Juli 2018</p>" + BODY
    assert date_of(body) == "2018-07-30"
