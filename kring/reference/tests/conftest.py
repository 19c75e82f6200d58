"""Small copies of the real reference files, and a checksum of everything the import writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

from kring.organisations.models import Gemeente, Organisation, Samenwerkingsverband, SchoolLocation
from kring.privacy.models import AuditEvent
from kring.reference.models import PostcodeArea, SchoolHoliday

# A school that is in the DUO PO file, the pupil counts and the GeoJSON (Borger-Odoorn, PC4 9571).
KNOWN_SCHOOL = "03WU00"
KNOWN_PC4 = "9571"
HEAD = 40  # data lines copied from the top of each CSV file


def real_dir() -> Path:
    return Path(settings.KRING_REFERENCE_DIR)


def _copy_csv(name: str, target: Path, keep: Callable[[str], bool] = lambda _line: False) -> None:
    lines = (real_dir() / name).read_text(encoding="utf-8").splitlines()
    header, body = lines[0], lines[1:]
    chosen = [line for i, line in enumerate(body) if i < HEAD or keep(line)]
    (target / name).write_text("\n".join([header, *chosen]) + "\n", encoding="utf-8")


def build_small_dir(target: Path) -> Path:
    """Tiny data directory: the first lines of every real file plus the rows of one known school."""
    target.mkdir(parents=True, exist_ok=True)
    duo_lines = (real_dir() / "duo_po_schoolvestigingen_basisonderwijs.csv").read_text(encoding="utf-8")
    duo_codes = {line.split(";")[3] for line in duo_lines.splitlines()[1 : HEAD + 1]}
    duo_codes.add(KNOWN_SCHOOL)
    _copy_csv(
        "duo_po_schoolvestigingen_basisonderwijs.csv", target, lambda line: line.split(";")[3] in duo_codes
    )
    _copy_csv(
        "duo_leerlingen_per_po_so_vestiging_1996_2025.csv",
        target,
        lambda line: line.split(";")[1] in duo_codes,
    )
    _copy_csv(
        "swv_regio_indeling_pc4_2015.csv",
        target,
        lambda line: line.startswith((KNOWN_PC4, "3197", "3198", "3199")),
    )
    _copy_csv("schoolvakanties_2024-2030.csv", target, lambda _line: True)
    _copy_csv("cbs_pc4_gebieden_centroiden.csv", target, lambda line: line.startswith((KNOWN_PC4, "3199")))
    _copy_csv("cbs_gemeenten_2022_centroiden.csv", target, lambda line: line.startswith("Borger-Odoorn,"))
    geo = json.loads((real_dir() / "scholen_nl_geocoded_2024-11.geojson").read_text(encoding="utf-8"))
    features = [
        f for i, f in enumerate(geo["features"]) if i < HEAD or f["properties"]["vestigingscode"] in duo_codes
    ]
    geo["features"] = features
    (target / "scholen_nl_geocoded_2024-11.geojson").write_text(json.dumps(geo, indent=0), encoding="utf-8")
    return target


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    return build_small_dir(tmp_path / "data")


TABLES = (
    Organisation,
    Gemeente,
    Samenwerkingsverband,
    SchoolLocation,
    PostcodeArea,
    SchoolHoliday,
    AuditEvent,
)


def database_state() -> dict[str, tuple[int, str]]:
    """Row count and checksum of every table the import writes to."""
    state: dict[str, tuple[int, str]] = {}
    for model in TABLES:
        rows = list(model.objects.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        state[model.__name__] = (len(rows), digest)
    return state
