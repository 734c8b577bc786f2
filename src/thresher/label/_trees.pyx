# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The tree walk of ``thresher.label.model.Stage.raw_score`` compiled.

``Stage.raw_score_numpy`` is the reference: each row walks each tree from its root for
``depth`` steps, going to ``child[node] + 1`` when ``x[feature[node]] > threshold[node]`` and
to ``child[node]`` otherwise (so NaN goes left, and a leaf, its own child with an infinite
threshold, stays put). Here the same steps run row by row in C, where NumPy takes a dozen
array operations per tree level. The leaf values come back as a matrix, one column per tree,
and the caller sums them with NumPy as the reference does, so the scores agree bit for bit.

The caller guarantees what ``Stage`` checks once at construction: every index the walk can
follow lies inside the node table and inside a row of ``x``; nothing is checked here.
"""

cdef extern from *:
    """
    #ifndef THRESHER_TREES_SOURCE_SHA256
    #error "setup.py defines the hash of the .pyx this is built from"
    #endif
    static const char *thresher_trees_source_sha256 = THRESHER_TREES_SOURCE_SHA256;
    """
    const char *thresher_trees_source_sha256

SOURCE_SHA256 = thresher_trees_source_sha256.decode("ascii")  # of the .pyx this was built from


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

    Eight rows walk each tree side by side, without branches: their steps do not wait on each
    other, and the processor never guesses a split's side.
    """
    cdef Py_ssize_t n = x.shape[0], n_trees = roots.shape[0]
    cdef Py_ssize_t i, t, k
    cdef int step, node
    cdef int at[8]
    cdef const double *rows[8]
    cdef const int *feat = &feature[0]
    cdef const int *kid = &child[0]
    cdef const double *thr = &threshold[0]
    if n == 0 or n_trees == 0:
        return
    with nogil:
        i = 0
        while i < n:
            for k in range(8):  # past the last row, repeat it
                rows[k] = &x[i + k if i + k < n else n - 1, 0]
            for t in range(n_trees):
                for k in range(8):
                    at[k] = roots[t]
                for step in range(depth):
                    for k in range(8):
                        node = at[k]
                        at[k] = kid[node] + (rows[k][feat[node]] > thr[node])
                for k in range(8):
                    if i + k < n:
                        out[i + k, t] = value[at[k]]
            i += 8
