"""Language analysis: the pinned spaCy model with the domain patterns, on sentences written here."""

from __future__ import annotations

import pytest

from assistant.records import Date
from assistant.text.dates import parse_date
from assistant.text.nlp import DATE, NLP, NUMBER, PERSON, PLACE, TITLE, person_key


@pytest.fixture(scope="module")
def nlp() -> NLP:
    return NLP.load()


def kinds(nlp: NLP, text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in next(nlp.annotate([text])):
        assert text[e.start:e.end] == e.text  # offsets are exact
        out.setdefault(e.kind, []).append(e.text)
    return out


def test_titles_beside_names_are_titles_not_people_or_places(nlp: NLP) -> None:
    found = kinds(nlp, "Tom Baker, Deputy Director of the Harbour Works Committee, and Ann Lee, "
                       "Deputy District Governor, met Dean Rui Chen in Ningbo on March 3rd.")
    assert "Deputy Director of the Harbour Works Committee" in found[TITLE]
    assert "Deputy District Governor" in found[TITLE]
    assert "Tom Baker" in found[PERSON] and "Ann Lee" in found[PERSON]
    assert "Deputy District Governor" not in found.get(PLACE, [])
    assert "March 3rd" in found[DATE]


def test_two_titles_joined_by_and_stay_two(nlp: NLP) -> None:
    found = kinds(nlp, "Bo Wen, Secretary of the Party Working Committee and Director of the "
                       "Management Committee of the Port Zone, spoke.")
    assert found[TITLE] == ["Secretary of the Party Working Committee",
                            "Director of the Management Committee of the Port Zone"]


def test_hyphenated_words_stay_whole(nlp: NLP) -> None:
    doc = nlp.parse("How many sub-venues did the High-tech Zone open?")
    assert "sub-venues" in [t.text for t in doc]
    # ... but an en or em dash between two names parts them
    words = [t.text for t in nlp.parse("When was the Ruritania–Harbin memorandum signed?")]
    assert "Ruritania" in words and "Harbin" in words
    found = kinds(nlp, "The forum set up 40 video sub-venues.")
    assert found[NUMBER] == ["40"]


def test_a_number_joined_to_a_word_is_still_a_number(nlp: NLP) -> None:
    """ "a 10-member delegation": the recogniser missed the number while the token was whole."""
    assert kinds(nlp, "Wang met a 10-member delegation from the Assembly.")[NUMBER] == ["10"]
    assert "10" in [t.text for t in nlp.parse("How big was the 10-member delegation?")]
    # an amount with a multiplier stays one word
    assert "3-billion-yuan" in [t.text for t in nlp.parse("a 3-billion-yuan park")]


def test_a_name_in_both_orders_has_one_key() -> None:
    assert person_key("Lin Qu") == person_key("Qu Lin")
    assert person_key("Ms. Sun Jin") == person_key("Jin Sun")
    assert person_key("Lin Qu") != person_key("Lin Qi")


def test_dates_are_normalised_without_guessing_a_year() -> None:
    assert parse_date("September 29th, 2020") == Date(2020, 9, 29)
    assert parse_date("December 14") == Date(None, 12, 14)
    assert str(parse_date("December 14")) == "December 14"
    assert parse_date("2021") == Date(2021, None, None)
    assert parse_date("the past 20 years") is None
    # a month's abbreviation is a date beside a number only: "Yao Jun" is a name
    assert parse_date("Yao Jun") is None and parse_date("Mar Lin") is None
    assert parse_date("Jun 5") == Date(None, 6, 5) and parse_date("June") == Date(None, 6, None)


def test_missing_model_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    with pytest.raises(RuntimeError, match="make install"):
        NLP.load()


def test_dates_the_model_misses_are_read_by_the_date_reader(nlp: NLP) -> None:
    """ "Aug 9" (the model tags only the 9), an abbreviated month with a dot, a day first and a
    range come out as one date each; numbers and names beside them stay as they were."""
    text = ("Ten growers reached Wudang on Aug 9. Deals worth 9 billion yuan were signed on "
            "23 November 2019 and on Sept. 20. The fair ran from April 25 to 26, 2021 in Tom Baker's "
            "town.")
    found = next(nlp.annotate([text]))
    dates = [e.text for e in found if e.kind == "DATE"]
    assert dates == ["Aug 9", "23 November 2019", "Sept. 20", "April 25 to 26, 2021"]
    assert "9 billion yuan" in [e.text for e in found if e.kind == "NUMBER"] or \
        "9 billion" in [e.text for e in found if e.kind == "NUMBER"]
    assert any(e.kind == "PERSON" and e.text.startswith("Tom Baker") for e in found)
    assert all(text[e.start:e.end] == e.text for e in found)



def test_a_surname_in_capitals_is_a_name_written_as_it_was(nlp: NLP) -> None:
    """Official releases often write "SHEN Weidong": the small model read no person there."""
    found = kinds(nlp, "JIAO Shuanglin, Deputy Director-General of the Port Office, met them.")
    assert found[PERSON] == ["JIAO Shuanglin"]
    assert "Deputy Director-General of the Port Office" in found[TITLE]
    # a word in capitals the text uses alone too is an acronym, not a surname
    assert "PERSON" not in kinds(nlp, "MCC Group signed the deal. MCC is a builder.")


def test_a_date_the_model_calls_an_event_is_a_date(nlp: NLP) -> None:
    found = kinds(nlp, 'The two sides signed an agreement for the "14th Five-Year Plan" period '
                       "in Nanning on 9 September 2021.")
    assert found[DATE] == ["9 September 2021"]


def test_an_amount_led_by_a_currency_code_is_a_number(nlp: NLP) -> None:
    assert kinds(nlp, "The Group had invested a total of RMB70 billion in Nantong.")[NUMBER] == \
        ["RMB70 billion"]
