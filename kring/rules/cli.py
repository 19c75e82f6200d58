"""`kring rules ...`: `assess FILE` and `catalog`. Call `main(argv)` with argv WITHOUT the leading 'rules'."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from kring.rules.catalog import RULES, NormSettings
from kring.rules.engine import assess
from kring.rules.facts import ScenarioError, parse_scenario
from kring.rules.kalender import Calendar, default_calendar, load_calendar

EXIT_OK = 0
EXIT_INVALID = 2
EXIT_INTERNAL = 1


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: {message}")


def _parser() -> _Parser:
    parser = _Parser(prog="kring rules", description="The Kring rules engine (leerplicht, zorgplicht, OPP).")
    sub = parser.add_subparsers(dest="command", metavar="{assess,catalog}", parser_class=_Parser)
    p_assess = sub.add_parser("assess", help="assess one scenario (JSON file, or - for standard input)")
    p_assess.add_argument("file", metavar="FILE", help="scenario JSON file, or - for standard input")
    p_assess.add_argument("--calendar", metavar="CSV", help="school holiday CSV (default: the bundled table)")
    p_assess.add_argument(
        "--norms", metavar="JSON", help="regional norms: a JSON file or an inline JSON object"
    )
    p_catalog = sub.add_parser("catalog", help="list the rules with their sources")
    p_catalog.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _read_text(name: str, stdin: TextIO) -> str:
    if name == "-":
        return stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(
            f"cannot read {name}: {exc.strerror if isinstance(exc, OSError) else exc}"
        ) from None


def _load_norms(value: str | None) -> NormSettings | None:
    if value is None:
        return None
    text = value if value.lstrip().startswith("{") else _read_text(value, sys.stdin)
    try:
        return NormSettings.from_json(text)
    except ValueError as exc:
        raise ScenarioError(str(exc)) from None


def _load_calendar(value: str | None) -> Calendar:
    if value is None:
        return default_calendar()
    try:
        return load_calendar(value)
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"cannot read calendar {value}: {exc}") from None
    except ValueError as exc:
        raise ScenarioError(f"invalid calendar {value}: {exc}") from None


def _cmd_assess(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    text = _read_text(args.file, stdin)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    scenario = parse_scenario(data)
    calendar = _load_calendar(args.calendar)
    norms = _load_norms(args.norms)
    assessment = assess(scenario, calendar=calendar, norms=norms)
    stdout.write(json.dumps(assessment.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def format_catalog_table() -> str:
    rows = [("id", "soort", "geldig", "regel", "bron")]
    for r in RULES:
        valid = (r.valid_from.isoformat() if r.valid_from else "") + (
            f" t/m {r.valid_to.isoformat()}" if r.valid_to else ""
        )
        rows.append((r.id, r.kind_nl, valid or "-", r.title, r.source))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 4)
    return "\n".join(lines) + "\n"


def _cmd_catalog(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.format == "json":
        stdout.write(json.dumps([r.to_dict() for r in RULES], indent=2, ensure_ascii=False) + "\n")
    else:
        stdout.write(format_catalog_table())
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 2 invalid input or usage)."""
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        if args.command == "assess":
            return _cmd_assess(args, stdin, stdout)
        if args.command == "catalog":
            return _cmd_catalog(args, stdout)
        parser.print_help(stderr)
        return EXIT_INVALID
    except (_ArgumentError, ScenarioError) as exc:
        stderr.write(f"error: {exc}\n")
        return EXIT_INVALID
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except Exception as exc:  # a bug, not bad input: still no traceback for the user
        stderr.write(f"internal error in the rules engine: {type(exc).__name__}: {exc}\n")
        return EXIT_INTERNAL
