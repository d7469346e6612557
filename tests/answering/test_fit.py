"""Role, number and date questions need that kind of answer in the sentence (assistant/answering/extractive/fit.py):
the question analysis, on sentences written for these tests."""

from __future__ import annotations

import pytest

from assistant.answering.extractive.counting import counts
from assistant.answering.extractive.fit import answer_spans, fitting, type_fits
from assistant.answering.extractive.holders import holds_title
from assistant.question.analyse import analyse
from assistant.records import Candidate, Passage
from assistant.text.sentences import terms

LISTED = ("On May 3rd, Mei Ling, Director of the Port Office, Jun Hao, Deputy Mayor of Ningbo, "
          "and Tao Wen visited the harbour.")


def candidate(nlp, sentence: str) -> Candidate:  # type: ignore[no-untyped-def]
    entities = tuple(next(nlp.annotate([sentence])))
    passage = Passage("c", "a", "t", "", "s", sentence, 0, len(sentence), 0.0, 0.0, entities)
    return Candidate(passage, 0, len(sentence), sentence, set(terms(sentence)), list(entities))


def fits(nlp, question: str, sentence: str) -> bool:  # type: ignore[no-untyped-def]
    q = analyse(question, nlp)
    c = candidate(nlp, sentence)
    c.leads = answer_spans(q, c)
    return type_fits(q, c)


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What is Tao Wen's job title?", LISTED, False),  # named in a list, no role beside it
    ("Which post does Mei Ling hold?", LISTED, True),
    ("What is Ling Mei's position?", LISTED, True),  # the other name order
    ("What role does Tao Wen have?", "Mr. Tao Wen arrived late.", False),
    ("Who is Tao Wen?", LISTED, False),
    ("Who is Jun Hao?", LISTED, True),
    ("What is Tao Wen's position?", "Port Director Tao Wen opened the meeting.", True),
    ("What is Tao Wen's position?", "Tao Wen is the secretary of the harbour board.", True),
    # not role questions: the rule stays out of the way
    ("Who is the Port Office's director?", LISTED, True),
    ("What role did trade play in the talks?", "Trade is the engine, it was said.", True),
])
def test_role_questions_need_a_role_beside_the_name(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                                     expected: bool) -> None:
    assert fits(nlp, question, sentence) is expected


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("How many pavilions did the expo open?", "The expo opened 40 pavilions in May.", True),
    ("How many pavilions did the expo open?", "The expo opened on May 3rd, 2019.", False),
    ("How many sub-pavilions did the expo open?", "It set up 12 video sub-pavilions.", True),
    ("How many firms are in the park?", "The park holds 1,600 enterprises.", True),
    ("How many guests came to the expo?", "Nearly 3,000 people came to the expo.", True),
    ("How many firms are in the park?", "The park covers 300 hectares.", False),
    ("When did the expo open?", "The expo opened on May 3rd.", True),
    ("When did the expo open?", "The expo opened with a speech.", False),
    ("In what year did the expo open?", "The expo opened on May 3rd.", False),
    ("In what year did the expo open?", "The expo opened on May 3rd, 2019.", True),
    ("How long did the expo last?", "The expo lasted three days.", True),
    ("How long did the expo last?", "The expo opened on May 3rd.", False),  # a day, not a span
    ("How long did the expo last?", "Over the past 20 years the port grew.", False),  # not the expo
    ("When did the expo open?", "After years of work, the expo opened.", False),  # no date given
    ("When did the delegation come to the port?", "On May 3rd, the delegation visited the port.",
     True),  # a verb of the same act
    ("How large is the park in hectares?", "The park covers 300 hectares and one lake.", True),
    ("How large is the park in hectares?", "The park has one lake and five gates.", False),
    ("How many of the exhibitors were from abroad?",
     "More than 100 of the exhibitors were from abroad.", True),  # a share of those asked
    ("How many of the exhibitors were from abroad?",
     "More than 100 of the visitors were from abroad.", False),
    ("How much capacity had the plants in operation reached?",
     "The plants' capacity in operation had reached 140 GW.", True),  # no unit asked
    ("How much money are the companies expected to pour into the province?",  # "investment"
     "Over five years the nine enterprises will put 700 billion yuan of investment into it.",
     True),  # says what the amount is
    ("Where did Tao Wen and the mayor meet?",  # a venue named like a body
     ("On May 3, Tao Wen received Mayor Li Jun and his delegation at the Harbourton "
      "Administrative Conference Center."), True),
    ("Where did Tao Wen and the mayor meet?", "Tao Wen of the Harbourton Port Group met the mayor.",
     False),  # a body someone is of is no venue
])
def test_numbers_and_dates_by_the_kind_of_answer(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                                 expected: bool) -> None:
    assert fits(nlp, question, sentence) is expected


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What did Tao Wen say at the harbour?", LISTED, False),  # listed as present
    ("What did Tao Wen say at the harbour?", "Tao Wen stressed that trade must grow.", True),
    ("What did Tao Wen say at the harbour?", "He pointed out that trade must grow.", True),
    ("What did Tao Wen say at the harbour?", "At the invitation of Tao Wen, they came.", False),
    ("What did Tao Wen say at the harbour?", "Trade must grow, he said, and ports too.", True),
    ("What did Tao Wen say at the harbour?", "Trade must grow, Mei Ling said, he added.",
     False),  # someone else named: "he" may be them
    ("What did Tao Wen say at the harbour?", "Tao noted that trade must grow.", True),  # surname
    ("What did Tao Wen say at the harbour?", "Mei noted that trade must grow.", False),
])
def test_what_someone_said_needs_their_words(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                             expected: bool) -> None:
    assert fits(nlp, question, sentence) is expected


@pytest.mark.parametrize(("question", "sentence", "leads"), [
    ("Who welcomed the visitors?", "Mayor Tao Wen extended a warm welcome to Director Mei Ling.",
     ["Tao Wen"]),
    ("Who received the visitors?", "Mei Ling and Jun Hao were received by Tao Wen.", ["Tao Wen"]),
    ("Who received the visitors?", "Tao Wen received Mei Ling at the port.", ["Tao Wen"]),
    ("Who visited the harbour?", LISTED, ["Mei Ling", "Jun Hao", "Tao Wen"]),
    ("Who chaired the talks?", "Mei Ling and Tao Wen attended.", ["Mei Ling", "Tao Wen"]),
    ("Who led the delegation?", "Accompanied by Mei Ling, Tao Wen led the delegation.",
     ["Tao Wen"]),
    ("Who received the visitors?", "They were received by Tao Wen, Mayor, and Mei Ling.",
     ["Tao Wen", "Mei Ling"]),
    ("Which ambassador toured the port?",  # "which <title>": its holder leads
     "Tao Wen, a trader, and Mei Ling, the ambassador of Peru, toured the port.", ["Mei Ling"]),
    ("Which ambassador toured the port?", "Tao Wen and Mei Ling toured the port.",
     ["Tao Wen", "Mei Ling"]),  # no title written: who did the act
    ("Who met the president of Harbour College?",  # "led by" is no passive of "met"
     "Tao Wen, Mayor, met a delegation led by the college's president, Mei Ling.", ["Tao Wen"]),
    ("Who received the visitors?", "They were received on Friday by Tao Wen.", ["Tao Wen"]),
])
def test_a_who_question_leads_with_who_did_the_act(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                                   leads: list[str]) -> None:
    q = analyse(question, nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == leads


def test_of_several_people_the_one_of_the_body_asked_about_leads(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = ("Mei Ling, Director of the Port Office, and Tao Wen, President of Harbour Group, "
                "signed the contract.")
    q = analyse("Who signed the contract for Harbour Group?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Tao Wen"]
    q = analyse("Who signed the contract?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Mei Ling", "Tao Wen"]
    listed = "Mei Ling, Director of the Port Office, and Tao Wen visited Ningbo."
    q = analyse("Who visited Ningbo?", nlp)  # the place after the verb is no one's body
    assert [e.text for e in answer_spans(q, candidate(nlp, listed))] == ["Mei Ling", "Tao Wen"]


def test_a_number_counts_the_noun_of_its_own_phrase_not_the_next_clause_s(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "The fair set up 120 video booths, and nearly 3,000 people attended it."
    q = analyse("How many people attended the fair?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["nearly 3,000"]
    q = analyse("How many booths did the fair set up?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["120"]


def test_a_share_counts_what_the_sentence_counted_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "A total of 704 companies took part, 27 of them from Harbourton."
    c = candidate(nlp, sentence)
    share = next(e for e in c.entities if e.text == "27")
    assert counts(c, share, "company") and not counts(c, share, "booth")
    q = analyse("How many of the 704 companies came from Harbourton?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["27"]  # not its 704
    q = analyse("How many booths did the fair set up?", nlp)
    assert answer_spans(q, candidate(nlp, sentence)) == []


def chosen(nlp, question: str, scored: list[tuple[str, float]]) -> list[str]:  # type: ignore[no-untyped-def]
    """The sentences the extractive answerer quotes, lead first, from candidates scored so."""
    from assistant.answering.extractive.select import select
    from assistant.app.config import Settings

    q = analyse(question, nlp)
    good = []
    for sentence, score in scored:
        c = candidate(nlp, sentence)
        c.leads, c.score = answer_spans(q, c), score
        good.append(c)
    return [c.text for c in select(q, good, Settings().max_quotes)]


def test_a_list_across_articles_quotes_each_articles_like_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from assistant.answering.extractive.select import select
    from assistant.app.config import Settings

    same = "The city of Harbourton held an international video call with its sister city"
    calls = [f"{same} Portsmouth on July 31.", f"{same} Otaru on Aug 7."]

    def quoted(question: str) -> list[str]:
        q, good = analyse(question, nlp), []
        for n, (sentence, score) in enumerate(zip(calls, (0.37, 0.35))):
            c = candidate(nlp, sentence)
            c.passage = replace(c.passage, article_id=f"a{n}")  # two reports
            c.leads, c.score = answer_spans(q, c), score
            good.append(c)
        return [c.text for c in select(q, good, Settings().max_quotes)]

    assert quoted("With which cities did Harbourton hold video calls, according to these "
                  "reports?") == calls  # alike, but each report names its own city


def test_the_sentence_reporting_the_act_in_the_past_leads(nlp) -> None:  # type: ignore[no-untyped-def]
    ceremony = "Mei Ling and Jun Hao attended the signing ceremony of the harbour agreement."
    signed = "Tao Wen and Jun Hao signed the agreement on behalf of both sides."
    # "signing" of "the signing ceremony" names the event; "signed" reports the act
    assert chosen(nlp, "Who signed the harbour agreement?", [(ceremony, 0.95), (signed, 0.9)])[0] \
        == signed
    visited = "On May 3rd, Tao Wen visited Mei Ling at the port."
    invited = "Mei Ling invited Tao Wen to the harbour fair in June."
    # no kind of answer expected, but the act asked about still picks the lead
    assert chosen(nlp, "What did Mei Ling invite Tao Wen to?", [(visited, 0.95), (invited, 0.9)])[0] \
        == invited
    assert chosen(nlp, "Who visited the port?", [(visited, 0.95), (invited, 0.9)])[0] == visited


def test_past_forms_of_a_verb_and_its_kindred() -> None:
    from assistant.question.premise import past_forms

    assert {"signed", "inked", "sealed"} <= past_forms("sign")
    assert "led" in past_forms("lead") and "presided" in past_forms("chair")
    assert "signing" not in past_forms("sign")


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What is the value of the harbour deal?", "The harbour deal is worth 3 billion yuan.", True),
    ("What is the value of the harbour deal?", "Mei Ling signed the deal, 20 years on.", False),
    ("What was the cost of the new port?", "The new port cost $40 million.", True),
    ("What was the cost of the new port?", "The new port has 12 berths.", False),
])
def test_an_amount_of_money_needs_a_currency(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                             expected: bool) -> None:
    assert fits(nlp, question, sentence) is expected


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("Which university did Mei Ling graduate from?", "Mei Ling graduated from Fudan University.",
     True),
    ("Which university did Mei Ling graduate from?",
     "Mei Ling, Director of the Port Office, visited Ningbo Port Group.", False),
    ("Which company did Mei Ling visit?", "Mei Ling visited Ningbo Port Group.", True),
    ("Which company did Mei Ling visit?", "Mei Ling visited the harbour in May.", False),
])
def test_one_body_asked_for_by_its_kind(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                        expected: bool) -> None:
    assert fits(nlp, question, sentence) is expected


def test_a_reversing_premise_needs_the_act_reported_not_the_word(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.extractive.constraints import missing
    from assistant.question.premise import reports

    q = analyse("Why did the port close its Ningbo office?", nlp)
    assert missing(q, "The port is in close contact with its Ningbo office.", []) == ["close"]
    assert missing(q, "The port closed its Ningbo office in May.", []) == []
    assert reports("close", "It plans to close the office.") and reports("end", "Talks ended.")
    assert not reports("end", "At the end of the day, talks went on.")


def test_why_takes_its_act_for_granted_so_the_act_must_be_reported(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.extractive.constraints import missing

    q = analyse("Why did Mei Ling sign the harbour agreement in Ningbo?", nlp)
    assert q.strict_premise  # a meeting is no signing
    assert missing(q, "Mei Ling held a meeting about the harbour agreement in Ningbo.", []) == \
        ["sign"]
    assert missing(q, "Mei Ling signed the harbour agreement in Ningbo.", []) == []
    assert not analyse("Who signed the harbour agreement in Ningbo?", nlp).strict_premise


def test_a_verb_of_the_same_act_counts_as_the_question_s_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.extractive.actors import act_terms

    q = analyse("Who met the Ningbo visitors?", nlp)
    own, kin = act_terms(q)  # type: ignore[misc]
    assert own == set(terms("met")) and set(terms("received welcomed")) <= kin
    idiom = analyse("Who put pen to paper on the harbour deal?", nlp)
    own, kin = act_terms(idiom)  # type: ignore[misc]
    assert set(terms("put pen paper")) <= own and set(terms("signed")) <= kin


def test_where_someone_went_may_be_a_body(nlp) -> None:  # type: ignore[no-untyped-def]
    went = "After the talks, the delegation visited Harbour Group in Ningbo."
    q = analyse("Where did the delegation go after the talks?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, went))][:1] in (["Harbour Group"],
                                                                          ["Ningbo"])
    assert "Harbour Group" in [e.text for e in answer_spans(q, candidate(
        nlp, "After the talks, the delegation visited Harbour Group."))]
    q = analyse("Where is the delegation from?", nlp)  # not a going: places only
    assert answer_spans(q, candidate(nlp, "The delegation visited Harbour Group.")) == []


def test_a_noun_derived_from_a_word_of_the_corpus_is_not_unseen() -> None:
    from assistant.answering.extractive.evidence import asks_unseen, weigh

    class Words:
        known_terms = frozenset(terms("visited the port; signed the deal"))

        def known(self, term: str) -> bool:
            return term in self.known_terms

        def idf(self, term: str) -> float:
            return 1.0

    lexicon = Words()
    visitors = weigh("Who met the visitors?", lexicon)
    assert not asks_unseen(visitors, set(terms("Tao Wen greeted them.")), lexicon,
                           frozenset(terms("visitors")))
    museum = weigh("Is there a museum?", lexicon)
    assert asks_unseen(museum, set(terms("Tao Wen greeted them.")), lexicon,
                       frozenset(terms("museum")))
    # a short word the corpus uses is known too ("port": four letters)
    port = weigh("Which port hosted them?", lexicon)
    assert not asks_unseen(port, set(terms("Tao Wen greeted them.")), lexicon,
                           frozenset(terms("port")))


@pytest.mark.parametrize(("question", "sentence", "yes"), [
    ("Did Tao Wen sign the charter?", "Tao Wen signed the charter in May.", True),
    ("Did Tao Wen sign the charter?", "Tao Wen attended the signing ceremony.", False),
    ("Did Mei Ling meet Tao Wen?", "Mei Ling met Tao Wen at the port.", True),
    ("Is the port state-owned?", "The port is a state-owned company.", True),
    ("Is the port state-owned?", "The port is a large company.", False),
    ("Is the port state-owned or private?", "The port is a state-owned company.", False),
    ("Who signed the charter?", "Tao Wen signed the charter in May.", False),  # not yes/no
    # someone else did it: the act is reported, but not by the person asked about
    ("Did Mei Ling sign the charter?", "Tao Wen signed the charter, and Mei Ling presided.", False),
    ("Did Mei Ling visit Ningbo?", "Tao Wen visited Ningbo, and Mei Ling stayed home.", False),
    ("Did Mei Ling visit Ningbo?", "In May, Mei Ling visited Ningbo.", True),
    ("Did Tao Wen receive the visitors?", "The visitors were received by Tao Wen.", True),
])
def test_a_yes_no_question_leads_with_yes_when_the_quote_reports_it(  # type: ignore[no-untyped-def]
        nlp, question: str, sentence: str, yes: bool) -> None:
    from assistant.answering.extractive.actors import confirms

    assert confirms(analyse(question, nlp), candidate(nlp, sentence)) is yes


def test_the_person_standing_for_the_body_asked_about_leads(nlp) -> None:  # type: ignore[no-untyped-def]
    thanked_ningbo = "Tao Wen expressed gratitude to Ningbo for its support to Harbour Group."
    for_ningbo = ("Mei Ling, on behalf of the Ningbo Port Office, expressed gratitude to Harbour "
                  "Group.")
    question = "Which Ningbo official thanked Harbour Group?"
    assert analyse(question, nlp).affiliation == "Ningbo"
    assert chosen(nlp, question, [(thanked_ningbo, 0.9), (for_ningbo, 0.88)])[0] == for_ningbo
    # without a body asked about, the better sentence leads
    assert chosen(nlp, "Who thanked Harbour Group?",
                  [(thanked_ningbo, 0.9), (for_ningbo, 0.88)])[0] == thanked_ningbo


def test_a_number_counts_only_up_to_the_next_number(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "The bank will lend 35 billion yuan over the next three years to the city."
    q = analyse("How many years does the loan run?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["the next three years"] \
        or "35 billion yuan" not in [e.text for e in answer_spans(q, candidate(nlp, sentence))]


def test_the_holder_of_a_post_is_the_person_it_is_written_beside(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = ("Tom Baker, deputy mayor of Harbourton, and Ann Lee, mayor of Harbourton, "
                "opened the fair.")
    q = analyse("Who is the mayor of Harbourton?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Ann Lee"]
    party = "Li Wei, secretary of the municipal Party committee, met the guests."
    q = analyse("Who is the party chief of the city?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, party))] == ["Li Wei"]
    listed = ("Present were Ann Lee, mayor of Harbourton; Tom Baker, secretary general of the "
              "city; and guests.")  # a semicolon ends Ann Lee's titles: Tom Baker holds none
    q = analyse("Who was the mayor of Harbourton at the time?", nlp)
    c = candidate(nlp, listed)
    held = {e.text: holds_title(q, c, e) for e in c.entities if e.kind == "PERSON"}
    assert held == {"Ann Lee": True, "Tom Baker": False}
    other = "Tom Baker, mayor of Portsmouth, and Ann Lee, secretary of the city, came."
    q = analyse("Who is the mayor of Harbourton?", nlp)  # the mayor of another city is not
    assert answer_spans(q, candidate(nlp, other)) == []
    q = analyse("Who was the Peruvian ambassador at the fair?", nlp)
    envoy = candidate(nlp, "Ann Lee, Peru's Ambassador to China, and Tom Baker met.")
    assert [e.text for e in answer_spans(q, envoy)] == ["Ann Lee"]


def test_an_act_the_question_gives_the_wrong_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.extractive.actors import done_by_another

    presided = candidate(nlp, "The ceremony was presided over by Deputy Mayor Jin Bo.")
    question = analyse("Why did Tan Hai preside over the signing ceremony?", nlp)
    assert question.actor == "Tan Hai"
    assert done_by_another(question, [presided]) is presided
    right = analyse("Why did Jin Bo preside over the signing ceremony?", nlp)
    assert done_by_another(right, [presided]) is None
    asked = analyse("Which official presided over the signing ceremony?", nlp)
    assert asked.actor is None and done_by_another(asked, [presided]) is None
    # a name inside the subject is not the actor: the agreement was signed, not by "Tan Hai"
    signed = candidate(nlp, "The pact was signed by Deputy Mayor Jin Bo on June 3.")
    when = analyse("When was the Tan Hai logistics pact signed?", nlp)
    assert when.actor is None and done_by_another(when, [signed]) is None
    # the hosts did not travel: a delegation arrived and was welcomed by the one asked about
    hosted = candidate(nlp, "A delegation from Ningbo arrived in Harbourton on May 3 and was "
                            "welcomed by Mayor Tan Hai.")
    travel = analyse("Why did Mayor Tan Hai travel to Ningbo in May?", nlp)
    assert done_by_another(travel, [hosted]) is hosted
    came = candidate(nlp, "Mayor Tan Hai arrived in Ningbo on May 3 with a delegation.")
    assert done_by_another(travel, [came, hosted]) is None


def test_a_number_asked_for_by_a_noun_is_a_hard_constraint(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "What is the population of X" wants a number: a sentence about X without one does not
    answer it, however close its words."""
    question = "What is the population of Orchid Town?"
    assert fits(nlp, question, "Orchid Town has a population of 42,000 people.")
    assert not fits(nlp, question, "Orchid Town's population is growing quickly as farms expand.")


def test_a_trip_anchors_the_date_of_a_visit(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "The deal follows a trip Tao Wen made to Harbourton last August to see the port."
    q = analyse("When did Tao Wen go to Harbourton to visit the port?", nlp)
    c = candidate(nlp, sentence)
    c.leads = answer_spans(q, c)
    assert [e.text for e in c.leads] == ["last August"] and type_fits(q, c)
    q = analyse("When did Tao Wen sign the charter?", nlp)  # a trip does not date a signing
    assert not type_fits(q, candidate(nlp, sentence))


def test_the_number_of_the_things_the_question_qualifies(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "A total of 704 companies took part, 27 of them on the Fortune Global 500 list."
    q = analyse("How many Fortune Global 500 companies took part?", nlp)
    assert q.counted == "company"  # the noun after the name and its number
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["27"]
    q = analyse("How many companies took part?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["704"]


def test_a_dateline_says_when_the_report_was_filed_not_the_event(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("On which dates was the harbour expo held?", nlp)
    filed = "HARBOURTON, Sept. 20 (Xinhua) -- Deals signed at the harbour expo reached a record."
    assert answer_spans(q, candidate(nlp, filed)) == [] and not type_fits(q, candidate(nlp, filed))
    held = "The harbour expo is being held from Sept. 19-22 in Harbourton."
    assert [e.text for e in answer_spans(q, candidate(nlp, held))] == ["Sept. 19-22"]


def test_what_event_is_answered_by_a_named_event(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "While in Harbourton, the delegation is to attend the city's Economic Forum."
    q = analyse("What event in Harbourton was the delegation invited to take part in?", nlp)
    assert q.expects == "EVENT"
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Economic Forum"]
    q = analyse("Which expo did the delegation attend?", nlp)  # a forum is no expo
    assert answer_spans(q, candidate(nlp, sentence)) == []
    q = analyse("Which visits involved the delegation?", nlp)  # visits are what happened
    assert answer_spans(q, candidate(nlp, sentence)) == []


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What is the value of the harbour deal?", "The harbour deal is worth RMB70 billion.", True),
    ("What is the value of the harbour deal?", "The harbour deal covers 70 billion tonnes.",
     False),
])
def test_a_currency_code_written_against_the_number_counts(nlp, question: str, sentence: str,  # type: ignore[no-untyped-def]
                                                           expected: bool) -> None:
    assert fits(nlp, question, sentence) is expected


def test_a_post_in_a_relative_clause_answers_what_post_someone_holds(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "The guests were headed by Mei Ling together with Tao Wen, who chairs the Harbour Assembly."
    assert fits(nlp, "What position does Tao Wen hold?", sentence)
    assert not fits(nlp, "What position does Tao Wen hold?",
                    "The guests were headed by Mei Ling together with Tao Wen, who met the Harbour Assembly.")


def test_a_place_and_title_before_a_name_make_them_of_that_body(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.extractive.actors import roles_of

    sentence = ("The visitors were headed by Shiga Governor Taro Mikami together with Ryu Kawa, "
                "who chairs the Shiga Prefectural Assembly.")
    c = candidate(nlp, sentence)
    people = {e.text: e for e in c.entities if e.kind == "PERSON"}
    assert [e.text for e in roles_of(c, people["Taro Mikami"])] == ["Shiga", "Governor"]
    q = analyse("Who headed the Shiga delegation?", nlp)  # both are of Shiga: both lead
    assert [e.text for e in answer_spans(q, c)] == ["Taro Mikami", "Ryu Kawa"]


def test_a_list_quotes_each_article_before_a_second_sentence_of_one(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from assistant.answering.extractive.select import select
    from assistant.app.config import Settings

    q = analyse("Which companies signed harbour deals, according to these reports?", nlp)
    said = [("Delta Marine Group signed a harbour deal.", "a0", 0.5),
            ("Ningbo Port Group signed a harbour deal too.", "a0", 0.45),
            ("Cixi Shipping Company signed a harbour deal as well.", "a0", 0.4),
            ("Harbour Works Group signed a harbour deal in May.", "a1", 0.1)]
    good = []
    for sentence, article, score in said:
        c = candidate(nlp, sentence)
        c.passage = replace(c.passage, article_id=article)
        c.leads, c.score = answer_spans(q, c), score
        good.append(c)
    kept = select(q, good, Settings().max_quotes)
    assert [c.passage.article_id for c in kept] == ["a0", "a1", "a0"]
    from assistant.answering.extractive.select import _spread

    chosen = [replace(good[0], passage=replace(good[0].passage, article_id=a)) for a in "aabca"]
    assert [c.passage.article_id for c in _spread(chosen)] == list("abcaa")
    assert _spread(chosen)[3] is chosen[1]  # the others keep their order


def test_a_list_takes_other_articles_answers_below_the_threshold(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from assistant.answering.extractive.select import widened

    def scored(question, said):  # type: ignore[no-untyped-def]
        q, out = analyse(question, nlp), []
        for sentence, article, score, meets in said:
            c = candidate(nlp, sentence)
            c.passage = replace(c.passage, article_id=article)
            c.leads, c.score, c.meets = answer_spans(q, c), score, meets
            out.append(c)
        return q, out

    said = [("Delta Marine Group signed a harbour deal with Eastport.", "a0", 0.5, True),
            ("Harbour Works Group signed with Eastport in May.", "a1", 0.02, True),  # below
            ("Westport Shipping signed a harbour deal.", "a2", 0.03, False),  # not Eastport's
            ("The harbour has eight berths.", "a3", 0.0, True)]  # no company: scores 0
    q, ranked = scored("Which companies signed harbour deals with Eastport, according to these "
                       "reports?", said)
    assert [c.passage.article_id for c in widened(q, ranked[:1], ranked, 0.05)] == ["a1"]
    q, ranked = scored("Which company signed a harbour deal with Eastport in March?", said)
    assert q.scope == "fact" and widened(q, ranked[:1], ranked, 0.05) == []  # one answer


def test_a_which_question_of_an_unlisted_kind_leads_with_a_name_of_that_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "At which hotel": no kind of answer is known for "hotel", but a name that says it is one
    answers it, and its sentence is quoted after the best one, though it scores far below."""
    from assistant.answering.extractive.select import select

    q = analyse("At which hotel did Eastport sign the harbour agreement?", nlp)
    assert q.expects is None and q.head == "hotel"
    near = candidate(nlp, "Eastport signed a harbour agreement with Delta Marine Group.")
    venue = candidate(nlp, "The signing took place on March 3 at the Harbour View Hotel.")
    for c, score in ((near, 0.5), (venue, 0.1)):
        c.leads, c.score = answer_spans(q, c), score
    assert near.leads == [] and [e.text for e in venue.leads] == ["Harbour View Hotel"]
    assert select(q, [near, venue], 3)[:2] == [near, venue]  # quoted next, though far below
    other = analyse("Which fields will Eastport and Delta Marine Group work in?", nlp)
    assert answer_spans(other, venue) == []  # no name says it is a field
    # asked about a person: only a name beside them answers ("which alliance does X run")
    q = analyse("Which alliance does Tao Wen run?", nlp)
    apart = candidate(nlp, "The Harbour Trade Alliance visited Eastport on Monday.")
    beside = candidate(nlp, "Tao Wen founded the Harbour Trade Alliance in 2019.")
    assert answer_spans(q, apart) == [] and answer_spans(q, beside)


def test_a_number_before_of_counts_the_noun_a_few_words_on(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Twelve of the most senior harbour delegates": articles and "of" do not use up the words
    in which the counted noun stands."""
    sentence = "Twelve of the most senior harbour delegates from Eastport toured the docks."
    q = analyse("How many Eastport delegates toured the docks?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Twelve"]


def test_a_number_of_parties_counts_no_participants(nlp) -> None:  # type: ignore[no-untyped-def]
    """A stem is no prefix of a longer one: "two parties" counts no people ("participants")."""
    sentence = "Welcoming the Eastport delegation, he said the two parties had much to share."
    q = analyse("How many people were in the Eastport delegation?", nlp)
    assert answer_spans(q, candidate(nlp, sentence)) == []


def test_the_question_s_own_words_are_no_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Which companies did the Eastport Party secretary meet": the "Party" of a sentence is
    what the question says, not a company it asks for."""
    q = analyse("Which companies did Eastport Party secretary Tao Wen meet?", nlp)
    c = candidate(nlp, "Tao Wen welcomed the guests on behalf of the Party and met "
                       "Harbour Logistics Group.")
    assert "Party" not in [e.text for e in answer_spans(q, c)]


def test_a_what_share_question_looks_beyond_the_shortlist_for_a_number(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "What share of the economy": a sentence with a number is added like for "how many"."""
    q = analyse("What share of the national economy does Eastport's province produce?", nlp)
    found = fitting(q, [candidate(nlp, "The mayor was pleased."),
                        candidate(nlp, "He said it contributes 6.3% of the country's output.")], 3)
    assert [c.text for c in found] == ["He said it contributes 6.3% of the country's output."]


def test_a_title_set_before_the_name_by_a_comma_is_the_person_s(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = ("Ruritania's Minister of Trade, Anton Berg, met Wang Li, Secretary of the Harbin "
                "Party Committee, in Strelsau.")
    q = analyse("Who was Ruritania's Minister of Trade when he met Wang Li in Strelsau?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Anton Berg"]
    both = "Present were Vice Mayor Ann Lee, Harbourton Mayor Tom Baker and Li Wei, an adviser."
    q = analyse("Who was the mayor of Harbourton when Governor Ruth Kahn received Li Wei?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, both))] == ["Tom Baker"]  # not Li Wei


def test_the_person_a_question_names_by_surname_does_not_answer_it(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = "Governor Anna Maria Kim received Party Secretary Zhao Lei at the residence."
    q = analyse("Which provincial Party secretaries did Governor Kim receive at the residence?", nlp)
    assert [e.text for e in answer_spans(q, candidate(nlp, sentence))] == ["Zhao Lei"]


def test_a_lead_called_by_one_name_is_shown_by_the_full_name_its_passage_gives(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.extractive.answerer import shown
    from assistant.records import Entity

    text = "Governor Ann Lee received Party Secretary Zhao Lei. Zhao said the visit was his first."
    people = (Entity("PERSON", 9, 16, "Ann Lee"), Entity("PERSON", 42, 50, "Zhao Lei"),
              Entity("PERSON", 52, 56, "Zhao"))
    passage = Passage("c", "a", "t", "", "s", text, 0, len(text), 0.0, 0.0, people)
    c = Candidate(passage, 52, len(text), text[52:], set(terms(text[52:])), [people[2]])
    assert shown(c, people[2]) == "Zhao Lei"
    assert shown(c, people[0]) == "Ann Lee"
    two = (*people, Entity("PERSON", 0, 8, "Zhao Min"))  # two people of that name: as written
    c.passage = Passage("c", "a", "t", "", "s", text, 0, len(text), 0.0, 0.0, two)
    assert shown(c, people[2]) == "Zhao"


def test_a_date_lead_without_its_year_takes_the_year_of_publication() -> None:
    from assistant.answering.extractive.answerer import shown
    from assistant.records import Entity

    text = "The fair opened on 27 February. It closed on Feb. 29."
    feb = Entity("DATE", 19, 31, "27 February.")
    dated = Passage("c", "a", "t", "March 4, 2024", "s", text, 0, len(text), 0.0, 0.0, (feb,))
    c = Candidate(dated, 0, 31, text[:31], set(), [feb])
    assert shown(c, feb) == "27 February (2024, the year of publication)"
    c.passage = Passage("c", "a", "t", "January 4, 2024", "s", text, 0, len(text), 0.0, 0.0)
    assert shown(c, feb) == "27 February (2023, the year of publication)"  # before publication
    c.passage = Passage("c", "a", "t", "", "s", text, 0, len(text), 0.0, 0.0)
    assert shown(c, feb) == "27 February"  # no year given, none taken
    abbreviated = Entity("DATE", 45, 53, "Feb. 29.")
    assert shown(c, Entity("DATE", 45, 52, "Feb. 29")) == "Feb. 29"
    assert shown(c, abbreviated) == "Feb. 29"


def test_a_title_set_off_after_another_person_is_that_person_s(nlp) -> None:  # type: ignore[no-untyped-def]
    sentence = ("Accompanied by Ann Lee (first from left), Director of the Harbour Bureau, "
                "Tom Baker leads the delegation to the pier.")
    q = analyse("Who is the Director of the Harbour Bureau?", nlp)
    c = candidate(nlp, sentence)
    held = {e.text: holds_title(q, c, e) for e in c.entities if e.kind == "PERSON"}
    assert held == {"Ann Lee": True, "Tom Baker": False}
