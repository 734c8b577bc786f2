"""End to end on pages written for these tests: the body is kept, the chaff is not."""

from __future__ import annotations

from pathlib import Path

import pytest

import thresher

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parent.parent / "samples" / "news-article.html"


@pytest.fixture(scope="module")
def blog() -> thresher.Article:
    return thresher.extract(DATA.joinpath("blog-post.html").read_bytes())


def test_metadata(blog: thresher.Article) -> None:
    assert blog.title == "Sauerteig ohne Stress: Ein Wochenplan"
    assert blog.authors == ("Jana Becker",)
    assert blog.date == "2025-03-14T08:30:00+01:00"
    assert blog.site_name == "Brotzeit Blog"
    assert blog.language == "de"
    assert blog.url == "https://brotzeit.example/sauerteig-wochenplan"


def test_body_is_kept_in_order(blog: thresher.Article) -> None:
    text = blog.text
    first = text.find("Viele Leserinnen und Leser")
    middle = text.find("Am Mittwoch wird der Hauptteig")
    last = text.find("bis die nächste Woche beginnt")
    assert 0 <= first < middle < last
    assert "500 g Roggenmehl Type 1150" in text


def test_structure(blog: thresher.Article) -> None:
    kinds = [b.kind for b in blog.blocks]
    assert "heading" in kinds and "list" in kinds
    heading = next(b for b in blog.blocks if b.kind == "heading")
    assert heading.text == "Montag bis Mittwoch" and heading.level == 2
    items = next(b for b in blog.blocks if b.kind == "list").text.split("\n")
    assert items == ["500 g Roggenmehl Type 1150", "350 g Wasser", "100 g aktiver Sauerteig",
                     "10 g Salz"]


def test_chaff_is_dropped(blog: thresher.Article) -> None:
    for chaff in ("Akzeptieren", "Über uns", "Impressum", "Abonnieren", "Kategorien",
                  "Twittern", "Jeden Freitag ein neues Rezept"):
        assert chaff not in blog.text, chaff
    # the headline and the caption live in their own fields, not in the body
    assert "Sauerteig ohne Stress" not in blog.text
    assert "Ein frisch gebackenes Roggenmischbrot" not in blog.text
    assert blog.captions == ("Ein frisch gebackenes Roggenmischbrot nach dem Wochenplan.",)


def test_str_and_bytes_agree(blog: thresher.Article) -> None:
    html = DATA.joinpath("blog-post.html").read_text(encoding="utf-8")
    assert thresher.extract(html) == blog


def test_url_argument_wins(blog: thresher.Article) -> None:
    article = thresher.extract(DATA.joinpath("blog-post.html").read_bytes(),
                               url="https://mirror.example/x")
    assert article.url == "https://mirror.example/x"


def test_threshold_trades_recall_for_precision() -> None:
    data = DATA.joinpath("blog-post.html").read_bytes()
    loose = thresher.extract(data, options=thresher.Options(threshold=0.05))
    strict = thresher.extract(data, options=thresher.Options(threshold=0.95))
    assert len(loose.text) >= len(strict.text)


def test_bundled_sample() -> None:
    article = thresher.extract(SAMPLE.read_bytes())
    assert article.title and article.site_name and article.authors and article.date
    assert len(article.blocks) >= 8
    assert article.lead is not None
    assert article.captions
