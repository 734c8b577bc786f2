"""thresher: separate a web page's main content from its chaff.

    >>> import thresher
    >>> article = thresher.extract(html, url="https://example.com/story")
    >>> article.title, article.text
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .article import Article, Block, Link
from .core import extract
from .errors import (
    InputError,
    InvalidOptionError,
    LimitExceededError,
    NoContentError,
    ThresherError,
)
from .options import Options

try:
    __version__ = version("thresher")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "Article",
    "Block",
    "InputError",
    "InvalidOptionError",
    "LimitExceededError",
    "Link",
    "NoContentError",
    "Options",
    "ThresherError",
    "__version__",
    "extract",
]
