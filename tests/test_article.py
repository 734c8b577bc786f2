import json

import pytest

from thresher import Article, Block, InvalidOptionError, Link, Options


def make_article() -> Article:
    return Article(
        title="Bridge opens",
        lead="The new bridge opened on Monday.",
        authors=("Ann Lee",),
        date="2026-05-04",
        blocks=(
            Block("paragraph", "First *paragraph* with <b>markup</b>."),
            Block("heading", "Reaction", level=2),
            Block("list", "one\ntwo"),
            Block("quote", "It is wonderful."),
            Block("table", "a | b\n1 | 2", rows=(("a", "b"), ("1", "2"))),
            Block("code", "print('hi')"),
        ),
        captions=("A photo.",),
        related=(Link("Other story", "https://example.com/other"),),
    )


def test_text_is_body_only() -> None:
    article = make_article()
    lines = article.text.split("\n")
    assert lines[0] == "First *paragraph* with <b>markup</b>."
    assert "Bridge opens" not in article.text
    assert "A photo." not in article.text
    assert "Other story" not in article.text


def test_to_dict_and_json_round_trip() -> None:
    article = make_article()
    data = json.loads(article.to_json())
    assert data == article.to_dict()
    assert data["authors"] == ["Ann Lee"]
    assert data["blocks"][1] == {"kind": "heading", "text": "Reaction", "level": 2}
    assert data["blocks"][4]["rows"] == [["a", "b"], ["1", "2"]]
    assert data["related"] == [{"text": "Other story", "url": "https://example.com/other"}]
    assert data["text"] == article.text


def test_markdown_renders_structure_and_escapes_markup() -> None:
    md = make_article().to_markdown()
    assert md.startswith("# Bridge opens\n\n*The new bridge opened on Monday.*")
    assert "## Reaction" in md
    assert "- one\n- two" in md
    assert "> It is wonderful." in md
    assert "| a | b |\n| --- | --- |\n| 1 | 2 |" in md
    assert "```\nprint('hi')\n```" in md
    # page text never becomes markup or raw HTML
    assert r"First \*paragraph\* with \<b\>markup\</b\>." in md


def test_article_is_frozen() -> None:
    article = make_article()
    with pytest.raises(AttributeError):
        article.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize("kwargs", [{"threshold": 1.5}, {"max_input_bytes": 0}, {"max_nodes": -1}])
def test_options_validate(kwargs: dict[str, float]) -> None:
    with pytest.raises(InvalidOptionError):
        Options(**kwargs)  # type: ignore[arg-type]
