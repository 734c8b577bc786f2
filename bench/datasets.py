"""Load the gold datasets (``pages.jsonl.gz`` per dataset folder).

The folder is ``$THRESHER_DATASETS`` if set, else ``../shared/datasets`` beside the repository.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = ["DATASETS", "GoldPage", "datasets_dir", "iter_pages", "load_pages", "site_of"]

DATASETS = ("scrapinghub_aeb", "mozilla_readability", "wcxb_dev")
_REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class GoldPage:
    dataset: str
    id: str
    url: str | None
    html: str
    text: str
    title: str | None
    flat: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.id}"

    @property
    def site(self) -> str:
        return site_of(self)

    @property
    def page_type(self) -> str | None:
        value = self.meta.get("page_type")
        return str(value) if value else None


def datasets_dir() -> Path | None:
    """Return the datasets folder, or None when it is absent."""
    env = os.environ.get("THRESHER_DATASETS")
    path = Path(env) if env else _REPO.parent / "shared" / "datasets"
    return path if path.is_dir() else None


def site_of(page: GoldPage) -> str:
    """The site a page belongs to, for grouping folds: its host without ``www.``.

    Readability's test pages carry no URL; their case name without a trailing number
    (``nytimes-1`` → ``nytimes``) stands for the site.
    """
    if page.meta.get("domain"):
        host = str(page.meta["domain"])
    elif page.url:
        host = urlsplit(page.url).netloc
    else:
        host = "readability:" + page.id.rstrip("0123456789").rstrip("-_")
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def iter_pages(name: str, root: Path | None = None) -> Iterator[GoldPage]:
    root = root or datasets_dir()
    if root is None:
        raise FileNotFoundError("datasets folder not found: set THRESHER_DATASETS")
    with gzip.open(root / name / "pages.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield GoldPage(
                dataset=name,
                id=str(row["id"]),
                url=row.get("url"),
                html=row["html"],
                text=row["text"],
                title=row.get("title"),
                flat=row.get("flat") or "",
                meta=row.get("meta") or {},
            )


def load_pages(names: tuple[str, ...] = DATASETS, root: Path | None = None) -> list[GoldPage]:
    return [page for name in names for page in iter_pages(name, root)]
