"""Dates as written: found in text ("November 25th", "September 29, 2020"), normalised to a Date
whose unstated parts stay None (a year is never guessed), and read from what people type in a
filter ("2020-09", "November 2021"). One parser type: `parse_date` -> Date."""

from __future__ import annotations

import calendar
import re

from assistant.records import MONTH_NAMES, Date

_FULL_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
_MONTHS = _FULL_MONTHS | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} \
    | {"sept": 9}

MONTH_PATTERN = "|".join(MONTH_NAMES[1:])  # "January|...|December"
# a month as news writes it: whole, or cut short with or without a full stop ("Sept.", "Nov")
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d\d"
UNTIL = r"\s*(?:-|–|—|to|and|until|through)\s*"  # a range: "April 25 to 26", "Sept. 19-22"
WRITTEN = re.compile(
    rf"\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})\b(?:{UNTIL}(?:{MONTH}\s+)?{DAY}\b)?(?:,?\s+(?P<y1>{YEAR})\b)?"
    rf"|\b(?P<d2>{DAY})(?:{UNTIL}{DAY})?\s+(?:of\s+)?(?P<m2>{MONTH})(?![A-Za-z])"
    rf"(?:,?\s+(?P<y2>{YEAR})\b)?"
    rf"|\b(?P<y3>{YEAR})[-/](?P<m3>\d{{1,2}})[-/](?P<d3>\d{{1,2}})\b"
    rf"|\b(?P<m4>{MONTH_PATTERN})\s+(?P<y4>{YEAR})\b"
    rf"|\b(?P<d5>\d{{1,2}})\.(?P<m5>\d{{1,2}})\.(?P<y5>{YEAR})\b")  # "15.10.2015": day first


def find_dates(text: str) -> list[tuple[Date, int, int]]:
    """Every date written in the text, with its span: a month with a day ("Sept. 19", "23
    November 2019", a range's first day: "April 25 to 26, 2021"), an ISO date ("2024-01-05"), a
    dotted one, day first as in Europe and Russia ("15.10.2015"),
    or a month with a year ("November 2021"). Parts not written stay None; a month named
    without a day or a year ("in May") is no date here."""
    out = []
    for m in WRITTEN.finditer(text):
        month = m["m1"] or m["m2"] or m["m4"]
        numeric = m["m3"] or m["m5"]
        number = int(numeric) if numeric else _MONTHS.get(month.rstrip(".").lower()) if month else None
        day = m["d1"] or m["d2"] or m["d3"] or m["d5"]
        year = m["y1"] or m["y2"] or m["y3"] or m["y4"] or m["y5"]
        date = Date(int(year) if year else None, number,
                    int(day.rstrip("stndrh")) if day else None)
        if number and 1 <= number <= 12 and _real_day(date):
            out.append((date, m.start(), m.end()))
    return out


def names_month(text: str) -> bool:
    """The text names a month in full ("last August", "in early May"): when, if not the day."""
    return any(w.lower() in _FULL_MONTHS for w in re.findall(r"[A-Za-z]+", text))


def _real_day(date: Date) -> bool:
    if date.day is None:
        return True
    return 1 <= date.day <= calendar.monthrange(date.year or 2000, date.month or 1)[1]


def dateline(text: str) -> str:
    """The first date written near the top ("November 25", "January 5, 2024"); "" if none."""
    found = find_dates(text[:400])
    return str(found[0][0]) if found else ""


def parse_date(text: str) -> Date | None:
    """Normalise a date phrase ("November 25th", "Sept. 1", "23 November 2019", "2024-01-05",
    "2021", "December"); None if none."""
    found = find_dates(text)
    if found:
        return found[0][0]
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


_FULL_STOP = re.compile(rf"(\d|\b(?:{MONTH_PATTERN}))\.$")  # not "Sept." nor "Feb."


def shown_date(text: str) -> str:
    """A date as written, without the full stop of the sentence it ended ("27 February.")."""
    return _FULL_STOP.sub(r"\1", text.strip())


def placed(date: Date | None, published: Date | None) -> Date | None:
    """The date with the publication year when it states none (an article reports what
    happened before it was published: a month after the publication month is the year
    before); as it is without a month, with a year, or without a publication year."""
    if date is None or date.year or published is None or not published.year or not date.month:
        return date
    year = published.year - 1 if published.month and date.month > published.month \
        else published.year
    return Date(year, date.month, date.day)


def year_note(date: Date | None, published: Date | None) -> str:
    """What is said of a date written without its year: the publication year it takes, or that
    none is stated."""
    found = placed(date, published)
    return f" ({found.year}, the year of publication)" if found and found.year \
        else " (year not stated)"


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
