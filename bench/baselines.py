"""Baselines over flattened text: what one gets without learning which lines are the body.

Each takes the flat text of a page (one line of visible text per line, as in a WET record) and
returns the lines it keeps, joined by newlines:

- :func:`all_lines` keeps everything (recall's ceiling, precision's floor);
- :func:`c4_lines` applies the line and page rules of C4 (Raffel et al., 2020), as written in
  TensorFlow Datasets' ``c4_utils.clean_page``;
- :func:`justext_lines` runs jusText with each line as one paragraph.
"""

from __future__ import annotations

import html
import re

__all__ = [
    "C4_MAX_WORD_CHARS",
    "C4_MIN_SENTENCES",
    "C4_MIN_WORDS_PER_LINE",
    "all_lines",
    "c4_lines",
    "count_sentences",
    "justext_lines",
    "lines_as_html",
]

# The constants of TFDS c4_utils. The C4 paper's prose says "at least 3 words" per line and
# "fewer than 5 sentences" per page, but the code that built C4 uses 5 and 3; the code is what
# made the corpus, so its values are used here.
C4_MIN_WORDS_PER_LINE = 5
C4_MIN_SENTENCES = 3
C4_MAX_WORD_CHARS = 1000
_C4_END_MARKS = (".", "?", "!", '"')
_C4_ELLIPSIS = "..."
_C4_POLICY = (
    "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
    "use cookies",
)  # fmt: skip
_C4_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
# C4 counts sentences with NLTK's English Punkt model, a download this benchmark does not make;
# a sentence here ends at . ! or ? (closing quotes and brackets allowed) before white space.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=\S)")


def all_lines(text: str) -> str:
    """Every non-blank line, stripped."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def count_sentences(line: str) -> int:
    """Sentences in one line: sentence ends followed by more text, plus one (0 when blank)."""
    if not line.strip():
        return 0
    return len(_SENTENCE_END.findall(line.strip())) + 1


def _has_too_long_word(line: str) -> bool:
    return any(len(word) > C4_MAX_WORD_CHARS for word in line.split())


def c4_lines(text: str) -> str:
    """The lines C4's ``clean_page`` keeps, or ``""`` when it drops the whole page.

    Line rules, in C4's order: drop a line holding a word of over 1,000 characters; remove
    Wikipedia citation marks; keep only lines ending in ``. ? ! "`` (not ``...``) with at
    least 5 words; drop lines mentioning "javascript" or a cookie / terms / privacy policy.
    Page rules: a kept line with "lorem ipsum" or a curly bracket drops the page, and so do
    fewer than 3 sentences over the kept lines. C4's corpus-level steps (English language
    filter, bad-words page filter, three-sentence deduplication across pages) are not part
    of extracting one page and are not applied.
    """
    kept: list[str] = []
    sentences = 0
    for raw in text.splitlines():
        line = raw.strip()
        if _has_too_long_word(line):
            continue
        line = _C4_CITATION.sub("", line)
        if not line.endswith(_C4_END_MARKS) or line.endswith(_C4_ELLIPSIS):
            continue
        if len(line.split()) < C4_MIN_WORDS_PER_LINE:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower:
            return ""
        if "javascript" in lower:
            continue
        if "{" in line:
            return ""
        if any(phrase in lower for phrase in _C4_POLICY):
            continue
        sentences += count_sentences(line)
        kept.append(line)
    if sentences < C4_MIN_SENTENCES:
        return ""
    return "\n".join(kept).strip()


def lines_as_html(text: str) -> str:
    """An HTML document with one ``<p>`` per non-blank line, its text escaped."""
    paragraphs = "".join(
        f"<p>{html.escape(line.strip(), quote=False)}</p>\n"
        for line in text.splitlines()
        if line.strip()
    )
    return f"<html><body>\n{paragraphs}</body></html>"


def justext_lines(text: str, language: str = "English") -> str:
    """The lines jusText keeps when each line is one paragraph (its default settings).

    jusText reads HTML; the lines go in as escaped ``<p>`` elements, so its paragraphs are
    exactly the lines. ``language`` picks jusText's stoplist.
    """
    import justext

    if not text.strip():
        return ""
    paragraphs = justext.justext(lines_as_html(text), justext.get_stoplist(language))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)
