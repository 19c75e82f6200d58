"""Every access decision lives in kring/access: no role sets, `Role.` comparisons or circle-scope
(`visibility`) comparisons in views, forms, templates, services or API code.

The test reads every Python file and template under kring/ (outside kring/access, tests, migrations
and the test helpers) and fails on a line that decides by role or scope. A few lines that are not
access decisions (data rules, labels, the definition of the roles) are listed in ALLOWED with why.
A new line that decides access belongs in `kring.access.policy` (a function per act) and
`kring.access.scopes` (what each scope shows); call those instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import kring

ROOT = Path(kring.__file__).parent

PATTERNS = {
    "role comparison": re.compile(r"\.role\s*(==|!=|\bin\b|\bnot in\b)|(==|!=)\s*Role\.|Role\.\w+\s*(==|!=)"),
    "role set": re.compile(r"^\s*[A-Z_]*ROLES\s*(:[^=]*)?=\s*frozenset"),
    "template role test": re.compile(r"\{%\s*if[^%]*\brole\s*=="),
    "scope comparison": re.compile(
        r"\bvisibility\s*(==|!=|\bin\b)|(==|!=)\s*Visibility\.|Visibility\.\w+\s*(==|!=)|\bscope\s*(==|!=)\s*Visibility"
    ),
}

SKIP_PARTS = {"access", "tests", "migrations", "demo"}  # the policy itself, tests, history, demo data
SKIP_FILES = {"testing.py"}

# (path relative to kring/, the stripped line) -> why it is not an access decision.
ALLOWED: dict[tuple[str, str], str] = {
    (
        "accounts/roles.py",
        "FAMILY_ROLES = frozenset({Role.OUDER, Role.LEERLING})",
    ): "the definition of the roles",
    (
        "accounts/models.py",
        "return self.role not in FAMILY_ROLES",
    ): "User.is_professional, a property of the account",
    ("cases/services.py", "if user.role == Role.JEUGDHULPVERLENER:"): "the kind of circle member, a label",
    ("cases/services.py", "if user is not None and user.role in FAMILY_ROLES:"): (
        "data rule: a parent joins the circle as family, not as a professional account"
    ),
    ("cases/services.py", "if user is None or user.role in FAMILY_ROLES or not user.is_active:"): (
        "data rule: the regievoerder is a professional"
    ),
    ("cases/escalation.py", "if owner.role in FAMILY_ROLES or not owner.is_active:"): (
        "data rule: the owner of a decision is a professional"
    ),
    ("regions/services.py", "spec.mandate_role not in Role.values or spec.mandate_role in FAMILY_ROLES"): (
        "data rule: a mandate is held by a professional role"
    ),
    (
        "web/templates/web/home_family.html",
        '{% if user.role == "ouder" %}',
    ): "wording for a parent or a pupil",
    # Registration of children (issue 9, blocker 4) is being moved into one service with the
    # policy's rule; until then the page's rule of who registers stays here.
    ("children/views/registration.py", "REGISTERING_ROLES = frozenset("): "registration rule, blocker 4",
    (
        "children/views/registration.py",
        "SCHOOL_ROLES = frozenset({Role.INTERN_BEGELEIDER, Role.SCHOOLLEIDER})",
    ): ("which schools to offer in the form"),
    (
        "children/views/registration.py",
        "return user.is_active and user.role in REGISTERING_ROLES and user.organisation_id is not None",
    ): "registration rule, blocker 4",
    (
        "children/views/registration.py",
        "schools = own_schools(user) if user.role in SCHOOL_ROLES else None",
    ): ("which schools to offer in the form"),
    (
        "children/api/views.py",
        "if user.role not in policy.PROFESSIONAL_CASE_ROLES or user.organisation_id is None:",
    ): ("registration rule, blocker 4"),
}


def _files() -> list[Path]:
    found = []
    for path in sorted(ROOT.rglob("*")):
        if path.suffix not in (".py", ".html") or not path.is_file():
            continue
        rel = path.relative_to(ROOT)
        if SKIP_PARTS & set(rel.parts[:-1]) or rel.name in SKIP_FILES or rel.name.startswith("test_"):
            continue
        found.append(path)
    return found


def test_no_role_or_scope_decisions_outside_the_policy() -> None:
    offenders = []
    for path in _files():
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0] if path.suffix == ".py" else line
            for name, pattern in PATTERNS.items():
                if pattern.search(code) and (rel, line.strip()) not in ALLOWED:
                    offenders.append(f"kring/{rel}:{number}: {name}: {line.strip()}")
    assert not offenders, (
        "Access decisions belong in kring/access (policy.can / require_case / scopes.shows):\n"
        + "\n".join(offenders)
    )


def test_the_scan_finds_what_it_looks_for() -> None:
    samples = [
        "if user.role == Role.OUDER:",
        "if user.role in SCHOOL_ROLES:",
        "SCHOOL_ROLES = frozenset({Role.INTERN_BEGELEIDER})",
        "if member.visibility == Visibility.VOLLEDIG:",
        "limited = scope == Visibility.ALLEEN_AFSPRAKEN",
        '{% if user.role == "ouder" %}',
    ]
    for sample in samples:
        assert any(p.search(sample) for p in PATTERNS.values()), sample
