"""The detector of identifying details: e-mail addresses, Dutch phone numbers, BSN-like numbers,
postcodes and names are found however they are written; ordinary texts pass untouched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.desk.identifying import COMMON_FIRST_NAMES, EXPLANATIONS, find_identifying, passes_elfproef

SENTENCE = "Ik bel over de school. {} Kunt u mij helpen?"


def kinds(text: str, **kwargs: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifying(text, **kwargs)]


# ---------------------------------------------------------------- generated numbers


@st.composite
def mobile_numbers(draw: st.DrawFn) -> str:
    digits = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8)))
    style = draw(
        st.sampled_from(
            ["06{}", "06-{}", "06 {}", "06 {a} {b}", "+31 6 {a} {b}", "+316{}", "0031 6 {}", "+31 (0)6 {}"]
        )
    )
    return style.format(digits, a=digits[:4], b=digits[4:])


@st.composite
def landline_numbers(draw: st.DrawFn) -> str:
    area = draw(st.sampled_from(["10", "20", "30", "70", "345", "548", "58"]))
    rest = "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=9 - len(area), max_size=9 - len(area)))
    )
    style = draw(
        st.sampled_from(["0{a}{r}", "0{a}-{r}", "0{a} {r}", "(0{a}) {r}", "+31 {a} {r}", "0{a} {r1} {r2}"])
    )
    return style.format(a=area, r=rest, r1=rest[:3], r2=rest[3:])


@st.composite
def bsns(draw: st.DrawFn) -> str:
    first = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8).filter(lambda d: any(d)))
    total = sum(w * d for w, d in zip(range(9, 1, -1), first, strict=True))
    last = total % 11
    if last == 10:  # no check digit makes this one pass: change the first digit instead
        first[7] = (first[7] + 1) % 10
        total = sum(w * d for w, d in zip(range(9, 1, -1), first, strict=True))
        last = total % 11
    digits = "".join(map(str, first)) + str(last)
    if last == 10 or not passes_elfproef(digits):
        digits = "111222333"
    style = draw(st.sampled_from(["{}", "{a}.{b}.{c}", "{a} {b} {c}", "{d}.{e}.{f}"]))
    return style.format(
        digits, a=digits[:4], b=digits[4:6], c=digits[6:], d=digits[:3], e=digits[3:6], f=digits[6:]
    )


postcodes = st.builds(
    lambda n, a, b, space: f"{n}{' ' if space else ''}{a}{b}",
    st.integers(1000, 9999),
    st.sampled_from("ABCDEFGHJKLMNPRTVWXZ"),
    st.sampled_from("ABCDEFGHJKLMNPRTVWXZ"),
    st.booleans(),
)


@given(mobile_numbers() | landline_numbers())
def test_every_way_of_writing_a_dutch_phone_number_is_found(number: str) -> None:
    assert kinds(SENTENCE.format(f"Mijn nummer is {number}.")) == [("telefoon", number)]


@given(bsns())
def test_a_bsn_like_number_is_found_with_or_without_dots_and_spaces(bsn: str) -> None:
    assert kinds(SENTENCE.format(f"Het nummer is {bsn}.")) == [("bsn", bsn)]


@given(postcodes)
def test_a_postcode_is_found(postcode: str) -> None:
    assert kinds(SENTENCE.format(f"We wonen in {postcode}.")) == [("postcode", postcode)]


@given(st.sampled_from(sorted(COMMON_FIRST_NAMES)))
def test_a_common_first_name_is_found(name: str) -> None:
    assert ("naam", name) in kinds(SENTENCE.format(f"Het gaat over {name}."))


def test_a_nine_digit_number_that_fails_the_elfproef_is_no_bsn() -> None:
    assert passes_elfproef("111222333") and not passes_elfproef("111222334")
    assert kinds("Dossier 111222334.") == []
    assert passes_elfproef("11222333") is passes_elfproef("011222333")


# ---------------------------------------------------------------- e-mail and names


@pytest.mark.parametrize("email", ["ilse@example.org", "j.de.vries+school@mail.example.nl", "A_B@x-y.com"])
def test_an_email_address_is_found_once(email: str) -> None:
    assert kinds(f"Mail naar {email} graag.") == [("email", email)]


def test_each_part_of_the_contact_name_is_found_case_insensitive() -> None:
    text = "Mevr. ilse zegt dat de Wit-familie boos is; WIT staat ook op de brief."
    found = kinds(text, contact_name="Ilse de Wit")
    assert ("naam", "ilse") in found and ("naam", "Wit") in found and ("naam", "WIT") in found
    assert ("naam", "de") not in found  # a tussenvoegsel is no name on its own


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mijn zoon Bartholomeus zit in groep 6.", "Bartholomeus"),
        ("mijn dochter Xenia van Dam gaat niet meer.", "Xenia van Dam"),
        ("Het kind heet Quirijn.", "Quirijn"),
        ("Een jongen genaamd Ezra.", "Ezra"),
        ("De juf, Pronk, zegt nee.", "Pronk"),
        ("Meester Bakhuizen belde.", "Bakhuizen"),
        ("Ik sprak meneer Van Dam en mevrouw Ouwehand.", "Van Dam"),
        ("Ik sprak mevrouw Ouwehand.", "Ouwehand"),
        ("Mijn kind Wessel is 9.", "Wessel"),
    ],
)
def test_a_capitalised_word_after_a_cue_is_a_name(text: str, name: str) -> None:
    assert ("naam", name) in kinds(text)


def test_every_finding_explains_itself_and_points_into_the_text() -> None:
    text = "Juf Pronk: bel 030 123 4567 of mail p@example.org, postcode 3511 AB, BSN 1112.22.333."
    found = find_identifying(text)
    assert {f.kind for f in found} == {"naam", "telefoon", "email", "postcode", "bsn"}
    for finding in found:
        assert text[finding.start : finding.end] == finding.text
        assert finding.explanation and finding.explanation in EXPLANATIONS.values()


# ---------------------------------------------------------------- texts without any


CLEAN_TEXTS = [
    "Mijn kind zit al 3 maanden thuis sinds januari 2024. De school zegt dat ze handelingsverlegen zijn.",
    "Groep 8 heeft 30 kinderen. Het OPP is in 2023 gemaakt en nooit geëvalueerd.",
    "De ouder vraagt of de school een tlv mag weigeren. Het kind is 12 jaar en heeft autisme.",
    "Heet het een time-out of een schorsing? De juf zei dat het kind 2 dagen thuis moest blijven.",
    "Mijn zoon heeft ADHD en dyslexie. Hij krijgt 1 uur per week extra hulp, 15 minuten per dag.",
    "Het leerlingenvervoer kost € 1.250 per jaar. De gemeente betaalt 80 procent.",
    "Het schooljaar 2024-2025 begon op 2 september. In 2025 is de wachtlijst 6 maanden.",
    "De vraag is beantwoord op 12-03-2025 om 10.30 uur.",
]


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_a_text_without_identifying_details_passes(text: str) -> None:
    assert find_identifying(text, contact_name="Ilse de Wit") == []


@given(st.text(alphabet=st.sampled_from("abcdefghij klmnop.,?!\n"), max_size=200))
def test_lowercase_words_and_punctuation_are_never_identifying(text: str) -> None:
    assert find_identifying(text) == []
