"""Kring rules engine: pure Python (standard library only), no Django.

Public API::

    from kring.rules import assess, parse_scenario, default_calendar, Calendar, NormSettings, RULES

    scenario = parse_scenario(json_dict)           # raises ScenarioError
    assessment = assess(scenario, calendar=default_calendar(), norms=NormSettings())
    assessment.to_dict()                           # the contract's JSON shape

Layout: `facts` (events, parser), `kalender` (calendar arithmetic, precomputed day tables),
`catalog` (rules, norms), `context` (what every domain reads), `domains/*` (one module per legal
domain), `engine` (`assess`: builds the context, calls the domains, sorts), `results` (output types).
"""

from kring.rules.catalog import (
    CATALOG_VERSION,
    RULES,
    Kind,
    NormConfig,
    NormSettings,
    Rule,
    all_rules,
    catalog_dicts,
    rule_for,
)
from kring.rules.engine import assess
from kring.rules.facts import Event, Scenario, ScenarioError, parse_event, parse_scenario
from kring.rules.kalender import (
    Calendar,
    HolidayPeriod,
    add_months,
    add_working_days,
    default_calendar,
    is_public_holiday,
    is_working_day,
    load_calendar,
    load_school_holidays,
    public_holidays,
    statutory_term_end,
)
from kring.rules.results import (
    Assessment,
    Leerplicht,
    LeerplichtStatus,
    Obligation,
    ObligationStatus,
    Thuiszitter,
    ThuiszitterCategory,
    Verborgen,
    VerborgenReason,
    Violation,
)

__all__ = [
    "CATALOG_VERSION",
    "RULES",
    "Assessment",
    "Calendar",
    "Event",
    "HolidayPeriod",
    "Kind",
    "Leerplicht",
    "LeerplichtStatus",
    "NormConfig",
    "NormSettings",
    "Obligation",
    "ObligationStatus",
    "Rule",
    "Scenario",
    "ScenarioError",
    "Thuiszitter",
    "ThuiszitterCategory",
    "Verborgen",
    "VerborgenReason",
    "Violation",
    "add_months",
    "add_working_days",
    "all_rules",
    "assess",
    "catalog_dicts",
    "default_calendar",
    "is_public_holiday",
    "is_working_day",
    "load_calendar",
    "load_school_holidays",
    "parse_event",
    "parse_scenario",
    "public_holidays",
    "rule_for",
    "statutory_term_end",
]
