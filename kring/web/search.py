"""Searching a list by name or by BSN without the BSN ever appearing in an address.

The search form is posted (post/redirect/get), so a typed BSN never appears in an address, and so
not in a server's access log either. A search on a BSN is kept in the session, encrypted like the
stored BSN, and the address only says `bsn=1`: the number never appears in a link, in the page (the
language switch repeats the address) or in later requests. Used by the case list and the list of
children, each with its own session key.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kring.privacy.crypto import BsnDecryptionError, decrypt_bsn, encrypt_bsn, is_valid_bsn, normalize_bsn

BSN_PARAM = "bsn"


def search_redirect(request: HttpRequest, url_name: str, *, session_key: str) -> HttpResponse | None:
    """A posted search, or an address with a BSN in `q`: go to the filtered list by GET, with a BSN
    moved into the session. None when the request is an ordinary GET without a BSN."""
    posted = request.method == "POST"
    params = (request.POST if posted else request.GET).copy()
    params.pop("csrfmiddlewaretoken", None)
    params.pop("page", None)
    typed = params.get("q", "").strip()
    if typed and is_valid_bsn(typed):
        request.session[session_key] = encrypt_bsn(normalize_bsn(typed)).decode("ascii")
        params.pop("q", None)
        params[BSN_PARAM] = "1"
    elif not posted:
        return None
    else:
        params.pop(BSN_PARAM, None)
    return redirect(f"{reverse(url_name)}?{params.urlencode()}")


def bsn_query(request: HttpRequest, *, session_key: str) -> str:
    """The BSN searched for, when this address continues a BSN search; else ""."""
    token = request.session.get(session_key, "")
    if request.GET.get(BSN_PARAM) != "1" or not token:
        return ""
    try:
        return decrypt_bsn(str(token).encode("ascii"))
    except BsnDecryptionError:
        return ""
