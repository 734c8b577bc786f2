"""The page's title: the headline a reader sees, reconciled from every source that states it.

The sources (gathered in :mod:`.sources`): JSON-LD ``headline`` (or ``name`` of an item that
is the page's own), ``citation_title``, ``DC.title``, ``og:title``, ``twitter:title``,
``parsely-title`` and ``<title>``, most trusted first; and the page's visible ``<h1>``
headings (not hidden, not a link: a link is the site's logo); and the page's URL. Four steps:

1. **The stated title**: the most trusted source, unless its value is cut short with an
   ellipsis and a later one has it whole, or it stands alone (no other source repeats it)
   while the visible headline repeats another source: a JSON-LD ``headline`` that holds a
   description ("constitutional monarchy in Oceania"), a stale or generic value.
2. **Without the site's name** (:func:`strip_site_name`): a trailing part after a separator
   that names the site (``og:site_name``, the host) or is a few words after ``|`` / `` - ``;
   a leading part only when it is exactly the site's name (``Site - Story``): a brand named
   first is most often part of the title ("Ridge Wallet - Royal Black" on ridge.com).
3. **The visible headline** replaces the title when it says the same words (the stated
   spelling is kept), when the title contains it (the headline without the site's suffix),
   or when it begins with what is left of the title (a headline that a separator cut short:
   "Mobile UX Design: The Ultimate Guide" for "Mobile UX Design - The Ultimate Guide"; not
   a badge or category label shown before the title's words).
4. **The URL as witness**: when the first visible headline and the title still differ (a
   headline reworded from the title, "The 21 best movies of 2017" for "How to watch the 21
   best films of 2017", or one unrelated to it), the headline wins when the URL's path holds
   a clearly larger share of its words than of the title's (a tenth more): a slug is most
   often made from the headline a story was published under, while titles are rewritten for
   search engines and sharing. The words are those :func:`thresher.urls.slug_terms` keeps
   (numbers and words of one or two letters say nothing). Without that evidence (close
   shares, a path of numbers) the stated title stays: it is what the page offers to other
   sites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..page import PageBlock
from ..urls import slug_terms, url_words
from .authors import squash
from .signals import ANCESTOR_TAG_BITS
from .sources import Sources, clean

__all__ = ["read_title", "site_key", "strip_site_name", "visible_headings"]

_SEPARATORS = re.compile(r"\s+[|\-–—:·•»«/~]\s+|\s*[|·•»«]\s*|\s+::\s+")
_SUFFIX_MARK = re.compile(r"\s*[|–—]|\s+-\s")
_MAX_SUFFIX_WORDS = 4  # "Story | Anything short": a few words after a bar or dash are the site
_MIN_HEAD_WORDS = 3
_MAX_DOMAIN_TAIL = 5  # "Nike.com", "Site.co.uk": the site's name and a top-level domain
_MAX_TITLE_CHARS = 400
_UNTITLED_TYPES = frozenset(("webpage", "question", "faqpage", "qapage"))
_QUOTES = str.maketrans("‘’‚‛“”„‟′″", "\'\'\'\'\"\"\"\"\'\"")
_ANCHOR_MARKS = " ¶§#🔗"  # a heading's permalink ("Logging HOWTO ¶")
_HIDDEN = ANCESTOR_TAG_BITS["hidden"]
_SLUG_MARGIN = 0.1  # the headline wins on a clearly larger share of its words in the URL


def site_key(host: str) -> str:
    """The host without ``www.``/``m.``/``amp.`` and other leading labels: the last two
    labels, or three under a two-letter second level (``bbc.co.uk``)."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def _site_keys(site_name: str | None, host: str | None) -> tuple[set[str], set[str]]:
    """The site's names, squashed: those a part may contain (``og:site_name``, the host's
    first label) and those a part may only equal (also the host's registered name, which
    a title may mention: "Take C.A.R.E. - comwrap at DMEXCO" on blog.comwrap.com)."""
    contained = {squash(site_name)} if site_name else set()
    equal = set()
    if host:
        name = host.lower().split(":")[0].removeprefix("www.")
        contained.add(name.split(".")[0])
        equal.add(site_key(name).split(".")[0])
    contained.discard("")
    return contained, (equal | contained) - {""}


def _names_site(part: str, keys: tuple[set[str], set[str]], *, leading: bool) -> bool:
    """Whether a title's ``part`` (squashed) names the site: it is one of the site's names
    alone or with a top-level domain ("Nike.com"); a trailing part may also hold a name
    among other words ("Flask Documentation (3.1.x)"), a leading one may not."""
    contained, equal = keys
    if not part:
        return False
    if any(part == k or (part.startswith(k) and len(part) - len(k) <= _MAX_DOMAIN_TAIL)
           for k in equal):  # fmt: skip
        return True
    return not leading and any(k in part for k in contained)


def strip_site_name(title: str, site_name: str | None, host: str | None = None) -> str:
    """``title`` without a trailing or leading site name (``Story | Site``, ``Site - Story``).

    A trailing part is the site when it names ``site_name`` or the host, or is a few words
    after ``|`` or `` - `` behind a longer head; a leading part only when it is the name.
    """
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = _site_keys(site_name, host)
    ends = ((parts[-1], title[: _last_sep_start(title)], False),
            (parts[0], title[_first_sep_end(title):], True))  # fmt: skip
    for part, rest, leading in ends:
        if _names_site(squash(part), keys, leading=leading) and rest.strip():
            return rest.strip()
    last = _last_sep_start(title)
    tail, head = title[last:].strip(" |–—-·•»«:/~"), title[:last].strip()
    if (_SUFFIX_MARK.match(title[last:]) and len(tail.split()) <= _MAX_SUFFIX_WORDS
            and len(head.split()) >= _MIN_HEAD_WORDS):  # fmt: skip
        return head
    return title


def _last_sep_start(title: str) -> int:
    matches = list(_SEPARATORS.finditer(title))
    return matches[-1].start() if matches else len(title)


def _first_sep_end(title: str) -> int:
    match = _SEPARATORS.search(title)
    return match.end() if match else 0


def _fold(text: str) -> str:
    """Lower case, folded spaces and straight quotes: to compare titles from two sources."""
    return " ".join(text.translate(_QUOTES).lower().split())


def visible_headings(src: Sources, blocks: Sequence[PageBlock]) -> list[str]:
    """The page's ``<h1>`` texts a reader sees: from the text blocks, without hidden ones and
    links (a logo), permalink marks stripped; without blocks, every ``<h1>`` of ``src``."""
    if not blocks:
        return [t for t in (h.rstrip(_ANCHOR_MARKS) for h in src.h1) if t]
    out = []
    for block in [b for b in blocks if b.tag == "h1"]:  # a comprehension: most are not
        if block.anc_tags & _HIDDEN or 2 * block.link_chars > block.chars:
            continue
        text = " ".join(block.text.split()).rstrip(_ANCHOR_MARKS)
        if text:
            out.append(text)
    return out


def _stated_titles(src: Sources) -> list[str]:
    """Every title the page states, most trusted source first (a JSON-LD ``name`` counts
    only for an item that is a page's own: not a FAQ's question, not the WebPage wrapper)."""
    main = src.main.data if src.main else {}
    named = src.main is not None and not (set(src.main.types) & _UNTITLED_TYPES)
    candidates = [
        main.get("headline"), main.get("name") if named else None,
        src.first_meta("citation_title"), src.first_meta("dc.title"),
        src.first_meta("og:title"), src.first_meta("twitter:title"),
        src.first_meta("parsely-title"), src.title,
    ]  # fmt: skip
    return [t for t in map(clean, candidates) if t and len(t) < _MAX_TITLE_CHARS]


def _first_whole(titles: list[str]) -> str | None:
    """The first title, unless it is cut short with an ellipsis ("How to…") and a later one
    that it begins has it whole."""
    for i, title in enumerate(titles):
        head = _fold(title).rstrip(".… ")
        if len(head) < len(_fold(title)) and any(
            _fold(later).startswith(head) and len(later) > len(title) for later in titles[i + 1 :]
        ):
            continue
        return title
    return None


def _confirmed(
    titles: list[str], title: str, headline: str, site_name: str | None, host: str | None
) -> str:
    """``title``, or the stated title the visible ``headline`` repeats when no other source
    repeats ``title``: the page shows what a second source says, not what the first says.
    A headline that is the site's name (an unlinked logo) confirms nothing."""
    shown = _fold(headline)
    if not any(shown in _fold(t) for t in titles):
        return title  # a stripped title is a stretch of the title: none can equal the headline
    keys: dict[str, str] = {}
    for t in titles:  # sources often repeat one another: strip each value once
        if t not in keys:
            keys[t] = _fold(strip_site_name(t, site_name, host))
    stated = [keys[t] for t in titles]
    first = keys[title]
    if first == shown or _names_site(squash(headline), _site_keys(site_name, host), leading=True):
        return title
    if stated.count(first) == 1 and shown in stated:
        return titles[stated.index(shown)]
    return title


def _slug_share(text: str, slug: set[str]) -> float:
    words = slug_terms(text)
    return len(words & slug) / len(words) if words else 0.0


def read_title(
    src: Sources,
    site_name: str | None,
    host: str | None,
    blocks: Sequence[PageBlock] = (),
    url: str | None = None,
) -> str | None:
    """The page's title (the steps in the module docstring), or None when no source has one.

    ``site_name`` and ``host`` tell the site's name apart from the title; ``blocks`` (the
    page's text blocks) give the visible ``<h1>`` headings; ``url`` (the page's address)
    decides between a headline and a title that differ.
    """
    titles = _stated_titles(src)
    headings = visible_headings(src, blocks)
    title = _first_whole(titles)
    if title is None:
        return headings[0] if headings else None
    if headings:
        title = _confirmed(titles, title, headings[0], site_name, host)
    stripped = strip_site_name(title, site_name, host)
    full, kept = _fold(title), _fold(stripped)
    for heading in headings:
        shown = _fold(heading)
        if shown == kept:
            return stripped  # the same words: keep the stated spelling of the quotes
        if shown == full:
            return strip_site_name(heading, site_name, host)  # it repeats the suffix too
        if shown in full and len(heading) > 0.3 * len(title) and (shown in kept or kept == full):
            return heading  # the headline without the suffix the title carries
        if len(shown) < 2 * len(full) and shown.startswith(kept):
            # the headline whole, where a separator or an ellipsis cut it; not a headline
            # that adds a label before the title ("Player Squad 2024" for "Squad 2024")
            return heading
    slug = url_words(url) if headings else set()
    if slug and _slug_share(headings[0], slug) > _slug_share(stripped, slug) + _SLUG_MARGIN:
        return headings[0]  # a reworded headline the URL repeats
    return stripped
