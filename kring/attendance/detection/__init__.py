"""The detection core: the signals of one import, computed vectorised (Polars), without Django.

Like `kring.rules` it imports no Django and no other part of Kring except the rules engine (its
calendar and catalog; an import contract checks this), so it can be tested and benchmarked on its own.

    findings = detect(frame, calendar=calendar, regio="midden", settings=DetectionSettings(), as_of=day)

Modules: `model` (the interface: kinds, settings, `Day`, `Finding`), `schooldays` (the school days
and lesweken of the region as tables), `prepare` (the frame summed per pupil and school day, pupils
as integer ids), `lpw20` (LPW-20/LPW-21 thresholds), `lrv` (TZ-01 langdurig relatief verzuim),
`sick` (lang_ziek, vaak_ziek), `presence` (gedeeltelijk, dalend, over the last lesweken) and
`detect` (the entry point that runs them all).
"""

from kring.attendance.detection.detect import detect
from kring.attendance.detection.model import (
    DALEND,
    GEDEELTELIJK,
    LANG_ZIEK,
    LPW20,
    LRV,
    VAAK_ZIEK,
    Day,
    DetectionSettings,
    Finding,
)

__all__ = [
    "DALEND",
    "GEDEELTELIJK",
    "LANG_ZIEK",
    "LPW20",
    "LRV",
    "VAAK_ZIEK",
    "Day",
    "DetectionSettings",
    "Finding",
    "detect",
]
