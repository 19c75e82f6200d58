"""Every write of the OPP: a new version (with its handelingsdeel and the child's input), the
parents' consent or objection per version (in Kring or on paper), an evaluation, and the school's
declaration that it is handelingsverlegen.

Each service asks the access policy first, refuses with `Refused(message, field=...)` (the field by
this module's input names, which the page forms and API serializers share), writes the facts the
rules engine needs through the timeline's gateway (`opp_vastgesteld`, `opp_instemming`,
`opp_evaluatie`, so OPP-04 .. OPP-07 follow) and its audit line, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kring.access import policy
from kring.children.models import Child, LegalRepresentative
from kring.children.timeline import NewEvent, record_events
from kring.core import dates
from kring.core.errors import Refused
from kring.organisations.models import SchoolLocation
from kring.privacy.text import refuse_bsn_in_text

from . import audit
from .models import (
    Channel,
    ChildInput,
    Decision,
    Execution,
    Handelingsverlegen,
    Opp,
    OppConsent,
    OppEvaluation,
    OppVersion,
    Payer,
    SupportAction,
)
from .selectors import current_version, opp_progress

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "ActionSpec",
    "declare_handelingsverlegen",
    "draw_up_version",
    "record_consent",
    "record_evaluation",
]

# The legal sources the refusals cite (docs/glossary.md: OPP).
OPP_LAW = "WPO art. 40a; WEC art. 41a"


@dataclass(frozen=True, kw_only=True)
class ActionSpec:
    """One line of the handelingsdeel as typed: what, who, how often, who pays (a `Payer`)."""

    what: str = ""
    who: str = ""
    how_often: str = ""
    payer: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.what.strip() or self.who.strip() or self.how_often.strip() or self.payer)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _date_missing_or_wrong(value: date | None, child: Child, today: date, missing: str) -> str | None:
    """A past act's date: missing, or against the date rules (`kring/core/dates.py`)."""
    if value is None:
        return missing
    return dates.date_problem(value, today=today, past_act=True, birth_date=child.birth_date)


def _require_writer(actor: User, child: Child) -> None:
    if not policy.may_write_opp(actor, child):
        raise PermissionDenied(str(policy.OPP_NOT_SCHOOL))


def _action_errors(actions: Sequence[ActionSpec]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    filled = [(i, a) for i, a in enumerate(actions) if not a.is_empty]
    if not filled:
        errors["actions"] = [
            _(
                "Het handelingsdeel is leeg. Vul minstens één afspraak in: wat er gebeurt, wie het doet, "
                "hoe vaak en wie het betaalt (%(law)s)."
            )
            % {"law": OPP_LAW}
        ]
    for i, action in filled:
        if not action.what.strip():
            errors[f"actions[{i}].what"] = [_("Vul in wat er gebeurt.")]
        if not action.who.strip():
            errors[f"actions[{i}].who"] = [_("Vul in wie het doet.")]
        if not action.how_often.strip():
            errors[f"actions[{i}].how_often"] = [_("Vul in hoe vaak het gebeurt.")]
        if action.payer not in Payer.values:
            errors[f"actions[{i}].payer"] = [
                _(
                    "Kies wie het betaalt: de school, het samenwerkingsverband, de gemeente (Jeugdwet), "
                    "de Wlz of een pgb."
                )
            ]
    return errors


def draw_up_version(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    vastgesteld_on: date | None,
    needs: str,
    uitstroomperspectief: str,
    onderbouwing: str,
    goals: str,
    actions: Sequence[ActionSpec],
    child_words: str = "",
    child_input: str = "",
    child_effect: str = "",
    child_not_heard_reason: str = "",
    change_reason: str = "",
    today: date | None = None,
) -> OppVersion:
    """Vaststellen: a new version of the child's OPP at `school` (the first makes the OPP). The
    previous version stays as it was; the parents' consent is asked for this version (OPP-04)."""
    today = today or timezone.localdate()
    _require_writer(actor, child)
    if school is None or not policy.opp_schools(actor).filter(pk=school.pk).exists():
        raise Refused(_("Kies de school waar het kind staat ingeschreven."), field="school")
    if not Child.objects.filter(
        policy.enrolled_at_q(SchoolLocation.objects.filter(pk=school.pk)), pk=child.pk
    ).exists():
        raise Refused(
            _(
                "Het kind staat niet ingeschreven op %(school)s. Het OPP hoort bij de school waar het kind "
                "nu is."
            )
            % {"school": school.organisation.name},
            field="school",
        )
    needs, uitstroomperspectief, onderbouwing, goals = (
        needs.strip(),
        uitstroomperspectief.strip(),
        onderbouwing.strip(),
        goals.strip(),
    )
    child_words, child_effect, child_not_heard_reason, change_reason = (
        child_words.strip(),
        child_effect.strip(),
        child_not_heard_reason.strip(),
        change_reason.strip(),
    )
    errors: dict[str, list[str]] = {}
    problem = _date_missing_or_wrong(
        vastgesteld_on, child, today, _("Vul de datum in waarop het OPP is vastgesteld.")
    )
    if problem:
        errors["vastgesteld_on"] = [problem]
    if not needs:
        errors["needs"] = [_("Schrijf op wat het kind nodig heeft om zich te ontwikkelen.")]
    if not uitstroomperspectief:
        errors["uitstroomperspectief"] = [
            _("Vul het uitstroomperspectief in: waar het kind naartoe gaat na deze school (%(law)s).")
            % {"law": OPP_LAW}
        ]
    if not onderbouwing:
        errors["onderbouwing"] = [
            _(
                "Onderbouw het uitstroomperspectief: welke belemmerende en bevorderende factoren spelen "
                "een rol? De wet vraagt die onderbouwing (%(law)s)."
            )
            % {"law": OPP_LAW}
        ]
    if not goals:
        errors["goals"] = [_("Vul de doelen in waaraan het kind de komende tijd werkt.")]
    errors.update(_action_errors(actions))
    # hoorrecht (OPP-07): the child's own words and what they changed, or why the child was not heard
    if child_words:
        if child_input not in ChildInput.values:
            errors["child_input"] = [_("Kies of wat het kind zei het plan heeft veranderd.")]
        elif child_input == ChildInput.CHANGED and not child_effect:
            errors["child_effect"] = [_("Schrijf op hoe het plan is veranderd door wat het kind zei.")]
        if child_not_heard_reason:
            errors["child_not_heard_reason"] = [
                _("Het kind is gehoord: laat de reden waarom niet leeg, of haal de woorden van het kind weg.")
            ]
    elif not child_not_heard_reason:
        errors["child_words"] = [
            _(
                "Schrijf op wat het kind zelf zegt, in zijn eigen woorden. Het kind heeft het recht om "
                "gehoord te worden (hoorrecht). Kon dat niet, schrijf dan op waarom niet."
            )
        ]
    if errors:
        raise Refused.many(errors)
    assert vastgesteld_on is not None
    refuse_bsn_in_text(
        needs=needs,
        uitstroomperspectief=uitstroomperspectief,
        onderbouwing=onderbouwing,
        goals=goals,
        child_words=child_words,
        child_effect=child_effect,
        change_reason=change_reason,
        **{f"actions[{i}].what": a.what for i, a in enumerate(actions)},
    )
    with transaction.atomic():
        Child.objects.select_for_update().filter(pk=child.pk).first()  # one writer per child's OPP
        opp, _created = Opp.objects.get_or_create(child=child, school=school)
        previous = opp.versions.order_by("-number").first()
        if previous is not None:
            if vastgesteld_on < previous.vastgesteld_on:
                raise Refused(
                    _("Versie %(number)s is vastgesteld op %(day)s. Een nieuwe versie kan niet eerder zijn.")
                    % {"number": previous.number, "day": _day(previous.vastgesteld_on)},
                    field="vastgesteld_on",
                )
            if not change_reason:
                raise Refused(
                    _("Schrijf op wat er verandert ten opzichte van versie %(number)s.")
                    % {"number": previous.number},
                    field="change_reason",
                )
        version = OppVersion.objects.create(
            opp=opp,
            number=(previous.number + 1) if previous else 1,
            vastgesteld_on=vastgesteld_on,
            needs=needs,
            uitstroomperspectief=uitstroomperspectief,
            onderbouwing=onderbouwing,
            goals=goals,
            child_words=child_words,
            child_input=child_input if child_words else "",
            child_effect=child_effect if child_words else "",
            child_not_heard_reason="" if child_words else child_not_heard_reason,
            change_reason=change_reason if previous else "",
            recorded_by=actor,
        )
        SupportAction.objects.bulk_create(
            SupportAction(
                version=version,
                position=i,
                what=a.what.strip(),
                who=a.who.strip(),
                how_often=a.how_often.strip(),
                payer=a.payer,
            )
            for i, a in enumerate(x for x in actions if not x.is_empty)
        )
        record_events(
            actor=actor,
            child=child,
            events=[
                NewEvent(
                    type="opp_vastgesteld",
                    date=vastgesteld_on,
                    data={"instemming_handelingsdeel": False},
                    note=f"[opp {version.pk}]",
                )
            ],
            today=today,
        )
        audit.version_recorded(actor=actor, version=version, child=child)
    return version


def _consent_problems(version: OppVersion, given_on: date, today: date) -> None:
    problem = dates.date_problem(
        given_on, today=today, past_act=True, birth_date=version.opp.child.birth_date
    )
    if problem is None and given_on < version.vastgesteld_on:
        problem = _(
            "Versie %(number)s is vastgesteld op %(day)s. Een besluit erover kan niet van eerder zijn."
        ) % {"number": version.number, "day": _day(version.vastgesteld_on)}
    dates.refuse(given_on=problem)
    newest = current_version(version.opp.child, school=version.opp.school)
    if newest is not None and newest.pk != version.pk:
        raise Refused(
            _(
                "Deze versie is vervangen door versie %(number)s. Instemming geldt per versie: geef je "
                "besluit bij de nieuwe versie."
            )
            % {"number": newest.number}
        )


def record_consent(
    *,
    actor: User,
    version: OppVersion,
    decision: str,
    given_on: date | None = None,
    representative: LegalRepresentative | None = None,
    note: str = "",
    on_paper: bool = False,
    today: date | None = None,
) -> OppConsent:
    """The parents' consent to (or objection against) the handelingsdeel of `version` (OPP-04).

    In Kring (`on_paper=False`): the parent with gezag (or the pupil from 18) decides for themselves,
    dated today. On paper: the school records the signed form of a parent with gezag
    (`representative`), with the date on the form; Kring keeps who recorded it."""
    today = today or timezone.localdate()
    child = version.opp.child
    note = note.strip()
    if decision not in Decision.values:
        raise Refused(_("Kies of je instemt met het handelingsdeel of niet."), field="decision")
    if on_paper:
        _require_writer(actor, child)
        if representative is None or representative.child_id != child.pk:
            raise Refused(_("Kies de ouder die het formulier heeft getekend."), field="representative")
        if not policy.may_consent_on_paper(representative):
            raise Refused(
                _(
                    "%(name)s heeft geen gezag over het kind. Alleen een ouder met gezag (of de voogd) "
                    "stemt in met het handelingsdeel (%(law)s; BW 1:245)."
                )
                % {"name": representative.name, "law": OPP_LAW},
                field="representative",
            )
        if given_on is None:
            raise Refused(_("Vul de datum op het formulier in."), field="given_on")
        channel = Channel.PAPER
    else:
        if not policy.may_consent_opp(actor, child):
            raise PermissionDenied(
                _(
                    "Alleen een ouder met gezag (of de voogd) stemt in met het handelingsdeel, of de "
                    "leerling zelf vanaf 18 jaar (%(law)s)."
                )
                % {"law": OPP_LAW}
            )
        representative = LegalRepresentative.objects.filter(child=child, user=actor).order_by("pk").first()
        if representative is None:  # the pupil of 18 or older: their own entry as representative
            representative, _made = LegalRepresentative.objects.get_or_create(
                child=child,
                user=actor,
                defaults={"name": actor.display_name, "relation": _("de leerling zelf")},
            )
        given_on = today
        channel = Channel.KRING
    if decision == Decision.OBJECTION and not note:
        raise Refused(
            _("Schrijf op waarom je niet instemt. Dan weet de school wat er anders moet in het plan."),
            field="note",
        )
    refuse_bsn_in_text(note=note)
    _consent_problems(version, given_on, today)
    with transaction.atomic():
        consent = OppConsent.objects.create(
            version=version,
            decision=decision,
            given_on=given_on,
            channel=channel,
            representative=representative,
            note=note,
            recorded_by=actor,
        )
        if decision == Decision.CONSENT:
            record_events(
                actor=actor,
                child=child,
                events=[NewEvent(type="opp_instemming", date=given_on, note=f"[opp {version.pk}]")],
                today=today,
            )
        audit.consent_recorded(actor=actor, consent=consent, child=child)
    return consent


def record_evaluation(
    *,
    actor: User,
    version: OppVersion,
    held_on: date | None,
    with_parents: bool,
    with_child: bool,
    carried_out: str,
    done: str,
    worked: str,
    child_words: str = "",
    child_absent_reason: str = "",
    today: date | None = None,
) -> OppEvaluation:
    """An evaluation of the plan (OPP-06: at least once per school year, with the parents; OPP-07:
    the pupil is heard). It says what was done of the handelingsdeel and what worked."""
    today = today or timezone.localdate()
    child = version.opp.child
    _require_writer(actor, child)
    done, worked, child_words, child_absent_reason = (
        done.strip(),
        worked.strip(),
        child_words.strip(),
        child_absent_reason.strip(),
    )
    errors: dict[str, list[str]] = {}
    problem = _date_missing_or_wrong(held_on, child, today, _("Vul de datum van de evaluatie in."))
    if problem is None and held_on is not None and held_on < version.vastgesteld_on:
        problem = _("Versie %(number)s is vastgesteld op %(day)s. De evaluatie kan niet eerder zijn.") % {
            "number": version.number,
            "day": _day(version.vastgesteld_on),
        }
    if problem:
        errors["held_on"] = [problem]
    if carried_out not in Execution.values:
        errors["carried_out"] = [
            _("Kies of het handelingsdeel is uitgevoerd: helemaal, voor een deel of niet.")
        ]
    if not done:
        errors["done"] = [_("Schrijf op wat er is gedaan van het handelingsdeel.")]
    if not worked:
        errors["worked"] = [_("Schrijf op wat werkte en wat niet.")]
    if with_child and not child_words:
        errors["child_words"] = [_("Schrijf op wat de leerling zelf zei, in zijn eigen woorden.")]
    if not with_child and not child_absent_reason:
        errors["child_absent_reason"] = [
            _(
                "De leerling heeft het recht om gehoord te worden (hoorrecht, OPP-07). Schrijf op waarom "
                "de leerling er niet bij was. Kring legt de evaluatie dan vast als overtreding."
            )
        ]
    if errors:
        raise Refused.many(errors)
    assert held_on is not None
    refuse_bsn_in_text(
        done=done, worked=worked, child_words=child_words, child_absent_reason=child_absent_reason
    )
    newest = current_version(child, school=version.opp.school)
    if newest is not None and newest.pk != version.pk:
        raise Refused(
            _("Deze versie is vervangen door versie %(number)s. Evalueer de versie die nu geldt.")
            % {"number": newest.number}
        )
    with transaction.atomic():
        evaluation = OppEvaluation.objects.create(
            version=version,
            held_on=held_on,
            with_parents=with_parents,
            with_child=with_child,
            carried_out=carried_out,
            done=done,
            worked=worked,
            child_words=child_words if with_child else "",
            child_absent_reason="" if with_child else child_absent_reason,
            recorded_by=actor,
        )
        record_events(
            actor=actor,
            child=child,
            events=[
                NewEvent(
                    type="opp_evaluatie",
                    date=held_on,
                    data={"met_ouders": with_parents, "met_leerling": with_child},
                    note=f"[opp {version.pk}]",
                )
            ],
            today=today,
        )
        audit.evaluation_recorded(actor=actor, evaluation=evaluation, child=child)
    return evaluation


def declare_handelingsverlegen(
    *,
    actor: User,
    child: Child,
    school: SchoolLocation | None,
    declared_on: date | None,
    unmet_needs: str,
    opp_explanation: str,
    parents_involved: str,
    child_involved: str,
    school_development: str,
    swv_offered: str,
    next_step: str,
    next_step_who: str,
    next_step_by: date | None,
    today: date | None = None,
) -> Handelingsverlegen:
    """The school declares it cannot (yet) meet the child's needs. Kring asks the substantiation the
    texts demand: the OPP (drawn up, carried out, evaluated; if not, why not), how the parents and
    the child were involved, what the school needs to become able (its development plan), what the
    samenwerkingsverband offered, and the next step (who, what, by when). A start, not an exit."""
    today = today or timezone.localdate()
    _require_writer(actor, child)
    if school is None or not policy.opp_schools(actor).filter(pk=school.pk).exists():
        raise Refused(_("Kies de school waar het kind staat ingeschreven."), field="school")
    texts = {
        "unmet_needs": unmet_needs.strip(),
        "opp_explanation": opp_explanation.strip(),
        "parents_involved": parents_involved.strip(),
        "child_involved": child_involved.strip(),
        "school_development": school_development.strip(),
        "swv_offered": swv_offered.strip(),
        "next_step": next_step.strip(),
        "next_step_who": next_step_who.strip(),
    }
    progress = opp_progress(child)
    errors: dict[str, list[str]] = {}
    problem = _date_missing_or_wrong(declared_on, child, today, _("Vul de datum in."))
    if problem:
        errors["declared_on"] = [problem]
    asks = {
        "unmet_needs": _("Schrijf op wat het kind nodig heeft dat de school niet kan bieden."),
        "parents_involved": _("Schrijf op hoe de ouders erbij betrokken waren en wat zij ervan vinden."),
        "child_involved": _("Schrijf op hoe het kind erbij betrokken was en wat het kind zelf zegt."),
        "school_development": _(
            "Schrijf op wat de school nodig heeft om dit kind wel te kunnen helpen (een ontwikkelplan "
            "voor de school). Handelingsverlegen is een begin, geen einde."
        ),
        "swv_offered": _(
            "Schrijf op wat het samenwerkingsverband heeft aangeboden (WPO art. 18a: "
            "het samenwerkingsverband zorgt voor een dekkend aanbod)."
        ),
        "next_step": _("Schrijf op wat de volgende stap is om het kind weer onderwijs te geven."),
        "next_step_who": _("Vul in wie de volgende stap zet."),
    }
    for name, ask in asks.items():
        if not texts[name]:
            errors[name] = [ask]
    missing = [
        words
        for done, words in (
            (progress.drawn_up, _("opgesteld")),
            (progress.carried_out, _("uitgevoerd")),
            (progress.evaluated, _("geëvalueerd")),
        )
        if not done
    ]
    if missing and not texts["opp_explanation"]:
        errors["opp_explanation"] = [
            _(
                "Het OPP is nog niet %(missing)s. Leg uit waarom niet. Voordat een school zegt dat zij "
                "een kind niet kan helpen, hoort er een OPP te zijn dat is opgesteld, uitgevoerd en "
                "geëvalueerd (%(law)s)."
            )
            % {"missing": " en ".join(str(m) for m in missing), "law": OPP_LAW}
        ]
    if next_step_by is None:
        errors["next_step_by"] = [_("Vul in uiterlijk wanneer de volgende stap is gezet.")]
    elif declared_on is not None and next_step_by < declared_on:
        errors["next_step_by"] = [
            _("Deze datum ligt voor de datum van de verklaring. Kies een latere datum.")
        ]
    else:
        problem = dates.date_problem(next_step_by, today=today, past_act=False, birth_date=child.birth_date)
        if problem:
            errors["next_step_by"] = [problem]
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(**texts)
    assert next_step_by is not None and declared_on is not None
    with transaction.atomic():
        record = Handelingsverlegen.objects.create(
            child=child,
            school=school,
            declared_on=declared_on,
            opp_drawn_up=progress.drawn_up,
            opp_carried_out=progress.carried_out,
            opp_evaluated=progress.evaluated,
            next_step_by=next_step_by,
            recorded_by=actor,
            **texts,
        )
        audit.handelingsverlegen_recorded(actor=actor, record=record)
    return record
