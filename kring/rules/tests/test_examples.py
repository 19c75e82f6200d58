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


def examples_dir() -> Path:
    return CONTRACT_DIR / "v1"


def _example_files() -> list[Path | None]:
    d = examples_dir()
    found: list[Path | None] = [*sorted(d.glob("*.expected.json"))] if d.is_dir() else []
    return found or [None]  # None -> the test fails with a clear message


def _normaliser() -> Callable[[dict[str, Any]], dict[str, Any]]:
    check = CONTRACT_DIR / "check.py"
    if not check.is_file():
        pytest.fail(f"contract checker not found at {check}")
    spec = importlib.util.spec_from_file_location("kring_contract_check", check)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    normal: Callable[[dict[str, Any]], dict[str, Any]] = module.normal
    return normal


def _scenario_for(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.json", ".json"))


def test_examples_folder_present() -> None:
    d = examples_dir()
    assert d.is_dir(), f"contract examples not found at {d}"
    assert len(list(d.glob("*.expected.json"))) >= 6


@pytest.mark.parametrize("expected_path", _example_files(), ids=lambda p: p.name if p else "missing")
def test_example(expected_path: Path | None) -> None:
    if expected_path is None:
        pytest.fail(f"no contract examples found in {examples_dir()}")
    normal = _normaliser()
    scenario = json.loads(_scenario_for(expected_path).read_text(encoding="utf-8"))
    got: dict[str, Any] = assess(parse_scenario(scenario), calendar=default_calendar()).to_dict()
    want = json.loads(expected_path.read_text(encoding="utf-8"))
    assert normal(got) == normal(want)
    assert got["as_of"] == want["as_of"]
    for item in [*got["obligations"], *got["violations"]]:
        assert item["source"] and item["explanation"]


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
