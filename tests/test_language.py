"""Language detection: both walks of the n-gram automaton (compiled, and by array steps) give
py3langid's own answer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.label import compiled
from thresher.language import _identifier, _ngram_counter, detect_language

TEXTS = [
    "The council voted on Tuesday to close the old bridge for repairs until the spring.",
    "Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke bis zum Frühjahr zu sperren.",
    "Le conseil municipal a voté mardi la fermeture du vieux pont jusqu'au printemps prochain.",
    "El ayuntamiento votó el martes cerrar el puente viejo hasta la primavera para repararlo.",
    "Городской совет во вторник проголосовал за закрытие старого моста до весны.",
    "市议会周二投票决定关闭旧桥进行维修，直到明年春天。",
    "市議会は火曜日、古い橋を春まで修理のために閉鎖することを決めた。",
    "시의회는 화요일 낡은 다리를 봄까지 보수를 위해 폐쇄하기로 결정했다.",
    "قرر مجلس المدينة يوم الثلاثاء إغلاق الجسر القديم حتى الربيع لإصلاحه.",
    "THE COUNCIL VOTED ON TUESDAY TO CLOSE THE OLD BRIDGE",  # all capitals are lower-cased
    "Cafe\u0301 cre\u0300me bru\u0302le\u0301e",  # NFC composes the accents first
    "a",
    "",
    "12345 67890 !!! ??? ...",
    "\ud800 lone surrogate kept as bytes",
    "mixed: the bridge, die Brücke, le pont, el puente, мост, 橋",
]


@contextmanager
def _arrays_only() -> Iterator[None]:
    with mock.patch.object(compiled, "KERNELS", None):
        yield


# the compiled walk (when built) and the array walk
WALKS = [nullcontext, _arrays_only] if compiled.KERNELS is not None else [_arrays_only]


def _counter() -> Any:
    counter = _ngram_counter()
    if counter is None:
        pytest.skip("this py3langid's internals differ: classify is used as it is")
    return counter


@pytest.mark.parametrize("walk", WALKS, ids=lambda w: "compiled" if w is nullcontext else "arrays")
def test_walks_match_py3langid_on_hand_written_texts(walk: Any) -> None:
    counter, identifier = _counter(), _identifier()
    with walk():
        for text in TEXTS:
            assert counter.classify(identifier, text) == identifier.classify(text), text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_walks_match_py3langid(text: str) -> None:
    counter, identifier = _counter(), _identifier()
    for walk in WALKS:
        with walk():
            assert counter.classify(identifier, text) == identifier.classify(text)


@pytest.mark.skipif(compiled.KERNELS is None, reason="the compiled kernels are not built")
@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_compiled_walk_scores_as_the_array_walk_bit_for_bit(data: bytes) -> None:
    import numpy as np

    counter, identifier = _counter(), _identifier()
    compiled_scores = counter._scores(identifier, data)
    assert np.array_equal(compiled_scores, counter.scores_numpy(identifier, data))


def test_detect_language_names_the_language_or_abstains() -> None:
    assert detect_language([TEXTS[0], TEXTS[0]]) == "en"
    assert detect_language([TEXTS[1]]) == "de"
    assert detect_language([TEXTS[4]]) == "ru"
    assert detect_language(["Too short"]) is None  # under twenty letters
    assert detect_language(["1234567890 " * 10]) is None  # no letters at all


def test_float16_bits_convert_as_numpy_converts_every_normal_number() -> None:
    import numpy as np

    from thresher.language import _normal_halves_to_float32

    bits = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    exponent = bits & 0x7C00
    normal = bits[(exponent != 0) & (exponent != 0x7C00)]
    expected = normal.view(np.float16).astype(np.float32)
    np.testing.assert_array_equal(_normal_halves_to_float32(normal), expected)


def test_only_the_sample_is_read() -> None:
    from thresher.language import SAMPLE_CHARS

    english, german = TEXTS[0] * 3, TEXTS[1] * 60  # the German is far longer
    assert len(english) < SAMPLE_CHARS < len(german)
    assert detect_language([english, german], sample_chars=len(english)) == "en"
    assert detect_language([english, german]) == "de"


def test_language_tables_stay_out_of_the_collector_s_passes() -> None:
    import gc

    from thresher.language import _identifier

    identifier = _identifier()
    gc.collect()
    for name in ("_rowbase", "tk_output"):
        assert not gc.is_tracked(getattr(identifier, name)), name
