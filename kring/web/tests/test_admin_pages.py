"""The login page of functioneel beheer has a level-one heading and Kring's admin corrections, with
and without two-factor login (django-otp's OTPAdminSite has a login template of its own)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin import AdminSite
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django_otp.admin import OTPAdminSite


@pytest.mark.parametrize("site_class", [AdminSite, OTPAdminSite])
def test_the_admin_login_page_has_a_heading(db: Any, site_class: type[AdminSite]) -> None:
    request = RequestFactory().get("/beheer/login/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = site_class(name="admin").login(request)
    assert isinstance(response, TemplateResponse)
    response.render()
    html = response.content.decode()
    assert '<h1 class="kring-admin-login__title">Inloggen voor functioneel beheer</h1>' in html
    assert "/static/kring/admin.css" in html
