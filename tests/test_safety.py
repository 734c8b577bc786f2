"""Safety: thresher never opens a network connection for a URL in a page, never runs a
page's scripts, never writes outside the output folder, and escapes what it renders."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

import thresher
from tests.corpus_support import news_page, output_rows, write_warc
from thresher.corpus import run

HOSTILE = """<!DOCTYPE html><html><head><title>Pier reopens after repairs</title>
<link rel="stylesheet" href="http://tracker.example/style.css">
<script src="http://tracker.example/app.js"></script>
<script>document.write('<p>INJECTED BY SCRIPT with a long sentence of many words here.</p>');
document.body.innerHTML = 'REPLACED';</script>
<meta http-equiv="refresh" content="0; url=http://tracker.example/away">
</head><body>
<iframe src="http://tracker.example/frame"></iframe>
<img src="http://tracker.example/pixel.gif" srcset="http://tracker.example/a.jpg 2x">
<article><h1>Pier reopens after repairs</h1>
<p>The pier reopened on Saturday after eight months of repairs to its iron legs and deck.</p>
<p>Visitors queued from early morning, and the cafe at the end sold out of scones by noon.</p>
<p>Link text stays plain: [click](javascript:alert(1)) and <a href="javascript:alert(2)">this
one</a> and a # hash, * star, `tick` and | pipe in the sentence about the pier.</p>
</article>
<object data="http://tracker.example/flash.swf"></object>
</body></html>"""


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail any attempt to resolve a name or open a connection, and record it."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network use is not allowed here")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_urls_in_a_page_are_never_fetched_and_scripts_never_run(no_network: list[object]) -> None:
    article = thresher.extract(HOSTILE.encode(), url="http://pier.example/news/1")
    assert "eight months of repairs" in article.text
    assert "INJECTED" not in article.text and "REPLACED" not in article.text
    text = thresher.extract_text(HOSTILE)
    assert text.blocks
    assert no_network == []


def test_a_corpus_run_opens_no_connection(no_network: list[object], tmp_path: Path) -> None:
    built = write_warc(tmp_path / "w.warc.gz", [("http://pier.example/1", HOSTILE),
                                                ("http://pier.example/2", news_page(2))])
    run([str(built.path)], tmp_path / "out", workers=1, progress=False)
    assert len(output_rows(tmp_path / "out")) == 2
    assert no_network == []


def test_rendering_escapes_markup_and_json_is_valid(no_network: list[object]) -> None:
    article = thresher.extract(HOSTILE)
    markdown = article.to_markdown()
    assert "[click](javascript:alert(1))" not in markdown
    assert "\\[click\\]" in markdown and "\\`tick\\`" in markdown and "\\|" in markdown
    assert "<script" not in markdown.lower()
    data = json.loads(article.to_json())
    assert data["text"] == article.text


@pytest.mark.parametrize("name", ["...warc.gz", "..warc.gz", ".hidden.warc.gz",
                                  "a b;rm -rf.warc.gz", "ünï cødé.warc.gz"])
def test_outputs_stay_inside_the_output_folder(tmp_path: Path, name: str) -> None:
    source = tmp_path / "in" / "deeper"
    source.mkdir(parents=True)
    write_warc(source / name, [("http://pier.example/1", news_page(1))], extras=False)
    out = tmp_path / "in" / "out"
    before = {p for p in tmp_path.rglob("*")}
    run([str(source / name)], out, workers=1, progress=False)
    created = {p for p in tmp_path.rglob("*")} - before
    assert created, "the run wrote its outputs"
    for path in created:
        assert out.resolve() in path.resolve().parents or path.resolve() == out.resolve(), path
    assert len([p for p in created if p.suffix == ".jsonl"]) == 2  # rows and rejects
    assert os.listdir(source) == [name]
