"""One frozen, validated options object for every entry point."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import InvalidOptionError

if TYPE_CHECKING:
    from .label.model import TreeModel
    from .label.pagetype import PageTypeModel
    from .text.headline import HeadlineModel

__all__ = ["Options"]


@dataclass(frozen=True)
class Options:
    """How thresher extracts. Every field has a safe default.

    Attributes:
        threshold: probability above which a block is main content; ``None`` uses the values
            tuned with the shipped models (0.5; 0.4 on pages that are not articles, where the
            content is spread over many small blocks; the same for flattened text). Lower
            favours recall, higher favours precision.
        include_tables: keep tables that sit in the body.
        max_input_bytes: larger inputs raise :class:`~thresher.errors.LimitExceededError`.
        max_nodes: DOM nodes walked at most; the rest of a larger page is ignored.
        max_depth: pages nesting elements deeper than this raise
            :class:`~thresher.errors.LimitExceededError` (parsing slows with depth squared).
        time_limit: seconds one page may take; checked between the steps of extraction
            (decoding, parsing, walking the DOM, metadata, features, labelling), it raises
            :class:`~thresher.errors.LimitExceededError` naming ``time_limit``. ``None`` for
            no limit. The size limits above bound each step, so this is a backstop.
        model: a labelling model to use instead of the shipped one (for evaluation).
        page_model: a page-type model to use instead of the shipped one of the front end in
            use (for evaluation; one of flattened text for ``extract_text``, else
            :class:`InvalidOptionError`): the page type sets the threshold and decides
            whether a page can have a standfirst.
        headline_model: a model choosing the headline of flattened text to use instead of
            the shipped one (for evaluation).
    """

    threshold: float | None = None
    include_tables: bool = True
    max_input_bytes: int = 20_000_000
    max_nodes: int = 400_000
    max_depth: int = 5_000
    time_limit: float | None = 20.0
    model: TreeModel | None = field(default=None, repr=False, compare=False)
    page_model: PageTypeModel | None = field(default=None, repr=False, compare=False)
    headline_model: HeadlineModel | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.threshold is not None and not 0.0 <= self.threshold <= 1.0:
            raise InvalidOptionError(f"threshold must be within [0, 1], got {self.threshold!r}")
        for name in ("max_input_bytes", "max_nodes", "max_depth"):
            value = getattr(self, name)
            if not isinstance(value, int) or value <= 0:
                raise InvalidOptionError(f"{name} must be a positive int, got {value!r}")
        if self.time_limit is not None and not (
            isinstance(self.time_limit, (int, float)) and self.time_limit > 0
        ):
            raise InvalidOptionError(f"time_limit must be positive seconds or None, "
                                     f"got {self.time_limit!r}")


DEFAULT_OPTIONS = Options()
