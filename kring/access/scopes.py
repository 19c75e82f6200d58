"""What each circle scope shows: ONE table, read by the pages, the lists and the API alike.

A member of a case's circle is given a scope (`CircleMember.visibility`, a `Visibility` value);
`policy.case_view_scope(user, case)` says which scope applies to a person (the family and holders of
a statutory task see the whole file). This table says which SECTIONS of the case and the child's
file that scope shows. Nothing else in Kring compares scopes: pages, templates, lists, exports and
API serializers ask `shows(scope, section)` (or the policy's `can(user, act, case)`).

| section         | what it is                                                 | full | circle | own |
| --------------- | ---------------------------------------------------------- | ---- | ------ | --- |
| child           | name, birth date, age, current school, the case's phase    | yes  | yes    | yes |
| own_agreements  | the agreements this person (or their organisation) owns    | yes  | yes    | yes |
| regievoerder    | who has the regie and how to reach them                    | yes  | yes    | yes |
| signal          | what the signal was about, why the case was closed         | yes  | yes    | no  |
| desk_links      | the steunpunt's questions linked to the case with consent  | yes  | yes    | no  |
|                 | (reference, steunpunt, categories, consent; no question    |      |        |     |
|                 | text, no contact details)                                  |      |        |     |
| status_changes  | every phase change with its reason                         | yes  | yes    | no  |
| circle          | the members of the circle, how to reach them, what they see| yes  | yes    | no  |
| representatives | the parents' (legal representatives') names and contact    | yes  | yes    | no  |
| meetings        | the meetings (overleg), who attended, the child's voice    | yes  | yes    | no  |
| agreements      | every agreement of the case                                | yes  | yes    | no  |
| timeline        | the child's timeline (enrolments, absence, exemptions, ...)| yes  | no     | no  |
| assessment      | the rules engine's facts: leerplicht, terms, violations,   | yes  | no     | no  |
|                 | thuiszitter category and days, LPW-20 texts                |      |        |     |
| plan            | perspective, evaluation rhythm, routes                     | yes  | no     | no  |
| escalations     | escalations, their reasons and decisions                   | yes  | no     | no  |

(full = volledig, circle = kring en afspraken, own = alleen afspraken.)

The child's own scope, `kindvriendelijk` (a child of 12 to 15 on their own file; from 16 they see
the whole file), is not a circle scope: it shows the child, the regievoerder, the circle, the
meetings (where the child may say what they want before an overleg), the agreements and the plan;
not the signal's professional wording, the timeline, the engine's assessment, the escalations, the
parents' contact details or their questions to the steunpunt. It allows no change through the case
services (it ranks below every circle scope).

Why: "alleen afspraken" is for someone who does one thing for the child (a tutor, a sports club
coach with an account): they see what they must do and whom to ask. "Kring en afspraken" is for
someone who works with the circle but needs no case file: who is involved, what was discussed and
agreed. The file itself (timeline, the engine's assessment, the plan, escalations) is for
"volledig": the people who carry the case.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kring.cases.models import Visibility

__all__ = ["CHILD_FRIENDLY", "SCOPE_ORDER", "SECTIONS", "Section", "at_least", "shows", "widest"]

CHILD_FRIENDLY = "kindvriendelijk"


class Section(StrEnum):
    CHILD = "child"
    OWN_AGREEMENTS = "own_agreements"
    REGIEVOERDER = "regievoerder"
    SIGNAL = "signal"
    DESK_LINKS = "desk_links"
    STATUS_CHANGES = "status_changes"
    CIRCLE = "circle"
    REPRESENTATIVES = "representatives"
    MEETINGS = "meetings"
    AGREEMENTS = "agreements"
    TIMELINE = "timeline"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    ESCALATIONS = "escalations"


_BASIC = frozenset({Section.CHILD, Section.OWN_AGREEMENTS, Section.REGIEVOERDER})
_CIRCLE = _BASIC | {
    Section.SIGNAL,
    Section.DESK_LINKS,
    Section.STATUS_CHANGES,
    Section.CIRCLE,
    Section.REPRESENTATIVES,
    Section.MEETINGS,
    Section.AGREEMENTS,
}

# THE table: scope -> the sections it shows.
SECTIONS: dict[str, frozenset[Section]] = {
    Visibility.VOLLEDIG: frozenset(Section),
    Visibility.KRING_EN_AFSPRAKEN: _CIRCLE,
    Visibility.ALLEEN_AFSPRAKEN: _BASIC,
    CHILD_FRIENDLY: _BASIC | {Section.CIRCLE, Section.MEETINGS, Section.AGREEMENTS, Section.PLAN},
}

# Wider scopes first.
SCOPE_ORDER: tuple[str, ...] = (
    Visibility.VOLLEDIG,
    Visibility.KRING_EN_AFSPRAKEN,
    Visibility.ALLEEN_AFSPRAKEN,
)


def shows(scope: str | None, section: Section) -> bool:
    """Does a person with `scope` (None: the case is not visible) see `section`?"""
    return scope is not None and section in SECTIONS.get(scope, frozenset())


def at_least(scope: str | None, needed: str) -> bool:
    """Is `scope` as wide as `needed` (an unknown scope is narrower than every known one)?"""
    if scope is None or scope not in SCOPE_ORDER:
        return False
    return SCOPE_ORDER.index(scope) <= SCOPE_ORDER.index(needed)


def widest(scopes: Iterable[str | None]) -> str | None:
    known = [s for s in scopes if s in SCOPE_ORDER]
    return min(known, key=SCOPE_ORDER.index) if known else None
