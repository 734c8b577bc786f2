"""The field's scores: word-level precision/recall/F1 and 4-token-shingle F1.

Tokens are ``re.findall(r"\\w+", text.lower())``; overlap is of multisets; scores are per
page and averaged over pages by the caller.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["Score", "score", "tokens"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    shingle_f1: float


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _prf(pred: Counter[object], gold: Counter[object]) -> tuple[float, float, float]:
    if not pred and not gold:
        return 1.0, 1.0, 1.0
    if not pred or not gold:
        return 0.0, 0.0, 0.0
    common = sum((pred & gold).values())
    precision = common / sum(pred.values())
    recall = common / sum(gold.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def _shingles(toks: list[str], n: int = 4) -> Counter[object]:
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def score(predicted: str, gold: str) -> Score:
    """Score one page's extracted text against its gold text."""
    p_tok, g_tok = tokens(predicted), tokens(gold)
    precision, recall, f1 = _prf(Counter(p_tok), Counter(g_tok))
    _, _, shingle_f1 = _prf(_shingles(p_tok), _shingles(g_tok))
    return Score(precision, recall, f1, shingle_f1)
