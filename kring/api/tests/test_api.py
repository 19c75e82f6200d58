import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from kring.accounts.roles import Role
from kring.organisations.models import OrganisationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_anonymous_gets_nothing(api):
    for url in ("/api/v1/", "/api/v1/me/", "/api/v1/organisations/"):
        assert api.get(url).status_code in (401, 403), url


def test_root_links_to_collections_and_schema(api, make_user):
    api.force_authenticate(make_user())
    body = api.get("/api/v1/").json()
    assert body["organisations"].endswith("/api/v1/organisations/")
    assert body["schema"].endswith("/api/v1/schema/")


def test_me_shows_role_and_organisation(api, make_user, make_organisation):
    gemeente = make_organisation(kind=OrganisationKind.GEMEENTE, name="Gemeente Testdorp")
    user = make_user(role=Role.LEERPLICHTAMBTENAAR, organisation=gemeente)
    api.force_authenticate(user)
    body = api.get("/api/v1/me/").json()
    assert body["role"] == "leerplichtambtenaar"
    assert body["role_label"] == "Leerplichtambtenaar"
    assert body["organisation"]["name"] == "Gemeente Testdorp"


def test_organisations_filter_by_kind_and_search(api, make_user, make_organisation):
    make_organisation(kind=OrganisationKind.SCHOOL, name="Basisschool De Vlinder")
    make_organisation(kind=OrganisationKind.SCHOOL, name="Het Anker")
    make_organisation(kind=OrganisationKind.GEMEENTE, name="Vlinderdam")
    api.force_authenticate(make_user())
    names = [o["name"] for o in api.get("/api/v1/organisations/?kind=school&q=vlinder").json()["results"]]
    assert names == ["Basisschool De Vlinder"]


def test_token_needs_a_verified_session_when_two_factor_is_required(client, make_user, settings):
    settings.KRING_REQUIRE_2FA = True
    user = make_user()
    client.force_login(user)
    assert client.post("/api/v1/auth/token/").status_code == 403

    # After the second step the session is verified and the token is handed out.
    device = TOTPDevice.objects.create(user=user, name="telefoon", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.post("/api/v1/auth/token/")
    assert response.status_code == 201
    token = response.json()["token"]

    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert token_client.get("/api/v1/me/").json()["username"] == user.username


def test_unverified_session_cannot_read_the_api_when_two_factor_is_required(client, make_user, settings):
    settings.KRING_REQUIRE_2FA = True
    client.force_login(make_user())
    assert client.get("/api/v1/me/").status_code == 403
