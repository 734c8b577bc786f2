# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""thresher's compiled kernels: the labeller's tree walk and text statistics' counts, and the
language identifier's n-gram walk.

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
