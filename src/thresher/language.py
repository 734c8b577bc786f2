"""The language of a text, for pages whose markup does not state it.

This is the only module that imports the language identifier: py3langid, a maintained fork
of langid.py whose small Naive Bayes model (97 languages) ships inside the package, so nothing
is downloaded. Its model loads on first use, once per process.

py3langid counts the model's byte n-grams with a finite automaton walked one byte at a time
in Python, which costs more than everything else a flattened page needs. thresher walks it in
C (``label/_kernels.pyx``) when its kernels are built, and otherwise by array steps: the
automaton is an Aho-Corasick one, whose state after a byte is the longest suffix of the text
read so far that is a prefix of an n-gram, so it depends only on the last few bytes (at most
the automaton's depth), and ``_NgramCounter.scores_numpy`` walks every position's last bytes
in lock-step with NumPy, a handful of array steps instead of one Python step per byte. Both
walks score the counts exactly as py3langid does (same features, same order, same
arithmetic); ``tests/test_language.py`` holds them to py3langid's own ``classify``. With a
py3langid whose internals differ, the identifier's ``classify`` is used as it is.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Any

import numpy as np
import numpy.typing as npt

from .label import compiled

__all__ = ["SAMPLE_CHARS", "detect_language"]

# enough text for a sure answer; more only costs time (``python -m bench.language_sample``
# compares sizes on the dev sets: from 2,000 characters to 1,500 no answer moves, at 1,000
# one does)
SAMPLE_CHARS = 1500
_MIN_CHARS = 20  # below this an answer is a guess


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Its automaton's two tables of 100,000 numbers are lists, which each full pass of the
    # garbage collector reads to the end; as tuples of ints (read the same way) they are
    # left out of those passes.
    for name in ("_rowbase", "tk_output"):
        table = getattr(identifier, name, None)
        if isinstance(table, list):
            setattr(identifier, name, tuple(table))
    return identifier


# one count per feature for the compiled walk, all zero between calls; one per thread
_SCRATCH = threading.local()


@dataclass(frozen=True)
class _NgramCounter:
    """The identifier's automaton as arrays, walked for all positions of a text at once."""

    next_move: npt.NDArray[np.uint32]  # next state = next_move[row_base[state] + byte]
    row_base: npt.NDArray[np.int64]
    output: npt.NDArray[np.int64]  # feature counted on entering a state, -1 for none
    depth: int  # the longest path from the start state: bytes that decide a state
    pad: int  # a byte that leads every state back to the start state
    # the model's float16 weights as bits when all are normal numbers, else None
    weight_bits: npt.NDArray[np.uint16] | None

    def classify(self, identifier: Any, text: str) -> tuple[str, float]:
        """``identifier.classify(text)``, with the n-grams counted by array steps."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        scores = self._scores(identifier, data)
        # the rest of py3langid's ``_decide`` with ``norm_probs``, step for step
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for i, j in identifier._alias_pairs:
            scores[i] += scores[j]
            scores[j] = 0.0
        best = int(scores.argmax())
        return identifier.nb_classes[best], float(scores[best])

    def _scores(self, identifier: Any, data: bytes) -> npt.NDArray[np.float32]:
        kernels = compiled.KERNELS
        if kernels is None:
            return self.scores_numpy(identifier, data)
        scratch = getattr(_SCRATCH, "counts", None)
        if scratch is None or len(scratch) != len(self.output):
            scratch = _SCRATCH.counts = np.zeros(len(self.output), dtype=np.int32)
        found = np.empty(len(data), dtype=np.int64)
        order = np.empty(len(data), dtype=np.int64)
        visits = np.empty(len(data), dtype=np.int32)
        seen = kernels.ngram_visits(data, self.next_move, self.row_base, self.output, self.depth,
                                    scratch, found, order, visits)  # fmt: skip
        return self._weigh(identifier, order[:seen], visits[:seen])

    def scores_numpy(self, identifier: Any, data: bytes) -> npt.NDArray[np.float32]:
        """``_scores`` with the automaton walked for all positions at once by array steps:
        the reference of the compiled walk, and the walk when it is not built."""
        n = len(data)
        padded = np.frombuffer(bytes([self.pad]) * (self.depth - 1) + data, dtype=np.uint8)
        state = np.zeros(n, dtype=np.int64)
        for k in range(self.depth):  # state after each position, from its last bytes
            state = self.next_move[self.row_base[state] + padded[k : k + n]]
        found = self.output[state]
        found = found[found >= 0]
        # features in order of first occurrence, as py3langid's Counter holds them
        features, first, counts = np.unique(found, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return self._weigh(identifier, features[order], counts[order])

    def _weigh(self, identifier: Any, features: npt.NDArray[np.int64],
               counts: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
        """The classes' scores from the features visited (in order of first visit) and their
        counts, as py3langid's ``_sparse_score`` sums them."""
        if not len(features):
            return np.zeros(len(identifier.nb_classes), dtype=np.float32)
        weights = np.log1p(counts.astype(np.float32))
        rows = features.astype(np.intp)
        table = (identifier.nb_ptc[rows] if self.weight_bits is None
                 else _normal_halves_to_float32(self.weight_bits[rows]))
        scores: npt.NDArray[np.float32] = weights @ table + identifier.nb_pc
        return scores


def _normal_halves_to_float32(bits: npt.NDArray[np.uint16]) -> npt.NDArray[np.float32]:
    """float16 numbers (as bits; none zero, subnormal, infinite or NaN) as float32, exactly.

    NumPy converts float16 element by element in software, which cost more than the rest of
    a page's language detection; a normal float16's float32 is its sign moved up, and its
    exponent and mantissa moved up by 13 bits with the exponent's bias raised by 112.
    """
    out = bits.astype(np.uint32)
    sign = (out & 0x8000) << 16
    out &= 0x7FFF
    out <<= 13
    out += 112 << 23
    out |= sign
    return out.view(np.float32)


@lru_cache(maxsize=1)
def _ngram_counter() -> _NgramCounter | None:
    """The identifier's automaton as arrays, or None when its internals are not the known
    ones (then ``classify`` is used as it is)."""
    identifier = _identifier()
    try:
        next_move = np.frombuffer(identifier.tk_nextmove, dtype=np.uint32)
        row_base = np.asarray(identifier._rowbase, dtype=np.int64)
        output = np.asarray(identifier.tk_output, dtype=np.int64)
        identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes, identifier._alias_pairs  # noqa: B018
        if not identifier._norm_probs or identifier.min_confidence is not None:
            return None
    except (AttributeError, TypeError, ValueError):
        return None
    counter = _walk_tables(next_move, row_base, output)
    weights = identifier.nb_ptc
    if counter is None or not isinstance(weights, np.ndarray):
        return counter
    if weights.dtype == np.float16:
        bits = np.ascontiguousarray(weights).view(np.uint16)
        exponent = bits & 0x7C00
        if np.all((exponent != 0) & (exponent != 0x7C00)):
            return replace(counter, weight_bits=bits)
    return counter


def _walk_tables(next_move: npt.NDArray[np.uint32], row_base: npt.NDArray[np.int64],
                 output: npt.NDArray[np.int64]) -> _NgramCounter | None:
    """Depth of the automaton (breadth-first from the start) and a byte back to the start."""
    rows = np.unique(row_base)
    pad = next((b for b in range(256) if not next_move[rows + b].any()), None)
    if pad is None:
        return None
    seen = np.zeros(len(row_base), dtype=bool)
    seen[0] = True
    frontier = np.zeros(1, dtype=np.int64)
    depth = 0
    while len(frontier):
        reached = np.zeros(len(row_base), dtype=bool)
        bases = np.unique(row_base[frontier])
        for i in range(0, len(bases), 4096):  # a few thousand rows at a time bound the memory
            reached[next_move[bases[i : i + 4096, None] + np.arange(256)]] = True
        frontier = np.flatnonzero(reached & ~seen)
        seen[frontier] = True
        depth += 1 if len(frontier) else 0
    return _NgramCounter(next_move, row_base, output, max(depth, 1), pad, None)


def detect_language(
    texts: Iterable[str], min_probability: float = 0.5, sample_chars: int = SAMPLE_CHARS
) -> str | None:
    """The ISO 639-1 code of the language the ``texts`` are written in, or None when the
    text is too short or the identifier is unsure (probability under ``min_probability``).

    Only the first ``sample_chars`` characters of the texts (joined by spaces) are read.
    """
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= sample_chars:
            break
    joined = " ".join(sample)[:sample_chars]
    # the first _MIN_CHARS letters are enough to know there are that many
    if len(list(islice(filter(str.isalpha, joined), _MIN_CHARS))) < _MIN_CHARS:
        return None
    identifier = _identifier()
    counter = _ngram_counter()
    if counter is None:
        language, probability = identifier.classify(joined)
    else:
        language, probability = counter.classify(identifier, joined)
    return str(language) if probability >= min_probability else None
