"""The extractors the benchmark compares, each wrapped as ``(source, url) -> text``.

Every wrapper returns the plain text of the page's main content, ``""`` when the library returns
nothing, and lets the library's own exceptions through: the runner counts an exception as a failure
and scores the page as ``""``. Settings are each library's defaults as a user gets them; where a
wrapper must deviate (to stay off the network, or because the library requires a choice, such as
jusText's stoplist) the reason is written next to it and in the report.

Libraries are imported lazily, inside the wrappers, so that ``python -m bench.memory NAME`` loads
only the one library it measures.

Flat-text hook: an :class:`Extractor` names the :class:`~bench.datasets.GoldPage` field it reads
(``input_field``). Every extractor here reads ``html``; an extractor for flattened text (WET-like
``page.flat``) is declared the same way with ``input_field="flat"`` and needs no change elsewhere.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from bench.results import THRESHER

if TYPE_CHECKING:
    from bench.datasets import GoldPage

__all__ = [
    "EXTRACTORS",
    "THRESHER",
    "Extractor",
    "ExtractFn",
    "block_network",
    "html_fragment_to_text",
    "input_of",
    "library_version",
    "select_extractors",
    "settings_note",
]

ExtractFn = Callable[[str, "str | None"], str]
InputField = Literal["html", "flat"]

# newspaper4k needs some URL to build an Article; it is never fetched (see _newspaper4k).
_PLACEHOLDER_URL = "http://example.com"


@dataclass(frozen=True)
class Extractor:
    """One extractor under test.

    Attributes:
        name: short id used on the command line and in results (``trafilatura_precision``).
        label: how tables and the plot name it.
        package: distribution name whose version the report records.
        run: ``(source, url) -> text``; may raise, returns ``""`` for "no content".
        input_field: the GoldPage field passed as ``source`` (``"html"`` or ``"flat"``).
        note: settings worth stating in the report (empty when plain defaults).
    """

    name: str
    label: str
    package: str
    run: ExtractFn
    input_field: InputField = "html"
    note: str = ""


def input_of(extractor: Extractor, page: GoldPage) -> str:
    """The text of ``page`` that ``extractor`` takes as input (its ``input_field``)."""
    value: str = getattr(page, extractor.input_field)
    return value


def block_network() -> None:
    """Make every socket connection in this process fail with ``OSError``.

    The benchmark must not touch the network (a peer that fetches images or follows a refresh
    would be timed on the network and could differ run to run); an attempt then surfaces as that
    peer's exception on the page, or is swallowed by the peer. Called once by the entry points;
    never at import time.
    """
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access is disabled in the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign,assignment]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]  # no DNS look-ups either


def settings_note(extractor: Extractor) -> str:
    """The extractor's ``note`` plus what the installed environment changes about it."""
    import importlib.util

    note = extractor.note
    if extractor.package == "newspaper4k" and importlib.util.find_spec("nltk") is None:
        # newspaper4k tokenises some languages (Korean, ...) with nltk, an optional extra;
        # without it those pages raise ImportError, which the bench counts as failures.
        note += "; installed without the [nlp] extra (nltk), so e.g. Korean pages raise"
    return note


def library_version(package: str) -> str:
    """Installed version of ``package``, or ``"not installed"``."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


# Block-level tags: text inside them starts on a new line when an HTML fragment becomes text.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr",
        "ul",
    }
)  # fmt: skip


def html_fragment_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, block elements on their own lines.

    Whitespace inside a line is collapsed, empty lines are dropped. Used for readability-lxml,
    whose ``summary()`` is HTML. Returns ``""`` for an empty fragment.
    """
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    parts: list[str] = []
    _collect_text(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect_text(element: Any, parts: list[str]) -> None:
    """Append ``element``'s text (not its tail) to ``parts``, newlines around block elements."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("script", "style"):
        return
    is_block = tag.lower() in _BLOCK_TAGS
    if is_block:
        parts.append("\n")
    if element.text and tag:  # comments and processing instructions have a non-str tag
        parts.append(element.text)
    for child in element:
        _collect_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    if is_block:
        parts.append("\n")


def _thresher(html: str, url: str | None) -> str:
    import thresher

    return str(thresher.extract(html, url=url).text)


def _trafilatura(html: str, url: str | None) -> str:
    import trafilatura

    # Defaults as users get them (include_comments=True, fallbacks on).
    return trafilatura.extract(html, url=url) or ""


def _trafilatura_precision(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, favor_precision=True) or ""


def _readability(html: str, url: str | None) -> str:
    from readability import Document

    return html_fragment_to_text(Document(html).summary())


def _resiliparse(html: str, url: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    return str(extract_plain_text(HTMLTree.parse(html), main_content=True))


def _justext(html: str, url: str | None) -> str:
    import justext

    # jusText classifies paragraphs by stopword density and needs a language; the pages are
    # mostly English, so English is used throughout (stated in the report).
    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def _boilerpy3(html: str, url: str | None) -> str:
    from boilerpy3 import extractors

    return str(extractors.ArticleExtractor().get_content(html) or "")


def _newspaper4k(html: str, url: str | None) -> str:
    import newspaper

    # input_html skips the download; fetch_images=False stops parse() from downloading images
    # to size them (its default), which would touch the network and change nothing in .text.
    article = newspaper.Article(url or _PLACEHOLDER_URL, fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return str(article.text or "")


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor(THRESHER, "thresher", "thresher", _thresher),
    Extractor(
        "trafilatura",
        "trafilatura",
        "trafilatura",
        _trafilatura,
        note="defaults (comments included, fallback extractors on)",
    ),
    Extractor(
        "trafilatura_precision",
        "trafilatura (precision)",
        "trafilatura",
        _trafilatura_precision,
        note="favor_precision=True",
    ),
    Extractor(
        "readability",
        "readability-lxml",
        "readability-lxml",
        _readability,
        note="summary() HTML to text, block elements on new lines",
    ),
    Extractor("resiliparse", "Resiliparse", "resiliparse", _resiliparse, note="main_content=True"),
    Extractor("justext", "jusText", "justext", _justext, note="English stoplist for every page"),
    Extractor("boilerpy3", "BoilerPy3", "boilerpy3", _boilerpy3, note="ArticleExtractor"),
    Extractor(
        "newspaper4k",
        "newspaper4k",
        "newspaper4k",
        _newspaper4k,
        note="HTML passed in (no download), fetch_images=False",
    ),
)


def select_extractors(names: list[str] | None) -> list[Extractor]:
    """The extractors named in ``names`` (all when ``None``), in the canonical order.

    Raises:
        ValueError: a name is not a known extractor; the message lists the known ones.
    """
    known = {extractor.name: extractor for extractor in EXTRACTORS}
    if names is None:
        return list(EXTRACTORS)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown extractor(s) {unknown}; known: {sorted(known)}")
    return [extractor for extractor in EXTRACTORS if extractor.name in names]
