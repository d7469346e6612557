"""Dates as news pages write them (text/dates.py): every form found with its span, parts the text
does not state left None, never a guessed year; the article's dateline; what people type."""

from __future__ import annotations

import pytest

from assistant.records import Date
from assistant.text.dates import dateline, find_dates, parse_date


@pytest.mark.parametrize(("text", "date", "written"), [
    ("The ministers met on September 29th, 2020 in Hefei.", Date(2020, 9, 29), "September 29th, 2020"),
    ("HARBIN, Sept. 1 (Xinhua) -- Deals were signed", Date(None, 9, 1), "Sept. 1"),
    ("a visit on Nov. 22 to the port", Date(None, 11, 22), "Nov. 22"),
    ("held in Hong Kong on Jan 4, presenting ten plans", Date(None, 1, 4), "Jan 4"),
    ("on 23 November 2019 the two cities", Date(2019, 11, 23), "23 November 2019"),
    ("From April 25 to 26, 2021, a delegation toured", Date(2021, 4, 25), "April 25 to 26, 2021"),
    ("The fair ran Sept. 19-22 in the city.", Date(None, 9, 19), "Sept. 19-22"),
    ("spent August 4 to 8 in Ningbo", Date(None, 8, 4), "August 4 to 8"),
    ("Updated: 2024-01-05 09:30", Date(2024, 1, 5), "2024-01-05"),
    ("Source: the Commission | 2017/4/20", Date(2017, 4, 20), "2017/4/20"),
    ("the plan for November 2021 was approved", Date(2021, 11, None), "November 2021"),
    ("Source: citymurmansk.ru | 15.10.2015", Date(2015, 10, 15), "15.10.2015"),  # day first
])
def test_each_written_form_is_found_with_its_span(text: str, date: Date, written: str) -> None:
    found = find_dates(text)
    assert found and found[0][0] == date
    _, start, end = found[0]
    assert text[start:end] == written


@pytest.mark.parametrize("text", [
    "Yao Jun visited the harbour.",  # a name, not June
    "in May the group returned",  # a month alone: no date here
    "on the 29th and 30th",  # no month written
    "November 31 was a Tuesday",  # no such day
    "2021-13-05",  # no such month
    "version 1.2.15 of the plan",  # dotted, but no year
    "31.02.2015 was read",  # no such day
])
def test_what_is_no_date_is_not_found(text: str) -> None:
    assert find_dates(text) == []


def test_no_part_is_guessed() -> None:
    found = [d for d, _, _ in find_dates("On March 7 and on 8 April the teams met.")]
    assert found == [Date(None, 3, 7), Date(None, 4, 8)]  # no year: none invented


def test_parse_date_reads_the_first_date_or_a_month_or_year_alone() -> None:
    assert parse_date("Sept. 19-22") == Date(None, 9, 19)
    assert parse_date("2021") == Date(2021, None, None)
    assert parse_date("December") == Date(None, 12, None)
    assert parse_date("no date here") is None


def test_the_dateline_is_the_first_date_near_the_top() -> None:
    assert dateline("A headline\nPublished: 2024-04-11 | City News\n\nOn April 5, ...") == \
        "April 11, 2024"
    assert dateline("A headline\n\n" + "word " * 100 + "on May 5") == ""  # too far down


def test_a_month_named_says_when_a_span_of_time_does_not() -> None:
    from assistant.answering.extractive.counting import definite
    from assistant.text.dates import names_month

    assert names_month("last August") and names_month("in early May")
    assert not names_month("recent years") and not names_month("Mayor Li")
    assert definite("last August") and definite("December 14") and definite("2009")
    assert not definite("recent years") and not definite("the next 10 years")


def test_a_date_is_shown_without_the_full_stop_of_its_sentence() -> None:
    from assistant.text.dates import shown_date

    assert shown_date("27 February.") == "27 February"
    assert shown_date("March 3, 2017.") == "March 3, 2017"
    assert shown_date("Feb.") == "Feb." and shown_date("Sept. 9") == "Sept. 9"
