"""thresher's compiled kernels (``_kernels.pyx``: the labeller's tree walk, text statistics
and context features, the HTML blocks' feature columns and page-type sums, white space
folding, the shapes of flattened text's lines, the tag depth of big pages, the language
identifier's n-gram walk), when they are built and current.

``KERNELS`` is the module, or None and ``KERNELS_PROBLEM`` says why it is not used: it was not
built (no Cython or C compiler at install), or, in a source tree, it was built from an older
``_kernels.pyx``. Each caller keeps a Python and NumPy path that gives the same output, its
reference in the tests.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

__all__ = ["KERNELS", "KERNELS_PROBLEM", "load_kernels"]


def load_kernels() -> tuple[Any, str | None]:
    """The compiled kernels and None, or None and why they are not used."""
    try:
        from . import _kernels  # type: ignore[attr-defined]
    except ImportError as exc:
        return None, f"not importable: {exc}"
    source = Path(__file__).with_name("_kernels.pyx")
    built_from = getattr(_kernels, "SOURCE_SHA256", None)
    if source.is_file() and hashlib.sha256(source.read_bytes()).hexdigest() != built_from:
        return None, "built from an older _kernels.pyx: rebuild with python setup.py build_ext -i"
    return _kernels, None


KERNELS, KERNELS_PROBLEM = load_kernels()
