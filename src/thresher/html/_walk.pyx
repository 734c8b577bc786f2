# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The DOM walk of ``thresher.html.dom`` compiled: it reads Lexbor's node structs directly.
``source_elements`` finds the elements the metadata reads in one pass of the same kind.

``dom._walk_python`` is the reference: this module takes the same steps in the same order and
returns the same blocks and frames, without making a Python object per node. Only text, the
``class``/``id``/``style``/``href`` values and each new tag's name become Python strings.

Lexbor's structs are laid out as in the selectolax release this module was compiled against
(its headers come from that release's source distribution), so importing it fails unless
that same release is installed; ``dom`` then keeps the Python walk. Two Lexbor functions give
element and attribute names; selectolax's extension module exports them, and they are looked
up in it when this module is imported.
"""

from libc.stdint cimport int64_t, uintptr_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcmp, memset
from cpython.unicode cimport PyUnicode_DecodeUTF8

from selectolax.lexbor cimport LexborHTMLParser, LexborNode
from selectolax.lexbor cimport lxb_dom_node_t as _node_t  # the same C type, as selectolax names it

import selectolax
import selectolax.lexbor as _lexbor_module

cdef extern from *:
    """
    #if !defined(THRESHER_SELECTOLAX_VERSION) || !defined(THRESHER_WALK_SOURCE_SHA256)
    #error "setup.py defines the selectolax release the headers come from and this file's hash"
    #endif
    static const char *thresher_selectolax_version = THRESHER_SELECTOLAX_VERSION;
    static const char *thresher_source_sha256 = THRESHER_WALK_SOURCE_SHA256;
    """
    const char *thresher_selectolax_version
    const char *thresher_source_sha256

cdef extern from "lexbor/dom/interfaces/element.h" nogil:
    ctypedef struct lexbor_str_t:
        unsigned char *data
        size_t length

    ctypedef struct lxb_dom_node_t:
        uintptr_t local_name
        lxb_dom_node_t *next
        lxb_dom_node_t *parent
        lxb_dom_node_t *first_child
        int type

    ctypedef struct lxb_dom_attr_t:
        lxb_dom_node_t node
        lexbor_str_t *value
        lxb_dom_attr_t *next

    ctypedef struct lxb_dom_element_t:
        uintptr_t qualified_name
        lxb_dom_attr_t *first_attr

cdef extern from "lexbor/dom/interfaces/character_data.h" nogil:
    ctypedef struct lxb_dom_character_data_t:
        lexbor_str_t data

cdef extern from "lexbor/tag/const.h" nogil:
    enum:
        LXB_TAG__TEXT
        LXB_TAG__DOCUMENT
        LXB_TAG__EM_COMMENT
        LXB_TAG__EM_DOCTYPE
        LXB_TAG__LAST_ENTRY
        LXB_TAG_A
        LXB_TAG_H1
        LXB_TAG_META
        LXB_TAG_SCRIPT
        LXB_TAG_TIME

cdef extern from "lexbor/dom/interfaces/attr_const.h" nogil:
    enum:
        LXB_DOM_ATTR_CLASS
        LXB_DOM_ATTR_ID
        LXB_DOM_ATTR_REL
        LXB_DOM_ATTR__LAST_ENTRY

cdef extern from "lexbor/dom/interfaces/node.h" nogil:
    enum:
        LXB_DOM_NODE_TYPE_ELEMENT
        LXB_DOM_NODE_TYPE_TEXT

cdef extern from "<dlfcn.h>" nogil:
    void *dlopen(const char *filename, int flag)
    void *dlsym(void *handle, const char *symbol)
    int RTLD_NOW
    int RTLD_NOLOAD

ctypedef const unsigned char *(*_name_f)(const void *, size_t *) noexcept nogil

SELECTOLAX_VERSION = thresher_selectolax_version.decode("ascii")
SOURCE_SHA256 = thresher_source_sha256.decode("ascii")  # of the .pyx this was built from
if SELECTOLAX_VERSION != selectolax.__version__:
    raise ImportError(
        f"compiled against selectolax {SELECTOLAX_VERSION}, but {selectolax.__version__} is "
        "installed: Lexbor's structs may differ"
    )

cdef _name_f _element_name = NULL
cdef _name_f _attr_name = NULL


cdef void _bind(bytes path) except *:
    """Find Lexbor's name functions in selectolax's already loaded extension module."""
    global _element_name, _attr_name
    cdef void *handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD)
    if handle == NULL:
        raise ImportError("selectolax's Lexbor module is not loaded")
    _element_name = <_name_f> dlsym(handle, "lxb_dom_element_qualified_name")
    _attr_name = <_name_f> dlsym(handle, "lxb_dom_attr_qualified_name")
    if _element_name == NULL or _attr_name == NULL:
        raise ImportError("selectolax's Lexbor module does not export the name functions")


_bind(_lexbor_module.__file__.encode())

# What the walk does with a non-text node (the values of dom._SKIP … dom._ELEMENT) and the
# roles that change inherited state (dom._PLAIN … dom._MATH); dom checks they agree.
cdef enum:
    SKIP = 0
    BREAK = 1
    CONTROL = 2
    ELEMENT = 3
    PLAIN = 0
    LINK = 1
    GROUP = 2
    ROW = 3
    PRE = 4
    MATH = 5
ACTIONS = (SKIP, BREAK, CONTROL, ELEMENT)
ROLES = (PLAIN, LINK, GROUP, ROW, PRE, MATH)


cdef struct Action:
    int known  # 0 until the tag was classified
    int action
    bint is_block
    int64_t tag_bit
    int role


cdef struct Open:  # an open element, and the state to restore when it closes
    lxb_dom_node_t *node
    int64_t anc_bits
    int64_t anc_tags
    int64_t ebits
    int64_t own
    int64_t in_link
    uintptr_t group
    uintptr_t row
    bint pre
    bint is_block
    bint is_link


cdef struct Totals:  # a block element's running totals, written to its frame list on close
    int64_t chars
    int64_t link_chars
    int64_t blocks
    int64_t controls
    int64_t level


cdef inline object _text(const unsigned char *data, size_t length):
    # selectolax's decoding: bytes Lexbor let through that are not UTF-8 become U+FFFD
    return PyUnicode_DecodeUTF8(<const char *> data, length, "replace")


cdef inline object _value(lxb_dom_attr_t *attr):
    """The attribute's value as selectolax's ``attributes`` gives it (None without one)."""
    if attr.value == NULL or attr.value.data == NULL:
        return None
    return _text(attr.value.data, attr.value.length)


cdef inline bint _blank(const unsigned char *data, size_t length) noexcept nogil:
    """True for text made only of HTML's ASCII whitespace (selectolax's empty text node)."""
    cdef size_t i
    cdef unsigned char c
    if data == NULL:
        return True
    for i in range(length):
        c = data[i]
        if c != 0x20 and c != 0x09 and c != 0x0A and c != 0x0C and c != 0x0D:
            return False
    return True


cdef inline bint _is(const unsigned char *name, size_t length, const char *want,
                     size_t want_length) noexcept nogil:
    return length == want_length and memcmp(name, want, want_length) == 0


cdef inline int64_t _signal_bits(dict cache, object value_bits, object value) except? -1:
    """The signal bits of a class or id value (0 without one), from ``cache`` when it is
    there."""
    if not value:
        return 0
    bits = cache.get(value)
    return bits if bits is not None else value_bits(value)


cdef void _flush(object block, int64_t chars, int64_t link_chars, int64_t n_links,
                 object href) except *:
    block.chars = chars
    block.link_chars = link_chars
    block.n_links = n_links
    block.href = href


cdef void _store(list frame, Totals *totals) except *:
    frame[0] = totals.chars
    frame[1] = totals.link_chars
    frame[2] = totals.blocks
    frame[6] = totals.controls


def walk(uintptr_t body, Py_ssize_t max_nodes, tuple tables):
    """Walk the children of the ``<body>`` node at address ``body`` (its ``mem_id``).

    ``tables`` is ``(block_type, classify, value_cache, value_bits, hidden_style,
    hidden_bit, markup_text, noscript_bit, gap_closers)``: the block class, tag name →
    ``(action, is block, ancestor tag bit, role)``, the signal bits of the class or id values
    met so far and the function that finds those of another (and remembers them), the inline
    style test, the hidden ancestor bit, the text of escaped markup inside ``<noscript>``
    with that element's ancestor bit, and the characters before which a gap set between two
    inline elements goes again. Returns ``(blocks, containers, stopped)`` as
    ``dom._walk_python`` does. The caller keeps the document alive.
    """
    (block_type, classify, value_cache, value_bits, hidden_style, hidden_bit_obj, markup_text,
     noscript_bit_obj, gap_closers) = tables
    cdef dict signal_cache = value_cache
    cdef int64_t hidden_bit = hidden_bit_obj
    cdef int64_t noscript_bit = noscript_bit_obj
    cdef Action known_tags[LXB_TAG__LAST_ENTRY]
    memset(known_tags, 0, sizeof(known_tags))
    cdef list static_names = [None] * LXB_TAG__LAST_ENTRY
    cdef dict dynamic = {}  # custom elements' ids (pointers) → (action tuple, name)

    cdef list blocks = []
    cdef list containers = []
    cdef list frames = []  # the frame lists of open block elements, innermost last
    cdef list tags = []  # the tag of each enclosing block element, innermost last
    cdef list hrefs = []  # the href each open link replaced
    cdef Py_ssize_t depth = 0, capacity = 64, n_frames = 0, frame_capacity = 16
    cdef Open *stack = <Open *> malloc(capacity * sizeof(Open))
    cdef Totals *totals = <Totals *> malloc(frame_capacity * sizeof(Totals))
    if stack == NULL or totals == NULL:
        free(stack)
        free(totals)
        raise MemoryError()

    # root (index 0) and the body's frame (index 1), as in the Python walk
    cdef list root = [0, 0, 0, 0, -1, 0, 0, 0]
    frames.append(root)
    frames.append([0, 0, 0, 0, -1, 0, 0, 0])
    memset(totals, 0, 2 * sizeof(Totals))
    n_frames = 2

    cdef int64_t anc_bits = 0, anc_tags = 0, ebits = 0, own = 0, in_link = 0
    cdef uintptr_t group = 0, row = 0
    cdef bint pre = False
    cdef object link_href = None
    cdef object btag = "body"
    cdef object current = None
    cdef list pieces = None
    cdef Py_ssize_t gap = -1  # where in ``pieces`` the last gap between inline elements is
    cdef int64_t cur_chars = 0, cur_link_chars = 0, cur_links = 0
    cdef object cur_href = None

    cdef lxb_dom_node_t *node = (<lxb_dom_node_t *> body).first_child
    cdef lxb_dom_node_t *child
    cdef lxb_dom_node_t *nxt
    cdef lxb_dom_element_t *element
    cdef lxb_dom_attr_t *attr
    cdef lxb_dom_attr_t *href_attr
    cdef lxb_dom_character_data_t *chars_node
    cdef const unsigned char *name
    cdef size_t name_length = 0
    cdef uintptr_t tag_id
    cdef Action act
    cdef Open *top
    cdef Totals *closing
    cdef Totals *frame_totals
    cdef Py_ssize_t visited, n
    cdef int64_t bits, tbit
    cdef bint hidden, aria_true
    cdef object text, cls, ident, style, entry, tag_name, classified
    cdef list frame, parent, grand

    try:
        for visited in range(max_nodes):
            if node == NULL:
                break
            tag_id = node.local_name
            if tag_id == LXB_TAG__TEXT:
                if node.type == LXB_DOM_NODE_TYPE_TEXT:
                    chars_node = <lxb_dom_character_data_t *> node
                    if _blank(chars_node.data.data, chars_node.data.length):
                        # inside a block, whitespace parts the words of the inline elements
                        # on either side: kept as a space (as it is in preformatted text)
                        if current is not None:
                            if not pre:
                                pieces.append(" ")
                            elif chars_node.data.data != NULL:
                                pieces.append(_text(chars_node.data.data, chars_node.data.length))
                            else:
                                pieces.append("")
                    else:
                        text = _text(chars_node.data.data, chars_node.data.length)
                        if anc_tags & noscript_bit and "<" in <str> text:
                            text = markup_text(text)  # escaped markup: its text
                        if not text or text.isspace():
                            if current is not None:
                                pieces.append(text if pre else " ")
                        else:
                            frame_totals = &totals[n_frames - 1]
                            if current is None:
                                parent = frames[n_frames - 2]
                                grand = frames[n_frames - 3] if n_frames >= 3 else root
                                pieces = []
                                current = block_type(
                                    btag, pieces, depth, own, anc_bits, anc_tags, parent,
                                    grand, group, row, pre, frame_totals.level + 1,
                                )
                                cur_chars = cur_link_chars = 0
                                cur_links = 0
                                cur_href = None
                                if in_link:  # the block starts inside a link
                                    cur_links = 1
                                    cur_href = link_href
                                blocks.append(current)
                                frame_totals.blocks += 1
                                gap = -1
                            elif gap == len(pieces) - 1 and (<str> text)[0] in gap_closers:
                                pieces.pop()  # punctuation goes on the word before it
                            pieces.append(text)
                            n = len(<str> text)
                            cur_chars += n
                            frame_totals.chars += n
                            if in_link:
                                cur_link_chars += n
                                frame_totals.link_chars += n
            else:
                if (
                    tag_id == LXB_TAG__EM_COMMENT or tag_id == LXB_TAG__EM_DOCTYPE
                    or tag_id == LXB_TAG__DOCUMENT or node.type != LXB_DOM_NODE_TYPE_ELEMENT
                ):
                    act.action = SKIP
                else:
                    element = <lxb_dom_element_t *> node
                    if element.qualified_name != 0:
                        tag_id = element.qualified_name
                    if tag_id < LXB_TAG__LAST_ENTRY and known_tags[tag_id].known:
                        act = known_tags[tag_id]
                        tag_name = static_names[tag_id]
                    else:
                        entry = dynamic.get(tag_id) if tag_id >= LXB_TAG__LAST_ENTRY else None
                        if entry is None:
                            name = _element_name(element, &name_length)
                            tag_name = None if name == NULL else _text(name, name_length)
                            entry = (classify(tag_name), tag_name)
                            if tag_id >= LXB_TAG__LAST_ENTRY:
                                dynamic[tag_id] = entry
                        tag_name = entry[1]
                        act.known = 1
                        classified = entry[0]
                        act.action = classified[0]
                        act.is_block = classified[1]
                        act.tag_bit = classified[2]
                        act.role = classified[3]
                        if tag_id < LXB_TAG__LAST_ENTRY:
                            known_tags[tag_id] = act
                            static_names[tag_id] = tag_name
                if act.action == ELEMENT:
                    child = node.first_child
                    if child != NULL:
                        cls = ident = style = None
                        hidden = aria_true = False
                        href_attr = NULL
                        attr = element.first_attr
                        while attr != NULL:  # later duplicates win, as in a dict
                            name = _attr_name(attr, &name_length)
                            if name != NULL:
                                if _is(name, name_length, "class", 5):
                                    cls = _value(attr)
                                elif _is(name, name_length, "id", 2):
                                    ident = _value(attr)
                                elif _is(name, name_length, "hidden", 6):
                                    hidden = True
                                elif _is(name, name_length, "aria-hidden", 11):
                                    aria_true = (
                                        attr.value != NULL and attr.value.data != NULL
                                        and _is(attr.value.data, attr.value.length, "true", 4)
                                    )
                                elif _is(name, name_length, "style", 5):
                                    style = _value(attr)
                                elif _is(name, name_length, "href", 4):
                                    href_attr = attr
                            attr = attr.next
                        bits = (_signal_bits(signal_cache, value_bits, cls)
                                | _signal_bits(signal_cache, value_bits, ident))
                        tbit = act.tag_bit
                        if hidden or aria_true or (style is not None and hidden_style(style)):
                            tbit |= hidden_bit
                        # a formula's hidden MathML copy (shown as an image): no text
                        if act.role != MATH or not (anc_tags | tbit) & hidden_bit:
                            if depth == capacity:
                                capacity *= 2
                                top = <Open *> realloc(stack, capacity * sizeof(Open))
                                if top == NULL:
                                    raise MemoryError()
                                stack = top
                            top = &stack[depth]
                            depth += 1
                            top.node = node
                            top.anc_bits = anc_bits
                            top.anc_tags = anc_tags
                            top.ebits = ebits
                            top.own = own
                            top.in_link = in_link
                            top.group = group
                            top.row = row
                            top.pre = pre
                            top.is_block = act.is_block
                            top.is_link = act.role == LINK
                            if act.role == LINK:
                                hrefs.append(link_href)
                                in_link += 1
                                link_href = None if href_attr == NULL else _value(href_attr)
                                if current is not None:
                                    cur_links += 1
                                    if cur_href is None:
                                        cur_href = link_href
                            elif act.role == GROUP:
                                group = <uintptr_t> node
                            elif act.role == ROW:
                                row = <uintptr_t> node
                            elif act.role == PRE:
                                pre = True
                            if act.is_block:
                                own = bits | ebits  # the element's signals and its parent's
                                tags.append(btag)
                                btag = tag_name
                                if n_frames == frame_capacity:
                                    frame_capacity *= 2
                                    closing = <Totals *> realloc(
                                        totals, frame_capacity * sizeof(Totals))
                                    if closing == NULL:
                                        raise MemoryError()
                                    totals = closing
                                frame_totals = &totals[n_frames]
                                memset(frame_totals, 0, sizeof(Totals))
                                frame_totals.level = totals[n_frames - 1].level + 1
                                frame = [0, 0, 0, len(blocks), -1, frame_totals.level, 0,
                                         hash(cls) if cls else 0]
                                frames.append(frame)
                                containers.append(frame)
                                n_frames += 1
                                if current is not None:
                                    _flush(current, cur_chars, cur_link_chars, cur_links, cur_href)
                                    current = None
                            ebits = bits
                            anc_bits |= bits
                            anc_tags |= tbit
                            node = child
                            continue
                    if act.is_block and current is not None:
                        # an empty block element still ends the line before it
                        _flush(current, cur_chars, cur_link_chars, cur_links, cur_href)
                        current = None
                elif act.action == BREAK:
                    if current is not None:
                        pieces.append("\n")
                elif act.action == CONTROL:
                    totals[n_frames - 1].controls += 1
            # move to the next node in document order, closing finished elements
            nxt = node.next
            while nxt == NULL and depth:
                depth -= 1
                top = &stack[depth]
                anc_bits = top.anc_bits
                anc_tags = top.anc_tags
                ebits = top.ebits
                own = top.own
                in_link = top.in_link
                group = top.group
                row = top.row
                pre = top.pre
                if top.is_link:
                    link_href = hrefs.pop()
                if top.is_block:
                    n_frames -= 1
                    closing = &totals[n_frames]
                    frame_totals = &totals[n_frames - 1]
                    frame_totals.chars += closing.chars
                    frame_totals.link_chars += closing.link_chars
                    frame_totals.blocks += closing.blocks
                    frame_totals.controls += closing.controls
                    frame = frames.pop()
                    _store(frame, closing)
                    frame[4] = len(blocks)
                    btag = tags.pop()
                    if current is not None:
                        _flush(current, cur_chars, cur_link_chars, cur_links, cur_href)
                        current = None
                nxt = top.node.next
                if (current is not None and not top.is_block and not pre and nxt != NULL
                        and nxt.type == LXB_DOM_NODE_TYPE_ELEMENT):
                    gap = len(pieces)
                    pieces.append(" ")  # an inline element followed by another: set apart
            node = nxt
        if current is not None:
            _flush(current, cur_chars, cur_link_chars, cur_links, cur_href)
        # frames still open (the body's, and every one when the walk stopped early)
        for n in range(1, n_frames):
            _store(frames[n], &totals[n])
    finally:
        free(stack)
        free(totals)
    return blocks, containers, node != NULL


cdef enum:  # what an attribute makes its element a candidate for
    SOURCE = 1
    BYLINE = 2
    AUTHOR = 4


cdef inline bint _at(const unsigned char *data, size_t rest, const char *word,
                     size_t size) noexcept nogil:
    """True when ``word`` (lower-case ASCII) starts ``data`` in any ASCII case."""
    cdef size_t j
    cdef unsigned char c
    if rest < size:
        return False
    for j in range(size):
        c = data[j]
        if 0x41 <= c <= 0x5A:
            c += 0x20
        if c != <unsigned char> word[j]:
            return False
    return True


cdef int _marks(lexbor_str_t *value, bint is_class) noexcept nogil:
    """BYLINE and AUTHOR as a ``class`` (else an ``id``) value holds their words, in any
    ASCII case: "author", "byline", "user" or "fn" (byline, only of a class), and "aut",
    "byline" or "writer" (author)."""
    cdef size_t i, length, rest
    cdef const unsigned char *data
    cdef unsigned char c
    cdef int found = 0
    if value == NULL or value.data == NULL:
        return 0
    data = value.data
    length = value.length
    for i in range(length):
        c = data[i] | 0x20  # lower case of an ASCII letter (other bytes never match)
        rest = length - i
        if c == 0x61:  # a
            if _at(data + i, rest, "aut", 3):
                found |= AUTHOR
                if is_class and _at(data + i, rest, "author", 6):
                    found |= BYLINE
        elif c == 0x62:  # b
            if _at(data + i, rest, "byline", 6):
                found |= AUTHOR | (BYLINE if is_class else 0)
        elif c == 0x77:  # w
            if _at(data + i, rest, "writer", 6):
                found |= AUTHOR
        elif is_class and c == 0x75:  # u
            if _at(data + i, rest, "user", 4):
                found |= BYLINE
        elif is_class and c == 0x66:  # f
            if _at(data + i, rest, "fn", 2):
                found |= BYLINE
    return found


def source_elements(LexborHTMLParser parser, uintptr_t root):
    """The candidates of the metadata queries, from one pass over the element at address
    ``root`` and every element inside it, in document order, each once:

    - the source elements: every ``<meta>``, ``<script>``, ``<time>`` and ``<h1>``, and every
      element with an ``itemprop`` or ``property`` (``dom._SOURCES_SELECTOR``'s matches, and
      scripts of other types, which ``dom`` tells apart by their ``type``);
    - the byline candidates: a ``class`` holding "author", "byline", "user" or "fn", a
      ``data-author``, or an ``<a>`` whose ``rel`` holds "author" (in any ASCII case: more
      than ``dom._BYLINE_CANDIDATES`` matches, which ``dom`` tests part by part);
    - the author candidates: a ``class`` or ``id`` holding "aut", "byline" or "writer" in any
      ASCII case (``dom._AUTHOR_CANDIDATES``'s matches).

    Returns the three lists of ``LexborNode``; ``parser`` owns the document.
    """
    cdef list sources = [], bylines = [], authors = []
    cdef lxb_dom_node_t *top = <lxb_dom_node_t *> root
    cdef lxb_dom_node_t *node = top
    cdef lxb_dom_attr_t *attr
    cdef const unsigned char *name
    cdef size_t name_length = 0
    cdef uintptr_t tag, attr_id
    cdef int found
    while node != NULL:
        if node.type == LXB_DOM_NODE_TYPE_ELEMENT:
            tag = node.local_name
            found = 0
            if (tag == LXB_TAG_META or tag == LXB_TAG_SCRIPT or tag == LXB_TAG_TIME
                    or tag == LXB_TAG_H1):
                found = SOURCE
            attr = (<lxb_dom_element_t *> node).first_attr
            while attr != NULL:
                attr_id = attr.node.local_name
                if attr_id == LXB_DOM_ATTR_CLASS:
                    found |= _marks(attr.value, True)
                elif attr_id == LXB_DOM_ATTR_ID:
                    found |= _marks(attr.value, False) & AUTHOR
                elif attr_id == LXB_DOM_ATTR_REL:
                    if tag == LXB_TAG_A and _marks(attr.value, True) & AUTHOR:
                        found |= BYLINE  # "aut" found: "author" perhaps
                elif attr_id >= LXB_DOM_ATTR__LAST_ENTRY:  # a name outside Lexbor's table
                    name = _attr_name(attr, &name_length)
                    if name != NULL:
                        if (_is(name, name_length, "itemprop", 8)
                                or _is(name, name_length, "property", 8)):
                            found |= SOURCE
                        elif _is(name, name_length, "data-author", 11):
                            found |= BYLINE
                attr = attr.next
            if found:
                item = LexborNode.new(<_node_t *> <void *> node, parser)
                if found & SOURCE:
                    sources.append(item)
                if found & BYLINE:
                    bylines.append(item)
                if found & AUTHOR:
                    authors.append(item)
        # the next node in document order, never leaving ``top``
        if node.first_child != NULL:
            node = node.first_child
            continue
        while node != top and node.next == NULL:
            node = node.parent
        node = NULL if node == top else node.next
    return sources, bylines, authors
