"""thresher: separate a web page's main content from its chaff.

    >>> import thresher
    >>> article = thresher.extract(html, url="https://example.com/story")
    >>> article.title, article.text
    >>> article = thresher.extract_text(wet_record_text)  # flattened page text, same Article
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .article import Article, Block, Link
from .core import extract, extract_text
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
    "extract_text",
]
