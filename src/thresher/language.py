"""The language of a text, for pages whose markup does not state it.

This is the only module that imports the language identifier: py3langid, a maintained fork
of langid.py whose small Naive Bayes model (97 languages) ships inside the package, so nothing
is downloaded. Its model loads on first use, once per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

__all__ = ["detect_language"]

_SAMPLE_CHARS = 3000  # enough text for a sure answer; more only costs time
_MIN_CHARS = 20  # below this an answer is a guess


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(texts: Iterable[str], min_probability: float = 0.5) -> str | None:
    """The ISO 639-1 code of the language the ``texts`` are written in, or None when the
    text is too short or the identifier is unsure (probability under ``min_probability``)."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= _SAMPLE_CHARS:
            break
    joined = " ".join(sample)[:_SAMPLE_CHARS]
    if sum(c.isalpha() for c in joined) < _MIN_CHARS:
        return None
    language, probability = _identifier().classify(joined)
    return str(language) if probability >= min_probability else None
