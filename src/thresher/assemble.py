"""Labelled blocks → Article: pick the headline, lead, captions and related links out of the
content, then merge list items, table cells and quote lines into body blocks.

Roles other than body come from rules that hold across sites (a ``<figcaption>`` is a caption;
a block that repeats the headline is the headline); the learned labeller decides what is content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain
from urllib.parse import urljoin

import numpy as np
import numpy.typing as npt

from .article import Article, Block, BlockKind, Link
from .errors import NoContentReason
from .page import (
    ANCESTOR_TAG_BITS,
    ROLE_CAPTION,
    ROLE_CODE,
    ROLE_HIDDEN,
    ROLE_LEAD,
    ROLE_MAYBE_HIDDEN,
    ROLE_QUOTE,
    ROLE_RELATED,
    PageBlock,
    PageMeta,
)

__all__ = ["assemble", "chaff_only", "link_clouds"]

_RELATED_AFTER = 40  # blocks after the body still searched for related links
_RELATED_SHARE = 0.15  # link-only blocks above this share of the content are content
_HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LIST_TAGS = frozenset(("li", "dd", "dt"))
_CELL_TAGS = frozenset(("td", "th"))
_ITEM_TAGS = _LIST_TAGS | _CELL_TAGS
_GROUP_KEEP_SHARE = 0.5  # a list or table with this share of its text kept is kept whole
_MAX_CELL_CHARS = 300  # a "cell" longer than this is page layout, not a data table
_COPY_SHARE = 0.8  # a hidden run with this share of its word runs shown elsewhere is a copy
_SHINGLE = 4  # words per run compared
_LEAD_PAGE_TYPES = (None, "article")  # the pages that have a standfirst (None: not known)
_WORD = re.compile(r"\w+")
_NOSCRIPT, _FOOTER = ANCESTOR_TAG_BITS["noscript"], ANCESTOR_TAG_BITS["footer"]
_CLOUD_LINKS = 40  # links in one block made of nothing else: a link cloud
_CLOUD_LINK_SHARE = 0.95
_MAX_SCRIPT_NOTICE = 300  # chars: "You need to enable JavaScript to run this app."


# a block that says only that an advertisement sits here, in the languages of the web's
# larger ad markets ("Advertisement", "- ADVERTISEMENT -", "Anzeige", "広告")
_AD_LABEL = re.compile(
    r"^\W*(?:advertisement|advertising|advert|ads?|sponsored(?: content)?|anzeige|werbung"
    r"|publicité|publicidad|pubblicità|publicidade|reklama|reklame|advertentie|annons|mainos"
    r"|реклама|广告|廣告|広告|광고)(?:\W+scroll to continue(?: with content)?)?\W*$",
    re.IGNORECASE,
)


# a UUID, as scripts and templates write machine ids into the markup
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_UUID_SHARE = 0.5  # of a block's characters, past which it is ids and not text
_UUIDS = 3  # ids in a block at least: a command or a path may name one or two


# a character a reader sees: not a space, not a zero-width or other invisible format mark
_VISIBLE = re.compile(r"[^\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\xad]")


def _is_noise(text: str) -> bool:
    """Whether a block shows nothing (a paragraph holding only a zero-width joiner, as some
    site builders write an empty line), only labels an advertisement's slot, or is mostly
    machine ids (a label spelt one letter per element, each beside a UUID the page's CSS
    hides)."""
    if _VISIBLE.search(text) is None:
        return True
    if len(text) <= 60 and _AD_LABEL.match(text):
        return True
    if text.count("-") < 4 * _UUIDS:
        return False
    ids = len(_UUID.findall(text))
    return ids >= _UUIDS and 36 * ids >= _UUID_SHARE * len(text.strip())


def _drop_noise(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Drop kept blocks that are not text for a reader (``_is_noise``): an ad slot's label
    looks like an article's short lines, inside its container, and a page holds dozens."""
    noise = [i for i in np.flatnonzero(keep).tolist() if _is_noise(blocks[i].text)]
    if not noise:
        return keep
    out = keep.copy()
    out[noise] = False
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _complete_groups(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Keep every item of a list or table whose items are mostly kept.

    Items of one list are content or chaff together; a short last item ("10 g salt") is
    easy to lose on its own features.
    """
    kept: dict[int, int] = {}
    total: dict[int, int] = {}
    for block, is_kept in zip(blocks, keep.tolist(), strict=True):
        if block.group and block.tag in _ITEM_TAGS:
            total[block.group] = total.get(block.group, 0) + block.chars
            if is_kept:
                kept[block.group] = kept.get(block.group, 0) + block.chars
    full = {g for g, chars in kept.items() if chars >= _GROUP_KEEP_SHARE * total[g]}
    if not full:
        return keep
    completed = keep.copy()
    for i, block in enumerate(blocks):
        if block.group in full and block.tag in _ITEM_TAGS:
            completed[i] = True
    return completed


def _shingles(blocks: Sequence[PageBlock]) -> Iterator[tuple[str, ...]]:
    """The runs of ``_SHINGLE`` consecutive words of the blocks' text, in any script."""
    words = _WORD.findall(" ".join(b.text for b in blocks).lower())
    return zip(*(words[k:] for k in range(_SHINGLE)), strict=False)


def _drop_hidden_copies(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Drop kept hidden text that repeats kept visible text.

    Some pages carry their article twice: once shown, once in a hidden element for machines
    (schema.org microdata with an ``articleBody``, a print or app copy), in a ``<noscript>``
    fallback, or under a class that hides it (Webflow's ``w-condition-invisible``). Hidden
    text that is the only copy stays: an article streamed into ``<div hidden>`` and revealed
    by script, or tabs that show one of several variants (code samples per language) share
    words with the shown tab but few runs of words. Text surely hidden (``ROLE_HIDDEN``) is
    compared with all other kept text first; then text that may be hidden
    (``ROLE_MAYBE_HIDDEN``: a class named "hidden" may hide nothing) with the kept text
    that is neither.
    """
    keep = _drop_copies(blocks, keep, ROLE_HIDDEN)
    return _drop_copies(blocks, keep, ROLE_HIDDEN | ROLE_MAYBE_HIDDEN, judged=ROLE_HIDDEN)


def _drop_copies(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_], unshown: int, judged: int = 0
) -> npt.NDArray[np.bool_]:
    """Drop the kept runs of blocks with a role in ``unshown`` whose runs of words are
    shown in the other kept blocks. Blocks are judged by run of consecutive such blocks, one
    hidden element and its small parts (dates, image sizes) together. A run of blocks that
    all have a role in ``judged`` was judged already, against more shown text, and stays."""
    kept = np.flatnonzero(keep).tolist()
    hidden = [i for i in kept if blocks[i].roles & unshown]
    if not hidden:
        return keep
    runs: list[list[int]] = []
    for i in hidden:
        if runs and all(blocks[j].roles & unshown for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [run for run in runs if not all(blocks[i].roles & judged for i in run)]
    if not runs:
        return keep
    # block by block: a run of words across two hidden elements is shown nowhere
    hidden_shingles = [[s for i in run for s in _shingles([blocks[i]])] for run in runs]
    # of the hidden runs' shingles, those the shown text holds: the shown text's shingles are
    # looked up in a set of the few hidden ones, not gathered into a set of their own
    shown = set(chain.from_iterable(hidden_shingles)).intersection(
        _shingles([blocks[i] for i in kept if not blocks[i].roles & unshown]))
    out = keep.copy()
    for run, shingles in zip(runs, hidden_shingles, strict=True):
        if shingles and sum(s in shown for s in shingles) >= _COPY_SHARE * len(shingles):
            out[run] = False
    return out


def _find_headline(blocks: Sequence[PageBlock], title: str | None) -> int | None:
    """Index of the block that repeats the page title (usually the <h1>), if any."""
    if not title:
        first_h1 = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
        return first_h1
    wanted = _norm(title)
    best = None
    for i, block in enumerate(blocks):
        if block.chars > 2 * len(title) + 40:
            continue
        # lower-casing at most doubles a text's length ("İ" becomes two characters) and
        # normalising spaces never lengthens it: a text under half the title's length
        # cannot equal it, and only an <h1> is also tried for containment
        if 2 * len(block.text) < len(wanted) and (best is not None or block.tag != "h1"):
            continue
        text = _norm(block.text)
        if not text:
            continue
        if text == wanted:
            return i
        if block.tag == "h1" and best is None and (text in wanted or wanted in text):
            best = i
    return best


def _find_lead(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_], start: int, description: str | None
) -> int | None:
    """Index of the standfirst: a marked or meta-described block just before the body starts."""
    wanted = _norm(description) if description else None
    seen = 0
    for i in range(start, len(blocks)):
        block = blocks[i]
        if keep[i] and block.tag not in _HEADING_LEVELS:
            seen += 1
        if seen > 2:
            return None
        words = len(block.text.split())
        if words < 5 or block.link_chars > 0.5 * block.chars or block.tag in _HEADING_LEVELS:
            continue
        if block.roles & ROLE_LEAD or (wanted and _norm(block.text) == wanted):
            return i
    return None


def _body_besides(blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_], lead: int) -> bool:
    """Whether a kept block other than ``lead`` and the headings is left for the body."""
    return any(i != lead and blocks[i].tag not in _HEADING_LEVELS
               for i in np.flatnonzero(keep).tolist())


def _opens_body(blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_], lead: int) -> bool:
    """Whether ``lead`` shares its container with the body's next block: then it is the
    body's first paragraph (which sites copy into their meta description), not a standfirst,
    which stands apart from the body with the headline (60 of 64 such paragraphs on the dev
    sets are in the gold body; 123 of 176 in a container of their own are not)."""
    after = np.flatnonzero(keep[lead + 1:]).tolist()
    following = next((blocks[lead + 1 + k] for k in after
                      if blocks[lead + 1 + k].tag not in _HEADING_LEVELS), None)
    return following is not None and following.parent is blocks[lead].parent


def _repeats_title(block: PageBlock, title_norm: str | None) -> bool:
    # lengths first: normalising every block's text would cost more than the comparison
    if not title_norm or abs(block.chars - len(title_norm)) > len(title_norm) // 2 + 8:
        return False
    return _norm(block.text) == title_norm


def _is_related(block: PageBlock) -> bool:
    return (
        block.n_links >= 1
        and block.link_chars >= 0.9 * block.chars
        and len(block.text.split()) >= 3
        and block.tag not in _HEADING_LEVELS
    )


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href or not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # a malformed URL stays as written
        return href


def _kind(block: PageBlock) -> BlockKind:
    if block.tag in _HEADING_LEVELS:
        return "heading"
    if block.roles & ROLE_CODE:
        return "code"
    if block.roles & ROLE_QUOTE:
        return "quote"
    if block.tag in _LIST_TAGS:
        return "list"
    if block.tag in _CELL_TAGS:
        return "table"
    return "paragraph"


def _body_blocks(blocks: Sequence[PageBlock], include_tables: bool) -> list[Block]:
    """Merge runs of list items, table cells and quote lines that share a container."""
    long_tables = {b.group for b in blocks if b.tag in _CELL_TAGS and b.chars > _MAX_CELL_CHARS}
    out: list[Block] = []
    run: list[PageBlock] = []
    run_kind: BlockKind | None = None

    def flush() -> None:
        if run and run_kind is not None:
            out.append(_merge(run, run_kind))
        run.clear()

    for block in blocks:
        kind = _kind(block)
        if kind == "table" and block.group in long_tables:
            kind = "paragraph"
        if kind == "table" and not include_tables:
            continue
        mergeable = kind in ("list", "table", "quote")
        if run and (not mergeable or kind != run_kind or block.group != run[-1].group):
            flush()
        if mergeable:
            run.append(block)
            run_kind = kind
        else:
            out.append(_merge([block], kind))
    flush()
    return out


def _merge(run: list[PageBlock], kind: BlockKind) -> Block:
    if kind == "heading":
        return Block("heading", run[0].text.replace("\n", " "), level=_HEADING_LEVELS[run[0].tag])
    if kind == "table":
        rows: list[list[str]] = []
        last_row = None
        for cell in run:
            if cell.row != last_row or not rows:
                rows.append([])
                last_row = cell.row
            rows[-1].append(cell.text.replace("\n", " "))
        table = tuple(tuple(r) for r in rows)
        return Block("table", "\n".join(" | ".join(r) for r in table), rows=table)
    if kind == "code":
        return Block("code", "\n".join(b.text for b in run))
    if kind == "list":
        return Block("list", "\n".join(b.text.replace("\n", " ") for b in run))
    return Block(kind, "\n".join(b.text for b in run) if kind == "quote" else
                 " ".join(run[0].text.split()))


def link_clouds(blocks: Sequence[PageBlock]) -> npt.NDArray[np.bool_]:
    """Blocks of many links and nothing else: tag clouds, site maps, link rows.

    A list's items are blocks of their own; one block of forty links with no text between
    them is never a page's content on the dev sets (17 such blocks, none in the gold), and a
    giant one (a million links, a spam page) lies where the labeller has seen nothing.
    """
    return np.fromiter((b.n_links >= _CLOUD_LINKS and b.link_chars >= _CLOUD_LINK_SHARE * b.chars
                        for b in blocks), dtype=np.bool_, count=len(blocks))


def chaff_only(
    blocks: Sequence[PageBlock], keep: npt.NDArray[np.bool_]
) -> tuple[NoContentReason, str] | None:
    """Why the blocks the labeller kept are no article, or None when they may be one.

    A script-built page (an app shell) often holds one line of text, in ``<noscript>``,
    asking for JavaScript: then the content is not in the HTML, whether the line was kept or
    not. And a page whose kept text all lies in ``<footer>`` elements has kept its site's
    links, nothing of its own.
    """
    kept = [blocks[i] for i in np.flatnonzero(keep).tolist()]
    if _script_notice(blocks) or (kept and _script_notice(kept)):
        return "script_only", "the page's only text asks for JavaScript"
    if kept and all(b.anc_tags & _FOOTER for b in kept):
        return "boilerplate_only", "the only text kept lies in the page's footer"
    return None


def _script_notice(blocks: Sequence[PageBlock]) -> bool:
    """Whether ``blocks`` are a few words inside ``<noscript>``, and nothing else."""
    return (bool(blocks) and all(b.anc_tags & _NOSCRIPT for b in blocks)
            and sum(b.chars for b in blocks) <= _MAX_SCRIPT_NOTICE)  # fmt: skip


def assemble(
    blocks: Sequence[PageBlock],
    probabilities: npt.NDArray[np.float64],
    threshold: float,
    meta: PageMeta,
    *,
    base_url: str | None = None,
    include_tables: bool = True,
    containers: bool = True,
) -> Article:
    """Build the Article from blocks, their content probabilities and the page's metadata.

    Links are resolved against ``base_url`` (the caller's URL), else ``meta.url``. With no
    blocks, the Article carries the metadata alone. ``containers`` says whether the blocks'
    ``parent`` is the element that holds them (HTML); flattened text, whose parents are only
    runs of lines between blank ones, says False, and a standfirst may then share the body's.
    """
    keep = _drop_noise(
        blocks, _drop_hidden_copies(blocks, _complete_groups(blocks, probabilities >= threshold)))
    headline = _find_headline(blocks, meta.title)
    title = meta.title
    if headline is not None:
        h_text = " ".join(blocks[headline].text.split())
        # the <h1> is the headline without the site suffix a <title> carries
        if not title or _norm(h_text) in _norm(title):
            title = h_text
        keep[headline] = False
    first = int(np.argmax(keep)) if keep.any() else len(blocks)
    start = min(first, headline + 1 if headline is not None else first)
    lead_at = None
    if meta.page_type in _LEAD_PAGE_TYPES:  # a product's or a service's summary is its body
        lead_at = _find_lead(blocks, keep, start, meta.description)
    lead = None
    if lead_at is not None and not _body_besides(blocks, keep, lead_at):
        lead_at = None  # the page's one kept paragraph is its body, though it reads as a summary
    if lead_at is not None and containers and _opens_body(blocks, keep, lead_at):
        lead_at = None
    if lead_at is not None:
        lead = " ".join(blocks[lead_at].text.split())
        keep[lead_at] = False
    title_norm = _norm(title) if title else None
    captions: list[str] = []
    related: list[Link] = []
    body: list[PageBlock] = []
    kept = np.flatnonzero(keep)
    # captions and related links are gathered around the body whether or not they are content
    lo, hi = (int(kept[0]), int(kept[-1]) + _RELATED_AFTER) if len(kept) else (0, -1)
    if headline is not None:
        lo = min(lo, headline)
    # Link-only blocks amid prose are links to other stories; where links make up much of
    # the content (listings, collections) they are the content.
    kept_blocks = [blocks[i] for i in kept.tolist()]
    link_chars = sum(b.chars for b in kept_blocks if _is_related(b))
    kept_chars = sum(b.chars for b in kept_blocks)
    links_are_related = link_chars <= _RELATED_SHARE * kept_chars
    keep_list = keep.tolist()  # a list reads faster than an array item by item
    for i in range(lo, min(hi + 1, len(blocks))):
        block = blocks[i]
        if not (keep_list[i] or block.roles & (ROLE_CAPTION | ROLE_RELATED)):
            continue  # neither body nor caption nor related link: most blocks of a page
        if i in (headline, lead_at) or _repeats_title(block, title_norm):
            continue
        if block.roles & ROLE_CAPTION:
            captions.append(" ".join(block.text.split()))
        elif _is_related(block) and (
            block.roles & ROLE_RELATED or (keep_list[i] and links_are_related)
        ):
            href = _absolute(block.href, base_url or meta.url)
            related.append(Link(" ".join(block.text.split()), href))
        elif keep_list[i]:
            body.append(block)
    return Article(
        title=title,
        lead=lead,
        authors=meta.authors,
        date=meta.date,
        site_name=meta.site_name,
        language=meta.language,
        url=meta.url,
        blocks=tuple(_body_blocks(body, include_tables)),
        captions=tuple(dict.fromkeys(captions)),
        related=tuple(related),
        date_modified=meta.date_modified,
        description=meta.description,
        image=meta.image,
        categories=meta.categories,
        tags=meta.tags,
        page_type=meta.page_type,
    )
