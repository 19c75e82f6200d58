"""The rules contract's examples, compared like the contract's own checker (check.py) does.

The examples and the checker are the project's copy of the upstream contract, in
`kring/rules/tests/contract/` (see its README): a clone of Kring tests them with nothing beside it.
`.ci/run` additionally checks that this copy still equals the upstream contract when that is present.
A missing folder is a FAILURE, not a skip: the contract must be checked.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kring.rules import assess, default_calendar, parse_scenario

REPO_ROOT = Path(__file__).resolve().parents[3]


CONTRACT_DIR = Path(__file__).resolve().parent / "contract"


# The catalog versions whose examples Kring's copy holds: v1 and v2 (catalog v2 keeps every v1
# example's expected value).
VERSIONS = ("v1", "v2")


def examples_dir(version: str = "v1") -> Path:
    return CONTRACT_DIR / version


def _example_files() -> list[Path | None]:
    found: list[Path | None] = []
    for version in VERSIONS:
        d = examples_dir(version)
        found += sorted(d.glob("*.expected.json")) if d.is_dir() else []
    return found or [None]  # None -> the test fails with a clear message


def _normaliser() -> Callable[..., dict[str, Any]]:
    check = CONTRACT_DIR / "check.py"
    if not check.is_file():
        pytest.fail(f"contract checker not found at {check}")
    spec = importlib.util.spec_from_file_location("kring_contract_check", check)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    normal: Callable[..., dict[str, Any]] = module.normal
    return normal


def _scenario_for(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.json", ".json"))


V2_LISTS = ("tlv", "termijnen", "bewaartermijnen")


@pytest.mark.parametrize("version", VERSIONS)
def test_examples_folder_present(version: str) -> None:
    d = examples_dir(version)
    assert d.is_dir(), f"contract examples not found at {d}"
    assert len(list(d.glob("*.expected.json"))) >= 6


@pytest.mark.parametrize(
    "expected_path", _example_files(), ids=lambda p: f"{p.parent.name}/{p.name}" if p else "missing"
)
def test_example(expected_path: Path | None) -> None:
    if expected_path is None:
        pytest.fail(f"no contract examples found in {CONTRACT_DIR}")
    normal = _normaliser()
    scenario = json.loads(_scenario_for(expected_path).read_text(encoding="utf-8"))
    got: dict[str, Any] = assess(parse_scenario(scenario), calendar=default_calendar()).to_dict()
    want = json.loads(expected_path.read_text(encoding="utf-8"))
    # the checker compares the v2 lists where the expected file names them (the v2 examples)
    lists = [name for name in V2_LISTS if name in want]
    assert normal(got, lists) == normal(want, lists)
    assert got["as_of"] == want["as_of"]
    # an engine for catalog v2 always prints the v2 lists
    assert all(isinstance(got[name], list) for name in V2_LISTS)
    for item in [*got["obligations"], *got["violations"], *got["termijnen"], *got["bewaartermijnen"]]:
        assert item["source"] and item["explanation"]


def test_the_v2_examples_name_the_v2_lists() -> None:
    for path in sorted(examples_dir("v2").glob("*.expected.json")):
        want = json.loads(path.read_text(encoding="utf-8"))
        assert set(V2_LISTS) <= set(want), path.name


def test_cli_end_to_end_subprocess() -> None:
    expected_path = examples_dir() / "langdurig-relatief-verzuim-driemaandennorm.expected.json"
    if not expected_path.is_file():
        pytest.fail(f"contract example not found: {expected_path}")
    proc = subprocess.run(
        [sys.executable, "-m", "kring.rules", "assess", str(_scenario_for(expected_path))],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert _normaliser()(got) == _normaliser()(json.loads(expected_path.read_text(encoding="utf-8")))
    assert proc.stdout.startswith('{\n  "as_of"')  # indent 2


def test_cli_end_to_end_subprocess_v2() -> None:
    expected_path = examples_dir("v2") / "tlv-laatste-schooljaar-nieuwe-tlv.expected.json"
    if not expected_path.is_file():
        pytest.fail(f"contract example not found: {expected_path}")
    proc = subprocess.run(
        [sys.executable, "-m", "kring.rules", "assess", str(_scenario_for(expected_path))],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    want = json.loads(expected_path.read_text(encoding="utf-8"))
    normal = _normaliser()
    assert normal(json.loads(proc.stdout), V2_LISTS) == normal(want, V2_LISTS)
