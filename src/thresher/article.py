"""What thresher gives back: an :class:`Article` made of ordered :class:`Block` objects."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["PAGE_TYPES", "Article", "Block", "BlockKind", "Link", "PageType"]

PageType = Literal[
    "article", "forum", "product", "collection", "listing", "documentation", "service"
]
PAGE_TYPES: tuple[PageType, ...] = (
    "article", "forum", "product", "collection", "listing", "documentation", "service"
)
BlockKind = Literal["heading", "paragraph", "list", "quote", "table", "code"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "paragraph", "list", "quote", "table", "code")


@dataclass(frozen=True)
class Block:
    """One body block.

    ``text`` is the block's plain text. A ``list`` holds one item per line, a ``table`` one row
    per line (cells also in ``rows``), ``code`` keeps its line breaks. ``level`` is the heading
    level (1-6) for headings, else None.
    """

    kind: BlockKind
    text: str
    level: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.level is not None:
            out["level"] = self.level
        if self.rows:
            out["rows"] = [list(row) for row in self.rows]
        return out

    def to_markdown(self) -> str:
        if self.kind == "heading":
            return "#" * min(max(self.level or 2, 1), 6) + " " + _escape_md(self.text)
        if self.kind == "list":
            return "\n".join("- " + _escape_md(item) for item in self.text.split("\n"))
        if self.kind == "quote":
            return "\n".join("> " + _escape_md(line) for line in self.text.split("\n"))
        if self.kind == "code":
            fence = "````" if "```" in self.text else "```"
            return f"{fence}\n{self.text}\n{fence}"
        if self.kind == "table" and self.rows:
            return _table_markdown(self.rows)
        return _escape_md(self.text)


@dataclass(frozen=True)
class Link:
    """A link to another page that sat in or next to the body (e.g. "Read more")."""

    text: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url}


@dataclass(frozen=True)
class Article:
    """The main content of one page and what is known about it.

    ``text`` is the body as plain text, one block per line, without the title, lead,
    captions or related links. ``date`` (published) and ``date_modified`` are ISO 8601;
    ``url`` is the canonical URL the page declares when it is plausible, else the URL given;
    ``page_type`` is one of ``PAGE_TYPES`` (None for flattened text, which carries no markup
    to tell).
    """

    title: str | None = None
    lead: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    site_name: str | None = None
    language: str | None = None
    url: str | None = None
    blocks: tuple[Block, ...] = ()
    captions: tuple[str, ...] = ()
    related: tuple[Link, ...] = ()
    date_modified: str | None = None
    description: str | None = None
    image: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    page_type: PageType | None = None
    _text: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_text", "\n".join(b.text for b in self.blocks))

    @property
    def text(self) -> str:
        return self._text

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "lead": self.lead,
            "authors": list(self.authors),
            "date": self.date,
            "date_modified": self.date_modified,
            "site_name": self.site_name,
            "language": self.language,
            "url": self.url,
            "description": self.description,
            "image": self.image,
            "categories": list(self.categories),
            "tags": list(self.tags),
            "page_type": self.page_type,
            "text": self.text,
            "blocks": [b.to_dict() for b in self.blocks],
            "captions": list(self.captions),
            "related": [link.to_dict() for link in self.related],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        parts: list[str] = []
        if self.title:
            parts.append("# " + _escape_md(self.title))
        if self.lead:
            parts.append("*" + _escape_md(self.lead) + "*")
        parts.extend(b.to_markdown() for b in self.blocks)
        return "\n\n".join(parts) + "\n"


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _escape_md(text: str) -> str:
    """Escape Markdown syntax so page text renders as text, never as markup or HTML."""
    escaped = text.translate(_MD_SPECIAL)
    # a line starting with "1. ", "- " or "+ " would become a list item
    lines = []
    for line in escaped.split("\n"):
        stripped = line.lstrip()
        if stripped[:1] in "-+=" or (stripped[:1].isdigit() and ". " in stripped[:6]):
            line = "\\" + line if stripped[:1] in "-+=" else line.replace(". ", "\\. ", 1)
        lines.append(line)
    return "\n".join(lines)


def _table_markdown(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(r) for r in rows)
    lines = []
    for i, row in enumerate(rows):
        cells = [_escape_md(c).replace("\n", " ") for c in row] + [""] * (width - len(row))
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)
