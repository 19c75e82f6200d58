"""The attendance import: one file of one school, read, checked, computed and applied all or nothing.

`start_import` (the upload page) stores the file for the worker and enqueues `run_import` as a
background task (`kring.attendance.tasks`); the CLI calls `create_import` and `run_import` itself.

`run_import`:

1. reads and checks the whole file (`reading.read_attendance`; the BSN becomes its keyed hash);
2. runs the detection core once over the whole frame (`detection.detect`), with the school's
   holiday region, the regional settings and the verzuimmeldingen already made;
3. in ONE transaction: replaces the earlier imports of the same school and period (their absence
   days and the timeline facts they wrote), stores the signals (a signal found again keeps its
   handling), the absence days of pupils with a finding (only the days that explain a finding), and
   for a pupil who is a child in Kring those days on the child's timeline (`afwezig` events, through
   the timeline's gateway); then the summary (aggregates only) and an audit line.

Any problem marks the import `mislukt` with its errors; nothing else is written then. The raw rows
of pupils without a finding are never stored: the frame lives in memory during the run only.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.access import policy
from kring.attendance import audit as signal_audit
from kring.attendance import audit_imports as audit
from kring.attendance.detection import DetectionSettings, Finding
from kring.attendance.models import (
    AbsenceRecord,
    AttendanceImport,
    AttendanceSignal,
    ColumnMapping,
    ImportStatus,
    SignalStatus,
    VerzuimMelding,
)
from kring.attendance.reading import ReadFailed, Reading, RowError, read_attendance
from kring.children.models import Child, EventType, TimelineEvent
from kring.core.errors import Refused

if TYPE_CHECKING:
    from kring.accounts.models import User
    from kring.organisations.models import SchoolLocation
    from kring.rules import Calendar

__all__ = [
    "ImportFailed",
    "Progress",
    "create_import",
    "mappings_for",
    "run_import",
    "start_import",
    "timeline_marker",
]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
TOTAL = 100  # progress in percent: reading 0-40, detection 40-70, storing 70-100
TIMELINE_REASONS = frozenset({"ongeoorloofd", "ziek", "geoorloofd"})  # the contract's `afwezig` reden
_CHUNK = 500


class ImportFailed(Exception):
    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class _Context:
    record: AttendanceImport
    actor: User | None
    today: date


def mappings_for(school: SchoolLocation | None) -> Any:
    """The active mappings a school may choose: every school's presets and its own."""
    q = Q(school__isnull=True)
    if school is not None:
        q |= Q(school=school)
    return ColumnMapping.objects.filter(q, active=True).order_by("name")


def timeline_marker(import_id: int) -> str:
    """The end of the note on each timeline fact an import wrote: how a re-import finds them."""
    return f"[aanwezigheid {import_id}]"


def _upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "attendance-uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _upload_path(import_id: int) -> Path:
    return _upload_dir() / f"{import_id}.csv"


def create_import(
    *,
    actor: User | None,
    school: SchoolLocation,
    mapping: ColumnMapping,
    filename: str,
    data: bytes,
    period: tuple[date, date] | None = None,
    check_access: bool = True,
) -> AttendanceImport:
    """A new import in the queue (the CLI passes `check_access=False`: it runs as the operator)."""
    if check_access and (actor is None or not policy.can_import_attendance(actor, school)):
        raise PermissionDenied(_("Je kunt alleen de aanwezigheid van je eigen school inlezen."))
    if not mappings_for(school).filter(pk=mapping.pk).exists():
        raise Refused(_("Kies een kolomindeling uit de lijst."), field="mapping")
    if period is not None and period[1] < period[0]:
        raise Refused(_("De laatste dag ligt voor de eerste dag."), field="period_end")
    name = Path(filename or "aanwezigheid.csv").name[:255]
    return AttendanceImport.objects.create(
        school=school,
        mapping=mapping,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
        filename=name,
        file_sha256=hashlib.sha256(data).hexdigest(),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        progress_total=TOTAL,
    )


def start_import(
    *,
    actor: User,
    school: SchoolLocation,
    mapping: ColumnMapping,
    filename: str,
    data: bytes,
    period: tuple[date, date] | None = None,
) -> AttendanceImport:
    """The upload page: create the import, keep the file for the worker, enqueue the task."""
    from kring.attendance.tasks import run_attendance_import

    record = create_import(
        actor=actor, school=school, mapping=mapping, filename=filename, data=data, period=period
    )
    _upload_path(record.pk).write_bytes(data)
    run_attendance_import.enqueue(record.pk)
    record.refresh_from_db()
    return record


def run_stored_import(import_id: int) -> AttendanceImport:
    """The task's body: read the stored upload, run, and remove the file whatever happens."""
    path = _upload_path(import_id)
    try:
        record = AttendanceImport.objects.select_related("school__organisation", "mapping").get(pk=import_id)
        if record.status != ImportStatus.WACHTRIJ:
            return record
        try:
            data = path.read_bytes()
        except OSError:
            return _fail(
                record,
                [
                    RowError(
                        record.filename, 0, "", _("Het bestand is niet meer te vinden. Lees het opnieuw in.")
                    )
                ],
                actor=record.uploaded_by,
            )
        return run_import(record, data=data, actor=record.uploaded_by)
    finally:
        path.unlink(missing_ok=True)


def _set_progress(record: AttendanceImport, done: int, progress: Progress | None) -> None:
    AttendanceImport.objects.filter(pk=record.pk).update(progress_done=done, progress_total=TOTAL)
    record.progress_done, record.progress_total = done, TOTAL
    if progress is not None:
        progress(done, TOTAL)


def _fail(
    record: AttendanceImport, errors: Sequence[RowError], *, actor: User | None, total: int | None = None
) -> AttendanceImport:
    record.status = ImportStatus.MISLUKT
    record.errors = [e.as_dict() for e in errors]
    record.summary = {"error_count": total if total is not None else len(errors)}
    record.finished_at = timezone.now()
    record.progress_done = 0
    with transaction.atomic():
        record.save(update_fields=["status", "errors", "summary", "finished_at", "progress_done"])
        audit.import_failed(actor=actor, record=record)
    return record


def run_import(
    record: AttendanceImport,
    *,
    data: bytes,
    actor: User | None,
    today: date | None = None,
    progress: Progress | None = None,
) -> AttendanceImport:
    """Read, compute and apply one import (see the module's docstring). Never raises for a problem
    of the file: the import is then `mislukt` with its errors."""
    today = today or timezone.localdate()
    record.status = ImportStatus.BEZIG
    record.save(update_fields=["status"])
    _set_progress(record, 1, progress)
    period = (
        (record.period_start, record.period_end)
        if record.period_start is not None and record.period_end is not None
        else None
    )
    try:
        reading = read_attendance(
            data, mapping=record.mapping, filename=record.filename, today=today, period=period
        )
        _set_progress(record, 40, progress)
        regio = _regio(record)
        calendar = _calendar()
        children = _children(reading.frame["pupil"].unique().to_list())
        findings = _detect()(
            reading.frame,
            calendar=calendar,
            regio=regio,
            settings=_settings(record.school),
            as_of=reading.period_end,
            meldingen=_meldingen(record.school, children),
        )
        _set_progress(record, 70, progress)
        with transaction.atomic():
            _apply(
                _Context(record=record, actor=actor, today=today),
                reading=reading,
                findings=findings,
                children=children,
                calendar=calendar,
                regio=regio,
            )
    except ReadFailed as failed:
        return _fail(record, failed.errors, actor=actor, total=failed.total)
    except ImportFailed as failed:
        return _fail(record, failed.errors, actor=actor)
    except Exception:
        log.exception("attendance import %s failed", record.pk)
        return _fail(
            record,
            [
                RowError(
                    record.filename,
                    0,
                    "",
                    _(
                        "Er ging iets mis in Kring bij het inlezen. Er is niets ingelezen. "
                        "Probeer het later opnieuw."
                    ),
                )
            ],
            actor=actor,
        )
    if progress is not None:
        progress(TOTAL, TOTAL)
    return record


def _detect() -> Callable[..., list[Finding]]:
    """The detection core's entry point (a function, so a test can stand in for it)."""
    from kring.attendance.detection.detect import detect

    return detect


def _calendar() -> Calendar:
    from kring.children.assessment import calendar_for_assessment

    return calendar_for_assessment()


def _regio(record: AttendanceImport) -> str:
    regio = record.school.vakantieregio
    if not regio:
        raise ImportFailed(
            [
                RowError(
                    record.filename,
                    0,
                    "",
                    _(
                        "Kring weet de vakantieregio van deze school niet, en heeft die nodig om de "
                        "schoolvakanties over te slaan. Vraag de functioneel beheerder om de vakantieregio "
                        "bij de school in te vullen."
                    ),
                )
            ]
        )
    return regio


def _settings(school: SchoolLocation) -> DetectionSettings:
    """The regional settings of the school's samenwerkingsverband (found as the signal's page finds
    them, so the page names the setting the computation used), or the defaults."""
    from kring.attendance.selectors.signals import school_swv_settings

    _, row = school_swv_settings(school)
    return DetectionSettings(
        sick_reports=row.sick_reports,
        sick_weeks=row.sick_weeks,
        sick_consecutive_days=row.sick_consecutive_days,
        partial_share_percent=row.partial_share_percent,
        partial_weeks=row.partial_weeks,
    )


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _children(hashes: Sequence[str]) -> dict[str, Child]:
    """The pupils of the file who are a child in Kring, by the keyed hash of the BSN."""
    found: dict[str, Child] = {}
    for chunk in _chunks(list(hashes)):
        for child in Child.objects.filter(bsn_hash__in=chunk):
            assert child.bsn_hash is not None
            found[child.bsn_hash] = child
    return found


def _meldingen(school: SchoolLocation, children: Mapping[str, Child]) -> dict[str, list[date]]:
    """Per pupil, the dates of the verzuimmeldingen already made: submitted at this school, and the
    `verzuimmelding` facts on a matched child's timeline."""
    result: dict[str, set[date]] = defaultdict(set)
    submitted = VerzuimMelding.objects.filter(signal__school=school, submitted_on__isnull=False).values_list(
        "signal__pupil_hash", "submitted_on"
    )
    for pupil, day in submitted:
        if day is not None:
            result[pupil].add(day)
    by_child = {child.pk: pupil for pupil, child in children.items()}
    ids = list(by_child)
    for i in range(0, len(ids), _CHUNK):
        events = TimelineEvent.objects.filter(
            child_id__in=ids[i : i + _CHUNK], type=EventType.VERZUIMMELDING
        ).values_list("child_id", "date")
        for child_id, day in events:
            result[by_child[child_id]].add(day)
    return {pupil: sorted(days) for pupil, days in result.items()}


# ---------------------------------------------------------------- applying (one transaction)


def _hours(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _plain(value: Any) -> str:
    """Hours as people write them: "5", "2.5", "100" (never "1E+2")."""
    return format(_hours(value).normalize(), "f")


def _apply(
    ctx: _Context,
    *,
    reading: Reading,
    findings: Sequence[Finding],
    children: Mapping[str, Child],
    calendar: Calendar,
    regio: str,
) -> None:
    record = ctx.record
    school = record.school
    start, end = reading.period_start, reading.period_end
    replaced = _replace_earlier(ctx, start, end)

    # The signals: a signal found again keeps its handling; its days and source follow this import.
    for finding in findings:
        child = children.get(finding.pupil)
        name, birth = reading.people.get(finding.pupil, ("", None))
        days = [
            {"date": d.date.isoformat(), "hours": _plain(d.hours), "reason": d.reason} for d in finding.days
        ]
        AttendanceSignal.objects.update_or_create(
            school=school,
            pupil_hash=finding.pupil,
            kind=finding.kind,
            found_on=finding.found_on,
            defaults={
                "source": record,
                "rule": finding.rule[:60],
                "days": days,
                "child": child,
                "pupil_name": "" if child is not None else (name or _("(naam niet in het bestand)"))[:200],
                "pupil_birth_date": None if child is not None else birth,
            },
        )

    # A corrected file: a signal of a replaced import (one lying wholly inside this import's period)
    # that this import no longer finds goes when nobody has acted on it (still new, no melding); a
    # signal a person handled stays, with its handling.
    found = {(f.pupil, f.kind, f.found_on) for f in findings}
    unhandled = AttendanceSignal.objects.filter(
        school=school, source_id__in=replaced, status=SignalStatus.NIEUW, melding__isnull=True
    )
    gone = [s for s in unhandled.select_related("child") if (s.pupil_hash, s.kind, s.found_on) not in found]
    for signal in gone:
        signal_audit.signal_removed(actor=ctx.actor, signal=signal, import_id=record.pk)
    AttendanceSignal.objects.filter(pk__in=[s.pk for s in gone]).delete()

    # The absence days that explain a finding, once per pupil, day and reason.
    kept: dict[tuple[str, date, str], Decimal] = {}
    for finding in findings:
        for d in finding.days:
            if _hours(d.hours) > 0 and d.reason:
                kept[(finding.pupil, d.date, d.reason)] = _hours(d.hours)
    AbsenceRecord.objects.bulk_create(
        [
            AbsenceRecord(
                school=school,
                source=record,
                pupil_hash=pupil,
                child=children.get(pupil),
                date=day,
                hours=hours,
                reason=reason,
            )
            for (pupil, day, reason), hours in sorted(kept.items())
        ],
        batch_size=1000,
    )

    # A matched child's timeline: the same days as `afwezig` facts, runs of school days compressed.
    # The contract's `afwezig` has one reden per school day (of two covering a day, one wins), so a
    # day with two reasons becomes one fact: ongeoorloofd when it is one of them (the hours the
    # statutory rules count, as the detection core counts them), otherwise the reason with most hours.
    per_day: dict[tuple[str, date], tuple[str, Decimal]] = {}
    for (pupil, day, reason), hours in kept.items():
        if pupil not in children or reason not in TIMELINE_REASONS:
            continue
        current = per_day.get((pupil, day))
        if current is None or _timeline_rank(reason, hours) > _timeline_rank(*current):
            per_day[(pupil, day)] = (reason, hours)
    per_child: dict[str, list[tuple[date, str, Decimal]]] = defaultdict(list)
    for (pupil, day), (reason, hours) in per_day.items():
        per_child[pupil].append((day, reason, hours))
    school_days = list(calendar.school_day_list(start, end, regio)) if per_child else []
    written = 0
    for pupil, child_days in per_child.items():
        written += _write_timeline(ctx, children[pupil], child_days, school_days)

    record.summary = {
        **_summary(reading, findings, children, absence_days=len(kept), timeline_events=written),
        "signals_removed": len(gone),
    }
    record.status = ImportStatus.KLAAR
    record.period_start, record.period_end = start, end
    record.finished_at = timezone.now()
    record.progress_done = TOTAL
    record.errors = []
    record.save(
        update_fields=[
            "summary",
            "status",
            "period_start",
            "period_end",
            "finished_at",
            "progress_done",
            "errors",
        ]
    )
    audit.import_applied(actor=ctx.actor, record=record, replaced_ids=replaced)


def _replace_earlier(ctx: _Context, start: date, end: date) -> list[int]:
    """Earlier imports of this school overlapping [start, end]: their absence days and timeline facts
    in the period go; an earlier import lying wholly inside the period is replaced by this one."""
    from kring.children.services import delete_event

    record = ctx.record
    earlier = list(
        AttendanceImport.objects.filter(
            school=record.school,
            status=ImportStatus.KLAAR,
            replaced_by__isnull=True,
            period_start__lte=end,
            period_end__gte=start,
        ).exclude(pk=record.pk)
    )
    AbsenceRecord.objects.filter(school=record.school, date__gte=start, date__lte=end).delete()
    reason = _("Vervangen door een nieuwere import van de aanwezigheid van de school.")
    for old in earlier:
        events = TimelineEvent.objects.filter(
            type=EventType.AFWEZIG, note__endswith=timeline_marker(old.pk), date__gte=start, date__lte=end
        )
        for event in events:
            delete_event(actor=ctx.actor, event=event, reason=reason)
    covered = [
        old.pk
        for old in earlier
        if old.period_start is not None
        and old.period_end is not None
        and start <= old.period_start
        and old.period_end <= end
    ]
    AttendanceImport.objects.filter(pk__in=covered).update(replaced_by=record)
    return covered


def _timeline_rank(reason: str, hours: Decimal) -> tuple[bool, Decimal, str]:
    return (reason == "ongeoorloofd", hours, reason)


def _write_timeline(
    ctx: _Context, child: Child, days: list[tuple[date, str, Decimal]], school_days: Sequence[date]
) -> int:
    from kring.children.timeline import EventInvalid, EventRefused, NewEvent, record_events

    index = {d: i for i, d in enumerate(school_days)}
    runs: list[list[tuple[date, str, Decimal]]] = []
    for day in sorted(days):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last[1] == day[1]
            and last[2] == day[2]
            and day[0] in index
            and last[0] in index
            and index[day[0]] == index[last[0]] + 1
        ):
            runs[-1].append(day)
        else:
            runs.append([day])
    note = (
        _("Uit de aanwezigheid die %(school)s heeft ingelezen.")
        % {"school": ctx.record.school.organisation.name}
        + " "
        + timeline_marker(ctx.record.pk)
    )
    events = [
        NewEvent(
            type=EventType.AFWEZIG,
            date=run[0][0],
            data={"reden": run[0][1], "to": run[-1][0], "hours_per_day": _number(run[0][2])},
            note=note,
        )
        for run in runs
    ]
    try:
        record_events(actor=ctx.actor, child=child, events=events, today=ctx.today)
    except (EventInvalid, EventRefused, ValidationError) as exc:
        raise ImportFailed(
            [
                RowError(
                    ctx.record.filename,
                    0,
                    "",
                    _("De verzuimdagen passen niet op de tijdlijn van een kind in Kring: %(fout)s")
                    % {"fout": "; ".join(exc.messages)[:300]},
                )
            ]
        ) from None
    return len(events)


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _summary(
    reading: Reading,
    findings: Sequence[Finding],
    children: Mapping[str, Child],
    *,
    absence_days: int,
    timeline_events: int,
) -> dict[str, Any]:
    """Aggregates only: no pupil, no day of a pupil."""
    frame: pl.DataFrame = reading.frame
    absent = frame.filter(pl.col("hours") > 0)
    hours_by_reason = {
        str(reason): _plain(total)
        for reason, total in absent.group_by("reason").agg(pl.col("hours").sum()).rows()
    }
    with_finding = {f.pupil for f in findings}
    return {
        "rows": reading.rows,
        "pupils": int(frame["pupil"].n_unique()),
        "school_days": reading.school_days,
        "period_start": reading.period_start.isoformat(),
        "period_end": reading.period_end.isoformat(),
        "hours_by_reason": dict(sorted(hours_by_reason.items())),
        "findings": len(findings),
        "findings_by_kind": dict(sorted(Counter(f.kind for f in findings).items())),
        "pupils_with_findings": len(with_finding),
        "children_in_kring": len(with_finding & set(children)),
        "absence_days_kept": absence_days,
        "timeline_events": timeline_events,
    }
