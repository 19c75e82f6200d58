"""Security headers and the Content-Security-Policy: nothing inline, nothing from elsewhere."""

from __future__ import annotations

import pytest

from kring.accounts.testing import login_verified
from kring.web.testing import assert_csp_safe_html, inline_code_problems


@pytest.fixture
def home(client, make_user):
    login_verified(client, make_user())
    return client.get("/")


@pytest.mark.parametrize("path", ["/account/inloggen/", "/"])
def test_security_headers(client, make_user, path):
    login_verified(client, make_user()) if path == "/" else None
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_cookie_is_http_only(client, make_user, settings):
    from kring.core.testing import DEFAULT_PASSWORD

    settings.KRING_REQUIRE_2FA = False
    make_user(username="anne")
    response = client.post("/account/inloggen/", {"username": "anne", "password": DEFAULT_PASSWORD})
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_pages_have_no_inline_code(client, make_user, home, settings):
    assert_csp_safe_html(home.content.decode())
    client.logout()
    assert_csp_safe_html(client.get("/account/inloggen/").content.decode())
    assert_csp_safe_html(
        client.post("/account/inloggen/", {"username": "x", "password": "y"}).content.decode()
    )


def test_assets_are_served_from_kring_itself(home):
    html = home.content.decode()
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html
    assert "/static/vendor/utrecht-component-library-css/index.css" in html
    assert "/static/vendor/voorbeeld-design-tokens/theme.css" in html
    assert "/static/vendor/htmx.org/htmx.min.js" in html


def test_inline_code_finder_catches_what_csp_blocks():
    problems = inline_code_problems(
        '<script>alert(1)</script><script src="/a.js"></script><p style="color:red" onclick="x()">'
        '<script type="application/json">{}</script><a href="javascript:void(0)">x</a><style>p{}</style>'
    )
    assert problems == [
        "<script> without src (inline script)",
        "style attribute on <p>",
        "event handler attribute onclick on <p>",
        "javascript: URL in href on <a>",
        "<style> element (inline style)",
    ]


def test_vendored_assets_exist_with_licences():
    from pathlib import Path

    vendor = Path(__file__).resolve().parents[1] / "static" / "vendor"
    for path in [
        "utrecht-component-library-css/index.css",
        "utrecht-component-library-css/LICENSE.md",
        "voorbeeld-design-tokens/theme.css",
        "voorbeeld-design-tokens/LICENSE.md",
        "htmx.org/htmx.min.js",
        "htmx.org/LICENSE",
        "noto-sans/fonts.css",
        "noto-sans/LICENSE",
        "noto-serif/fonts.css",
        "noto-serif/LICENSE",
        "README.md",
    ]:
        assert (vendor / path).is_file(), path


def test_dutch_is_the_default_even_for_an_english_browser(client):
    response = client.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="nl"' in response.content.decode()


def test_english_is_used_once_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/account/inloggen/"})
    response = client.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="nl")
    assert '<html lang="en"' in response.content.decode()


def test_the_api_docs_page_has_no_inline_code(client, make_user):
    """Swagger UI under Kring's CSP: started by a static script, not an inline one (issue 8)."""
    login_verified(client, make_user())
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_csp_safe_html(html)
    assert "/static/kring/api-docs.js" in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "https://" not in html


def test_the_admin_pages_have_no_inline_code(client, make_user):
    admin = make_user(username="root")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    login_verified(client, admin)
    for path in ["/beheer/", "/beheer/accounts/user/", f"/beheer/accounts/user/{admin.pk}/change/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_csp_safe_html(response.content.decode())
        assert "/static/kring/admin.css" in response.content.decode()
