"""Dates as pages write them → ISO 8601, with plausibility checks.

Machine-readable values (``2025-09-04``, ``2025-09-04T10:52:50+01:00``) take a regular
expression; anything else (``Tue, 4 Sep 2025``, ``September 4, 2025``, ``04.09.2025``) is
handed to ``dateutil``'s parser, which knows month names and orders. A value whose day is
missing (``September 2025``) is refused rather than completed: a publication date that is
right to the month would score as a wrong day. In a page's text, a date glued to the words
around it by inline elements ("HealthDECEMBER 22, 2022Updated") is still found. ``dateutil``
knows English month names only: a day-first date with a month name of another common
language ("4. März 2025", "4 de marzo de 2025", "4 марта 2025") is read from a table.

A date is *plausible* when it falls between the first web page (6 August 1991) and tomorrow
(pages in time zones ahead of UTC may already be a day on).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache

from dateutil import parser as date_parser

from ..urls import WEB_START, is_plausible, url_date

__all__ = [
    "WEB_START", "find_text_date", "has_year", "is_plausible", "parse_date", "url_date",
    "without_leading_date",
]  # fmt: skip

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?Z?$")
_MAX_FREE_TEXT = 60  # longer values are prose, not a date field
# two defaults that differ in every part: a part the text lacks shows up as a difference
_DEFAULT_A = dt.datetime(2000, 1, 1)
_DEFAULT_B = dt.datetime(2001, 2, 2)


def _from_iso(match: re.Match[str]) -> str | None:
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    if not match[4]:
        return day.isoformat()
    hour, minute, second = int(match[4]), int(match[5]), int(match[6] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return day.isoformat()
    iso = f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}"
    zone = match[7]
    if zone:
        iso += "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    return iso


@lru_cache(maxsize=4096)
def _from_text(value: str) -> str | None:
    """``value`` read by dateutil as an ISO date (with its time of day, when it has one), or
    None without a year, a month and a day. Cached: pages of one site and one day repeat
    their dates, and each costs two of dateutil's parses."""
    try:
        with warnings.catch_warnings():  # an unknown zone name ("EST") only costs the zone
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            first = date_parser.parse(value, default=_DEFAULT_A, fuzzy=True)
            # a year, month and day that all differ from the first default's come from the
            # text (a weekday without a day moves it past the 1st only to where the second
            # default's 2nd leads too): the second parse would give the same date
            if _DEFAULT_A.year == first.year or _DEFAULT_A.month == first.month or (
                _DEFAULT_A.day == first.day
            ):
                second = date_parser.parse(value, default=_DEFAULT_B, fuzzy=True)
                if first.date() != second.date():
                    return None  # year, month or day missing from the text
    except (ValueError, OverflowError, TypeError):  # dateutil's "not a date"
        return None
    # both defaults are midnight: the time of day is the text's, or midnight without one
    if (first.hour, first.minute, first.second) == (0, 0, 0):
        return str(first.date().isoformat())
    return str(first.replace(microsecond=0).isoformat())


def parse_date(value: str | None, today: dt.date | None = None) -> str | None:
    """``value`` as an ISO 8601 date or date-time, or None when it holds no plausible date."""
    if not value:
        return None
    value = value.strip()
    match = _ISO.search(value)
    if match is not None:
        iso = _from_iso(match)
    elif (compact := _COMPACT.match(value)) is not None:
        iso = _from_iso(_ISO.match(f"{compact[1]}-{compact[2]}-{compact[3]}"))  # type: ignore[arg-type]
    elif len(value) <= _MAX_FREE_TEXT and any(c.isdigit() for c in value):
        iso = _from_text(value) or _foreign_date(value, today)
    else:
        iso = None
    if iso is None or not is_plausible(dt.date.fromisoformat(iso[:10]), today):
        return None
    return iso


_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_TEXT_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}"  # March 4, 2025
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d{{2}}"  # 4 March 2025
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"  # 2025-03-04
    r"|\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2})\b",  # 04.03.2025, 3/4/2025
    re.IGNORECASE,
)


_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


_YEAR = re.compile(r"(?:19|20)\d\d")
# where inline elements glued two words: "HealthDECEMBER 22, 2022Updated: …"
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z]{2})|(?<=[a-z]{2})(?=[A-Z][a-z])|(?<=\d{4})(?=[A-Za-z])")


def has_year(text: str) -> bool:
    """True when ``text`` holds a four-digit year (19xx, 20xx): :func:`find_text_date` finds
    no date in a text without one."""
    return _YEAR.search(text) is not None


def find_text_date(text: str, today: dt.date | None = None) -> str | None:
    """The first plausible date written out in ``text`` ("March 4, 2025", "04.03.2025"),
    also where inline elements glued it to the words around it."""
    if not has_year(text):
        return None  # every written-out date this reads has a four-digit year
    for match in _TEXT_DATE.finditer(_GLUED.sub(" ", text)):
        value = match[0]
        # a dotted numeric date is day-first (European); slashes are left to dateutil (US)
        dotted = _DOTTED.fullmatch(value)
        if dotted is not None:
            value = f"{dotted[3]}-{int(dotted[2]):02d}-{int(dotted[1]):02d}"
        if date := parse_date(value, today):
            return date[:10]
    return _foreign_date(text, today)


# Month names of other languages (full, genitive and common short forms), for dates written
# day first as these languages write them: "4. März 2025", "4 de marzo de 2025", "04-ago-2021",
# "4 марта 2025". English names are read by ``_TEXT_DATE`` and ``dateutil``.
_MONTH_NAMES = (
    "januar jänner janvier janv enero ene gennaio gen janeiro januari stycznia ledna января "
    "ocak",
    "februar février fevrier févr fév febrero febbraio fevereiro fev februari lutego února "
    "unora февраля şubat subat",
    "märz maerz mrz mär mars marzo março marco maart mrt marca března brezna марта mart maret",
    "avril avr abril abr aprile april kwietnia dubna апреля nisan",
    "mai mayo maggio mag maio mei maj maja května kvetna мая mayıs mayis",
    "juni juin junio giugno giu junho czerwca června cervna июня haziran",
    "juli juillet juil julio luglio lug julho lipca července cervence июля temmuz",
    "august août aout agosto ago augustus augusti sierpnia srpna августа ağustos agustus",
    "september septembre septiembre setiembre settembre set setembro września září zari "
    "сентября eylül eylul",
    "oktober okt octobre octubre ottobre ott outubro out października října rijna октября ekim",
    "november novembre noviembre novembro listopada listopadu ноября kasım kasim",
    "dezember dez décembre decembre déc diciembre dic dicembre dezembro december grudnia "
    "prosince декабря aralık aralik desember",
)
_MONTH_NUMBER = {name: n for n, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_FOREIGN_DATE = re.compile(
    r"(?<!\d)(\d{1,2})\.?[\s/-]+(?:de\s+)?("
    + "|".join(sorted(map(re.escape, _MONTH_NUMBER), key=len, reverse=True))
    + r")\.?,?[\s/-]+(?:de\s+)?((?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)


def _foreign_date(text: str, today: dt.date | None) -> str | None:
    """The first plausible day-first date with a month name of another language."""
    for match in _FOREIGN_DATE.finditer(text):
        try:
            day = dt.date(int(match[3]), _MONTH_NUMBER[match[2].lower()], int(match[1]))
        except (ValueError, KeyError):
            continue
        if is_plausible(day, today):
            return day.isoformat()
    return None


_AFTER_DATE = re.compile(r"[\s·•|,:;–—-]+")


def without_leading_date(text: str) -> str:
    """``text`` without a date it begins with and the separator after it ("Dec 17, 2025 ·
    Jane Doe" → "Jane Doe")."""
    match = _TEXT_DATE.match(text)
    if match is None:
        return text
    rest = text[match.end():]
    sep = _AFTER_DATE.match(rest)
    return rest[sep.end():] if sep else rest
