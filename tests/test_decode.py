"""Bytes to text: every path through decode_html, and the input checks beside it."""

from __future__ import annotations

import codecs
import gzip
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thresher.html.decode import (
    clean_text,
    clean_text_utf8,
    decode_html,
    looks_binary,
    looks_like_json,
    normalize_charset,
    repair_mojibake,
    sniff_meta_charset,
)

FRENCH = "Le café du marché est très apprécié à Noël : les élèves y mangent des crêpes."
RUSSIAN = "Городской совет одобрил строительство новой велосипедной дорожки вдоль реки."
JAPANESE = "市議会は川沿いの新しい自転車道の建設を承認しました。工事は来春に始まる予定です。"
WESTERN_EXTRAS = "“Smart quotes” — an em dash, a euro sign € and a café."


def page(body: str, head: str = "") -> str:
    """A minimal HTML page with ``body`` in one paragraph."""
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


# --- byte order marks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_decides_and_is_stripped(bom: bytes, codec: str) -> None:
    html = page(FRENCH)
    assert decode_html(bom + html.encode(codec)) == html


def test_bom_beats_declared_and_meta_charset() -> None:
    html = page(FRENCH, head='<meta charset="koi8-r">')
    data = codecs.BOM_UTF8 + html.encode("utf-8")
    assert decode_html(data, declared="windows-1251") == html


# --- the declared (HTTP) charset --------------------------------------------------------------


@pytest.mark.parametrize("declared", ["windows-1252", "cp1252", "iso-8859-1", "latin1", "ascii"])
def test_declared_western_charsets_decode_as_windows_1252(declared: str) -> None:
    # browsers read latin1/ascii labels as windows-1252, which has the quotes, dash and euro
    html = page(WESTERN_EXTRAS)
    assert decode_html(html.encode("cp1252"), declared=declared) == html


def test_declared_charset_beats_meta_charset() -> None:
    html = page(RUSSIAN, head='<meta charset="windows-1251">')
    assert decode_html(html.encode("koi8-r"), declared="KOI8-R") == html


def test_declared_utf8_with_legacy_bytes_falls_back_to_detection() -> None:
    # a server's default "charset=utf-8" on a page written in windows-1252
    html = page(FRENCH)
    assert decode_html(html.encode("cp1252"), declared="utf-8") == html


def test_declared_utf8_with_one_bad_byte_keeps_utf8() -> None:
    # genuinely UTF-8 apart from one stray byte: keep UTF-8, replace the byte
    data = page(FRENCH).encode("utf-8").replace(b"</p>", b"\xff</p>")
    text = decode_html(data, declared="utf-8")
    assert FRENCH + "\ufffd</p>" in text


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1251", "shift_jis"])
def test_utf8_bytes_under_a_stale_legacy_declaration_read_as_utf8(declared: str) -> None:
    # a UTF-8 page served with an old "charset=iso-8859-1": legacy text is never valid UTF-8
    for words in (FRENCH, RUSSIAN):
        html = page(words)
        assert decode_html(html.encode("utf-8"), declared=declared) == html
        assert decode_html(html.encode("utf-8"), declared=None) == html


def test_declared_legacy_charset_replaces_invalid_bytes() -> None:
    # 0x81 is undefined in windows-1252: replaced, and the rest still decodes
    data = page(FRENCH).encode("cp1252").replace(b"</p>", b"\x81</p>")
    assert FRENCH + "\ufffd</p>" in decode_html(data, declared="windows-1252")


@pytest.mark.parametrize(
    "declared", ["x-foo", "utf-99", "", "  ", "base64", "rot13", "utf-7", "a\x00b", "x" * 500]
)
def test_unknown_or_unusable_declared_charset_is_ignored(declared: str) -> None:
    html = page(FRENCH)
    assert decode_html(html.encode("utf-8"), declared=declared) == html


# --- <meta> charset ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="shift_jis">',
        "<meta charset='Shift_JIS'>",
        "<META CHARSET=shift_jis>",
        '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
        '<meta content="text/html;charset=x-sjis" http-equiv="content-type">',
    ],
)
def test_meta_charset_shift_jis(meta: str) -> None:
    html = page(JAPANESE, head=meta)
    assert decode_html(html.encode("shift_jis")) == html


def test_meta_http_equiv_koi8_r() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    html = page(RUSSIAN, head=head)
    assert decode_html(html.encode("koi8-r")) == html


def test_meta_charset_beyond_the_sniffed_prefix_is_not_read() -> None:
    head = "<!--" + "x" * 5000 + '--><meta charset="koi8-r">'
    assert sniff_meta_charset(page("", head=head).encode()) is None


def test_meta_utf16_label_means_utf8() -> None:
    # a page whose <meta> could be read as ASCII is not UTF-16 (WHATWG)
    html = page(FRENCH, head='<meta charset="utf-16">')
    assert decode_html(html.encode("utf-8")) == html


def test_unknown_meta_charset_is_ignored() -> None:
    html = page(FRENCH, head='<meta charset="x-unknown-charset">')
    assert decode_html(html.encode("utf-8")) == html


# --- undeclared: UTF-16 sniff, strict UTF-8, detector, fallback -------------------------------


def test_undeclared_utf8() -> None:
    html = page(JAPANESE + FRENCH)
    assert decode_html(html.encode("utf-8")) == html


def test_undeclared_utf16_without_bom() -> None:
    html = page(FRENCH)
    assert decode_html(html.encode("utf-16-le")) == html
    assert decode_html(html.encode("utf-16-be")) == html


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "cp1252"),
        ("Die Straße führt über die Brücke zum Rathaus.", "cp1252"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (JAPANESE, "shift_jis"),
        ("Zażółć gęślą jaźń, powiedział burmistrz, a radni się zgodzili.", "cp1250"),
    ],
)
def test_undeclared_legacy_charset_is_detected(text: str, codec: str) -> None:
    html = page(text)
    assert decode_html(html.encode(codec)) == html


def test_detector_reads_text_far_from_the_start() -> None:
    # 100 KB of ASCII markup first: the detector sample is taken from text runs, not a prefix
    html = "<!-- " + "m" * 100_000 + " -->" + page(FRENCH)
    assert decode_html(html.encode("cp1252")).endswith(page(FRENCH))


@pytest.mark.parametrize("word", ["café", "naïve", "€5", "Ça coûte 5 €, señor"])
def test_tiny_undeclared_legacy_text_falls_back_to_windows_1252(word: str) -> None:
    assert decode_html(word.encode("cp1252")) == word


def test_empty_bytes_decode_to_empty_text() -> None:
    assert decode_html(b"") == ""
    assert decode_html(b"", declared="utf-8") == ""


def test_nul_bytes_are_removed() -> None:
    assert decode_html(b"<p>a\x00b</p>") == "<p>ab</p>"
    assert decode_html(b"<p>a\x00b\xe9</p>", declared="latin1") == "<p>abé</p>"


@given(st.binary(max_size=2000), st.one_of(st.none(), st.text(max_size=20)))
def test_any_bytes_and_any_declared_label_decode_to_clean_text(data: bytes, label: str) -> None:
    text = decode_html(data, declared=label)
    assert "\x00" not in text
    text.encode("utf-8")  # no lone surrogates


# --- charset labels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("utf8", "utf-8"),
        (' "UTF-8" ', "utf-8"),
        ("latin1", "cp1252"),
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("shift_jis", "cp932"),
        ("x-sjis", "cp932"),
        ("euc-kr", "cp949"),
        ("windows-874", "cp874"),
        ("koi8-r", "koi8-r"),
        ("utf-16", "utf-16-le"),
    ],
)
def test_normalize_charset_maps_labels_like_browsers(label: str, codec: str) -> None:
    assert normalize_charset(label) == codec


@pytest.mark.parametrize("label", [None, "", "x-foo", "utf-99", "base64", "zlib", "utf-7", "hz"])
def test_normalize_charset_refuses_unknown_and_unsafe_labels(label: str | None) -> None:
    assert normalize_charset(label) is None


# --- str input ---------------------------------------------------------------------------------


def test_clean_text_replaces_lone_surrogates() -> None:
    assert clean_text("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert clean_text("x\ud83d") == "x\ufffd"


def test_clean_text_joins_surrogate_pairs() -> None:
    assert clean_text("smile \ud83d\ude00") == "smile \U0001f600"


def test_clean_text_removes_nul() -> None:
    assert clean_text("a\x00b\x00") == "ab"


@given(st.lists(st.sampled_from(["a", "é", "\x00", "\ud83d", "\ude00", "\ud800", "€", " ",
                                  "\U0001f600", "<p>"]), max_size=12).map("".join))
def test_clean_text_comes_with_its_utf8_bytes(text: str) -> None:
    cleaned, data = clean_text_utf8(text)
    assert cleaned == clean_text(text)
    assert data == cleaned.encode("utf-8")


def test_extract_parses_the_checked_bytes_as_it_parses_the_text() -> None:
    import thresher

    html = page(FRENCH + " " + WESTERN_EXTRAS + "\x00 " + JAPANESE)
    from_str = thresher.extract(html)
    from_bytes = thresher.extract(html.replace("\x00", "").encode("utf-8"))
    assert from_str.to_dict() == from_bytes.to_dict()
    assert "\x00" not in from_str.text and "café" in from_str.text


def test_clean_text_returns_clean_text_unchanged() -> None:
    text = page(JAPANESE + FRENCH + "\U0001f600")
    assert clean_text(text) is text


# --- UTF-8 read as windows-1252 (mojibake) ------------------------------------------------------


def _garbled(text: str, codec: str = "cp1252") -> str:
    """``text``'s UTF-8 read as ``codec``, the way a browser reads windows-1252: the five
    bytes it leaves undefined become the code points of their own value."""
    data = text.encode("utf-8")
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode(codec)
                   for b in data) if codec == "cp1252" else data.decode(codec)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
@pytest.mark.parametrize("text", [FRENCH, RUSSIAN, WESTERN_EXTRAS,
                                  "Say “hi” — it’s “fine”."])
def test_text_garbled_whole_is_repaired(text: str, codec: str) -> None:
    garbled = _garbled(text, codec)
    assert garbled != text
    assert repair_mojibake(*clean_text_utf8(garbled)) == (text, text.encode("utf-8"))


@pytest.mark.parametrize("text", [
    "SÃO PAULO: NÃO HÁ VAGAS, diz a ÃREA",  # Portuguese capitals: "Ã" opens no garbled pair
    "Â© 2024 and Ã© twice: Ã© — but a real “é” beside them",  # one character cannot go back
    "Ã© Ã© only two",  # too few to tell
    FRENCH,
])
def test_text_not_garbled_whole_is_left_alone(text: str) -> None:
    assert repair_mojibake(*clean_text_utf8(text))[0] is text


def test_extract_repairs_a_page_decoded_with_the_wrong_charset() -> None:
    import thresher

    html = page(FRENCH + " " + WESTERN_EXTRAS)
    garbled = _garbled(html)
    assert "cafÃ©" in garbled
    assert thresher.extract(garbled).text == thresher.extract(html).text
    assert "café" in thresher.extract_text(_garbled(FRENCH + "\n" + FRENCH)).text


# --- not HTML at all ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "tag"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (b"PK\x03\x04\x14\x00\x00\x00", "zip"),
        (gzip.compress(b"<html><body>hi</body></html>"), "gzip"),
    ],
)
def test_looks_binary_names_known_formats(data: bytes, tag: str) -> None:
    assert looks_binary(data) == tag


def test_looks_binary_flags_random_bytes() -> None:
    assert looks_binary(random.Random(7).randbytes(4096)) == "binary"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        page(FRENCH).encode("utf-8"),
        page(FRENCH).encode("cp1252"),
        page(JAPANESE).encode("shift_jis"),
        codecs.BOM_UTF16_LE + page(FRENCH).encode("utf-16-le"),
        page(FRENCH).encode("utf-16-be"),
        page("tab\tand form feed\x0c and ESC\x1b$B").encode("ascii"),
    ],
)
def test_looks_binary_accepts_text(data: bytes) -> None:
    assert looks_binary(data) is None


@pytest.mark.parametrize(
    "text",
    [
        '{"title": "x", "items": [1, 2, 3]}',
        '\ufeff  [{"a": 1}]',
        '{"html": "<p>an embedded page</p>"}',
        '{"truncated": [1, 2, 3',
    ],
)
def test_looks_like_json_accepts_json(text: str) -> None:
    assert looks_like_json(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", page(FRENCH), "{{ template }}<html><body>x</body></html>", "[if IE]<p>x</p>"],
)
def test_looks_like_json_rejects_html(text: str) -> None:
    assert not looks_like_json(text)


def test_looks_like_json_survives_deep_nesting() -> None:
    # a '<' early means the parser is asked, and it gives up on nesting this deep
    text = "[" * 10 + '"<"' + "[" * 100_000
    assert not looks_like_json(text)
    assert looks_like_json(json.dumps([[[1]]]))
