# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""thresher's compiled kernels: the labeller's tree walk, text statistics' counts and context
features, the HTML blocks' feature columns, white space folding, the shapes of flattened
text's lines, the tag depth of big pages, and the language identifier's n-gram walk.

The tree walk (``leaf_values``) is that of ``thresher.label.model.Stage.raw_score``;
``Stage.raw_score_numpy`` is the reference: each row walks each tree from its root for
``depth`` steps, going to ``child[node] + 1`` when ``x[feature[node]] > threshold[node]`` and
to ``child[node]`` otherwise (so NaN goes left, and a leaf, its own child with an infinite
threshold, stays put). Here the same steps run row by row in C, where NumPy takes a dozen
array operations per tree level. The leaf values come back as a matrix, one column per tree,
and the caller sums them with NumPy as the reference does, so the scores agree bit for bit.

The caller guarantees what ``Stage`` checks once at construction: every index the walk can
follow lies inside the node table and inside a row of ``x``; nothing is checked here.

The text counts (``text_counts``) are those ``thresher.label.textstats`` reads from each text,
counted in one pass over its characters; ``textstats.text_counts_numpy`` is the reference.
``count_stats`` makes the statistics from those counts, as ``textstats.text_stats_numpy``
does.

The block columns (``block_columns``) are the columns of ``thresher.html.features``' matrix
that come from the blocks' numbers (link densities, windows, containers, the prose root),
written in one pass over the blocks; NumPy's code in that module is the reference.

The block sums (``block_sums``) are the whole numbers the page-type signals of
``thresher.html.pagetype`` divide, whose NumPy code is the reference.

The line shapes (``line_shapes``) are what ``thresher.text.features`` reads from the ends and
the first word of each line of flattened text, whose Python code is the reference.

The tag depth (``tag_depth``) is how deep a big page's tags nest, which ``thresher.html.dom``
scans for before the page is parsed; its regular expression's loop is the reference.

White space is folded (``fold_text``, ``fold_each``, ``finish_texts``) in one pass over each
text, as ``str.split`` and ``join`` fold it (``html.dom._finish_texts`` is the reference).

The context columns (``context_columns``) are the labeller's second-stage features of
``thresher.label.context``, whose NumPy code is the reference.

The n-gram walk (``ngram_visits``) is py3langid's own loop over a text's bytes, in C; the
array walk of ``thresher.language`` is its reference.
"""

cdef extern from *:
    """
    #ifndef THRESHER_KERNELS_SOURCE_SHA256
    #error "setup.py defines the hash of the .pyx this is built from"
    #endif
    static const char *thresher_kernels_source_sha256 = THRESHER_KERNELS_SOURCE_SHA256;
    """
    const char *thresher_kernels_source_sha256

from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from libc.stdlib cimport free, malloc

cdef extern from "Python.h":
    int Py_UNICODE_ISSPACE(Py_UCS4 ch)
    int Py_UNICODE_ISUPPER(Py_UCS4 ch)
    int Py_UNICODE_ISLOWER(Py_UCS4 ch)
    int Py_UNICODE_ISDIGIT(Py_UCS4 ch)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND

import numpy as np

SOURCE_SHA256 = thresher_kernels_source_sha256.decode("ascii")  # of the .pyx this was built from


def leaf_values(
    const double[:, ::1] x,
    const int[::1] feature,
    const double[::1] threshold,
    const int[::1] child,
    const double[::1] value,
    const int[::1] roots,
    int depth,
    double[:, ::1] out,
) -> None:
    """Fill ``out[i, t]`` with the value of the leaf row ``i`` of ``x`` reaches in tree ``t``.

    Eight walks go side by side, without branches: their steps do not wait on each other, and
    the processor never guesses a split's side. Eight rows walk each tree together; the rows
    left over (fewer than eight, as a page-level model's single row) each walk eight trees
    at a time.
    """
    cdef Py_ssize_t n = x.shape[0], n_trees = roots.shape[0]
    cdef Py_ssize_t i, t, k
    cdef int step, node
    cdef int at[8]
    cdef const double *rows[8]
    cdef const double *row
    cdef const int *feat = &feature[0]
    cdef const int *kid = &child[0]
    cdef const double *thr = &threshold[0]
    if n == 0 or n_trees == 0:
        return
    with nogil:
        i = 0
        while i + 8 <= n:
            for k in range(8):
                rows[k] = &x[i + k, 0]
            for t in range(n_trees):
                for k in range(8):
                    at[k] = roots[t]
                for step in range(depth):
                    for k in range(8):
                        node = at[k]
                        at[k] = kid[node] + (rows[k][feat[node]] > thr[node])
                for k in range(8):
                    out[i + k, t] = value[at[k]]
            i += 8
        while i < n:
            row = &x[i, 0]
            t = 0
            while t < n_trees:
                for k in range(8):  # past the last tree, repeat it
                    at[k] = roots[t + k if t + k < n_trees else n_trees - 1]
                for step in range(depth):
                    for k in range(8):
                        node = at[k]
                        at[k] = kid[node] + (row[feat[node]] > thr[node])
                for k in range(8):
                    if t + k < n_trees:
                        out[i, t + k] = value[at[k]]
                t += 8
            i += 1


# columns of ``text_counts``' output, in the order ``textstats.COUNT_NAMES`` gives
cdef enum:
    CHARS = 0
    SPACE_WORDS = 1
    SPACELESS = 2
    STOPWORDS = 3
    ENDS_TERMINAL = 4
    DIGITS = 5
    BEYOND_BMP = 6
    PUNCT = 7
    UPPER_INITIAL = 8
    LINES = 9
    PIPE_OR_BULLET = 10
    COPYRIGHT = 11
    N_COUNTS = 12

N_TEXT_COUNTS = N_COUNTS


def text_counts(
    list texts,
    const unsigned char[::1] classes,
    unsigned char punct, unsigned char digit, unsigned char upper, unsigned char space,
    unsigned char spaceless,
    frozenset stopwords,
    Py_ssize_t longest_stopword,
    const unsigned long long[::1] ascii_keys,
    str terminal,
    str bullets,
    long long[:, ::1] out,
) -> None:
    """Fill ``out`` (one row per text) with the counts ``textstats.COUNT_NAMES`` names.

    ``classes`` holds the class bits of every BMP character (``punct`` … ``spaceless`` are
    the bits). As in the reference, which reads the texts encoded as UTF-32 with
    ``errors="replace"``, a lone surrogate counts as "?" and a character beyond the BMP has no
    class bits. A word is a run of characters without the space bit (``str.split``'s words);
    it is a stop word when lower-cased it is in ``stopwords``, which no word longer than
    ``longest_stopword`` (at most 8) can be, as lower-casing never shortens a word. A word of
    ASCII letters is looked up without making a string: ``ascii_keys`` holds the ASCII stop
    words as ``ascii_key`` gives them, in ascending order.
    """
    cdef Py_ssize_t i, k, length, word_at, last_solid
    cdef long long words, upper_initial, stops, lines, punct_n, digits, spaceless_n, beyond
    cdef bint pipe, copyright_mark
    cdef str text
    cdef Py_UCS4 c
    cdef unsigned char bits
    cdef bint is_space, prev_space
    cdef int kind
    cdef void *data
    for i in range(len(texts)):
        text = texts[i]
        length = len(text)
        kind = PyUnicode_KIND(text)
        data = PyUnicode_DATA(text)
        words = upper_initial = stops = lines = punct_n = digits = spaceless_n = beyond = 0
        pipe = copyright_mark = False
        prev_space = True
        word_at = -1
        last_solid = -1
        for k in range(length):
            c = PyUnicode_READ(kind, data, k)
            if c < 0x80:
                bits = classes[c]
                if c == 0x7C:  # "|"
                    pipe = True
                elif c == 0x0A:
                    lines += 1
            elif c > 0xFFFF:
                bits = 0
                beyond += 1
            elif 0xD800 <= c <= 0xDFFF:
                bits = classes[0x3F]  # "?": what errors="replace" made of it
            else:
                bits = classes[c]
                if c == 0xA9:  # "©"
                    copyright_mark = True
            is_space = (bits & space) != 0
            if not is_space:
                last_solid = k
                if prev_space:  # a word starts
                    words += 1
                    if bits & upper:
                        upper_initial += 1
                    word_at = k
            elif word_at >= 0:  # a word ends
                stops += _is_stopword(text, word_at, k, stopwords, longest_stopword, ascii_keys)
                word_at = -1
            prev_space = is_space
            if bits:
                if bits & punct:
                    punct_n += 1
                if bits & digit:
                    digits += 1
                if bits & spaceless:
                    spaceless_n += 1
        if word_at >= 0:
            stops += _is_stopword(text, word_at, length, stopwords, longest_stopword, ascii_keys)
        out[i, CHARS] = length
        out[i, SPACE_WORDS] = words
        out[i, SPACELESS] = spaceless_n
        out[i, STOPWORDS] = stops
        # the last character that str.rstrip keeps (lone surrogates and characters beyond
        # the BMP are never white space)
        out[i, ENDS_TERMINAL] = last_solid >= 0 and text[last_solid] in terminal
        out[i, DIGITS] = digits
        out[i, BEYOND_BMP] = beyond
        out[i, PUNCT] = punct_n
        out[i, UPPER_INITIAL] = upper_initial
        out[i, LINES] = lines
        # t[:1] in bullets: "" is in every string
        out[i, PIPE_OR_BULLET] = pipe or length == 0 or text[0] in bullets
        out[i, COPYRIGHT] = copyright_mark


cdef int _is_stopword(str text, Py_ssize_t start, Py_ssize_t end, frozenset stopwords,
                      Py_ssize_t longest, const unsigned long long[::1] ascii_keys) except -1:
    cdef unsigned long long key = 0
    cdef Py_ssize_t k, lo, hi, mid
    cdef unsigned int c
    if end - start > longest:
        return 0
    for k in range(start, end):
        c = <unsigned int> text[k]
        # not ASCII, or a NUL, whose zero byte would read as the end of a shorter word's key
        # ("w\x00" as "w"): as the reference does it
        if c >= 0x80 or c == 0:
            return text[start:end].lower() in stopwords
        if 0x41 <= c <= 0x5A:  # "A" to "Z": ASCII's only letters with a lower case
            c += 0x20
        key |= (<unsigned long long> c) << (8 * (k - start))
    lo, hi = 0, ascii_keys.shape[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if ascii_keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo < ascii_keys.shape[0] and ascii_keys[lo] == key


def ascii_key(str word) -> int:
    """The number ``text_counts`` looks an ASCII word of at most eight characters up by."""
    cdef unsigned long long key = 0
    cdef Py_ssize_t k
    if len(word) > 8 or not word.isascii():
        raise ValueError(f"not an ASCII word of at most 8 characters: {word!r}")
    for k in range(len(word)):
        key |= (<unsigned long long> ord(word[k])) << (8 * k)
    return key


cdef enum:
    N_CHAINS = 8  # stretches of a text walked side by side


def ngram_visits(
    const unsigned char[::1] data,
    const unsigned int[::1] next_move,
    const long long[::1] row_base,
    const long long[::1] output,
    int depth,
    int[::1] scratch,
    long long[::1] found,
    long long[::1] order,
    int[::1] visits,
) -> int:
    """The features py3langid's ``visit_counts`` counts in ``data``: written to ``order`` in
    order of first visit (as py3langid's ``Counter`` holds them), with how often each is
    entered in ``visits``; their number is returned.

    py3langid walks its n-gram automaton one byte at a time, each step waiting on a read
    from a table of a hundred megabytes. The automaton's state after a byte depends only on
    the last ``depth`` bytes read (see ``language._NgramCounter``), so the text is cut into
    eight stretches walked side by side, each started ``depth`` bytes early from the start
    state: eight reads in flight instead of one. Each position's feature (or -1) goes to
    ``found``; one pass in order then counts them.

    ``scratch`` holds one count per feature, all zero on entry and again on return;
    ``found``, ``order`` and ``visits`` hold at least ``len(data)`` slots. The automaton's
    tables are the identifier's own, which keep every state and feature inside them.
    ``language._NgramCounter.scores_numpy`` is the reference.
    """
    cdef Py_ssize_t n = data.shape[0], size, k, c, seen = 0, pos
    cdef Py_ssize_t begin[N_CHAINS]
    cdef Py_ssize_t at[N_CHAINS]
    cdef Py_ssize_t stop[N_CHAINS]
    cdef long long state[N_CHAINS]
    cdef long long feature
    cdef const unsigned int *move = &next_move[0]
    cdef const long long *base = &row_base[0]
    cdef const long long *out = &output[0]
    if n == 0:
        return 0
    with nogil:
        size = (n + N_CHAINS - 1) // N_CHAINS
        for c in range(N_CHAINS):
            begin[c] = min(c * size, n)
            stop[c] = min(begin[c] + size, n)
            at[c] = max(begin[c] - depth, 0)  # the bytes before a stretch set its state
            state[c] = 0
        for k in range(size + depth):
            for c in range(N_CHAINS):
                pos = at[c]
                if pos < stop[c]:
                    state[c] = move[base[state[c]] + data[pos]]
                    if pos >= begin[c]:
                        found[pos] = out[state[c]]
                    at[c] = pos + 1
        for pos in range(n):
            feature = found[pos]
            if feature >= 0:
                if scratch[feature] == 0:
                    order[seen] = feature
                    seen += 1
                scratch[feature] += 1
        for k in range(seen):
            visits[k] = scratch[order[k]]
            scratch[order[k]] = 0
    return seen


# what ``block_columns`` writes, in this order, each to the column ``cols`` names for it
cdef enum:
    C_LINK_DENSITY = 0
    C_LINKS = 1
    C_DEPTH = 2
    C_POSITION = 3
    C_CHAR_POSITION = 4
    C_PARENT_CHARS = 5
    C_PARENT_LINK_DENSITY = 6
    C_PARENT_BLOCKS = 7
    C_GRAND_CHARS = 8
    C_GRAND_LINK_DENSITY = 9
    C_GRAND_BLOCKS = 10
    C_PARENT_CONTROLS = 11
    C_GRAND_CONTROLS = 12
    C_WIN3_LINK_DENSITY = 13
    C_WIN3_CHARS = 14
    C_WIN1_LINK_DENSITY = 15
    C_PREV_CHARS = 16
    C_NEXT_CHARS = 17
    C_PAGE_CHARS = 18
    C_PAGE_BLOCKS = 19
    C_PAGE_LINK_DENSITY = 20
    C_GROUP_BLOCKS = 21
    C_PARENT_CLASS_REPEATS = 22
    C_GRAND_CLASS_REPEATS = 23
    C_PROSE_INSIDE = 24
    C_PROSE_SIDE = 25
    C_PROSE_SHARE = 26
    C_PROSE_SCORE = 27
    C_TAG = 28  # the first of the tag groups' one-hot columns
    C_OWN_BITS = 29  # the first of the block's own class-signal bits
    C_ANC_BITS = 30
    C_ANC_TAGS = 31
    N_BLOCK_COLUMNS = 32

# the feature each of those is (``html.features.FEATURE_NAMES``); "x_*" is the first of a
# group of one-hot or bit columns
BLOCK_COLUMN_NAMES = (
    "link_density", "log_links", "depth", "position", "char_position",
    "parent_log_chars", "parent_link_density", "parent_log_blocks",
    "grand_log_chars", "grand_link_density", "grand_log_blocks",
    "parent_log_controls", "grand_log_controls",
    "win3_link_density", "win3_log_chars", "win1_link_density",
    "prev_log_chars", "next_log_chars", "page_log_chars", "page_log_blocks",
    "page_link_density", "group_log_blocks", "parent_class_repeats", "grand_class_repeats",
    "prose_root_inside", "prose_root_side", "prose_root_share", "parent_prose_score",
    "tag_*", "own_*", "anc_*", "in_*",
)
assert len(BLOCK_COLUMN_NAMES) == N_BLOCK_COLUMNS


cdef inline double _ratio(double part, double whole) noexcept nogil:
    return part / (whole if whole > 1.0 else 1.0)  # part / np.maximum(whole, 1.0)


cdef inline bint _earlier(Py_ssize_t a, Py_ssize_t b, Py_ssize_t n) noexcept nogil:
    """Whether frame place ``a`` sorts before ``b`` by (first block, place)."""
    return a % n < b % n or (a % n == b % n and a < b)


cdef Py_ssize_t _frame_number(object frame, dict index, list frames) except -1:
    """The number of ``frame`` (a container's totals list), given on its first sight."""
    key = id(frame)
    number = index.get(key)
    if number is None:
        number = len(frames)
        index[key] = number
        frames.append(frame)
    return number


def block_columns(
    list blocks,
    list texts,
    dict tag_groups,
    int default_group,
    const unsigned char[::1] prose_groups,
    double prose_min_chars,
    int n_signals,
    int n_anc_tags,
    const Py_ssize_t[::1] cols,
    double[:, ::1] out,
) -> None:
    """Write the columns of ``thresher.html.features.block_features`` that come from the
    blocks' numbers, as its NumPy code computes them, into ``out`` (one row per block, zeroed:
    of the tag's one-hot columns only the one is written, and a page without a prose root
    leaves its columns at zero).

    Quantities that the features take the logarithm of are written as they are: the caller
    applies NumPy's ``log1p`` to those columns, as the reference does (a C ``log1p`` may
    differ from NumPy's in the last bit). Sums are of whole numbers, exact in any order, and
    the prose root's scores are summed in the reference's order (``np.bincount`` adds its
    weights in turn), so every column agrees with the reference bit for bit.
    """
    cdef Py_ssize_t n = len(blocks), i, j, k, n_frames, best, start, end
    cdef Py_ssize_t c_tag = cols[C_TAG], c_own = cols[C_OWN_BITS]
    cdef Py_ssize_t c_anc = cols[C_ANC_BITS], c_tags = cols[C_ANC_TAGS]
    cdef long long own, anc, tags
    cdef double total = 0.0, links_total = 0.0, before = 0.0, best_total, share
    cdef object block, key
    cdef list frames = []
    cdef list frame_totals
    cdef dict frame_index = {}
    cdef dict class_counts = {}
    cdef dict group_sizes = {}
    cdef str text
    chars_a = np.empty(n, dtype=np.float64)
    links_a = np.empty(n, dtype=np.float64)
    tag_a = np.empty(n, dtype=np.intp)
    place_a = np.empty(2 * n, dtype=np.intp)  # the frame at each place [parents, grands]
    cdef double[::1] chars = chars_a, links = links_a
    cdef list group_keys = []
    cdef Py_ssize_t[::1] tag = tag_a, place = place_a
    for i in range(n):
        block = blocks[i]
        chars[i] = block.chars
        links[i] = block.link_chars
        tag[i] = tag_groups.get(block.tag, default_group)
        out[i, cols[C_LINKS]] = block.n_links
        out[i, cols[C_DEPTH]] = block.depth
        own, anc, tags = block.own_bits, block.anc_bits, block.anc_tags
        for k in range(n_signals):
            out[i, c_own + k] = (own >> k) & 1
            out[i, c_anc + k] = (anc >> k) & 1
        for k in range(n_anc_tags):
            out[i, c_tags + k] = (tags >> k) & 1
        out[i, c_tag + tag[i]] = 1.0
        place[i] = _frame_number(block.parent, frame_index, frames)
        place[n + i] = _frame_number(block.grandparent, frame_index, frames)
        key = block.group
        group_keys.append(key)
        group_sizes[key] = group_sizes.get(key, 0) + 1
        total += chars[i]
        links_total += links[i]
    n_frames = len(frames)
    # each frame's totals: [chars, link chars, blocks, first block, end block, level,
    # controls, class key]
    totals_a = np.empty((n_frames, 7), dtype=np.float64)
    repeats_a = np.empty(n_frames, dtype=np.float64)
    cdef double[:, ::1] totals = totals_a
    cdef double[::1] repeats = repeats_a
    cdef list class_keys = []
    for j in range(n_frames):
        frame_totals = frames[j]
        for k in range(7):
            totals[j, k] = frame_totals[k]
        key = frame_totals[7]
        class_keys.append(key)
        if key != 0:  # a frame without a class repeats nothing
            class_counts[key] = class_counts.get(key, 0) + 1
    for j in range(n_frames):
        repeats[j] = class_counts.get(class_keys[j], 0)
    group_sizes[0] = 0
    cdef Py_ssize_t lo, hi
    # running sums for the windows: whole numbers, exact
    csum_a = np.zeros(n + 1, dtype=np.float64)
    lsum_a = np.zeros(n + 1, dtype=np.float64)
    cdef double[::1] csum = csum_a, lsum = lsum_a
    for i in range(n):
        csum[i + 1] = csum[i] + chars[i]
        lsum[i + 1] = lsum[i] + links[i]
    for i in range(n):
        out[i, cols[C_LINK_DENSITY]] = links[i] / (chars[i] if chars[i] > 1.0 else 1.0)
        out[i, cols[C_POSITION]] = <double> i / <double> n
        out[i, cols[C_CHAR_POSITION]] = before / (total if total > 1.0 else 1.0)
        before += chars[i]
        j = place[i]
        out[i, cols[C_PARENT_CHARS]] = totals[j, 0]
        out[i, cols[C_PARENT_LINK_DENSITY]] = _ratio(totals[j, 1], totals[j, 0])
        out[i, cols[C_PARENT_BLOCKS]] = totals[j, 2]
        out[i, cols[C_PARENT_CONTROLS]] = totals[j, 6]
        out[i, cols[C_PARENT_CLASS_REPEATS]] = repeats[j]
        j = place[n + i]
        out[i, cols[C_GRAND_CHARS]] = totals[j, 0]
        out[i, cols[C_GRAND_LINK_DENSITY]] = _ratio(totals[j, 1], totals[j, 0])
        out[i, cols[C_GRAND_BLOCKS]] = totals[j, 2]
        out[i, cols[C_GRAND_CONTROLS]] = totals[j, 6]
        out[i, cols[C_GRAND_CLASS_REPEATS]] = repeats[j]
        lo, hi = max(i - 3, 0), min(i + 4, n)
        out[i, cols[C_WIN3_LINK_DENSITY]] = _ratio(lsum[hi] - lsum[lo], csum[hi] - csum[lo])
        out[i, cols[C_WIN3_CHARS]] = csum[hi] - csum[lo]
        lo, hi = max(i - 1, 0), min(i + 2, n)
        out[i, cols[C_WIN1_LINK_DENSITY]] = _ratio(lsum[hi] - lsum[lo], csum[hi] - csum[lo])
        out[i, cols[C_PREV_CHARS]] = chars[i - 1] if i > 0 else 0.0
        out[i, cols[C_NEXT_CHARS]] = chars[i + 1] if i + 1 < n else 0.0
        out[i, cols[C_PAGE_CHARS]] = total
        out[i, cols[C_PAGE_BLOCKS]] = n
        out[i, cols[C_PAGE_LINK_DENSITY]] = links_total / (total if total > 1.0 else 1.0)
        out[i, cols[C_GROUP_BLOCKS]] = group_sizes[group_keys[i]]
    # the prose root: each prose block scores its container fully and the container's
    # container by half, summed in the order np.bincount adds them
    score_a = np.zeros(n, dtype=np.float64)
    frame_score_a = np.zeros(n_frames, dtype=np.float64)
    cdef double[::1] score = score_a, frame_score = frame_score_a
    cdef double commas
    for i in range(n):
        if (chars[i] >= prose_min_chars and _ratio(links[i], chars[i]) < 0.5
                and prose_groups[tag[i]]):
            text = texts[i]
            commas = text.count(",") + text.count("\uff0c") + text.count("\u3001")
            score[i] = 1.0 + commas + min(chars[i] / 100.0, 3.0)
    for i in range(n):
        frame_score[place[i]] += score[i]
    for i in range(n):
        frame_score[place[n + i]] += 0.5 * score[i]
    cdef double end_block
    for j in range(n_frames):
        frame_score[j] = frame_score[j] * (1.0 - totals[j, 1] / (
            totals[j, 0] if totals[j, 0] > 1.0 else 1.0))
    # frames are numbered by their first place: the first of the highest scores is the
    # reference's, which takes frames in order of their first block, then of their place
    first_a = np.full(n_frames, -1, dtype=np.intp)
    cdef Py_ssize_t[::1] first = first_a
    for k in range(2 * n):
        if first[place[k]] < 0:
            first[place[k]] = k
    best = -1
    best_total = 0.0
    for j in range(n_frames):
        if best < 0 or frame_score[j] > best_total or (
                frame_score[j] == best_total and _earlier(first[j], first[best], n)):
            best, best_total = j, frame_score[j]
    if best < 0 or best_total <= 0.0:
        return  # no prose root: its columns stay zero
    start = <Py_ssize_t> totals[best, 3]
    end_block = totals[best, 4]
    end = n if end_block < 0 else <Py_ssize_t> end_block
    share = 0.0
    for i in range(start, end):
        share += chars[i]
    share = share / (total if total > 1.0 else 1.0)
    for i in range(n):
        out[i, cols[C_PROSE_INSIDE]] = 1.0 if start <= i < end else 0.0
        out[i, cols[C_PROSE_SIDE]] = -1.0 if i < start else (1.0 if i >= end else 0.0)
        out[i, cols[C_PROSE_SHARE]] = share
        out[i, cols[C_PROSE_SCORE]] = frame_score[place[i]] / best_total


# ``context_columns``' output: ``context.CONTEXT_FEATURE_NAMES``, in that order; the caller
# takes NumPy's log1p of the run distance's column and fills the run share's
cdef enum:
    X_P = 0
    X_SHIFTED = 1  # six columns, the offsets -3, -2, -1, 1, 2, 3
    X_MEAN = 7  # three columns, the radii 2, 5, 12
    X_MAX_5 = 10
    X_PAGE_MEAN = 11
    X_PAGE_MAX = 12
    X_PARENT_MEAN = 13
    X_GRAND_MEAN = 14
    X_RANK = 15
    X_BEFORE = 16
    X_AFTER = 17
    X_IN_ROOT = 18
    X_ROOT_SHARE = 19
    X_ROOT_DEPTH = 20
    X_ROOT_SIDE = 21
    X_RUN_SIDE = 22
    X_RUN_DISTANCE = 23
    X_RUN_SHARE = 24
    N_CONTEXT_COLUMNS = 25

CONTEXT_COLUMNS = N_CONTEXT_COLUMNS


cdef inline double _maximum(double a, double b) noexcept nogil:
    """``np.maximum``: NaN when either is."""
    if a != a or b != b:
        return a if a != a else b
    return b if b > a else a


cdef void _group_means(const double[::1] prob, const long long[::1] keys, double[:, :] out,
                       Py_ssize_t column) except *:
    """``context._group_mean``: each block's group's mean, the sums made in block order."""
    cdef Py_ssize_t n = prob.shape[0], i, g
    cdef dict number = {}
    sums_a = np.zeros(n, dtype=np.float64)
    counts_a = np.zeros(n, dtype=np.float64)
    group_a = np.empty(n, dtype=np.intp)
    cdef double[::1] sums = sums_a, counts = counts_a
    cdef Py_ssize_t[::1] group = group_a
    for i in range(n):
        key = keys[i]
        found = number.get(key)
        if found is None:
            found = len(number)
            number[key] = found
        g = found
        group[i] = g
        sums[g] += prob[i]
        counts[g] += 1.0
    for i in range(n):
        out[i, column] = sums[group[i]] / counts[group[i]]


def context_columns(
    const double[::1] prob,
    const double[::1] chars,
    const long long[::1] parent_keys,
    const long long[::1] grand_keys,
    const long long[:, ::1] containers,
    const double[::1] levels,
    const double[::1] rank,
    double page_mean,
    double weighted_sum,
    double root_share,
    double[:, :] out,
) -> tuple:
    """Fill ``out`` with ``thresher.label.context.context_features``' columns as its NumPy code
    computes them: running sums in order (as ``np.cumsum`` and ``np.bincount`` add), the
    sums NumPy makes pairwise given (``page_mean``, ``weighted_sum``), as is ``rank`` (the
    blocks' ranks by probability over their number). The run distance is written before
    its ``log1p``, which the caller takes with NumPy, and the run share is left to the
    caller, which sums the run's mass as NumPy does: returns the run's (start, end), or
    (0, 0) for a page without one."""
    cdef Py_ssize_t n = prob.shape[0], i, k, j, lo, hi, start, end, best
    cdef Py_ssize_t radii[3]
    cdef Py_ssize_t offsets[6]
    cdef double m, total, page_max, running, mass, best_mass, level, best_level, share
    cdef double lowest, gain_best, top
    radii[:] = [2, 5, 12]
    offsets[:] = [-3, -2, -1, 1, 2, 3]
    if n == 0:
        return (0, 0)
    csum_a = np.zeros(n + 1, dtype=np.float64)  # of prob
    wsum_a = np.zeros(n + 1, dtype=np.float64)  # of prob * chars
    gsum_a = np.zeros(n + 1, dtype=np.float64)  # of (prob - 0.5) * chars
    char_sum_a = np.zeros(n + 1, dtype=np.float64)
    cdef double[::1] csum = csum_a, wsum = wsum_a, gsum = gsum_a, char_sum = char_sum_a
    total = 0.0
    page_max = prob[0]
    for i in range(n):
        csum[i + 1] = csum[i] + prob[i]
        wsum[i + 1] = wsum[i] + prob[i] * chars[i]
        gsum[i + 1] = gsum[i] + (prob[i] - 0.5) * chars[i]
        char_sum[i + 1] = char_sum[i] + chars[i]
        total += chars[i]
        page_max = _maximum(page_max, prob[i])
    total = total if total > 1.0 else 1.0
    for i in range(n):
        out[i, X_P] = prob[i]
        for k in range(6):
            j = i + offsets[k]
            out[i, X_SHIFTED + k] = prob[j] if 0 <= j < n else -1.0
        for k in range(3):
            lo, hi = max(i - radii[k], 0), min(i + radii[k] + 1, n)
            out[i, X_MEAN + k] = (csum[hi] - csum[lo]) / <double> (hi - lo)
        m = prob[i - 5] if i >= 5 else 0.0  # past the ends the window holds zeros
        for k in range(-4, 6):
            j = i + k
            m = _maximum(m, prob[j] if 0 <= j < n else 0.0)
        out[i, X_MAX_5] = m
        out[i, X_PAGE_MEAN] = page_mean
        out[i, X_PAGE_MAX] = page_max
        out[i, X_RANK] = rank[i]
        running = wsum[i + 1]
        out[i, X_BEFORE] = (running - prob[i] * chars[i]) / total
        out[i, X_AFTER] = (weighted_sum - running) / total
    _group_means(prob, parent_keys, out, X_PARENT_MEAN)
    _group_means(prob, grand_keys, out, X_GRAND_MEAN)
    # the content root: the deepest container holding root_share of the likely content,
    # the heaviest of the deepest, the first of those
    best = -1
    best_mass = best_level = 0.0
    if containers.shape[0] and wsum[n] > 0:
        for k in range(containers.shape[0]):
            mass = wsum[containers[k, 1]] - wsum[containers[k, 0]]
            if mass < root_share * wsum[n]:
                continue
            level = <double> containers[k, 2]
            if best < 0 or level > best_level or (level == best_level and mass > best_mass):
                best, best_mass, best_level = k, mass, level
    if best >= 0:
        start, end = containers[best, 0], containers[best, 1]
        share = best_mass / wsum[n]
    else:
        start, end, share, best_level = 0, n, 1.0, 0.0
    for i in range(n):
        out[i, X_IN_ROOT] = 1.0 if start <= i < end else 0.0
        out[i, X_ROOT_SHARE] = share
        out[i, X_ROOT_DEPTH] = levels[i] - best_level
        out[i, X_ROOT_SIDE] = 0.0 if best < 0 else (-1.0 if i < start else (
            1.0 if i >= end else 0.0))
    # the run: the stretch whose likely-content characters outweigh the rest the most
    lowest = gsum[0]
    end = -1
    top = 0.0
    for k in range(n):
        lowest = lowest if lowest <= gsum[k] else gsum[k]  # np.minimum.accumulate
        gain_best = gsum[k + 1] - lowest
        gain_best = gain_best if gain_best > 0.0 else 0.0  # np.maximum(..., 0.0)
        if end < 0 or gain_best > top:
            end, top = k + 1, gain_best
    if top <= 0.0:
        for i in range(n):
            out[i, X_RUN_SIDE] = 0.0
            out[i, X_RUN_DISTANCE] = 0.0
        return (0, 0)
    start = 0
    for k in range(end):  # np.argmin: the first lowest
        if gsum[k] < gsum[start]:
            start = k
    m = char_sum[end] - char_sum[start]
    m = m if m > 1.0 else 1.0
    for i in range(n):
        if i < start:
            out[i, X_RUN_SIDE] = -1.0
            out[i, X_RUN_DISTANCE] = (char_sum[start] - char_sum[i + 1]) / m
        elif i >= end:
            out[i, X_RUN_SIDE] = 1.0
            out[i, X_RUN_DISTANCE] = (char_sum[i] - char_sum[end]) / m
        else:
            out[i, X_RUN_SIDE] = 0.0
            out[i, X_RUN_DISTANCE] = 0.0
    return (start, end)


def block_sums(
    list blocks,
    frozenset headings,
    long long code_role,
    const long long[::1] tag_bits,
    Py_ssize_t long_words,
    int n_classes,
    long long[::1] out,
) -> None:
    """The whole numbers ``thresher.html.pagetype``'s page signals divide, summed over the
    blocks in one pass (its NumPy code is the reference): ``out`` gets the characters, the
    link characters, the headings, the long blocks (``long_words`` words or more, a word
    per space and one) and the longest block's characters; then the characters of the
    blocks under each ancestor tag of ``tag_bits``, of the headings, of the code blocks, of
    the long blocks, and of the blocks under each of the ``n_classes`` class signals."""
    cdef Py_ssize_t n_tags = tag_bits.shape[0], i, k, base
    cdef long long chars, anc_tags, anc_bits, biggest = 0
    cdef bint heading, code, long_block
    cdef object block
    out[:] = 0
    base = 5
    for i in range(len(blocks)):
        block = blocks[i]
        chars = block.chars
        anc_tags = block.anc_tags
        anc_bits = block.anc_bits
        heading = block.tag in headings
        code = (block.roles & code_role) != 0
        long_block = block.text.count(" ") + 1 >= long_words
        out[0] += chars
        out[1] += block.link_chars
        out[2] += heading
        out[3] += long_block
        if chars > biggest or i == 0:
            biggest = chars
        for k in range(n_tags):
            if anc_tags & tag_bits[k]:
                out[base + k] += chars
        if heading:
            out[base + n_tags] += chars
        if code:
            out[base + n_tags + 1] += chars
        if long_block:
            out[base + n_tags + 2] += chars
        for k in range(n_classes):
            if (anc_bits >> k) & 1:
                out[base + n_tags + 3 + k] += chars
    out[4] = biggest


def count_stats(const long long[:, ::1] counts, double[:, ::1] out) -> None:
    """``textstats.text_stats``' columns from ``text_counts``' rows, as its NumPy code makes
    them, but for two: the characters and words are written as they are (the caller takes
    NumPy's ``log1p`` of them), and the date column holds 1 where the text has the four
    digits a date needs (the caller searches those texts)."""
    cdef Py_ssize_t i
    cdef double chars, space_words, spaceless, words, half
    for i in range(counts.shape[0]):
        chars = <double> counts[i, CHARS]
        space_words = <double> counts[i, SPACE_WORDS]
        spaceless = <double> counts[i, SPACELESS]
        half = <double> (counts[i, SPACELESS] // 2)
        words = space_words if space_words > half else half
        words = words if words > 1.0 else 1.0
        out[i, 0] = chars
        out[i, 1] = words
        out[i, 2] = chars / words
        out[i, 3] = <double> counts[i, PUNCT] / words
        out[i, 4] = <double> counts[i, ENDS_TERMINAL]
        out[i, 5] = <double> counts[i, DIGITS] / chars
        out[i, 6] = <double> counts[i, UPPER_INITIAL] / (space_words if space_words > 1.0 else 1.0)
        out[i, 7] = <double> counts[i, STOPWORDS] / (space_words if space_words > 1.0 else 1.0)
        out[i, 8] = <double> counts[i, LINES]
        out[i, 9] = <double> counts[i, PIPE_OR_BULLET]
        out[i, 10] = <double> counts[i, COPYRIGHT]
        out[i, 11] = counts[i, DIGITS] + counts[i, BEYOND_BMP] >= 4
        out[i, 12] = spaceless / chars



def fold_text(str joined, bint lines):
    """``" ".join(joined.split())``, or with ``lines`` the same of each line of ``joined``
    (split at "\\n"), the lines left empty dropped and the rest joined by "\\n": white
    space as ``str.split`` reads it, in one pass."""
    cdef Py_ssize_t n = len(joined), k, size = 0
    cdef int kind = PyUnicode_KIND(joined)
    cdef void *data = PyUnicode_DATA(joined)
    cdef Py_UCS4 c
    cdef bint pending = False, in_line = False, any_line = False
    cdef Py_UCS4 *out
    if n == 0:
        return joined
    out = <Py_UCS4 *> malloc(n * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    try:
        for k in range(n):
            c = PyUnicode_READ(kind, data, k)
            if lines and c == 0x0A:  # a line ends: its trailing space goes
                in_line = pending = False
            elif Py_UNICODE_ISSPACE(c):
                pending = in_line
            else:
                if not in_line:
                    if lines and any_line:
                        out[size] = 0x0A
                        size += 1
                    in_line = any_line = True
                elif pending:
                    out[size] = 0x20
                    size += 1
                pending = False
                out[size] = c
                size += 1
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, size)
    finally:
        free(out)


def fold_each(list texts) -> list:
    """``[" ".join(t.split()) for t in texts]``."""
    return [fold_text(text, False) for text in texts]


def finish_texts(list blocks) -> None:
    """Each block's ``text`` from its pieces, as ``html.dom._finish_texts`` makes it."""
    cdef object block
    cdef str joined
    for block in blocks:
        joined = "".join(block.pieces)
        if block.pre:
            block.text = joined.strip("\n")
        else:
            block.text = fold_text(joined, "\n" in joined)


cdef inline bint _ascii_letter(unsigned int c) noexcept nogil:
    return (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A)


cdef inline unsigned long long _name_code(int kind, void *data, Py_ssize_t start,
                                         Py_ssize_t end) noexcept:
    """The tag name ``[start, end)`` as a number, lower-cased, when it is at most 8 ASCII
    letters and digits (0 for any other name)."""
    cdef unsigned long long code = 0
    cdef Py_ssize_t k
    cdef unsigned int c  # a code point (arithmetic on Py_UCS4 would make it a str)
    if end - start > 8:
        return 0
    for k in range(start, end):
        c = PyUnicode_READ(kind, data, k)
        if _ascii_letter(c):
            c |= 0x20
        elif not (0x30 <= c <= 0x39):
            return 0
        code |= (<unsigned long long> c) << (8 * (k - start))
    return code


def tag_depth(str html, Py_ssize_t limit, frozenset flat) -> int:
    """The deepest nesting of the tags ``<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>`` that
    ``html.dom._deepest`` finds with that pattern's ``finditer``, stopping once past
    ``limit``; tags named (case aside) in ``flat`` and tags closed by "/>" do not nest.

    Names in ``flat`` longer than 8 characters are never matched (the caller's are shorter).
    """
    cdef Py_ssize_t n = len(html), i = 0, j, k, start
    cdef int kind = PyUnicode_KIND(html)
    cdef void *data = PyUnicode_DATA(html)
    cdef unsigned int c  # a code point (arithmetic on Py_UCS4 would make it a str)
    cdef unsigned long long code
    cdef unsigned long long codes[32]
    cdef Py_ssize_t n_codes = 0, m
    cdef Py_ssize_t depth = 0, deepest = 0
    cdef bint closing, skip
    cdef str name
    for name in flat:
        code = _name_code(PyUnicode_KIND(name), PyUnicode_DATA(name), 0, len(name))
        if code and n_codes < 32:
            codes[n_codes] = code
            n_codes += 1
    while i < n:
        if PyUnicode_READ(kind, data, i) != 0x3C:  # "<"
            i += 1
            continue
        j = i + 1
        closing = j < n and PyUnicode_READ(kind, data, j) == 0x2F  # "/"
        if closing:
            j += 1
        if j >= n or not _ascii_letter(PyUnicode_READ(kind, data, j)):
            i += 1
            continue
        start = j
        while j < n:
            c = PyUnicode_READ(kind, data, j)
            if not (_ascii_letter(c) or 0x30 <= c <= 0x39):
                break
            j += 1
        code = _name_code(kind, data, start, j)
        k = j  # the tag ends at the first ">" after its name
        while k < n and PyUnicode_READ(kind, data, k) != 0x3E:
            k += 1
        if k >= n:
            break  # no ">" left: no tag starts here or further on
        i = k + 1
        skip = k > j and PyUnicode_READ(kind, data, k - 1) == 0x2F  # "/>"
        if not skip and code:
            for m in range(n_codes):
                if codes[m] == code:
                    skip = True
                    break
        if skip:
            continue
        if closing:
            if depth > 0:
                depth -= 1
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest


cdef inline bint _among(Py_UCS4 c, str chars):
    cdef Py_ssize_t k
    for k in range(len(chars)):
        if chars[k] == c:
            return True
    return False


cdef inline int _first_class(Py_UCS4 c) noexcept:
    return (0 if Py_UNICODE_ISDIGIT(c) else 1 if Py_UNICODE_ISUPPER(c)
            else 2 if Py_UNICODE_ISLOWER(c) else 3)


cdef bint _same_lowered(str a, Py_ssize_t a0, Py_ssize_t a1, str b, Py_ssize_t b0,
                        Py_ssize_t b1) except -1:
    """``a[a0:a1].lower() == b[b0:b1].lower()``; in C for ASCII, else by ``lower``."""
    cdef int a_kind = PyUnicode_KIND(a), b_kind = PyUnicode_KIND(b)
    cdef void *a_data = PyUnicode_DATA(a)
    cdef void *b_data = PyUnicode_DATA(b)
    cdef Py_ssize_t k
    cdef unsigned int x, y  # code points (arithmetic on Py_UCS4 would make them str)
    cdef bint ascii = True
    if a1 - a0 == b1 - b0:
        for k in range(a1 - a0):
            x = PyUnicode_READ(a_kind, a_data, a0 + k)
            y = PyUnicode_READ(b_kind, b_data, b0 + k)
            if x >= 0x80 or y >= 0x80:
                ascii = False
                break
            if 0x41 <= x <= 0x5A:
                x |= 0x20
            if 0x41 <= y <= 0x5A:
                y |= 0x20
            if x != y:
                return False
        if ascii:
            return True
    else:
        for k in range(a0, a1):
            if PyUnicode_READ(a_kind, a_data, k) >= 0x80:
                ascii = False
                break
        for k in range(b0, b1):
            if PyUnicode_READ(b_kind, b_data, k) >= 0x80:
                ascii = False
                break
        if ascii:
            return False  # ASCII lower-casing keeps the length
    return a[a0:a1].lower() == b[b0:b1].lower()


def line_shapes(list texts, str closing, str colons, Py_ssize_t long_line,
                double[::1] terminal, long long[::1] keys, unsigned char[::1] same_first) -> None:
    """For each line of ``texts``: whether its last character is among ``closing``
    (``terminal``); its shape, as ``text.features._shape`` reads it, in one number (``keys``:
    first class * 8 + last class * 2 + whether it is longer than ``long_line``); and whether
    its first word (as ``str.split`` parts words), lower-cased, is that of the line above
    (``same_first``; a line without a word has none)."""
    cdef Py_ssize_t i, n, k, start = 0, end = 0, last_start = 0, last_end = 0
    cdef str text
    cdef str above = None
    cdef int kind, first, last
    cdef void *data
    cdef Py_UCS4 z
    for i in range(len(texts)):
        text = texts[i]
        n = len(text)
        kind = PyUnicode_KIND(text)
        data = PyUnicode_DATA(text)
        if n == 0:
            terminal[i] = 0.0
            keys[i] = 3 * 8 + 3 * 2
        else:
            z = PyUnicode_READ(kind, data, n - 1)
            terminal[i] = 1.0 if _among(z, closing) else 0.0
            first = _first_class(PyUnicode_READ(kind, data, 0))
            last = (0 if terminal[i] else 1 if _among(z, colons)
                    else 2 if Py_UNICODE_ISDIGIT(z) else 3)
            keys[i] = first * 8 + last * 2 + (1 if n > long_line else 0)
        k = 0
        while k < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
            k += 1
        start = k
        while k < n and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
            k += 1
        end = k
        same_first[i] = (above is not None and end > start and last_end > last_start
                         and _same_lowered(text, start, end, above, last_start, last_end))
        above, last_start, last_end = text, start, end
