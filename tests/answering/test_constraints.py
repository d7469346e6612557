"""What of a question an article does not hold (answering/extractive/constraints.py): names in
any form the article writes them, dates written in parts, a year an article never states, several
dates asked, names and dates read from the whole article."""

from __future__ import annotations

from assistant.answering.extractive.constraints import (
    constraints,
    dated,
    missing,
    spelled_out,
    written,
)
from assistant.question.analyse import analyse
from assistant.records import Date, Passage


def test_a_proper_adjective_stands_for_its_place() -> None:
    said = {"hungary", "europe", "korea", "hunan"}
    assert written("hungarian", said) and written("european", said) and written("korean", said)
    assert not written("hunanese", {"hubei"})  # a different place
    assert not written("danish", {"dance"})  # only a name it comes from counts
    assert not written("zhang", {"zhangjiang"})  # a name is no adjective: written whole


def test_a_place_stands_for_its_proper_adjective() -> None:
    said = {"japanese", "chinese", "italian", "korean", "wuhan"}
    assert all(written(w, said) for w in ("japan", "china", "italy", "korea"))
    assert not written("hunan", said)  # no adjective of it
    assert not written("japanesefolk", said)


def test_an_acronym_counts_where_its_words_are_written(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Yu Zhengsheng, chairman of the National Committee of the Chinese People's Political "
            "Consultative Conference, spoke; Wuhan University of Technology signed.")
    assert spelled_out("CPPCC", text) and spelled_out("WUT", text)
    assert not spelled_out("CPC", text)  # no Communist Party of China here
    assert not spelled_out("Cppcc", text)  # only a word in capitals is an acronym
    q = analyse("What did the CPPCC chairman say in Kashgar?", nlp)
    assert any("CPPCC" in n for n in q.names)
    assert missing(q, f"{text} In Kashgar.", []) == []
    assert missing(q, "The chairman spoke in Kashgar.", [])  # neither form written


def test_a_year_written_apart_from_the_day_counts() -> None:
    found = [Date(None, 1, 4), Date(2024, None, None)]  # "on Jan 4" ... "its 2024 conference"
    assert dated(Date(2024, 1, None), found)
    assert not dated(Date(2023, 1, None), found)


def test_an_article_stating_no_year_contradicts_none_but_its_days_must_agree() -> None:
    found = [Date(None, 11, 25)]
    assert dated(Date(2021, 11, None), found)
    assert not dated(Date(2021, 11, 4), found)  # November 4th is not the 25th


def test_several_dates_asked_each_article_holds_one(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("What did the group sign in July 2022 and in January 2023?", nlp)
    assert len(q.dates) == 2
    assert missing(q, "The group signed the deal on July 1, 2022.", [Date(2022, 7, 1)]) == []
    one = analyse("What did the group sign in July 2022?", nlp)
    assert missing(one, "It signed on January 6, 2023.", [Date(2023, 1, 6)]) == ["July 2022"]


def test_a_hyphen_joins_two_names_each_needed(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("How many departments sent officials to the Huangpu-China Mobile signing?", nlp)
    assert "Huangpu" in q.names and not any("-" in n for n in q.names)
    assert missing(q, "Officials of Huangpu and China Mobile met.", []) == []
    assert missing(q, "Officials of Huangpu met.", [])  # China Mobile is not in it


def _passage(aid: str, start: int, text: str) -> Passage:
    return Passage(f"{aid}#{start}", aid, "A title", "", "a.txt", text, start, start + len(text),
                   0.0, 0.0)


def test_names_and_dates_are_read_from_the_whole_article(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Who welcomed the Qingdao delegation in March 2019?", nlp)
    retrieved = [_passage("a", 0, "Mayor Liu welcomed the delegation at the hall.")]
    whole = retrieved + [_passage("a", 60, "The Qingdao delegation came on March 7, 2019.")]
    assert constraints(q, retrieved)["a"]  # the retrieved passage alone lacks them
    assert constraints(q, retrieved, lambda aid: whole)["a"] == []


def test_a_list_needs_one_of_the_names_it_joins_and_every_name_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Which deals did Eastport and Westport sign": an article of one of them is part of the
    list; "which projects did Eastport sign at its fair in Singapore": an article without
    Singapore (the fair was elsewhere) is not about it."""
    joined = analyse("Which deals did Eastport and Westport sign in the spring?", nlp)
    assert joined.scope != "fact"
    assert missing(joined, "Eastport signed a port deal in the spring.", []) == []
    alone = analyse("Which projects did Eastport sign at its fair in Singapore?", nlp)
    assert alone.scope != "fact"
    assert missing(alone, "Eastport signed eight projects at its fair in Hong Kong.", []) == \
        ["Singapore"]


def test_a_number_counts_in_digits_or_words(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Which fields will the twelve harbour firms invest in?", nlp)
    assert missing(q, "Nine harbour firms signed.", []) == ["twelve"]  # a false premise
    assert missing(q, "Twelve harbour firms signed.", []) == []
    assert missing(q, "The 12 harbour firms signed.", []) == []


def test_a_plural_name_counts_where_its_singular_is_written_and_the_other_way() -> None:
    assert written("expos", {"expo", "urumqi"}) and written("campo", {"campos", "palácio"})
    assert not written("expos", {"exposition"})


def test_a_long_body_name_written_otherwise_still_names_it(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("How many projects were signed at Changzhou National High-Tech District's "
                "ceremony?", nlp)
    assert missing(q, "Changzhou Hi-Tech District signed 35 projects at the ceremony.", []) == []
    # a word of its own missing (not of the body's kind or rank): another body
    q = analyse("What did Huangpu District agree with China Telecom Shanghai?", nlp)
    assert missing(q, "Huangpu District and the Shanghai branch of China Mobile agreed.", [])


def test_the_party_of_a_question_is_the_cpc_of_an_article(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Who was the Party secretary of Changzhou in 2019?", nlp)
    text = "Wang Quan, secretary of the CPC Changzhou Municipal Committee, met them in 2019."
    assert "Party" in q.names and missing(q, text, [Date(2019, None, None)]) == []
    assert missing(q, "Wang Quan, secretary of Changzhou, met them in 2019.",
                   [Date(2019, None, None)]) == ["Party"]


def test_a_name_in_brackets_closing_a_name_is_another_name_for_it(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Which governments signed agreements with Eastport Shipping Group (EPSG)?", nlp)
    assert missing(q, "EPSG signed an agreement with the government of Tianjin.", []) == []
    assert missing(q, "Eastport Shipping Group signed with the Tianjin government.", []) == []
    assert missing(q, "Westport Logistics signed with the Tianjin government.", [])
    # brackets inside a name ("Hunan (Beijing) Key Parks Conference") name no other body
    q = analyse("How many projects were signed at the Hunan (Beijing) Key Parks Conference?", nlp)
    assert missing(q, "Beijing hosted a key parks conference where 20 projects were signed.", [])


def test_a_pinyin_u_umlaut_is_one_letter_however_it_is_written(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Which universities signed agreements with Lüliang?", nlp)
    for spelt in ("Lvliang", "Lyuliang", "Luliang", "Lüliang"):
        assert missing(q, f"{spelt} signed with Shanxi University.", []) == []
    assert missing(q, "Liuliang signed with Shanxi University.", [])  # another place
    assert missing(analyse("Who met the Lvliang delegation?", nlp), "Lüliang's delegation.", []) == []


def test_names_joined_by_and_are_found_as_whole_words(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Vietnamese and Lao officials ... in Vietnam and Laos": "Vietnam" is not read inside
    "Vietnamese", so both pairs are joined and an article of one side is part of the list."""
    q = analyse("Which Vietnamese and Lao officials met Tao Wen during his trip to Vietnam and "
                "Laos?", nlp)
    assert q.scope == "list"
    assert missing(q, "In Vientiane on March 30 the Lao foreign minister received Tao Wen, "
                      "who was visiting Laos.", []) == []
