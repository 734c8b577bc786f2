"""The ``thresher`` command: main content from HTML or flattened-text files, folders or stdin.

    thresher extract [PATH ...|-] [--input auto|html|text] [--format text|markdown|json]
                     [-o FILE] [--url URL]
    thresher --version

argparse stays in this module: :func:`main` parses the arguments, then calls plain functions
with plain values. Only the public API of :mod:`thresher` is used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

import thresher
from thresher.corpus.readers import HTML_SUFFIXES, TEXT_SUFFIXES, looks_like_html, read_page_file
from thresher.errors import ThresherError

__all__ = ["main", "run_extract"]

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json")
InputKind = Literal["auto", "html", "text"]
INPUT_KINDS: tuple[InputKind, ...] = ("auto", "html", "text")
STDIN = "-"

_EXTRACT_EPILOG = """\
output:
  One input (a file or stdin): the article as plain text, Markdown, or one JSON object.
  Several inputs, or any folder: JSON Lines, one object per input that succeeded, with
  "path" first; --format json adds the article's fields, --format text a "text" field and
  --format markdown a "markdown" field. Folders are searched recursively, in sorted order,
  for .html, .htm and .html.gz files, or for .txt and .txt.gz files with --input text.
  With -o, FILE is written atomically and replaced only if at least one input succeeded.

input:
  --input auto (the default) reads each input as HTML when it starts with markup (a doctype,
  <html>, or any tag as its first non-space characters) and as flattened text otherwise.

exit status:
  0 every input succeeded; 1 some failed (one line each on stderr:
  "thresher: PATH: ErrorClass: reason"); 2 usage error.
"""


@dataclass
class _Sink:
    """Where records go, counting them so a failed run leaves an -o target untouched."""

    stream: TextIO
    count: int = 0

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.count += 1


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed inputs, 2 usage).

    Args:
        argv: arguments without the program name; None reads ``sys.argv[1:]``.
    """
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and --version (0), usage errors (2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if args.command == "run":
        try:
            return run_corpus(args)
        except KeyboardInterrupt:
            return 130
    if args.command != "extract":
        parser.print_usage(sys.stderr)
        return 2
    try:
        return run_extract(args.paths or [STDIN], fmt=args.format, output=args.output, url=args.url,
                           input_kind=args.input)
    except BrokenPipeError:  # `thresher extract big/ | head`: stop quietly
        _silence_stdout()
        return 1
    except OSError as exc:  # input errors are handled per input: this is about the output
        target = args.output or "<stdout>"
        print(f"thresher: {target}: {_describe(exc, target)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_extract(
    paths: list[str],
    *,
    fmt: Format,
    output: str | None,
    url: str | None,
    input_kind: InputKind = "auto",
) -> int:
    """Extract every input and write the results; return the exit status (0 or 1).

    Args:
        paths: files, folders, or ``"-"`` for stdin.
        fmt: the output format.
        output: the file to write, or None for stdout.
        url: the page URL passed to :func:`thresher.extract` for every input.
        input_kind: read inputs as HTML, as flattened text, or tell them apart ("auto").

    Raises:
        OSError: the output file cannot be written (input errors are reported, not raised).
    """
    is_batch = len(paths) > 1 or any(path != STDIN and os.path.isdir(path) for path in paths)
    failures = 0
    with _open_output(output) as sink:
        for label in iter_inputs(paths, input_kind):
            try:
                article = extract_input(read_input(label), input_kind, url)
            except (ThresherError, OSError) as exc:
                print(f"thresher: {label}: {_describe(exc, label)}", file=sys.stderr)
                failures += 1
                continue
            sink.write(
                format_batch_record(label, article, fmt)
                if is_batch
                else format_article(article, fmt)
            )
    return 1 if failures else 0


def extract_input(data: bytes, input_kind: InputKind, url: str | None) -> thresher.Article:
    """Extract one input's bytes as HTML or as flattened text.

    Raises:
        ThresherError: the input holds no main content, or is too large.
    """
    if input_kind == "text" or (input_kind == "auto" and not looks_like_html(data)):
        return thresher.extract_text(data, url=url)
    return thresher.extract(data, url=url)


def iter_inputs(paths: list[str], input_kind: InputKind = "html") -> Iterator[str]:
    """Yield the inputs named by ``paths``, folders expanded to their page files, sorted.

    A folder without page files is yielded itself, so reading it reports the problem.
    """
    suffixes = _suffixes(input_kind)
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        found = sorted(
            p for p in Path(path).rglob("*") if p.name.lower().endswith(suffixes) and p.is_file()
        )
        if not found:
            yield path
        yield from (str(p) for p in found)


def read_input(label: str) -> bytes:
    """Read one input's bytes: stdin for ``"-"``, gzip-decompressed for ``.gz`` files.

    At most one byte more than ``Options().max_input_bytes`` is read, so a huge file or a
    gzip bomb costs no more memory than the limit; :func:`thresher.extract` rejects it.

    Raises:
        OSError: the input cannot be read, is a folder without page files, or is corrupt gzip.
        LimitExceededError: a plain file is larger than the input limit.
    """
    limit = thresher.Options().max_input_bytes
    if label == STDIN:
        return sys.stdin.buffer.read(limit + 1)
    if Path(label).is_dir():
        raise FileNotFoundError("no page files in this folder")
    return read_page_file(label, limit)


def format_article(article: thresher.Article, fmt: Format) -> str:
    """Render one article for single-input output, ending with a newline."""
    if fmt == "json":
        return article.to_json() + "\n"
    if fmt == "markdown":
        return article.to_markdown()
    return article.text + "\n"


def format_batch_record(label: str, article: thresher.Article, fmt: Format) -> str:
    """Render one article as a JSON Lines record that names its input under "path"."""
    record: dict[str, object] = {"path": label}
    if fmt == "json":
        record.update(article.to_dict())
    else:
        record[fmt] = article.to_markdown() if fmt == "markdown" else article.text
    return json.dumps(record, ensure_ascii=False) + "\n"


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thresher", description="Extract the main content of web pages."
    )
    parser.add_argument("--version", action="version", version=f"thresher {thresher.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="extract the main content of HTML or text files, folders or stdin",
        description="Extract the main content of HTML or flattened-text files, folders or stdin.",
        epilog=_EXTRACT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument(
        "paths", nargs="*", metavar="PATH", help='file, folder, or "-" for stdin (the default)'
    )
    extract.add_argument(
        "-f", "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    extract.add_argument(
        "-i", "--input", choices=INPUT_KINDS, default="auto",
        help="read inputs as HTML, as flattened text (WET records, text dumps), "
        "or tell them apart (default: auto)",
    )
    extract.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    extract.add_argument("--url", help="the page's URL, kept in the output (for every input)")
    _add_run_parser(commands)
    return parser


_RUN_EPILOG = """\
inputs:
  WARC files (.warc, .warc.gz: HTML responses), WET files (.warc.wet.gz: conversion
  records, read as flattened text), JSON Lines (.jsonl[.gz], an "html" or "text" field per
  line), folders (their archives, and their page files as one shard), path listings
  (.paths[.gz], one input per line; relative lines are joined to --base-url), and URLs
  (s3://, https://) when fsspec is installed. Each input file is one shard.

output, in DIR, for each shard NAME:
  NAME.jsonl or NAME.parquet  one row per extracted record: url, warc_record_id, warc_date,
                              source {file, offset}, then the Article's fields
  NAME.rejects.jsonl          one line per record without content: id, url, reason
  NAME.stats.json             counts; written last, it marks the shard finished
  A re-run skips finished shards and redoes unfinished ones.

exit status:
  0 every shard finished (damaged archives are read as far as they can be, and the damage is
  listed in the stats); 1 a shard could not be written (re-run to redo it), an input is
  missing, or --fail-fast stopped the run; 2 usage error.
"""


def _add_run_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run",
        help="extract every page of WARC, WET, JSON Lines files or folders, on all cores",
        description="Extract every page of WARC, WET or JSON Lines files or folders into "
        "one output file per input shard, on every core or on a Ray cluster.",
        epilog=_RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, listing or URL")
    run.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    run.add_argument("-f", "--format", choices=("jsonl", "parquet"), default="jsonl",
                     help="output format (default: jsonl)")
    run.add_argument("--engine", choices=("local", "ray"), default="local",
                     help="local process pool, or Ray tasks (default: local)")
    run.add_argument("-w", "--workers", type=_positive_int, metavar="N",
                     help="worker processes (default: every core)")
    run.add_argument("--shard", type=_shard_part, metavar="I/N",
                     help="process only every N-th shard from the I-th (0-based)")
    run.add_argument("-i", "--input", choices=INPUT_KINDS, default="auto",
                     help="how page files and JSON Lines text are read (default: auto)")
    run.add_argument("--address", help="Ray cluster to join, e.g. auto (with --engine ray)")
    run.add_argument("--base-url", default="https://data.commoncrawl.org/",
                     help="prefix of relative lines in path listings")
    run.add_argument("--time-limit", type=float, default=30.0, metavar="S",
                     help="seconds one record may take before it is rejected (default: 30)")
    run.add_argument("--max-memory", type=_positive_int, default=4096, metavar="MB",
                     help="memory limit of each local worker (default: 4096)")
    run.add_argument("--fail-fast", action="store_true",
                     help="stop at the first unexpected error instead of rejecting the record")
    progress = run.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None,
                          help="always show the progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false",
                          help="never show it (default: shown on a terminal)")


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _shard_part(text: str) -> tuple[int, int]:
    index, sep, count = text.partition("/")
    if not (sep and index.isdigit() and count.isdigit() and int(index) < int(count)):
        raise argparse.ArgumentTypeError(f"expected I/N with 0 <= I < N, got {text!r}")
    return int(index), int(count)


def run_corpus(args: argparse.Namespace) -> int:
    """``thresher run``: extract the inputs into the output folder; print the totals."""
    from thresher.corpus import run

    try:
        report = run(
            args.inputs,
            args.output,
            fmt=args.format,
            engine=args.engine,
            workers=args.workers,
            part=args.shard,
            input_kind=args.input,
            time_limit=args.time_limit or None,
            max_memory_mb=args.max_memory,
            fail_fast=args.fail_fast,
            address=args.address,
            base_url=args.base_url,
            progress=args.progress,
        )
    except (OSError, ImportError, ThresherError) as exc:
        print(f"thresher: {_describe(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # --fail-fast: the first unexpected error ends the run
        if not args.fail_fast:
            raise
        print(f"thresher: stopped: {_describe(exc)}", file=sys.stderr)
        return 1
    for failure in report.failed:
        print(f"thresher: {failure['shard']}: {failure['error']} (re-run to redo it)",
              file=sys.stderr)
    totals = report.totals()
    print(json.dumps(totals, ensure_ascii=False), file=sys.stderr)
    return 1 if report.failed else 0


@contextmanager
def _open_output(path: str | None) -> Iterator[_Sink]:
    """Yield a sink to stdout, or to a temporary file renamed onto ``path`` at the end.

    The rename happens only when the block ends normally and something was written, so
    readers never see a half-written file and a run where everything failed keeps the old one.
    """
    if path is None:
        yield _Sink(sys.stdout)
        return
    target = Path(path)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    committed = False
    try:
        with open(fd, "w", encoding="utf-8") as stream:
            sink = _Sink(stream)
            yield sink
        if sink.count:
            os.chmod(temp, _new_file_mode(target))
            os.replace(temp, target)
            committed = True
    finally:
        if not committed:
            with suppress(OSError):
                os.unlink(temp)


def _new_file_mode(target: Path) -> int:
    """The mode the output file gets: the replaced file's, else what open() would give.

    mkstemp creates files readable by the owner only, which is wrong for a plain output.
    """
    with suppress(OSError):
        return target.stat().st_mode & 0o777
    umask = os.umask(0)  # reading the umask means setting it; restored at once
    os.umask(umask)
    return 0o666 & ~umask


def _suffixes(input_kind: InputKind) -> tuple[str, ...]:
    # "auto" decides how to read each input, not which files a folder holds
    return TEXT_SUFFIXES if input_kind == "text" else HTML_SUFFIXES


def _describe(exc: BaseException, label: str | None = None) -> str:
    """One line for an error: its class, then its reason and message."""
    if isinstance(exc, OSError) and exc.strerror:
        # the path is already on the line, unless the error is about another file
        detail = exc.strerror
        if exc.filename is not None and str(exc.filename) != label:
            detail += f": {exc.filename}"
    else:
        detail = str(exc) or "no details"
        reason = getattr(exc, "reason", None)
        if isinstance(reason, str) and detail != reason.replace("_", " "):
            detail = f"{reason}: {detail}"
        elif isinstance(reason, str):
            detail = reason
    return f"{type(exc).__name__}: {' '.join(detail.split())}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
