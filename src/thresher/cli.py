"""The ``thresher`` command: main content from HTML files, folders or stdin.

    thresher extract [PATH ...|-] [--format text|markdown|json] [-o FILE] [--url URL]
    thresher --version

argparse stays in this module: :func:`main` parses the arguments, then calls plain functions
with plain values. Only the public API of :mod:`thresher` is used.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

import thresher
from thresher.errors import LimitExceededError, ThresherError

__all__ = ["main", "run_extract"]

Format = Literal["text", "markdown", "json"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json")
STDIN = "-"
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")

_EXTRACT_EPILOG = """\
output:
  One input (a file or stdin): the article as plain text, Markdown, or one JSON object.
  Several inputs, or any folder: JSON Lines, one object per input that succeeded, with
  "path" first; --format json adds the article's fields, --format text a "text" field and
  --format markdown a "markdown" field. Folders are searched recursively for .html, .htm
  and .html.gz files, in sorted order. With -o, FILE is written atomically and replaced
  only if at least one input succeeded.

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
    if args.command != "extract":
        parser.print_usage(sys.stderr)
        return 2
    try:
        return run_extract(args.paths or [STDIN], fmt=args.format, output=args.output, url=args.url)
    except BrokenPipeError:  # `thresher extract big/ | head`: stop quietly
        _silence_stdout()
        return 1
    except OSError as exc:  # input errors are handled per input: this is about the output
        target = args.output or "<stdout>"
        print(f"thresher: {target}: {_describe(exc, target)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_extract(paths: list[str], *, fmt: Format, output: str | None, url: str | None) -> int:
    """Extract every input and write the results; return the exit status (0 or 1).

    Args:
        paths: files, folders, or ``"-"`` for stdin.
        fmt: the output format.
        output: the file to write, or None for stdout.
        url: the page URL passed to :func:`thresher.extract` for every input.

    Raises:
        OSError: the output file cannot be written (input errors are reported, not raised).
    """
    is_batch = len(paths) > 1 or any(path != STDIN and os.path.isdir(path) for path in paths)
    failures = 0
    with _open_output(output) as sink:
        for label in iter_inputs(paths):
            try:
                article = thresher.extract(read_input(label), url=url)
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


def iter_inputs(paths: list[str]) -> Iterator[str]:
    """Yield the inputs named by ``paths``, folders expanded to their HTML files, sorted.

    A folder without HTML files is yielded itself, so reading it reports the problem.
    """
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        found = sorted(p for p in Path(path).rglob("*") if _is_html_file(p))
        if not found:
            yield path
        yield from (str(p) for p in found)


def read_input(label: str) -> bytes:
    """Read one input's bytes: stdin for ``"-"``, gzip-decompressed for ``.gz`` files.

    At most one byte more than ``Options().max_input_bytes`` is read, so a huge file or a
    gzip bomb costs no more memory than the limit; :func:`thresher.extract` rejects it.

    Raises:
        OSError: the input cannot be read, is a folder without HTML files, or is corrupt gzip.
        LimitExceededError: a plain file is larger than the input limit.
    """
    limit = thresher.Options().max_input_bytes
    if label == STDIN:
        return sys.stdin.buffer.read(limit + 1)
    path = Path(label)
    if path.is_dir():
        raise FileNotFoundError(f"no {', '.join(HTML_SUFFIXES)} files in this folder")
    if path.name.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as stream:
                return stream.read(limit + 1)
        except (EOFError, zlib.error) as exc:  # truncated or corrupt: still an input failure
            raise OSError(f"corrupt gzip data ({exc})") from exc
    size = path.stat().st_size
    if size > limit:
        raise LimitExceededError("max_input_bytes", size, limit)
    return path.read_bytes()


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
        help="extract the main content of HTML files, folders or stdin",
        description="Extract the main content of HTML files, folders or stdin.",
        epilog=_EXTRACT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument(
        "paths", nargs="*", metavar="PATH", help='file, folder, or "-" for stdin (the default)'
    )
    extract.add_argument(
        "-f", "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    extract.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    extract.add_argument("--url", help="the page's URL, kept in the output (for every input)")
    return parser


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


def _is_html_file(path: Path) -> bool:
    return path.name.lower().endswith(HTML_SUFFIXES) and path.is_file()


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
