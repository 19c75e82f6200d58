"""The catalog's titles and explanation templates in English, for the English web UI (issue 8).

Same keys and `{placeholders}` as the Dutch templates in `kring.rules.catalog` (tested). The engine
keeps writing Dutch (the contract output does not change); `explain_en` says an obligation's or
violation's explanation again in English from the template key and raw values the engine keeps in
its `params` (`Obligation.params`, `Violation.params`). Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date_en(d: date) -> str:
    """`2 December 2026`."""
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


TITLES_EN: Mapping[str, str] = {
    "ATW-01": "Term ends on a Saturday, Sunday or public holiday: it moves on",
    "LPW-03": "Start of compulsory education",
    "LPW-04": "End of compulsory education; qualification duty until 18",
    "LPW-20": "Unauthorised absence of 16 hours in 4 school weeks: report to DUO",
    "LPW-21": "Absence report within 5 working days",
    "LPW-47": "Deregistration only with enrolment elsewhere or an exemption",
    "TZ-01": "Child at home without school: long relative absence or absolute absence",
    "ZP-05": "Decision on an application within 6 weeks (one extension of 4 weeks)",
    "ZP-06": "No decision after 10 weeks: temporary placement",
    "ZP-10": "Suspension at most 1 week; longer than 1 day: inform the inspectorate",
    "ZP-11": "Remove a pupil of compulsory school age only when another school is willing",
    "OPP-04": "Parents' consent to the support part of the OPP",
    "OPP-05": "OPP within 6 weeks after enrolment",
    "OPP-06": "Evaluate the OPP with the parents every school year",
    "OPP-07": "Right to be heard: the pupil is heard about the OPP",
    "KR-3M": "Within 3 months: coordinator, development perspective, route and evaluation frequency",
    # catalog v2
    "TLV-03": "Decision on a TLV on the advice of two experts",
    "TLV-04": "Last school year of the TLV: move back, move on or a new TLV",
    "TLV-06": "Objection to the decision on a TLV: within 6 weeks",
    "AWB-413": "Decision on a request within a reasonable term, at most 8 weeks",
    "OT-02": "Reduced teaching time only with the inspectorate's consent",
    "TZ-06": "Hidden child at home: enrolled, but only part of the programme",
    "LPW-46": (
        "Substitute compulsory education: decision within 6 weeks; ask for extension 8 weeks before the end"
    ),
    "AVG-12": "Answer to a request for access or correction within 1 month",
    "PRV-04": "The samenwerkingsverband keeps health data until 3 years after the decision",
    "PRV-06": "Retention periods after a pupil leaves (po, sbo, so, vso)",
}

TEMPLATES_EN: Mapping[str, Mapping[str, str]] = {
    "LPW-21": {
        "base": (
            "On {threshold} the pupil at {school} {opnieuw}had 16 hours or more of unauthorised absence in "
            "4 school weeks, so the school had to report this to DUO by {due} (within 5 working days)."
        ),
        "met": "The report was made on {done}, on time.",
        "met_late": "The report was made on {done}, which is too late.",
        "overdue": "No report has been made yet.",
        "open": "No report yet; the school has until {due} inclusive.",
    },
    "LPW-47": {
        "overig": (
            "{school} deregistered the pupil on {date} for a reason other than enrolment at another school "
            "or an exemption. That is not allowed during compulsory education or the qualification duty."
        ),
        "inschrijving_elders": (
            "{school} deregistered the pupil on {date} because the pupil was said to be at another school, "
            "but on that day the pupil was not enrolled at any other school. During compulsory education "
            "a school may only deregister when there is a new school or an exemption."
        ),
    },
    "ZP-05": {
        "base": "{school} had to decide within {termijn} after the application of {aanmelding}, so by {due}.",
        "met": "The decision came on {done}, on time.",
        "met_late": "The decision only came on {done}, which is too late.",
        "overdue": "There is no decision yet.",
        "open": "There is no decision yet; the school has until {due} inclusive.",
    },
    "ZP-06": {
        "base": (
            "{school} had not decided 10 weeks after the application of {aanmelding} (on {t}) and the child "
            "was not enrolled anywhere else, so the school had to enrol the child temporarily from {due}."
        ),
        "met": "That happened on {done}.",
        "met_late": "That only happened on {done}, too late.",
        "overdue": "That has not happened yet.",
        "open": "That must happen by {due}.",
    },
    "ZP-10": {
        "base": (
            "The suspension at {school} from {start} to {end} inclusive lasted longer than 1 day, so the "
            "school had to inform the inspectorate in writing."
        ),
        "met": "That happened on {done}.",
        "open": "That has not happened yet.",
        "violation": (
            "{school} suspended the pupil from {start} to {end} inclusive, which is {days} days. A "
            "suspension may last at most 1 week (7 days)."
        ),
    },
    "ZP-11": {
        "violation": (
            "{school} removed the pupil on {date}, while no other school had yet said it was willing to "
            "admit the pupil. For a pupil of compulsory school age that is not allowed."
        ),
    },
    "OPP-04": {
        "base": (
            "The OPP of {opp} ({school}) was adopted without the parents' consent to the support part, and "
            "that consent is required."
        ),
        "met": "The parents gave their consent on {done}.",
        "open": "The parents have not given their consent yet.",
    },
    "OPP-05": {
        "base": (
            "After the enrolment at {school} on {start}, a development perspective (OPP) had to be adopted "
            "within 6 weeks, so by {due}."
        ),
        "met": "The OPP was adopted on {done}, on time.",
        "met_late": "The OPP was only adopted on {done}, which is too late.",
        "overdue": "There is no OPP yet.",
        "open": "There is no OPP yet; the school has until {due} inclusive.",
    },
    "OPP-06": {
        "base": "In school year {schooljaar}, {school} had to evaluate the OPP with the parents, by {due}.",
        "met": "That happened on {done}.",
        "overdue": "That did not happen.",
        "open": "That has not happened yet.",
    },
    "OPP-07": {
        "violation": (
            "At the evaluation of the OPP on {date} ({school}) the pupil was not heard. Since 1 August 2025 "
            "the pupil has the right to give their opinion about their OPP."
        ),
    },
    "KR-3M": {
        "base": (
            "Regional agreement (not law): within {maanden} months after {since}, so by {due}, there must "
            "be a coordinator, a development perspective, a route and an evaluation frequency."
        ),
        "met": "All four were arranged on time.",
        "met_late": "All four are arranged, but not all on time.",
        "overdue": "Not yet arranged: {missing}.",
        "open": "Not yet arranged: {missing}.",
    },
    # catalog v2
    "TLV-03": {
        "te_weinig": (
            "{swv} decided on admissibility on {date} with the advice of fewer than two experts. The law "
            "requires the written advice of at least two different experts, one of them a remedial "
            "educationalist (orthopedagoog) or a psychologist."
        ),
        "geen_orthopedagoog": (
            "{swv} decided on admissibility on {date} without the advice of a remedial educationalist "
            "(orthopedagoog) or a psychologist. One of the experts must be a remedial educationalist or a "
            "psychologist."
        ),
    },
    "TLV-04": {
        "base": (
            "The TLV ({soort}) of {swv} runs until {end} inclusive. Its last school year has begun, so "
            "{school} must make sure the pupil goes back to regular education or moves to another school "
            "by {end}, or there must be a new TLV."
        ),
        "met": "That was arranged on {done}.",
        "met_late": "That was only arranged on {done}, which is too late.",
        "overdue": "That was not arranged in time.",
        "open": "That has not been arranged yet; there is time until {end} inclusive.",
    },
    "TLV-06": {
        "termijn": (
            "The parents can object to the decision of {swv} of {date} on admissibility until {until} "
            "inclusive (6 weeks)."
        ),
        "termijn_open": "That is still possible.",
        "termijn_verstreken": "That term has passed.",
    },
    "AWB-413": {
        "base": (
            "{wie} received a request {aanvraag} on {ontvangen} and had to decide within a reasonable term, "
            "and by {due} at the latest (8 weeks)."
        ),
        "met": "The decision came on {done}, on time.",
        "met_late": "The decision only came on {done}, which is too late.",
        "overdue": "There is no decision yet.",
        "open": "There is no decision yet; there is time until {due} inclusive.",
    },
    "OT-02": {
        "base": (
            "From {due} the pupil at {school} had less teaching time than the law prescribes. That is only "
            "allowed with the inspectorate's consent, and that consent must be there by that day."
        ),
        "met": "The inspectorate consented on {done}, on time.",
        "met_late": "The inspectorate only consented on {done}, which is too late.",
        "overdue": "The inspectorate has not consented.",
        "open": "The inspectorate has not consented yet.",
    },
    "LPW-46": {
        "base": (
            "{gemeente} received a request for substitute compulsory education on {ontvangen} and had to "
            "decide within 6 weeks, so by {due}."
        ),
        "met": "The decision came on {done}, on time.",
        "met_late": "The decision only came on {done}, which is too late.",
        "overdue": "There is no decision yet.",
        "open": "There is no decision yet; the municipality has until {due} inclusive.",
        "termijn": (
            "The substitute compulsory education that {gemeente} allowed on {date} runs until {to} "
            "inclusive. Do you want an extension for the next school year? Then ask for it by {until} "
            "(8 weeks before the end)."
        ),
        "termijn_open": "That is still possible.",
        "termijn_verstreken": "That date has passed.",
    },
    "AVG-12": {
        "base": (
            "{organisatie} received a request for {verzoek} on {ontvangen} and had to answer without delay, "
            "by {due} at the latest ({looptijd})."
        ),
        "met": "The answer came on {done}, on time.",
        "met_late": "The answer only came on {done}, which is too late.",
        "overdue": "There is no answer yet.",
        "open": "There is no answer yet; there is time until {due} inclusive.",
    },
    "PRV-04": {
        "gezondheidsgegevens": (
            "{swv} keeps the health data it used for the decision of {date} on admissibility until {until} "
            "inclusive (3 years after the decision)."
        ),
    },
    "PRV-06": {
        "in_uitschrijving": (
            "{school} keeps the data on enrolment and deregistration until {until} inclusive (5 years after "
            "the deregistration on {date})."
        ),
        "verzuim": (
            "{school} keeps the data on absence until {until} inclusive (5 years after the deregistration on "
            "{date})."
        ),
        "dossier": (
            "{school} keeps the pupil file until {until} inclusive (2 years after the deregistration on "
            "{date})."
        ),
        "verwijzing": (
            "{school} keeps the data on the referral to special (primary) education until {until} inclusive "
            "(3 years after the deregistration on {date})."
        ),
    },
}

KR3M_ELEMENTS_EN: Mapping[str, str] = {
    "regievoerder": "coordinator",
    "ontwikkelperspectief": "development perspective",
    "route": "route",
    "evaluatiefrequentie": "evaluation frequency",
}

# Catalog v2: the words of a few raw values (the engine keeps codes in `params`).
VALUES_EN: Mapping[str, Mapping[object, str]] = {
    "aanvraag": {
        "tlv": "for a declaration of admissibility (TLV)",
        "verlenging": "to extend substitute compulsory education",
    },
    "verzoek": {"inzage": "access to the data", "rectificatie": "correction of the data"},
    "looptijd": {False: "within 1 month", True: "within 3 months, as the term was extended"},
}

# Obligation statuses: `base` plus the status's sentence; violations and LPW-47 use one template.
# A term of the family (catalog v2, `termijnen`): `termijn` plus `termijn_open` or `termijn_verstreken`.
_OBLIGATION_KEYS = frozenset({"open", "met", "met_late", "overdue"})


def _join_en(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _value_en(name: str, value: object) -> str:
    """One raw value as the English sentence shows it."""
    if name == "opnieuw":
        return "again " if value else ""
    if name == "termijn" and isinstance(value, Sequence) and not isinstance(value, str):
        weeks, extended = value
        return f"{weeks} weeks" + (" (6 weeks plus 4 weeks extension)" if extended else "")
    if name == "missing" and isinstance(value, Sequence) and not isinstance(value, str):
        return _join_en([KR3M_ELEMENTS_EN.get(str(m), str(m)) for m in value])
    words = VALUES_EN.get(name)
    if words is not None and isinstance(value, str | bool) and value in words:
        return words[value]
    if name == "school" and value is None:
        return "no school"
    if value is None:
        return ""
    d = _as_date(value) if name not in ("school", "schooljaar") else None
    if d is not None:
        return format_date_en(d)
    return str(value)


def explain_en(rule_id: str, params: Mapping[str, object] | None) -> str | None:
    """The English explanation of an obligation or violation from its `params`; None when there is
    nothing to say it from (no params, or a rule without English templates)."""
    if not params:
        return None
    templates = TEMPLATES_EN.get(rule_id)
    key = params.get("template")
    raw = params.get("values")
    if templates is None or not isinstance(key, str) or not isinstance(raw, Mapping):
        return None
    if key in _OBLIGATION_KEYS and "base" in templates:
        template = templates["base"] + (" " + templates[key] if key in templates else "")
    elif key.startswith("termijn_") and key in templates and "termijn" in templates:
        template = templates["termijn"] + " " + templates[key]
    elif key in templates:
        template = templates[key]
    else:
        return None
    text = template.format_map({name: _value_en(name, value) for name, value in raw.items()})
    regio = params.get("regio")
    if isinstance(regio, str) and regio:
        text = text.replace("Regional agreement (not law)", f"Regional agreement of {regio} (not law)")
    return text


def title_en(rule_id: str) -> str | None:
    return TITLES_EN.get(rule_id)


def params_json(params: Mapping[str, object] | None) -> dict[str, object] | None:
    """`params` with dates as ISO strings and tuples as lists: storable as JSON, read by `explain_en`."""
    if params is None:
        return None

    def plain(value: object) -> object:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Mapping):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        return value

    out = plain(params)
    assert isinstance(out, dict)
    return out
