"""Reads of the consented links between the desk and the child's file, each through the policy.

- the case page's panel: the links of one case, for whoever may see that part of the case
  (`policy.Act.VIEW_DESK_LINKS`; the scopes table says which circle scopes show it);
- the family's portal: the links to their own children's cases (`policy.family_desk_links`);
- the samenwerkingsverband's inbox: the requests to open a case (`policy.desk_requests`), audited;
- the steunpunt: the links of one of its own questions (`policy.desk_questions`).

A revoked link is shown nowhere outside the steunpunt, except as the plain fact that consent was
taken back (the case panel keeps that line, without reference, categories or scope).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from kring.access import policy
from kring.desk import audit
from kring.desk.models import LinkKind, Question, QuestionLink

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.cases.models import Case

__all__ = ["CaseLinks", "case_links", "family_links_by_case", "question_links", "swv_requests"]


@dataclass(frozen=True)
class CaseLinks:
    active: list[QuestionLink]
    revoked: list[QuestionLink]


def _with_context(qs: QuerySet[QuestionLink]) -> QuerySet[QuestionLink]:
    return qs.select_related("question__steunpunt").prefetch_related("question__categories")


def case_links(*, viewer: User, case: Case) -> CaseLinks | None:
    """The links of a case for its page, or None when this person may not see them."""
    if not policy.can(viewer, policy.Act.VIEW_DESK_LINKS, case):
        return None
    links = list(
        _with_context(QuestionLink.objects.filter(Q(case=case) | Q(handled_case=case))).order_by(
            "-consent_on", "-pk"
        )
    )
    return CaseLinks(
        active=[link for link in links if link.revoked_on is None],
        revoked=[link for link in links if link.revoked_on is not None],
    )


def family_links_by_case(user: User) -> dict[int, list[QuestionLink]]:
    """The consented (not revoked) links per case id of a parent's own children (the portal). The
    portal's own read of the case is already audited; this shows nothing the parent did not consent to."""
    grouped: dict[int, list[QuestionLink]] = defaultdict(list)
    links = _with_context(policy.family_desk_links(user)).select_related("case", "handled_case")
    for link in links.order_by("-consent_on", "-pk"):
        case_id = link.case_id if link.kind == LinkKind.CASE else link.handled_case_id
        if case_id is not None:
            grouped[case_id].append(link)
    return dict(grouped)


def swv_requests(*, actor: User) -> list[QuestionLink]:
    """The requests that reached this person's samenwerkingsverband, open ones first; audited."""
    links = list(
        _with_context(policy.desk_requests(actor))
        .select_related("handled_case", "swv__organisation")
        .order_by("handled_on", "-created_at", "-pk")
    )
    if links and actor.organisation_id is not None:
        audit.requests_viewed(
            actor=actor, swv_id=int(actor.organisation_id), link_ids=[link.pk for link in links]
        )
    return links


def question_links(*, actor: User, question: Question) -> list[QuestionLink]:
    """The links of one of the steunpunt's own questions (revoked ones too: the steunpunt keeps its
    own record of what the parent agreed to and took back)."""
    if not policy.desk_questions(actor).filter(pk=question.pk).exists():
        return []
    return list(
        QuestionLink.objects.filter(question=question)
        .select_related("case", "swv__organisation", "handled_case", "recorded_by")
        .order_by("-created_at", "-pk")
    )
