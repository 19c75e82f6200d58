"""Every write of the terugkeerplan (issue 10, item 11): record that education stands still (the
reason, who says so, since when) with at least one step back, add a step, mark a step done, replace
a step, and end the plan when the child is back in education.

The words that end support ('handelingsverlegen', 'zorg is voorliggend', 'rust is voorliggend')
never close a question on their own: the zorgplicht stays until the child has a place that fits
(WPO art. 40 lid 4; WEC art. 40 lid 4; WVO 2020 art. 8.9) and the child has the right to education
(Leerplichtwet 1969 art. 2). So a plan has an open step until the child is back: the last open step
is done only with a new one, or with the child back in education.

Each service asks the access policy first (`policy.may_write_return_plan`), refuses with
`Refused(message, field=...)` by this module's input names (`steps[0].who`, `due`, ...), and writes
its audit line in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.children.models import Child
from kring.core import dates
from kring.core.errors import Refused
from kring.privacy.text import refuse_bsn_in_text

from . import audit
from .models import Handelingsverlegen, Payer, Reason, ReturnPlan, ReturnStep, StepStatus

if TYPE_CHECKING:
    from kring.accounts.models import User

__all__ = [
    "ZORGPLICHT_LAW",
    "StepSpec",
    "add_step",
    "complete_step",
    "end_plan",
    "open_return_plan",
    "replace_step",
]

ZORGPLICHT_LAW = "WPO art. 40 lid 4; WEC art. 40 lid 4; WVO 2020 art. 8.9; Leerplichtwet 1969 art. 2"


@dataclass(frozen=True, kw_only=True)
class StepSpec:
    """A step as typed: who (a person or an organisation), what, by when, who pays (a `Payer`, or
    empty when no money is involved)."""

    who: str = ""
    what: str = ""
    due: date | None = None
    payer: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.who.strip() or self.what.strip() or self.due or self.payer)


def _require_writer(actor: User, child: Child) -> None:
    if not policy.may_write_return_plan(actor, child):
        raise PermissionDenied(str(policy.RETURN_PLAN_NOT_WRITER))


def _step_errors(
    spec: StepSpec, *, prefix: str, since: date | None, child: Child, today: date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not spec.who.strip():
        errors[f"{prefix}who"] = [_("Vul in wie deze stap zet: een persoon of een organisatie.")]
    if not spec.what.strip():
        errors[f"{prefix}what"] = [_("Schrijf op wat er gebeurt, zodat het kind weer onderwijs krijgt.")]
    if spec.due is None:
        errors[f"{prefix}due"] = [_("Vul in uiterlijk wanneer deze stap is gezet.")]
    elif since is not None and spec.due < since:
        errors[f"{prefix}due"] = [
            _("Deze datum ligt voor de dag waarop het onderwijs stil kwam te staan. Kies een latere datum.")
        ]
    else:
        problem = dates.date_problem(spec.due, today=today, past_act=False, birth_date=child.birth_date)
        if problem:
            errors[f"{prefix}due"] = [problem]
    if spec.payer and spec.payer not in Payer.values:
        errors[f"{prefix}payer"] = [
            _(
                "Kies wie het betaalt: de school, het samenwerkingsverband, de gemeente (Jeugdwet), de Wlz "
                "of een pgb. Kost de stap geen geld? Laat het dan leeg."
            )
        ]
    return errors


def _new_step(plan: ReturnPlan, spec: StepSpec, actor: User) -> ReturnStep:
    assert spec.due is not None
    return ReturnStep(
        plan=plan,
        who=spec.who.strip(),
        what=spec.what.strip(),
        due=spec.due,
        payer=spec.payer,
        recorded_by=actor,
    )


def _open_plan_of(child: Child) -> ReturnPlan | None:
    return ReturnPlan.objects.filter(child=child, closed_on__isnull=True).first()


def open_return_plan(
    *,
    actor: User,
    child: Child,
    reason: str,
    reason_other: str = "",
    said_by: str,
    since: date | None,
    steps: Sequence[StepSpec],
    handelingsverlegen: Handelingsverlegen | None = None,
    today: date | None = None,
) -> ReturnPlan:
    """Record 'Onderwijs staat (tijdelijk) stil' for `child`, with the reason, who says so and since
    when, and at least one step back to education (who, what, by when, who pays)."""
    today = today or timezone.localdate()
    _require_writer(actor, child)
    if _open_plan_of(child) is not None:
        raise Refused(
            _(
                "Dit kind heeft al een open terugkeerplan. Voeg daar een stap aan toe, in plaats van een "
                "nieuw plan te maken."
            )
        )
    errors: dict[str, list[str]] = {}
    if reason not in Reason.values:
        errors["reason"] = [_("Kies waarom het onderwijs stilstaat.")]
    elif reason == Reason.OTHER and not reason_other.strip():
        errors["reason_other"] = [_("Schrijf op wat de andere reden is.")]
    if not said_by.strip():
        errors["said_by"] = [
            _("Vul in wie zegt dat het onderwijs stilstaat: een persoon of een organisatie.")
        ]
    if since is None:
        errors["since"] = [_("Vul in sinds wanneer het onderwijs stilstaat.")]
    else:
        problem = dates.date_problem(since, today=today, past_act=True, birth_date=child.birth_date)
        if problem:
            errors["since"] = [problem]
    filled = [(i, s) for i, s in enumerate(steps) if not s.is_empty]
    if not filled:
        errors["steps"] = [
            _(
                "Vul minstens één stap in: wie doet wat, en uiterlijk wanneer, zodat het kind weer "
                "onderwijs krijgt. '%(reason)s' sluit geen vraag af (%(law)s)."
            )
            % {
                "reason": Reason(reason).label if reason in Reason.values else _("Onderwijs staat stil"),
                "law": ZORGPLICHT_LAW,
            }
        ]
    for i, spec in filled:
        errors.update(_step_errors(spec, prefix=f"steps[{i}].", since=since, child=child, today=today))
    if handelingsverlegen is not None and handelingsverlegen.child_id != child.pk:
        errors["handelingsverlegen"] = [_("Deze verklaring hoort bij een ander kind.")]
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(
        reason_other=reason_other, said_by=said_by, **{f"steps[{i}].what": s.what for i, s in filled}
    )
    assert since is not None
    with transaction.atomic():
        plan = ReturnPlan(
            child=child,
            reason=reason,
            reason_other=reason_other.strip() if reason == Reason.OTHER else "",
            said_by=said_by.strip(),
            since=since,
            handelingsverlegen=handelingsverlegen,
            recorded_by=actor,
        )
        new_steps = [_new_step(plan, spec, actor) for _i, spec in filled]
        # the plan points to its first step (the step's UUID is made in Python; see return_models)
        plan.next_step_id = new_steps[0].pk
        plan.save(force_insert=True)
        for step in new_steps:
            step.plan = plan
            step.save(force_insert=True)
        audit.return_plan_opened(actor=actor, plan=plan)
    return plan


def add_step(*, actor: User, plan: ReturnPlan, step: StepSpec, today: date | None = None) -> ReturnStep:
    """One more step of an open plan."""
    today = today or timezone.localdate()
    child = plan.child
    _require_writer(actor, child)
    if not plan.is_open:
        raise Refused(_("Dit terugkeerplan is klaar: het kind krijgt weer onderwijs."))
    errors = _step_errors(step, prefix="", since=plan.since, child=child, today=today)
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(what=step.what, who=step.who)
    with transaction.atomic():
        new = _new_step(plan, step, actor)
        new.save(force_insert=True)
        audit.return_step_added(actor=actor, step=new, child=child)
    return new


def _locked_open_step(step: ReturnStep) -> tuple[ReturnPlan, ReturnStep]:
    plan = ReturnPlan.objects.select_for_update().select_related("child").get(pk=step.plan_id)
    fresh = ReturnStep.objects.select_for_update().get(pk=step.pk)
    if not plan.is_open:
        raise Refused(_("Dit terugkeerplan is klaar: het kind krijgt weer onderwijs."))
    if not fresh.is_open:
        raise Refused(_("Deze stap is al gedaan of vervangen."))
    return plan, fresh


def _other_open_step(plan: ReturnPlan, but: ReturnStep) -> ReturnStep | None:
    return plan.steps.filter(status=StepStatus.OPEN).exclude(pk=but.pk).order_by("due", "created_at").first()


def complete_step(
    *,
    actor: User,
    step: ReturnStep,
    done_on: date | None,
    then: StepSpec | None = None,
    today: date | None = None,
) -> ReturnStep:
    """Mark a step done. The last open step is done only with a next step (`then`) — or end the plan
    with the child back in education (`end_plan`): a plan never stops on a done step."""
    today = today or timezone.localdate()
    child = step.plan.child
    _require_writer(actor, child)
    errors: dict[str, list[str]] = {}
    if done_on is None:
        errors["done_on"] = [_("Vul in wanneer de stap is gedaan.")]
    else:
        problem = dates.date_problem(done_on, today=today, past_act=True, birth_date=child.birth_date)
        if problem:
            errors["done_on"] = [problem]
    next_spec = then if then is not None and not then.is_empty else None
    if next_spec is not None:
        errors.update(
            _step_errors(next_spec, prefix="then.", since=step.plan.since, child=child, today=today)
        )
    if errors:
        raise Refused.many(errors)
    with transaction.atomic():
        plan, fresh = _locked_open_step(step)
        other = _other_open_step(plan, fresh)
        if other is None and next_spec is None:
            raise Refused(
                _(
                    "Dit is de laatste open stap. Wie doet nu wat, en wanneer? Vul de volgende stap in. "
                    "Krijgt het kind weer onderwijs? Leg dat dan vast bij 'Het kind gaat weer naar school' "
                    "(%(law)s)."
                )
                % {"law": ZORGPLICHT_LAW},
                field="then.what",
            )
        assert done_on is not None
        fresh.status = StepStatus.DONE
        fresh.done_on = done_on
        fresh.save(update_fields=["status", "done_on"])
        audit.return_step_done(actor=actor, step=fresh, child=child)
        if next_spec is not None:
            refuse_bsn_in_text(what=next_spec.what, who=next_spec.who)
            new = _new_step(plan, next_spec, actor)
            new.save(force_insert=True)
            audit.return_step_added(actor=actor, step=new, child=child)
            other = new
        if plan.next_step_id == fresh.pk:
            assert other is not None
            plan.next_step = other
            plan.save(update_fields=["next_step"])
    return fresh


def replace_step(*, actor: User, step: ReturnStep, by: StepSpec, today: date | None = None) -> ReturnStep:
    """Replace an open step by a new one (another person, another date); the old one stays, marked
    'vervangen'. Returns the new step."""
    today = today or timezone.localdate()
    child = step.plan.child
    _require_writer(actor, child)
    errors = _step_errors(by, prefix="", since=step.plan.since, child=child, today=today)
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(what=by.what, who=by.who)
    with transaction.atomic():
        plan, fresh = _locked_open_step(step)
        new = _new_step(plan, by, actor)
        new.save(force_insert=True)
        fresh.status = StepStatus.REPLACED
        fresh.replaced_by = new
        fresh.save(update_fields=["status", "replaced_by"])
        if plan.next_step_id == fresh.pk:
            plan.next_step = new
            plan.save(update_fields=["next_step"])
        audit.return_step_replaced(actor=actor, step=fresh, new=new, child=child)
    return new


def end_plan(
    *, actor: User, plan: ReturnPlan, back_on: date | None, back_how: str, today: date | None = None
) -> ReturnPlan:
    """The child is back in education: the day, and how (which school, how many hours). The plan is
    done; its steps leave the agenda."""
    today = today or timezone.localdate()
    child = plan.child
    _require_writer(actor, child)
    errors: dict[str, list[str]] = {}
    if back_on is None:
        errors["back_on"] = [_("Vul in sinds wanneer het kind weer onderwijs krijgt.")]
    else:
        problem = dates.date_problem(back_on, today=today, past_act=True, birth_date=child.birth_date)
        if problem:
            errors["back_on"] = [problem]
        elif back_on < plan.since:
            errors["back_on"] = [
                _("Deze datum ligt voor de dag waarop het onderwijs stil kwam te staan. Kijk de datum na.")
            ]
    if not back_how.strip():
        errors["back_how"] = [
            _("Schrijf op hoe het kind weer onderwijs krijgt: op welke school, en hoeveel uur per week.")
        ]
    if errors:
        raise Refused.many(errors)
    refuse_bsn_in_text(back_how=back_how)
    with transaction.atomic():
        locked = ReturnPlan.objects.select_for_update().select_related("child").get(pk=plan.pk)
        if not locked.is_open:
            raise Refused(_("Dit terugkeerplan is al klaar."))
        assert back_on is not None
        locked.back_on = back_on
        locked.back_how = back_how.strip()
        locked.closed_on = today
        locked.save(update_fields=["back_on", "back_how", "closed_on"])
        audit.return_plan_closed(actor=actor, plan=locked)
    return locked
