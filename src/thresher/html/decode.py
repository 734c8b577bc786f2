"""Bytes to text: the decoding front door, plus cheap checks that the input is HTML at all.

:func:`decode_html` settles a page's character set in this order, first answer wins:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. the charset declared by the transport (``declared``, e.g. from ``Content-Type``);
3. a ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` in the first few KB;
4. UTF-16 without a BOM, recognised by its pattern of zero bytes;
5. strict UTF-8;
6. a statistical detector (charset_normalizer) on a bounded sample of the page's text;
7. windows-1252 with replacement characters, which always succeeds.

Charset names are mapped the way browsers map them (the WHATWG Encoding Standard: ``latin1``
and ``ascii`` mean windows-1252, ``gb2312`` means GB18030, ...). A name Python does not know, or
one that is no text encoding (``base64``) or unsafe to honour (``utf-7``), is skipped, never an
error: a page's own declaration is data, not a contract.

A ``str`` is text the caller decoded already; :func:`repair_mojibake` undoes the one decoding
mistake that can be undone without doubt: a whole page of UTF-8 read as windows-1252 or
Latin-1 (an HTTP client's default when the header names no charset).

This is the only module that imports charset_normalizer, so the detector can be swapped here.
"""

from __future__ import annotations

import codecs
import json
import re

from charset_normalizer import from_bytes

__all__ = [
    "clean_text",
    "clean_text_utf8",
    "decode_html",
    "looks_binary",
    "looks_like_json",
    "normalize_charset",
    "repair_mojibake",
    "sniff_meta_charset",
]

# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels Python's codec registry does not know, mapped to the codec browsers use for them.
_LABEL_ALIASES: dict[str, str] = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "windows-874": "cp874",
    "x-gbk": "gb18030",
    "x-euc-jp": "euc_jp",
    "x-cp1250": "cp1250",
    "x-cp1251": "cp1251",
    "x-cp1252": "cp1252",
    "macintosh": "mac_roman",
    "x-mac-roman": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic",
    "x-user-defined": "cp1252",
}

# Python codec (canonical name) -> the superset browsers decode it with (WHATWG Encoding).
# Pages labelled with the narrower name routinely use the superset's extra characters.
_WHATWG_SUPERSETS: dict[str, str] = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-16-le",  # WHATWG: the bare "utf-16" label means little endian
    "utf-32": "utf-32-le",
}

# Codecs that decode bytes to str but must not be honoured for a web page: utf-7 and hz are
# XSS vectors browsers refuse; the rest are Python-specific transforms, not charsets.
_REFUSED_CODECS = frozenset(
    {
        "utf-7",
        "hz",
        "iso2022_kr",
        "undefined",
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "charmap",
    }
)

_MAX_LABEL_CHARS = 40  # the longest real charset label is under 30 characters

_META_SNIFF_BYTES = 4096  # head bytes searched for a <meta> charset declaration
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:()+\-]+)""", re.IGNORECASE
)

_DETECTOR_SAMPLE_BYTES = 16_384  # text bytes shown to the detector; bounds its cost
_TEXT_RUN = re.compile(rb"[^<>]+")  # a run of bytes between tags
_DETECTOR_MIN_HIGH_BYTES = 6  # below this, windows-1252 beats any statistical guess
_DETECTOR_TIE = 0.02  # chaos/coherence difference below which two detector answers tie
_DETECTOR_EXCLUDED = ("utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_DECODED_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")  # a character some byte sequence made

_BINARY_SNIFF_BYTES = 2048
_BINARY_CONTROL_SHARE = 0.05  # text has almost no C0 controls; random bytes have ~11%
# C0 controls that do occur in text: tab, LF, FF, CR, and ESC (ISO-2022-JP escapes).
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b")
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"(\xb5/\xfd", "zstd"),
    (b"\x7fELF", "elf"),
)

_JSON_SNIFF_CHARS = 200  # JSON without a '<' this early is not an HTML page
_LEADING_SPACE = " \t\r\n\x0c\ufeff"


def decode_html(data: bytes, *, declared: str | None = None) -> str:
    """Decode an HTML document's bytes to text, guessing the charset the way browsers do.

    Args:
        data: the document as received.
        declared: the charset named by the transport (HTTP ``Content-Type``), or None. An
            unknown or unusable name is ignored.

    Returns:
        The decoded text, without a byte order mark and without NUL characters (which HTML
        parsers treat inconsistently and no page means). Bytes invalid in the chosen charset
        become U+FFFD. Never raises for any ``bytes`` value.
    """
    bom = _match_bom(data)
    if bom is not None:
        bom_encoding, skip = bom
        return _decode(data[skip:], bom_encoding)
    for label, from_meta in ((declared, False), (sniff_meta_charset(data), True)):
        encoding = normalize_charset(label, from_meta=from_meta)
        if encoding is not None:
            text = _decode_declared(data, encoding)
            if text is not None:
                return text
    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        return _decode(data, utf16)
    try:
        return _strip_nul(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    detected = _detect_charset(data)
    return _decode(data, detected or "cp1252")


def normalize_charset(label: str | None, *, from_meta: bool = False) -> str | None:
    """Map a charset label to the Python codec browsers would decode it with.

    Args:
        label: a charset name as written by a server or page (any case, maybe quoted).
        from_meta: the label comes from the document itself; a UTF-16/32 label there is
            read as UTF-8, since a page that could be sniffed as ASCII is not UTF-16.

    Returns:
        A codec name accepted by :func:`codecs.lookup`, or None when the label is missing,
        unknown, not a text encoding, or refused for safety (utf-7).
    """
    if not label:
        return None
    name = label.strip().strip("\"'").strip().lower()
    if not name or len(name) > _MAX_LABEL_CHARS:
        return None
    name = _LABEL_ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: names with NUL and the like
        return None
    # private but stable since 3.4: False for bytes->bytes codecs such as base64 and zlib
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    if from_meta and info.name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return _WHATWG_SUPERSETS.get(info.name, info.name)


def sniff_meta_charset(data: bytes) -> str | None:
    """Return the charset label a ``<meta>`` tag declares in the document's first 4 KB.

    Handles both ``<meta charset="...">`` and ``<meta http-equiv="Content-Type"
    content="text/html; charset=...">``. The label is returned as written (decoded as
    ASCII); None when there is no declaration.
    """
    match = _META_CHARSET.search(data, 0, _META_SNIFF_BYTES)
    if match is None:
        return None
    return match.group(1).decode("ascii", errors="replace")


# UTF-8 read as windows-1252 (or Latin-1) turns each character beyond ASCII into two or three:
# "é" becomes "Ã©", a no-break space "Â\xa0", "д" becomes "Ð´", "’" becomes "â€™". Such a
# pair (an opener of a Latin or Cyrillic letter, then what a continuation byte decodes to) or
# "â€" (the opener of most punctuation) is rare in text of any language.
_CP1252_SPECIALS = frozenset(bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
                             if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
_CONTINUATION = frozenset(map(chr, range(0x80, 0xC0))) | _CP1252_SPECIALS


def _c1_bytes(error: UnicodeError) -> tuple[bytes, int]:
    """Encode the C1 controls windows-1252 leaves undefined as their own byte, as a browser
    decodes those bytes; any other character that does not encode stays an error."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start : error.end]
    if any(not 0x80 <= ord(c) <= 0x9F for c in chars):
        raise error
    return bytes(map(ord, chars)), error.end


codecs.register_error("thresher.c1", _c1_bytes)
_MOJIBAKE_MIN = 3  # garbled characters that make a page worth the round trip


def _looks_garbled(text: str) -> bool:
    """Whether ``text`` holds ``_MOJIBAKE_MIN`` garbled characters, found by searches for one
    character (many times faster than a regular expression's scan, or a search for two)."""
    found = 0
    for opener in ("Ã", "Â", "Ð", "Ñ"):
        at = text.find(opener)
        while at >= 0:
            if text[at + 1 : at + 2] in _CONTINUATION:
                found += 1
                if found >= _MOJIBAKE_MIN:
                    return True
            at = text.find(opener, at + 1)
    for second in ("€", "\x80"):  # byte 0x80 read as windows-1252, and as Latin-1
        if second in text:
            found += text.count("â" + second)
    return found >= _MOJIBAKE_MIN


def repair_mojibake(text: str, data: bytes) -> tuple[str, bytes]:
    """Undo UTF-8 that was decoded as windows-1252 or Latin-1, when the whole text was
    (what an HTTP client does with a page whose header names no charset).

    ``data``: ``text`` as UTF-8. The text is turned back into the bytes that decoding made it
    from, and those bytes must be valid UTF-8, every one of them: a page in which a single
    character cannot go back (a real "é" beside the garbled ones, a character no single-byte
    charset has) is left as it is. So is text with fewer than ``_MOJIBAKE_MIN`` garbled
    characters. Returns the text and its UTF-8 bytes.
    """
    if text.isascii() or not _looks_garbled(text):
        return text, data
    try:  # encoders stop at the first character that cannot go back, at C speed
        try:
            original = text.encode("latin-1")
        except UnicodeEncodeError:
            original = text.encode("cp1252", errors="thresher.c1")
        return original.decode("utf-8"), original
    except UnicodeError:
        return text, data


def clean_text(text: str) -> str:
    """Make a ``str`` safe to parse and to encode as UTF-8.

    Surrogate pairs stored as two code points are joined into the character they encode,
    lone surrogates become U+FFFD, and NUL characters are removed. Text without any of these
    is returned unchanged (the common case costs one UTF-8 encode).
    """
    return clean_text_utf8(text)[0]


def clean_text_utf8(text: str) -> tuple[str, bytes]:
    """``clean_text(text)`` and its UTF-8 encoding, which the check for surrogates makes
    anyway: a parser that reads UTF-8 bytes is spared encoding the page a second time."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        # utf-16 with surrogatepass writes every code unit as is; decoding it back joins
        # valid pairs and replaces the lone halves
        text = _strip_nul(text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace"))
        return text, text.encode("utf-8")
    if b"\x00" in data:  # a NUL is one byte in UTF-8, and that byte is always a NUL
        return text.replace("\x00", ""), data.replace(b"\x00", b"")
    return text, data


def looks_binary(data: bytes) -> str | None:
    """Tell whether ``data`` is plainly not a text document.

    Returns:
        A short reason tag: the format named by a magic number at the start ("pdf", "png",
        "jpeg", "gif", "zip", "gzip", "xz", "zstd", "elf"), or "binary" when the first 2 KB
        hold many control bytes; None for anything that may be text. Data starting with a
        Unicode byte order mark, or laid out like UTF-16, is text.
    """
    head = data[:_BINARY_SNIFF_BYTES]
    stripped = head.lstrip(b" \t\r\n")
    for magic, tag in _MAGIC_NUMBERS:
        if stripped.startswith(magic):
            return tag
    if not head or _match_bom(head) is not None or _sniff_utf16(head) is not None:
        return None
    controls = sum(
        1 for byte in head if byte == 0x7F or (byte < 0x20 and byte not in _TEXT_CONTROLS)
    )
    if controls >= 2 and controls / len(head) > _BINARY_CONTROL_SHARE:
        return "binary"
    return None


def looks_like_json(text: str) -> bool:
    """Tell whether ``text`` is a JSON document rather than HTML.

    True when the first non-space character is ``{`` or ``[`` and the text either parses as
    JSON or has no ``<`` in its first 200 characters (truncated or sloppy JSON).
    """
    body = text.lstrip(_LEADING_SPACE)
    if body[:1] not in ("{", "["):
        return False
    if "<" not in body[:_JSON_SNIFF_CHARS]:
        return True
    try:
        json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: deeply nested arrays
        return False
    return True


def _match_bom(data: bytes) -> tuple[str, int] | None:
    """Return (codec, BOM length) when ``data`` starts with a byte order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _decode(data: bytes, encoding: str) -> str:
    """Decode with replacement characters for invalid bytes; NULs removed."""
    return _strip_nul(data.decode(encoding, errors="replace"))


def _decode_declared(data: bytes, encoding: str) -> str | None:
    """Decode with a declared charset, or None when the declaration is evidently wrong.

    Single-byte and legacy multi-byte declarations are honoured as browsers honour them,
    invalid bytes becoming U+FFFD. A UTF-8 declaration is dropped when the bytes are not
    UTF-8 anywhere (no valid multi-byte sequence at all): servers send "charset=utf-8" by
    default for pages written in a legacy charset, and guessing reads those far better.
    Any other declaration is dropped for bytes that are valid UTF-8 with non-ASCII
    characters: legacy-charset text almost never is, while UTF-8 pages served with a stale
    "charset=iso-8859-1" are common.
    """
    if encoding != "utf-8" and not data.isascii():
        try:
            return _strip_nul(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    try:
        return _strip_nul(data.decode(encoding))
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    if encoding == "utf-8" and _DECODED_NON_ASCII.search(text) is None:
        return None
    return _strip_nul(text)


def _sniff_utf16(data: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when ``data`` looks like BOM-less UTF-16 text.

    Markup in UTF-16 is mostly ASCII, so nearly every other byte is zero and the bytes in
    between are not.
    """
    head = data[:_BINARY_SNIFF_BYTES]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.9 and zero_even < 0.1:
        return "utf-16-le"
    if zero_even > 0.9 and zero_odd < 0.1:
        return "utf-16-be"
    return None


def _detect_charset(data: bytes) -> str | None:
    """Guess the charset of undeclared, non-UTF-8 bytes; None when the detector has no answer.

    The detector sees only text between tags that holds non-ASCII bytes: markup is ASCII in
    every charset and would only dilute the statistics, and a bounded sample keeps the cost
    flat for large pages. A handful of non-ASCII bytes gives it nothing to count, so it is
    not asked (the caller's windows-1252 fallback is the better bet). UTF-16/32 are left
    out: a BOM or the zero-byte sniff finds those, and the detector proposes them for any
    short sample. Where windows-1252 fits the sample as well as the detector's favourite,
    it wins: it is the browsers' default for undeclared pages, and the detector cannot tell
    Western European single-byte charsets apart on a few accented words (it reads French
    "très" as cp1250 "trčs").
    """
    sample = _detector_sample(data)
    if len(_HIGH_BYTE.findall(sample)) < _DETECTOR_MIN_HIGH_BYTES:
        return None
    matches = from_bytes(sample, cp_exclusion=list(_DETECTOR_EXCLUDED))
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        is_tied = (
            match.chaos <= best.chaos + _DETECTOR_TIE
            and match.coherence >= best.coherence - _DETECTOR_TIE
        )
        if is_tied and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return normalize_charset(best.encoding)


def _detector_sample(data: bytes) -> bytes:
    """Collect up to 16 KB of the inter-tag text runs that contain non-ASCII bytes.

    Runs are kept whole (a cut could split a multi-byte character and mislead the
    detector); only a single run longer than the budget is cut, at its last space.
    """
    runs: list[bytes] = []
    size = 0
    for match in _TEXT_RUN.finditer(data):
        run = match.group()
        if _HIGH_BYTE.search(run) is None:
            continue
        if size + len(run) > _DETECTOR_SAMPLE_BYTES:
            if not runs:
                cut = run.rfind(b" ", 0, _DETECTOR_SAMPLE_BYTES)
                runs.append(run[: cut if cut > 0 else _DETECTOR_SAMPLE_BYTES])
            break
        runs.append(run)
        size += len(run) + 1
    return b"\n".join(runs)


def _strip_nul(text: str) -> str:
    return text.replace("\x00", "") if "\x00" in text else text
