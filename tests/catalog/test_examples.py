"""The chat's example questions come from the indexed articles' event cards, and are answered."""

from __future__ import annotations

from assistant.catalog.examples import example_questions


def test_examples_are_made_from_the_cards_and_each_is_answered(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    cards = seed_assistant.cards()
    questions = example_questions(cards)
    assert len(questions) == 4 and len(set(questions)) == 4
    names = {p.name.text for c in cards for p in c.people} | {p.text for c in cards
                                                              for p in c.places + c.organisations}
    for question in questions:
        assert any(name in question for name in names), question  # from the cards, not written
        answer = seed_assistant.ask(question)
        assert not answer.abstained and answer.citations, question
    assert example_questions(cards, limit=2) == questions[:2]
    assert example_questions([]) == []


def test_a_setting_gives_the_examples(seed_assistant, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import running_app
    from gradio_client import Client

    from assistant.app.pipeline import Assistant

    mine = ["What did the port group sign?", "Who chairs the alliance?"]
    settings = seed_assistant.settings.model_copy(update={"example_questions": mine})
    assistant = Assistant(settings, seed_assistant.store, seed_assistant.embedder,
                          seed_assistant.retriever, seed_assistant.answerer, seed_assistant.nlp)
    with running_app(assistant) as url:
        config = Client(url, verbose=False).config
    shown = [c for c in config["components"] if c.get("props", {}).get("label") ==
             "Example questions"]
    assert shown and str(shown[0]["props"]).count("port group sign") == 1
