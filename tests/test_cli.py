"""The ``thresher`` command line, run in-process through ``main`` (and once as a subprocess)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import thresher
from thresher.cli import main

KEY_SENTENCE = "The new reading room on the second floor will stay open until nine on Fridays."


def article_page(title: str = "Library extends its weekend opening hours") -> str:
    """A small but complete news page: navigation, an article of several paragraphs, a footer."""
    paragraphs = [
        "Ashcombe central library will open on Sunday afternoons from next month, the first "
        "change to its timetable in more than a decade, after a year-long trial drew large crowds.",
        KEY_SENTENCE,
        "Staff said the trial brought in students revising for exams, parents with young children "
        "and older residents who use the free computers to keep in touch with their families.",
        "The extra hours will be paid for by savings from new lighting and heating, which cut the "
        "building's energy bills by almost a third last winter, according to the council.",
        "A volunteer group that runs a weekly reading club for children said it hoped the longer "
        "hours would let it add a second session on Sunday mornings before the summer holidays.",
    ]
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Ashcombe Echo</title></head>
<body>
<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/contact">Contact</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="article-body">
{body}
</div>
</article></main>
<footer class="site-footer"><a href="/privacy">Privacy</a> <a href="/terms">Terms</a>
<p>&copy; 2024 Ashcombe Echo</p></footer>
</body></html>
"""


def write_page(path: Path, *, title: str = "Library extends its weekend opening hours") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = article_page(title).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


# --- one input --------------------------------------------------------------------------------


def test_single_file_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(tmp_path / "story.html")
    assert main(["extract", str(page)]) == 0
    out, err = capsys.readouterr()
    assert KEY_SENTENCE in out
    assert "<p>" not in out and "Privacy" not in out
    assert out.endswith("\n") and err == ""


def test_single_file_as_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(tmp_path / "story.html")
    assert main(["extract", "--format", "markdown", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Library extends its weekend opening hours")
    assert KEY_SENTENCE in out


def test_single_file_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(tmp_path / "story.html")
    assert main(["extract", "--format", "json", "--url", "https://echo.example/a", str(page)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    record = json.loads(out)
    assert KEY_SENTENCE in record["text"]
    assert record["url"] == "https://echo.example/a"
    assert "path" not in record  # only batch records name their input


def test_stdin_is_the_default_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, article_page().encode("utf-8"))
    assert main(["extract"]) == 0
    assert KEY_SENTENCE in capsys.readouterr().out


def test_dash_reads_stdin_as_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # windows-1252 bytes: stdin must be read as bytes and decoded by thresher, not the locale
    page = article_page().replace("Sunday afternoons", "Sunday afternoons (café included)")
    feed_stdin(monkeypatch, page.replace('<meta charset="utf-8">', "").encode("cp1252"))
    assert main(["extract", "-"]) == 0
    assert "café included" in capsys.readouterr().out


# --- several inputs ---------------------------------------------------------------------------


def test_folder_is_searched_recursively_in_sorted_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_page(tmp_path / "site" / "b.html")
    write_page(tmp_path / "site" / "a" / "z.htm")
    write_page(tmp_path / "site" / "a" / "y.html.gz")
    (tmp_path / "site" / "notes.txt").write_text("not a page")
    assert main(["extract", str(tmp_path / "site")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    site = tmp_path / "site"
    assert [r["path"] for r in records] == [
        str(site / "a" / "y.html.gz"),
        str(site / "a" / "z.htm"),
        str(site / "b.html"),
    ]
    assert all(KEY_SENTENCE in r["text"] for r in records)
    assert all(set(r) == {"path", "text"} for r in records)


def test_several_files_as_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = write_page(tmp_path / "1.html", title="Library extends its weekend opening hours")
    second = write_page(tmp_path / "2.html", title="Ferry timetable changes for the summer")
    assert main(["extract", "--format", "json", str(first), str(second)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["path"] for r in records] == [str(first), str(second)]
    assert list(records[0])[0] == "path"
    assert "Ferry" in records[1]["title"]


def test_several_files_as_markdown_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [write_page(tmp_path / f"{i}.html") for i in range(2)]
    assert main(["extract", "-f", "markdown", *map(str, pages)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 2
    assert all(r["markdown"].startswith("# ") for r in records)


# --- output file --------------------------------------------------------------------------------


def test_output_file_is_written_instead_of_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write_page(tmp_path / "story.html")
    target = tmp_path / "out" / "story.json"
    target.parent.mkdir()
    assert main(["extract", "-f", "json", "-o", str(target), str(page)]) == 0
    assert capsys.readouterr().out == ""
    assert KEY_SENTENCE in json.loads(target.read_text(encoding="utf-8"))["text"]
    assert os.listdir(target.parent) == ["story.json"]  # no temporary file left behind
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() makes it, not 0600


def test_output_file_is_kept_when_every_input_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    target = tmp_path / "out.txt"
    target.write_text("previous run\n")
    assert main(["extract", "-o", str(target), str(empty)]) == 1
    assert target.read_text() == "previous run\n"
    assert sorted(os.listdir(tmp_path)) == ["empty.html", "out.txt"]


def test_unwritable_output_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(tmp_path / "story.html")
    target = tmp_path / "missing-folder" / "out.txt"
    assert main(["extract", "-o", str(target), str(page)]) == 1
    assert capsys.readouterr().err.startswith(f"thresher: {target}: FileNotFoundError")


# --- failures and exit codes --------------------------------------------------------------------


def test_failed_input_gives_exit_1_and_one_stderr_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_page(tmp_path / "good.html")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["extract", str(empty), str(good)]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(good)]
    assert err.splitlines() == [f"thresher: {empty}: NoContentError: empty: input is empty"]


def test_single_failed_input_writes_nothing_to_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "paper.html"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert main(["extract", str(pdf)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"thresher: {pdf}: NoContentError: not_html")
    assert err.count("\n") == 1


def test_missing_path_is_an_input_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.html"
    assert main(["extract", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"thresher: {missing}: FileNotFoundError: No such file or directory\n"


def test_corrupt_gzip_is_an_input_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "page.html.gz"
    broken.write_bytes(gzip.compress(article_page().encode())[:40])
    assert main(["extract", str(broken)]) == 1
    assert capsys.readouterr().err.startswith(f"thresher: {broken}: ")


def test_folder_without_pages_is_an_input_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "readme.txt").write_text("nothing here")
    assert main(["extract", str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith(f"thresher: {tmp_path}: FileNotFoundError: no ")


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "xml", "x.html"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: thresher" in capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--help"]) == 0
    assert "JSON Lines" in capsys.readouterr().out


# --- version ----------------------------------------------------------------------------------


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"thresher {thresher.__version__}\n"


def test_python_dash_m_version() -> None:
    # the package may be installed (make test) or only importable from src (PYTHONPATH)
    src = str(Path(thresher.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "thresher", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"thresher {thresher.__version__}\n"


# --- flattened text (--input) -------------------------------------------------------------------

FLAT_STORY = "\n".join([
    "Home", "News", "Sport", "Contact",
    "",
    "Library extends its weekend opening hours",
    "",
    "Ashcombe central library will open on Sunday afternoons from next month, the first change "
    "to its timetable in more than a decade, after a year-long trial drew large crowds.",
    "",
    KEY_SENTENCE,
    "",
    "Staff said the trial brought in students revising for exams, parents with young children "
    "and older residents who use the free computers to keep in touch with their families.",
    "",
    "Privacy | Terms",
    "\u00a9 2024 Ashcombe Echo",
])


def test_looks_like_html_tells_markup_from_text() -> None:
    from thresher.cli import looks_like_html

    assert looks_like_html(b"<!DOCTYPE html><html></html>")
    assert looks_like_html(b"\xef\xbb\xbf  \n<html lang='en'>")
    assert looks_like_html(b"<div class='x'>hello</div>")
    assert looks_like_html(b"<!-- saved page -->\n<p>hi</p>")
    assert not looks_like_html(FLAT_STORY.encode())
    assert not looks_like_html(b"a < b and c > d, said the maths teacher")
    assert not looks_like_html(b"")


@pytest.mark.parametrize("flag", [[], ["--input", "auto"], ["--input", "text"]])
def test_text_file_is_extracted_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: list[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(FLAT_STORY, encoding="utf-8")
    assert main(["extract", *flag, "--format", "json", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert KEY_SENTENCE in record["text"]
    assert "Privacy" not in record["text"]
    assert record["title"] == "Library extends its weekend opening hours"


def test_auto_input_reads_html_as_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(tmp_path / "story.html")
    assert main(["extract", "--input", "auto", str(page)]) == 0
    out = capsys.readouterr().out
    assert KEY_SENTENCE in out and "<p>" not in out


def test_input_text_finds_txt_files_in_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(FLAT_STORY, encoding="utf-8")
    write_page(tmp_path / "b.html")
    assert main(["extract", "--input", "text", str(tmp_path)]) == 0
    paths = [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()]
    assert paths == [str(tmp_path / "a.txt")]


def test_bad_input_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--input", "pdf", "x"]) == 2
    assert "invalid choice" in capsys.readouterr().err
