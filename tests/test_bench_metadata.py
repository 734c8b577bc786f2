"""The agreement rules of the metadata benchmark, on hand-written values."""

from __future__ import annotations

from bench.metadata import (
    MetadataRun,
    MetaExtractor,
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


def test_render_says_which_targets_are_met() -> None:
    def extractor(name: str, fields: set[str]) -> MetaExtractor:
        return MetaExtractor(name, name, frozenset(fields), lambda page: MetaOutput())

    run = MetadataRun(extractors=[extractor("thresher", {"title", "authors", "date"}),
                                  extractor("peer", {"title", "date"})],
                      pages=100, metadata_share=0.25)  # fmt: skip
    run.scored.update({("wcxb_dev", "title"): 100, ("wcxb_dev", "meta.author"): 50,
                       ("wcxb_dev", "meta.publish_date"): 10})  # fmt: skip
    run.agree.update({
        ("wcxb_dev", "title", "thresher"): 90, ("wcxb_dev", "title", "peer"): 95,  # peer ahead
        ("wcxb_dev", "meta.author", "thresher"): 45,  # no peer returns authors
        ("wcxb_dev", "meta.publish_date", "thresher"): 9,  # under 0.92
    })  # fmt: skip
    text = render_metadata(run)
    assert "- wcxb_dev title: 0.900 (target ≥ 0.85 and above every peer; best peer 0.950): " \
        "**not met**" in text
    assert "- wcxb_dev meta.author: 0.900 (target ≥ 0.85 and above every peer; best peer " \
        "0.000): **met**" in text
    assert "- wcxb_dev meta.publish_date: 0.900" in text and text.count("**met**") == 1
    assert "meta.page_type:" not in text  # no page scored
    assert "- metadata step: 25.0% of extraction time (target under 20%): **not met**" in text
    run.metadata_share = 0.169
    assert "(target under 20%): **met**" in render_metadata(run)
    # a page type scored by the shipped model (no fold models) is not held to its target
    run.extractors[0] = MetaExtractor("thresher", "thresher", frozenset({"page_type"}),
                                      lambda page: MetaOutput(), "scored with the shipped model")
    run.scored[("wcxb_dev", "meta.page_type")] = 10
    run.agree[("wcxb_dev", "meta.page_type", "thresher")] = 9
    assert "meta.page_type: 0.900 (target ≥ 0.80 and above every peer; best peer 0.000): " \
        "**not assessed" in render_metadata(run)


def test_error_analysis_sorts_misses_by_cause(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import gzip
    import json

    from bench.metadata_errors import classify_misses

    body = "<p>" + "The ferry timetable changes on Monday for the winter season. " * 8 + "</p>"
    pages = [  # (gold title, head, h1)
        ("Ferry timetable", "<title>Ferry timetable | Port News</title>", "Ferry timetable"),
        ("Winter ferries", '<meta property="og:title" content="Ferry timetable changes">'
         "<title>Winter ferries</title>", "Ferry timetable changes"),
        ("Harbour dues", "<title>Ferry timetable changes</title>", "Ferry timetable changes"),
    ]  # fmt: skip
    folder = tmp_path / "tiny"
    folder.mkdir()
    with gzip.open(folder / "pages.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i, (gold, head, h1) in enumerate(pages):
            html = f"<html><head>{head}</head><body><h1>{h1}</h1>{body}</body></html>"
            row = {"id": str(i), "url": f"https://port.example/{i}", "html": html,
                   "text": body, "title": gold}  # fmt: skip
            fh.write(json.dumps(row) + "\n")
    monkeypatch.setenv("THRESHER_DATASETS", str(tmp_path))
    scored, misses = classify_misses("title", "tiny")
    assert scored == 3
    assert [(m.key, m.cause) for m in misses] == [
        ("tiny/1", "gold offered by <title>"), ("tiny/2", "not derivable")]
    assert misses[0].candidates["og:title"] == ["Ferry timetable changes"]


def test_title_split_relations_and_choices() -> None:
    from bench.title_split import gold_choice, relation

    stated, stripped = "How to watch the 21 best films - Vox", "How to watch the 21 best films"
    assert relation(stated, stripped, "How to watch the 21 best films") == "same"
    assert relation(stated, stripped, "The 21 best movies") == "reworded"
    assert relation(stated, stripped, "Vox") == "inside"
    assert relation(stated, stripped, "How to watch the 21 best films of 2017") == "extends"
    assert relation(stated, stripped, "Menu") == "unrelated"
    assert relation(stated, stripped, None) == "no h1"
    assert gold_choice("The 21 Best Movies", stated, stripped, "The 21 best movies") == "h1"
    assert gold_choice("how to watch the 21 best films", stated, stripped, "Vox") == "title"
    assert gold_choice("Films", stated, stripped, None) == "neither"


def test_flat_text_column_reads_the_flat_field_with_the_fold_models_and_is_no_peer() -> None:
    from types import SimpleNamespace

    import thresher
    from bench.datasets import GoldPage
    from bench.metadata import THRESHER_TEXT, ThresherTextMeta

    lines = ["Home", "News", "Sport", "Ferry service to the islands will run all winter",
             *["The ferry to the islands will run every day of the winter this year, the "
               f"council said on Monday in its {k} statement about the new timetable."
               for k in ("first", "second", "third", "fourth")], "About us"]
    page = GoldPage("wcxb_dev", "0001", None, "<p>x</p>", "", "t", "\n".join(lines))
    asked: list[str] = []

    def options_for(key: str) -> thresher.Options:
        asked.append(key)
        return thresher.Options()

    out = ThresherTextMeta(SimpleNamespace(options_for=options_for))(page)
    assert asked == ["wcxb_dev/0001"]
    assert out.title == "Ferry service to the islands will run all winter"
    assert out.language == "en" and out.page_type is not None and not out.authors
    # a page without flat text gives nothing: a miss, not an error
    assert ThresherTextMeta(None)(GoldPage("wcxb_dev", "0002", None, "<p>x</p>", "", "t", "")) \
        == MetaOutput()
    # its agreement is shown, but the targets compare the peers only
    run = MetadataRun(extractors=[
        MetaExtractor("thresher", "thresher", frozenset({"title"}), lambda p: MetaOutput()),
        MetaExtractor(THRESHER_TEXT, "thresher", frozenset({"title"}), lambda p: MetaOutput())],
        pages=10)  # fmt: skip
    run.scored[("wcxb_dev", "title")] = 10
    run.agree.update({("wcxb_dev", "title", "thresher"): 9,
                      ("wcxb_dev", "title", THRESHER_TEXT): 10})  # fmt: skip
    text = render_metadata(run)
    assert f"| {THRESHER_TEXT} |" in text and "| **1.000** |" in text
    assert "- wcxb_dev title: 0.900 (target ≥ 0.85 and above every peer; best peer 0.000): " \
        "**met**" in text
