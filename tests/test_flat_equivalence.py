"""``extract_text`` gives the Article recorded for each hand-written page of ``flat_pages``.

The record guards the speed work on the flat-text front end: every faster path must give the
Article the plain one gave. A retrained text model changes the record; regenerate it with
``python -m tests.test_flat_equivalence`` and check the difference by eye.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import thresher
from tests.flat_pages import PAGES

RECORD = Path(__file__).parent / "data" / "flat_equivalence.json"


def _articles() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for url, text in PAGES:
        try:
            out.append(thresher.extract_text(text, url=url).to_dict())
        except thresher.ThresherError as exc:
            out.append({"error": type(exc).__name__})
    return json.loads(json.dumps(out))  # as the record holds them: JSON types only


def test_hand_written_pages_give_the_recorded_articles() -> None:
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    articles = _articles()
    assert len(articles) == len(recorded)
    for (url, _), article, expected in zip(PAGES, articles, recorded, strict=True):
        assert article == expected, url


if __name__ == "__main__":  # regenerate the record
    RECORD.write_text(json.dumps(_articles(), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
    sys.exit(0)
