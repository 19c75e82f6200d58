"""The public web form: a parent asks a question without an account, gets a reference and the date
they will hear back; robots, resent and very old forms are refused with what was typed kept."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from django.utils.formats import date_format

from kring.desk import spam
from kring.desk.categories import ROOT_CODE
from kring.desk.models import Channel, PublicSubmission, Question
from kring.desk.urls import urlpatterns as desk_urlpatterns
from kring.desk.views.public import PUBLIC_URL_NAMES
from kring.privacy.models import AuditEvent

from .helpers_public import category, make_steunpunt

pytestmark = pytest.mark.django_db

QUESTION = "Mijn dochter mag van school maar twee ochtenden komen. Mag dat zomaar?"


@pytest.fixture
def steunpunt() -> Any:
    category("thuiszitten")
    category("onderwijstijd")
    return make_steunpunt(name="Steunpunt Rivierenland (test)")[0]


def form_url(steunpunt: Any) -> str:
    return reverse("desk:public_form", args=[steunpunt.pk])


def answers(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "asker": "ouder",
        "question_text": QUESTION,
        "age_group": "4_12",
        "school_type": "po",
        "categories": [category("onderwijstijd").pk],
        "contact_name": "Fatma",
        "contact_email": "fatma@example.invalid",
        "contact_phone": "",
        "website": "",
        "started": spam.new_token(now=time.time() - 30),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def send(client: Any, steunpunt: Any, address: str = "192.0.2.10", **changes: Any) -> Any:
    return client.post(form_url(steunpunt), answers(**changes), REMOTE_ADDR=address)


def text(response: Any) -> str:
    return str(response.content.decode())


# ---------------------------------------------------------------- open to anyone


def test_the_form_needs_no_login_and_says_what_is_kept_and_for_how_long(client: Any, steunpunt: Any) -> None:
    steunpunt.desk_settings.contact_retention_months = 4
    steunpunt.desk_settings.save()
    response = client.get(form_url(steunpunt))
    assert response.status_code == 200
    page = text(response)
    assert "Stel je vraag aan Steunpunt Rivierenland (test)" in page
    assert "tot 4 maanden nadat we je vraag hebben afgerond" in page
    assert "niet naar een school, de gemeente of het dossier van je kind" in page
    # The categories come with their explanation in plain language.
    assert "Minder uren naar school, een aangepast rooster, of les op afstand." in page
    assert '<label class="utrecht-form-label" for="id_question_text">' in page
    assert "<legend" in page
    assert "<script" not in page.split("</head>")[1]  # no inline script in the page body
    assert "style=" not in page


def test_an_empty_form_does_not_look_wrong_before_anything_is_typed(client: Any, steunpunt: Any) -> None:
    """Browsers paint a `required` field as invalid while it is still empty: the parent would see
    red fields on a fresh form. Kring checks on sending and names the field then."""
    page = client.get(form_url(steunpunt)).content.decode()
    assert not re.search(r"<(input|textarea|select)[^>]*\brequired\b", page)


def test_the_index_lists_only_steunpunten_with_an_open_form(client: Any, steunpunt: Any) -> None:
    closed, _ = make_steunpunt(name="Steunpunt Gesloten (test)", public_form_enabled=False)
    response = client.get(reverse("desk:public_index"))
    assert response.status_code == 200
    assert "Steunpunt Rivierenland (test)" in text(response)
    assert "Steunpunt Gesloten (test)" not in text(response)
    assert client.get(form_url(closed)).status_code == 404
    assert client.get("/steunpunt/999999/vraag/").status_code == 404


def _named_patterns(patterns: list[Any]) -> list[URLPattern]:
    found: list[URLPattern] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found += _named_patterns(list(p.url_patterns))
        elif isinstance(p, URLPattern) and p.name:
            found.append(p)
    return found


def _example_path(pattern: URLPattern) -> str:
    kwargs = {
        name: ("1" if conv.regex == "[0-9]+" else "x") for name, conv in pattern.pattern.converters.items()
    }
    return reverse(f"desk:{pattern.name}", kwargs=kwargs)


def test_every_other_page_of_the_desk_asks_for_a_login(client: Any, steunpunt: Any) -> None:
    names = {p.name for p in _named_patterns(desk_urlpatterns)}
    assert names >= PUBLIC_URL_NAMES
    for pattern in _named_patterns(desk_urlpatterns):
        if pattern.name in PUBLIC_URL_NAMES:
            continue
        path = _example_path(pattern)
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:login")), path


# ---------------------------------------------------------------- sending a question


def test_a_parent_sends_a_question_and_sees_the_reference_and_the_answer_date(
    client: Any, steunpunt: Any
) -> None:
    response = send(client, steunpunt)
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.channel == Channel.WEBFORMULIER
    assert question.created_by is None
    assert question.steunpunt == steunpunt
    assert question.question_text == QUESTION
    assert question.swv == steunpunt.desk_settings.swvs.get()  # the one SWV the steunpunt serves
    assert question.received_on == timezone.localdate()
    assert [c.code for c in question.categories.all()] == ["onderwijstijd"]

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    page = text(thanks)
    assert question.reference in page
    assert date_format(question.answer_due, "l j F Y") in page
    assert "We hebben het nummer ook naar je e-mailadres gestuurd." in page

    (message,) = mail.outbox
    assert message.to == ["fatma@example.invalid"]
    assert question.reference in message.subject
    assert question.reference in message.body
    assert QUESTION not in message.body  # the mail quotes nothing of the question
    assert AuditEvent.objects.filter(code="desk.question_registered", actor__isnull=True).count() == 1


def test_the_thank_you_page_opens_only_with_its_signed_link(client: Any, steunpunt: Any) -> None:
    send(client, steunpunt)
    question = Question.objects.get()
    url = reverse("desk:public_thanks", args=[steunpunt.pk])
    assert client.get(f"{url}?t={question.pk}").status_code == 404
    assert client.get(url).status_code == 404


def test_dont_know_the_category_gives_the_general_category(client: Any, steunpunt: Any) -> None:
    root = category(ROOT_CODE)
    response = send(client, steunpunt, categories=None, contact_email="", contact_phone="06 12345678")
    assert response.status_code == 302
    question = Question.objects.get()
    assert list(question.categories.all()) == [root]
    assert question.contact_phone == "06 12345678"
    assert mail.outbox == []  # no e-mail address, no mail


def test_a_steunpunt_for_several_swvs_asks_which_one(client: Any) -> None:
    steunpunt, desk = make_steunpunt(name="Steunpunt Twee (test)", swvs=2)
    page = text(client.get(form_url(steunpunt)))
    assert "In welke regio staat de school?" in page
    second = desk.swvs.order_by("organisation__name").last()
    assert second is not None
    assert send(client, steunpunt, swv=second.pk).status_code == 302
    assert Question.objects.get().swv == second


# ---------------------------------------------------------------- refusals keep what was typed


def assert_refused_and_kept(response: Any, message: str) -> None:
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert QUESTION in page  # what was typed stays
    assert 'value="Fatma"' in page
    assert Question.objects.count() == 0


def test_a_robot_filling_the_honeypot_is_refused(client: Any, steunpunt: Any) -> None:
    response = send(client, steunpunt, website="https://spam.example")
    assert_refused_and_kept(response, "Het formulier lijkt automatisch ingevuld")
    assert PublicSubmission.objects.count() == 1  # it counts towards the limit


def test_a_form_sent_back_within_seconds_is_refused(client: Any, steunpunt: Any) -> None:
    response = send(client, steunpunt, started=spam.new_token())
    assert_refused_and_kept(response, "Het formulier is erg snel verstuurd")
    # The page comes back with a new timestamp: a little later the same form goes through.
    token = re.search(r'name="started" value="([^"]+)"', text(response))
    assert token is not None
    assert spam.token_problem(token.group(1), now=time.time() + 10) is None


def test_a_form_older_than_a_day_or_tampered_with_is_refused(client: Any, steunpunt: Any) -> None:
    old = spam.new_token(now=time.time() - spam.MAX_AGE - 60)
    assert_refused_and_kept(send(client, steunpunt, started=old), "langer dan een dag open")
    assert_refused_and_kept(send(client, steunpunt, started="123"), "niet goed aangekomen")


def test_without_a_way_to_answer_the_field_is_named(client: Any, steunpunt: Any) -> None:
    response = send(client, steunpunt, contact_email="", contact_phone="")
    assert_refused_and_kept(response, "Anders kunnen we je geen antwoord geven")
    assert 'href="#id_contact_email"' in text(response)  # the error summary links the field


def test_a_missing_question_is_named_and_linked(client: Any, steunpunt: Any) -> None:
    response = send(client, steunpunt, question_text="", asker=None)
    page = text(response)
    assert response.status_code == 400
    assert 'href="#id_question_text"' in page
    assert 'href="#id_asker_0"' in page  # a group of choices: the link lands on its first option
    assert "Schrijf je vraag op." in page


def test_at_most_five_questions_an_hour_from_one_address(client: Any, steunpunt: Any) -> None:
    for _ in range(spam.LIMIT):
        assert send(client, steunpunt, address="198.51.100.7").status_code == 302
    response = send(client, steunpunt, address="198.51.100.7")
    assert response.status_code == 400
    assert "al veel vragen gestuurd" in text(response)
    assert QUESTION in text(response)
    assert Question.objects.count() == spam.LIMIT
    # Another address is not held back, and no address is stored as it is.
    assert send(client, steunpunt, address="203.0.113.5").status_code == 302
    hashes = set(PublicSubmission.objects.values_list("address_hash", flat=True))
    assert len(hashes) == 2
    assert not any("198.51.100.7" in h or "203.0.113.5" in h for h in hashes)
