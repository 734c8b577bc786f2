"""Who wrote a page: author names from every source, reconciled (see :mod:`.metadata`).

Precedence, most trusted first (the first source that yields a plausible name wins):
JSON-LD ``author`` of the main item (``{"@id": …}`` references resolved) → ``<meta
name=author>``, ``article:author``, ``DC.creator``, Parse.ly/Sailthru, ``citation_author`` →
Twitter's "Written by" label → microdata/RDFa ``author``/``creator`` → the first byline
element (``rel=author``, ``byline``/``author``/``username`` classes, forum engines' poster
names, a vcard's ``fn`` inside an author element, ``p-author``; outside comment threads) →
a short "By Jane Doe" line just after the headline (or a "by Jane Doe" after a date or a
verb of posting: "May 4, 2025 by Jane Doe", "Started by jdoe"; a line break ends the name) →
the innermost element whose class or id says ``author``/``byline``/``writer``/``autor``/
``auteur`` (in a long author box, its first short leaves; a date before the name is taken
off) → a line that is only a name, just below the headline, beside the date line or
linking to an author's page → a "Written by …"/"Author: …" line anywhere, or a label alone
on its line ("Author", "Article by") with the name on the next → a JSON-LD author of type
Organization (a person's byline is preferred to it). An author that is the site's own name
is kept only when no later source names a person.

Each name loses "By"/"Written by" prefixes, roles and trailing dates; e-mail addresses,
URLs, template placeholders ("page.head.author"), avatar initials, navigation words
("Home", "Login", "Menu"…) and text too long to be a name are refused. A user name may hold
digits ("Ejp55230"); a post count after it is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..page import PageBlock
from .dates import find_text_date, without_leading_date
from .signals import CLASS_SIGNALS
from .sources import Sources, clean

__all__ = [
    "beside_headline_names", "clean_author", "element_bylines", "jsonld_names",
    "labelled_bylines", "read_authors", "squash", "text_bylines",
]  # fmt: skip

_LABEL_SCAN_BLOCKS = 300  # blocks searched for a "Written by" line


_AUTHOR_META = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "book:author", "citation_author",
)  # fmt: skip
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reviewed|edited|created|text|words|story|"
    r"photos?|updated)\s+)?(?:by|von|par|por|di|door|av|przez|от)\s*[:\-]?\s+|^(?:authors?|"
    r"autor(?:in)?|auteur|writer)\s*[:\-]\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*(?:[|•·⋅∙●]|\s[-–—.]\s|\bon\s+(?:\w+\s+)?\d|\b(?:last\s+)?updated\b|\bpublished\b"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d|\d{4}-\d{2}-\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b\d+\s+(?:comments?|replies|reactions|kommentare?|commentaires?|comentarios?|commenti"
    r"|reacties)\b)"
    r".*$",
    re.IGNORECASE,
)
_NAV_WORDS = frozenset(
    "home login log in sign in sign up signin register menu search subscribe account admin "
    "administrator contact about share follow comments comment read more skip to content "
    "anonymous unknown guest staff editor editors newsletter privacy cookie cookies by author "
    "the username password".split()
)  # fmt: skip
_NAV_PHRASES = ("log in", "sign in", "sign up", "read more", "skip to")
_MAX_NAME_WORDS = 6
_NAME_SPLIT = re.compile(r"\s*(?:;|\s&\s|\band\b|\bund\b|\bet\b|\by\b|,)\s*", re.IGNORECASE)


def _is_navigation(name: str) -> bool:
    words = re.findall(r"\w+", name.lower())
    if not words:
        return True
    low = " ".join(words)
    return all(w in _NAV_WORDS for w in words) or any(p in low for p in _NAV_PHRASES)


def clean_author(value: str) -> str | None:
    """One author's name without "By" prefixes and trailing dates, or None when ``value``
    is not a person's or organisation's name (an e-mail, a URL, navigation words)."""
    name = clean(value)
    if not name:
        return None
    name = _BY_PREFIX.sub("", name).strip(" ,:;|-–—")
    name = _TRAILING.sub("", name).strip(" ,:;|-–—")
    if not name or len(name) > 80 or len(name.split()) > _MAX_NAME_WORDS:
        return None
    if "{" in name or _is_template_path(name):
        return None  # a template placeholder ("{{author}}", "page.head.author")
    if "@" in name or "://" in name or name.startswith(("www.", "/")) or "http" in name:
        return None
    words = name.split()
    while len(words) > 1 and _NUMBER.fullmatch(words[-1]):
        words.pop()  # a forum member's post count after the name ("wolfmw 1,674")
    name = " ".join(words)
    # a user name may hold digits ("Ejp55230"); a name made of numbers is a date or a count
    digits, letters = sum(c.isdigit() for c in name), sum(c.isalpha() for c in name)
    if letters == 0 or (digits > 2 and (len(words) > 1 or letters < _MIN_USER_LETTERS)):
        return None
    if _is_navigation(name):
        return None
    return name


_MIN_USER_LETTERS = 3  # "CC7567" is an id, "Ejp55230" a user's chosen name
_NUMBER = re.compile(r"[\d.,]+[kKmM]?")
_TEMPLATE_WORDS = frozenset("author name page post head meta user data article field".split())


def _is_template_path(name: str) -> bool:
    """"page.head.author": a template variable left unfilled (not "hayley.p", a user name)."""
    parts = name.split(".")
    return len(parts) > 1 and " " not in name and any(p in _TEMPLATE_WORDS for p in parts)


def _split_names(value: str) -> list[str]:
    """"A, B and C" → three names; "Jane Doe, MD" stays one (a part of one word is not a name)."""
    parts = [p for p in _NAME_SPLIT.split(value) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [value]


def jsonld_names(value: Any, depth: int = 0) -> list[str]:
    if depth > 3:
        return []
    if isinstance(value, list):
        return [n for v in value for n in jsonld_names(v, depth + 1)]
    if isinstance(value, dict):
        value = value.get("name") or (
            " ".join(filter(None, (clean(value.get("givenName")), clean(value.get("familyName")))))
        )
    name = clean(value)
    return [name] if name else []


_BYLINE_TEXT = re.compile(
    # "ByDaryl Austin": inline elements glued without a space still mark the name
    r"^(?:(?:written|posted|published|reviewed|edited|story|words)\s+)?by(?:\b\s*:?\s*|"
    r"(?=(?-i:[A-Z])))(.*)$",
    re.IGNORECASE | re.DOTALL,
)
_BYLINE_WINDOW = 30  # blocks after the headline searched for a "By …" line
_MAX_BYLINE_CHARS = 120  # a byline line may go on with a role and a date
_MAX_NAME_CHARS = 80


def text_bylines(blocks: Sequence[PageBlock], anchors: Sequence[int]) -> list[str]:
    """Names from short "By Jane Doe" lines just after the headline (the blocks at
    ``anchors``), or the page's start.

    A lone "By" block takes the next block as the name (a prefix styled apart).
    """
    windows = [(max(0, a - 3), a + _BYLINE_WINDOW) for a in anchors] or [(0, _BYLINE_WINDOW)]
    for lo, hi in windows:
        for i in range(lo, min(len(blocks), hi)):
            text = blocks[i].text
            if blocks[i].chars > _MAX_BYLINE_CHARS or not text[:1].isalpha():
                continue
            match = _BYLINE_TEXT.match(text)
            if match is not None:
                name = _first_line(match[1]) or (blocks[i + 1].text if i + 1 < len(blocks) else "")
            elif (inner := _inner_byline(text)) is not None:
                name = inner
            else:
                continue
            name = _first_line(name)
            name = _CONNECTOR_TAIL.sub("", _TRAILING.sub("", name).rstrip(" ,;.")).strip()
            if len(name) <= _MAX_NAME_CHARS and _looks_like_name(name):
                return [name]
    return []


# "by" inside a line, after a date or a verb: "September 1st, 2023 By Emily Norwood",
# "submitted 17 hours ago by jdoe", "Started by Biology Forums, June 04, 2024"
_INNER_BY = re.compile(
    r"(?:^|[\s·•|—–,:])(?:by|von|par|por|door|av|przez)\s+([^\s·•|,].*)$",
    re.IGNORECASE | re.DOTALL,
)
_BEFORE_BY = re.compile(
    r"(?:\d|\b(?:posted|written|started|submitted|published|edited|created))\W*$", re.IGNORECASE
)
# a word that joins the name to a date or place cut off after it ("David at", "Colin on")
_CONNECTOR_TAIL = re.compile(r"(?:\s+(?:on|at|in|am|le|el|il|op|om|i))+\s*$")  # lower case only


def _first_line(text: str) -> str:
    """The first non-empty line of ``text``: a ``<br>`` ends a name ("By<br>Jane Doe<br>March
    3, 2025")."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _inner_byline(text: str) -> str | None:
    """The name of a "by Name" after a date or a verb of posting, anywhere in a short line."""
    match = _INNER_BY.search(text)
    if match is None or match.start() == 0 or not _BEFORE_BY.search(text[: match.start() + 1]):
        return None
    return match[1]


def _looks_like_name(text: str) -> bool:
    """Capitalised words, not a sentence ("By the way, …")."""
    words = text.split()
    if not words or len(words) > _MAX_NAME_WORDS or text.rstrip().endswith((".", "!", "?")):
        return False
    # a word of a script without case (CJK, Arabic, …) is neither upper nor lower case
    return all(not w[0].islower() or w in _PARTICLES or (i == 0 and w == "the")
               for i, w in enumerate(words))  # "the Lavazza Team", not "Visit the Store"


_PARTICLES = frozenset("van von der den de da di del la le du bin al y and und et &".split())


def _is_organisation(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        isinstance(i, dict) and str(i.get("@type", "")).lower() in _ORGANISATION_TYPES
        for i in items
    )


_ORGANISATION_TYPES = frozenset(("organization", "newsmediaorganization", "corporation"))


_AUTHOR_LABEL = re.compile(
    r"^(?:(?:written|posted|published)\s+by|by|authors?|autor(?:es|in)?|auteurs?|autore|"
    r"writer|about the author)\b\s*[:\-]?\s*", re.IGNORECASE,
)


def element_bylines(texts: Sequence[str]) -> list[str]:
    """The first text of an element classed author/byline that reads as a name, once a label
    ("Author", "Written by") is taken off: capitalised words (or words of a script without
    case), not a sentence."""
    for text in texts:
        text = without_leading_date(clean(text) or "")  # "Dec 17, 2025 · Julian Arni"
        name = _TRAILING.sub("", _AUTHOR_LABEL.sub("", text)).strip(" ,:;|-–—")
        if (name and (_looks_like_name(name) or _is_user_name(name)) and clean_author(name)
                and not _is_initials(name)):  # fmt: skip
            return [name]
    return []


def _is_user_name(name: str) -> bool:
    """"jsteinhardt": one lower-case word, in an element that says it names the author."""
    return bool(_USER_NAME.fullmatch(name)) and sum(c.isalpha() for c in name) >= _MIN_USER_LETTERS


_USER_NAME = re.compile(r"[\w-]{3,30}")


def _is_initials(name: str) -> bool:
    """"JD": the initials an avatar shows in place of a photo."""
    return " " not in name and len(name) <= 3 and name.isupper()


_LABELLED_BYLINE = re.compile(
    r"^(?:written\s+by|authors?\s*:|autor(?:es|in)?\s*:|auteurs?\s*:|autore\s*:)\s*(.+)$",
    re.IGNORECASE,
)
# a label alone on its line, the name on the next ("Author" | "Lisa Ellis", "Article written
# by:" | "Doris Munoz"): not "Reviewed by", "Photo by", which credit someone else
_LONE_LABEL = re.compile(
    r"^(?:(?:article|post|story)\s+)?(?:(?:written|posted|published)\s+)?by\s*:?"
    r"|^(?:authors?|autor(?:es|in)?|auteurs?|autore|contributors?|verfasser(?:in)?)\s*:?$",
    re.IGNORECASE,
)


# The letters a label begins with (a non-ASCII letter may match one without regard to case).
_LABEL_INITIALS = frozenset("apswbcvAPSWBCV")


def labelled_bylines(blocks: Sequence[PageBlock]) -> list[str]:
    """A name on a short line anywhere in the page's first blocks that says it is the
    author's ("Written by Jane Doe", "Author: Jane Doe"), or on the line after a label that
    stands alone ("Author" | "Jane Doe"): an author box below the body."""
    scanned = blocks[:_LABEL_SCAN_BLOCKS]
    for i, block in enumerate(scanned):
        if block.chars > _MAX_BYLINE_CHARS or not block.text[:1].isalpha():
            continue
        if block.text[0] not in _LABEL_INITIALS and block.text[0].isascii():
            continue  # neither pattern can match: most lines are passed over here
        lines = [line.strip() for line in block.text.splitlines() if line.strip()]
        if _LONE_LABEL.fullmatch(lines[0]):
            if block.link_chars * 2 > block.chars:
                continue  # a link to the site's "Authors" or "Contributors" page
            name = _name_after_label(lines[1:], scanned[i + 1 : i + 3])
        elif (match := _LABELLED_BYLINE.match(lines[0])) is not None:
            name = _TRAILING.sub("", match[1])
        else:
            continue
        if len(name) <= _MAX_NAME_CHARS and _looks_like_name(name):
            return [name]
    return []


def _name_after_label(rest: list[str], following: Sequence[PageBlock]) -> str:
    """The name after a lone label: the label's next line, else the next block that is not
    avatar initials or a link to something else than an author's page."""
    if rest:
        return _TRAILING.sub("", rest[0]).strip(" ,;")
    for block in following:
        text = _first_line(block.text)
        if _is_initials(text):
            continue
        if block.link_chars * 2 > block.chars and not _AUTHOR_HREF.search(block.href or ""):
            return ""
        return _TRAILING.sub("", text).strip(" ,;")
    return ""


_NAME_BESIDE = 6  # blocks after the headline where a bare name line is read
_DATE_BESIDE = 2  # how far from the name its date line may be
_MAX_BARE_NAME_CHARS = 40
_CLASS_ROLES = [role for role, _ in CLASS_SIGNALS]
_NAME_TAGS = frozenset(("div", "p", "li", "address", "span", "a", "section", "header"))
# what a name's element is not: navigation, sharing, an ad, a caption, a tag list, a title
_NOT_NAME_BITS = sum(1 << _CLASS_ROLES.index(role) for role in (
    "nav", "social", "ad", "newsletter", "cookie", "caption", "tags", "title", "hidden", "modal"))
_AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:es|en)?|auteurs?|autore|writers?|people|staff|team|profiles?|"
    r"users?|members?|u)(?:/|[-_]|\.php|$)", re.IGNORECASE,
)
_GLUED = re.compile(r"[a-z]{3}[A-Z][a-z]")  # "FacebookYoutube": link texts run together


def beside_headline_names(blocks: Sequence[PageBlock], anchors: Sequence[int]) -> list[str]:
    """A line that is only a name, just below the headline, beside the date line or linking
    to an author's page ("Jane Doe" | "March 3, 2025"): a byline without "By" or a class.

    A link elsewhere (a category, a tag) is not a name; without a link, a date line (not a
    heading) at most ``_DATE_BESIDE`` blocks away must vouch for it, and the line must hold
    two words at least, not all in capitals (a one-word kicker, "EXCLUSIVE", a dateline's
    "PARIS, FRANCE")."""
    for anchor in anchors:
        for i in range(anchor + 1, min(len(blocks), anchor + 1 + _NAME_BESIDE)):
            block = blocks[i]
            text = block.text.strip()
            if (block.chars > _MAX_BARE_NAME_CHARS or block.tag not in _NAME_TAGS
                    or block.own_bits & _NOT_NAME_BITS or not _is_bare_name(text)):  # fmt: skip
                continue
            if block.link_chars >= block.chars - 2 and block.href is not None:
                if _AUTHOR_HREF.search(block.href):
                    return [text]
                continue  # a link to a category, a tag, a product
            if len(text.split()) < 2 or text.isupper():
                continue
            if i + 1 < len(blocks) and _is_list_link(blocks[i + 1]):
                continue  # the title of a table of contents ("In this article")
            near = blocks[max(0, i - _DATE_BESIDE) : i + 1 + _DATE_BESIDE]
            if any(b is not block and b.tag in _NAME_TAGS and b.chars <= _MAX_BYLINE_CHARS
                   and find_text_date(b.text) for b in near):  # fmt: skip
                return [text]
    return []


def _is_list_link(block: PageBlock) -> bool:
    return block.tag == "li" and block.link_chars >= block.chars - 2 > 0


def _is_bare_name(text: str) -> bool:
    """One to four capitalised words without digits, marks or glued link texts."""
    words = text.split()
    return (0 < len(words) <= 4 and text[:1].isalpha() and "\n" not in text
            and _looks_like_name(text) and not any(c.isdigit() for c in text)
            and not any(c in text for c in ":|#@?!()[]/,") and not _GLUED.search(text)
            and bool(clean_author(text)))  # fmt: skip


def _resolve_ids(value: Any, src: Sources) -> Any:
    """JSON-LD ``{"@id": …}`` references (Yoast's ``author``) replaced by the item they name."""
    if isinstance(value, list):
        return [_resolve_ids(v, src) for v in value]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return src.item_by_id(value["@id"]) or value
    return value


def _author_candidates(
    src: Sources, blocks: Sequence[PageBlock], anchors: Sequence[int],
    author_texts: Callable[[], list[str]],
) -> Iterable[list[str]]:
    jsonld = src.main.data.get("author") or src.main.data.get("creator") if src.main else None
    jsonld = _resolve_ids(jsonld, src)
    # an organisation named as author yields to a person's byline, when the page has one
    deferred = _is_organisation(jsonld)
    if not deferred:
        yield jsonld_names(jsonld)
    for key in _AUTHOR_META:
        values = src.meta.get(key, [])
        yield [_natural_order(v) for v in values] if key in _CITATION_META else values
    if (src.first_meta("twitter:label1") or "").lower() in ("written by", "author", "by"):
        yield src.meta.get("twitter:data1", [])
    yield src.item_values("author") + src.item_values("creator")
    yield src.bylines[:1]  # the first: later ones are often replies' authors
    yield text_bylines(blocks, anchors)
    yield element_bylines(author_texts())  # a query of its own: only when needed
    yield beside_headline_names(blocks, anchors)
    yield labelled_bylines(blocks)
    if deferred:
        yield jsonld_names(jsonld)


_CITATION_META = frozenset(("citation_author", "dc.creator", "dcterms.creator"))
_NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d. md m.d.".split())


def _natural_order(name: str) -> str:
    """"Roy, Aniruddha" as "Aniruddha Roy": citation and Dublin Core tags write the family
    name first; a suffix after the comma ("King, Jr.") stays where it is."""
    family, comma, given = name.partition(",")
    given, family = given.strip(), family.strip()
    if (not comma or "," in given or not given or not family or given.lower() in _NAME_SUFFIXES
            or len(given.split()) > 3 or len(family.split()) > 3
            or not all(c.isalpha() or c in " .'-" for c in given + family)):
        return name
    return f"{given} {family}"


def read_authors(
    src: Sources, blocks: Sequence[PageBlock], anchors: Sequence[int],
    site_name: str | None = None, author_texts: Callable[[], list[str]] = list,
) -> tuple[str, ...]:
    """The authors of the page: the first source's names (precedence in the module
    docstring); the site's own name (the publisher put in an author field) is kept only when
    no later source names a person. ``anchors`` are the blocks where the headline may sit;
    ``author_texts`` gives the texts of the elements classed author/byline (read only when
    the sources before them name nobody)."""
    site = squash(site_name)
    fallback: tuple[str, ...] = ()
    for values in _author_candidates(src, blocks, anchors, author_texts):
        names: list[str] = []
        for value in values:
            for part in _split_names(_BY_PREFIX.sub("", clean(value) or "")):
                name = clean_author(part)
                if name and name.lower() not in (n.lower() for n in names):
                    names.append(name)
        if names and site and all(squash(n) == site for n in names):
            fallback = fallback or tuple(names)
        elif names:
            return tuple(names[:10])
    return fallback


def squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", (text or "").lower())
