"""Dates as written: found in text ("November 25th", "September 29, 2020"), normalised to a Date
whose unstated parts stay None (a year is never guessed), and read from what people type in a
filter ("2020-09", "November 2021"). One parser type: `parse_date` -> Date."""

from __future__ import annotations

import calendar
import re

from assistant.records import MONTH_NAMES, Date

MONTH_PATTERN = "|".join(MONTH_NAMES[1:])  # "January|...|December"
DATE_RE = re.compile(
    rf"\b(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")


def dateline(text: str) -> str:
    """The first date written near the top, as written ("November 25", "September 29, 2020")."""
    match = DATE_RE.search(text[:400])
    if not match:
        return ""
    date = f"{match['month']} {int(match['day'])}"
    return f"{date}, {match['year']}" if match["year"] else date


_FULL_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
_MONTHS = _FULL_MONTHS | \
    {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}


def parse_date(text: str) -> Date | None:
    """Normalise a date phrase ("November 25th", "September 29th, 2020", "2021"); None if none."""
    year = month = day = None
    numbered = any(ch.isdigit() for ch in text)
    for word in text.replace(",", " ").replace(".", " ").split():
        low = word.lower()
        # an abbreviation is a month only beside a number: "Jun 5", not the name "Yao Jun"
        if low in _MONTHS and month is None and (numbered or low in _FULL_MONTHS):
            month = _MONTHS[low]
            continue
        digits = low.rstrip("stndrh") if low[:1].isdigit() else ""
        if digits.isdigit():
            value = int(digits)
            if len(digits) == 4 and 1900 <= value <= 2100 and year is None:
                year = value
            elif 1 <= value <= 31 and month is not None and day is None:
                day = value
    if month is None and year is None:
        return None
    return Date(year, month, day)


ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")
YEARS = range(1900, 2101)  # the years nlp.parse_date reads
DATE_FORMATS = "2020-09, 2020-09-29, November 2021, November 25, 2021 or 2021"


def parse_bound(text: str | None) -> Date | None:
    """A filter date typed as "2020-09", "2020-09-29", "November 2021", "November 25" or "2021";
    None if blank; ValueError, with the formats, for anything else ("November 31", "2021 12")."""
    if not text or not text.strip():
        return None
    iso = ISO.match(text)
    if iso:
        date: Date | None = Date(*(int(g) if g else None for g in iso.groups()))
    else:  # every word is the month, the day or the year: nothing is left over
        date = parse_date(text)
        words = text.replace(",", " ").replace(".", " ").split()
        if date and len(words) != sum(part is not None for part in (date.year, date.month,
                                                                     date.day)):
            date = None
    if date is None or not _real(date):
        raise ValueError(f"“{text.strip()}” is not a date: write e.g. {DATE_FORMATS}")
    return date


def _real(date: Date) -> bool:
    """A year the articles can hold, a month of the year, a day of that month (February 29
    without a year is a day)."""
    if date.year is not None and date.year not in YEARS:
        return False
    if date.month is not None and not 1 <= date.month <= 12:
        return False
    last = calendar.monthrange(date.year or 2000, date.month)[1] if date.month else 31
    return date.day is None or 1 <= date.day <= last
