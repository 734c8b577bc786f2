"""Replace the generated parts of BENCHMARKS.md and README.md, found by their markers."""

from __future__ import annotations

__all__ = ["replace_between", "splice_section"]


def splice_section(report: str, section: str, start_marker: str, end_marker: str) -> str:
    """``report`` with the span from ``start_marker`` through ``end_marker`` replaced by
    ``section`` (which carries both markers), or with ``section`` appended when absent."""
    start, end = report.find(start_marker), report.find(end_marker)
    if start < 0 or end < start:
        return report.rstrip("\n") + "\n\n" + section
    return report[:start] + section.rstrip("\n") + report[end + len(end_marker):]


def replace_between(text: str, start_marker: str, end_marker: str, body: str) -> str | None:
    """``text`` with what lies between the two markers replaced by ``body``; None when the
    markers are missing, so the caller leaves the text as it is."""
    start, end = text.find(start_marker), text.find(end_marker)
    if start < 0 or end < start:
        return None
    head = text[: start + len(start_marker)]
    return f"{head}\n{body}{text[end:]}"
