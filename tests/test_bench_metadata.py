"""The agreement rules of the metadata benchmark, on hand-written values."""

from __future__ import annotations

from bench.metadata import (
    MetadataRun,
    MetaOutput,
    author_agrees,
    date_agrees,
    language_agrees,
    render_metadata,
    title_agrees,
)


def test_title_agrees_after_normalisation() -> None:
    assert title_agrees("Ｃafé  Life", MetaOutput(title="café life"))
    assert not title_agrees("Café Life", MetaOutput(title="Café Life | Site"))
    assert not title_agrees("Café Life", MetaOutput())


def test_author_agrees_when_every_gold_name_is_contained() -> None:
    out = MetaOutput(authors=("Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"))
    assert author_agrees("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen", out)
    assert author_agrees("Donna Enzmann", out)
    assert not author_agrees("Donna Enzmann & Kim Lee", out)
    assert not author_agrees("Kim Lee", MetaOutput())


def test_date_agrees_on_the_day() -> None:
    assert date_agrees("2021-11-01T10:52:50+0100", MetaOutput(date="2021-11-01"))
    assert not date_agrees("2021-11-01", MetaOutput(date="2021-11-02T00:10:00Z"))


def test_language_agrees_on_the_primary_subtag() -> None:
    assert language_agrees("en-US", MetaOutput(language="en"))
    assert language_agrees("pt", MetaOutput(language="pt_BR"))
    assert not language_agrees("en", MetaOutput(language="de"))


def test_render_marks_missing_fields_and_the_time_share() -> None:
    run = MetadataRun(extractors=[], metadata_share=0.125)
    text = render_metadata(run)
    assert "12.5%" in text
    assert "## Metadata" in text
