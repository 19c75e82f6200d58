"""The phrase finder: the words that end support, in every usual Dutch shape, case-insensitive; and
not the everyday words that look like them ('ik zorg eerst dat ...', 'eerst rustig aan')."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.opp.phrases import HANDELINGSVERLEGEN, RUST, ZORG, find_phrases, first_phrase

FOUND = [
    # (text, kind, the words as written)
    ("Zorg is voorliggend.", ZORG, "Zorg is voorliggend"),
    ("De jeugdzorg gaat voor", ZORG, "jeugdzorg gaat voor"),
    ("Volgens de GGZ gaat zorg voorop.", ZORG, "gaat zorg voorop"),
    ("voorliggende zorg", ZORG, "voorliggende zorg"),
    ("Eerst de zorg, dan school.", ZORG, "Eerst de zorg"),
    ("ZORG KOMT EERST", ZORG, "ZORG KOMT EERST"),
    ("rust is voorliggend", RUST, "rust is voorliggend"),
    ("Rust  is\nvoorliggend", RUST, "Rust is voorliggend"),  # line breaks and double spaces
    ("eerst rust", RUST, "eerst rust"),
    ("Rust eerst, dan kijken we.", RUST, "Rust eerst"),
    ("rust gaat voor", RUST, "rust gaat voor"),
    ("De school is handelingsverlegen.", HANDELINGSVERLEGEN, "handelingsverlegen"),
    ("Handelingsverlegenheid van de school", HANDELINGSVERLEGEN, "Handelingsverlegenheid"),
    ("handelings-verlegen", HANDELINGSVERLEGEN, "handelings-verlegen"),
]

NOT_FOUND = [
    "Ik zorg eerst dat de ouders het weten.",  # 'zorgen' as a verb
    "eerst zorgen dat hij slaapt",
    "We doen eerst rustig aan.",  # 'rustig'
    "Eerst onrust in de klas.",
    "We zijn bezorgd.",
    "Zorg is niet voorliggend: school gaat door.",  # a negation in between breaks the phrase
    "De zorgcoördinator belt morgen.",
    "Bij ons staat zorg voor kwaliteit.",
    "",
]


@pytest.mark.parametrize(("text", "kind", "words"), FOUND)
def test_the_phrases_are_found_as_written(text: str, kind: str, words: str) -> None:
    hits = find_phrases(text)
    assert [(h.kind, h.words) for h in hits] == [(kind, words)]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_everyday_words_are_not_phrases(text: str) -> None:
    assert find_phrases(text) == []


def test_several_phrases_come_in_the_order_they_stand() -> None:
    hits = find_phrases("Eerst rust. Daarna: de school is handelingsverlegen en zorg is voorliggend.")
    assert [h.kind for h in hits] == [RUST, HANDELINGSVERLEGEN, ZORG]


def test_the_first_phrase_of_the_first_text_that_has_one() -> None:
    assert first_phrase("Niets", "rust eerst") is not None
    assert first_phrase("Niets", "ook niets") is None


PHRASES = st.sampled_from([(text, kind) for text, kind, _w in FOUND])
# text around a phrase: letters and spaces, apart from it by a space or a full stop
AROUND = st.text(alphabet="abcdefghijklmnopqrstuvwxyzë ", max_size=40)


@given(phrase=PHRASES, before=AROUND, after=AROUND, upper=st.booleans())
def test_a_phrase_is_found_anywhere_in_any_case(
    phrase: tuple[str, str], before: str, after: str, upper: bool
) -> None:
    text, kind = phrase
    written = f"{before}. {text.upper() if upper else text.lower()} .{after}"
    assert kind in {h.kind for h in find_phrases(written)}


@given(text=st.text(max_size=200))
def test_every_hit_points_at_its_words_and_changing_case_changes_nothing(text: str) -> None:
    hits = find_phrases(text)
    for hit in hits:
        assert " ".join(text[hit.start : hit.end].split()) == hit.words
    assert [h.kind for h in find_phrases(text.lower())] == [
        h.kind for h in find_phrases(text.lower().upper())
    ]


@given(text=st.text(alphabet=st.characters(blacklist_characters="zZrRhHvV"), max_size=200))
def test_without_the_key_letters_nothing_is_found(text: str) -> None:
    assert find_phrases(text) == []
