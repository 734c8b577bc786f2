"""The exceptions thresher raises.

Every error thresher raises on purpose derives from :class:`ThresherError`::

    ThresherError
    ├── InputError (also TypeError)        source is of a type thresher does not take
    ├── InvalidOptionError (also ValueError)  an option value is out of range
    ├── LimitExceededError                 the input exceeds a configured limit; ``limit`` names it
    └── NoContentError                    the page has no main content; ``reason`` says why
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .article import Article

__all__ = [
    "InputError",
    "InvalidOptionError",
    "LimitExceededError",
    "NoContentError",
    "ThresherError",
]

NoContentReason = Literal[
    "empty",  # nothing but whitespace after decoding
    "not_html",  # binary data or a document of another format (PDF, JSON, image)
    "no_text",  # markup without any visible text
    "boilerplate_only",  # text exists but none of it is main content
    "script_only",  # the only text asks for JavaScript: script builds the content
]


class ThresherError(Exception):
    """Root of every error thresher raises on purpose."""


class InputError(ThresherError, TypeError):
    """The source is not of a type thresher accepts (``str`` or ``bytes``)."""


class InvalidOptionError(ThresherError, ValueError):
    """An option has a value outside what is accepted."""


class NoContentError(ThresherError):
    """The page holds no main content.

    ``reason`` is machine-readable (see ``NoContentReason``); the message is for people.
    ``article`` is what could still be read from an HTML page without main content
    (``no_text``, ``boilerplate_only``): an Article with the page's metadata (title, authors,
    date, url, page type…) and no body blocks; else None.
    """

    def __init__(
        self, reason: NoContentReason, message: str | None = None, *,
        article: Article | None = None,
    ) -> None:  # fmt: skip
        self.reason: NoContentReason = reason
        self.article = article
        super().__init__(message or reason.replace("_", " "))


class LimitExceededError(ThresherError):
    """The input exceeds a limit set in the options; ``limit`` names the option."""

    def __init__(self, limit: str, value: float, maximum: float) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        self.reason = "limit_exceeded"
        shown = [f"{v:,}" if isinstance(v, int) else f"{v:,.2f}" for v in (value, maximum)]
        super().__init__(f"{limit} exceeded: {shown[0]} > {shown[1]} (raise it in Options)")
