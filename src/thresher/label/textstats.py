"""Statistics of a block's text that hold in any language.

Shared by both front ends (HTML blocks and lines of flattened text). Words are counted on
whitespace, and scripts written without spaces (Chinese, Japanese, Thai) are counted by
characters instead, so no statistic assumes English.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["TEXT_STAT_NAMES", "text_stats"]

# The most frequent function words of widely used languages. A stop-word share separates
# running prose from menus in every one of them; no single language dominates the list.
_STOPWORDS = frozenset(
    """
    the of and to in is that for it with as on was be by this are at from or an not have
    der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch
    de la que el en y los del se las por un para con una su al lo como más pero sus le
    et les des est une pour pas qui sur au avec ce il sont dans ne plus par
    di e il che la per un non una sono del della le si da con ha
    o a os as um uma é não com na no se mais para por em
    het een van en de ik te dat die is op zijn niet met voor
    och att det som en på är av för med till den har inte om ett
    и в не на что с он я как а то по это из у за от
    w z na i do się nie że to jest o jak
    ve bir bu da için ile de ne çok
    """.split()
)
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_TERMINAL = frozenset(".!?。！？…:;\"'”’»)")
_PUNCT = re.compile(r"[.,;:!?。，、！？；：]")
_DIGIT = re.compile(r"\d")
_DATE = re.compile(r"\b(1[89]|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")

TEXT_STAT_NAMES = (
    "log_chars",
    "log_words",
    "avg_word_len",
    "punct_per_word",
    "ends_terminal",
    "digit_share",
    "upper_initial_share",
    "stopword_share",
    "n_lines",
    "pipe_or_bullet",
    "has_copyright",
    "has_date",
    "spaceless_share",
)


def text_stats(text: str) -> list[float]:
    """Return the statistics named in ``TEXT_STAT_NAMES`` for one block of text."""
    words = text.split()
    n_chars = len(text)
    spaceless = len(_SPACELESS.findall(text)) if n_chars < 20000 else 0
    # scripts without spaces: about two characters make a word
    n_words = max(len(words), spaceless // 2, 1)
    upper = sum(1 for w in words if w[:1].isupper())
    stop = sum(1 for w in words if w.lower() in _STOPWORDS)
    last = text.rstrip()[-1:]
    return [
        float(np.log1p(n_chars)),
        float(np.log1p(n_words)),
        n_chars / n_words,
        len(_PUNCT.findall(text)) / n_words,
        1.0 if last in _TERMINAL else 0.0,
        len(_DIGIT.findall(text)) / max(n_chars, 1),
        upper / max(len(words), 1),
        stop / max(len(words), 1),
        float(text.count("\n")),
        1.0 if ("|" in text or text[:1] in "•·»›-–*") else 0.0,
        1.0 if ("©" in text or "(c)" in text.lower()) else 0.0,
        1.0 if _DATE.search(text) else 0.0,
        spaceless / max(n_chars, 1),
    ]
