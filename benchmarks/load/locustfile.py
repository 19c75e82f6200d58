"""Kring's load test: leerplichtambtenaren reading and writing, and a parent reading (run by run.py).

Each simulated professional has its own logged-in session (benchmarks/load/prepare.py made them)
and, with a think time of 0.5–1.5 s, reads the case list (without and with filters, a later page),
a case page and the agenda, and now and then adds an agreement through the real form (GET the form,
POST it with its CSRF token). One simulated user in eight is a parent: the family view and the
access log of their child. Request names group the URLs (`/casussen/[id]/`), so the CSV has one
row per kind of page.

The production settings send cookies with the Secure flag; this test talks plain HTTP to 127.0.0.1,
so it keeps the cookies itself and sends them with each request (no TLS in the measured path).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from datetime import date, timedelta
from typing import Any

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["KRING_LOAD_DATA"], encoding="utf-8").read())  # noqa: SIM115
_users = itertools.count()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class KringUser(HttpUser):
    """A leerplichtambtenaar, or (every eighth user, when the database has one) a parent."""

    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        family = DATA.get("family") or {}
        n = next(_users)
        self.parent = bool(family) and n % 8 == 7
        if self.parent:
            self.child = family["child"]
            self.jar: dict[str, str] = {"sessionid": family["sessions"][n % len(family["sessions"])]}
            self.actions = [(self.family_view, 2), (self.access_log, 1)]
        else:
            self.jar = {"sessionid": DATA["sessions"][n % len(DATA["sessions"])]}
            self.actions = [
                (self.case_list, 6),
                (self.case_list_filtered, 4),
                (self.case_list_page, 1),
                (self.case_page, 3),
                (self.agenda, 2),
                (self.add_agreement, 1),
            ]

    @task
    def step(self) -> None:
        actions, weights = zip(*self.actions, strict=True)
        random.choices(actions, weights=weights)[0]()  # noqa: S311

    def get(self, url: str, name: str) -> Any:
        with self.client.get(
            url, name=name, cookies=self.jar, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} for {url}")
            self.jar.update(r.cookies.get_dict())
            return r

    def case_list(self) -> None:
        self.get("/casussen/", "case list")

    def case_list_filtered(self) -> None:
        filters = ["?overdue=ja", "?thuiszitter=absoluut_verzuim", "?escalated=ja", "?status=plan", "?q=de"]
        if DATA.get("school"):
            filters.append(f"?school={DATA['school']}")
        self.get(f"/casussen/{random.choice(filters)}", "case list, filtered")  # noqa: S311

    def case_list_page(self) -> None:
        self.get(f"/casussen/?page={random.randint(2, 8)}", "case list, page 2-8")  # noqa: S311

    def case_page(self) -> None:
        self.get(f"/casussen/{random.choice(DATA['cases'])}/", "case page")  # noqa: S311

    def agenda(self) -> None:
        self.get("/", "agenda (home page)")

    def add_agreement(self) -> None:
        if not DATA["writable"]:
            return
        case_id, owner = random.choice(DATA["writable"])  # noqa: S311
        url = f"/casussen/{case_id}/afspraken/nieuw/"
        form = self.get(url, "agreement form")
        token = CSRF.search(form.text or "")
        if token is None:
            return
        due = (date.today() + timedelta(days=14)).isoformat()
        with self.client.post(
            url,
            name="agreement form, POST",
            cookies=self.jar,
            allow_redirects=False,
            catch_response=True,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "afspraak-text": "Belafspraak met de ouders over de terugkeer naar school.",
                "afspraak-owner": str(owner),
                "afspraak-due_on": due,
                "afspraak-meeting": "",
            },
        ) as r:
            if r.status_code != 302:
                r.failure(f"{r.status_code}: the agreement was not saved")

    def family_view(self) -> None:
        self.get("/casussen/gezin/", "family view")

    def access_log(self) -> None:
        self.get(f"/casussen/gezin/{self.child}/logboek/", "access log")
