#!/usr/bin/env bash
# The whole suite, as `make test` runs it (and CI, through .ci/run).
# Lint and types first, then every test on SQLite, then every test on PostgreSQL (with the browser tests).
# PostgreSQL at 127.0.0.1:5432 (trust auth) is required in CI; elsewhere a missing server is reported loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export PYTHONDONTWRITEBYTECODE=1

scripts/ensure-chromium.sh

echo "== ruff"
$BIN/ruff check .
$BIN/ruff format --check .

echo "== mypy"
$BIN/mypy kring

echo "== import contracts (pyproject.toml, [tool.importlinter])"
$BIN/lint-imports --no-cache

echo "== a new user's first command: make run in a fresh clone with nothing beside it"
scripts/check-fresh-clone.sh

PG_URL="${KRING_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/kring}"
pg_up() {
  $BIN/python - "$PG_URL" <<'PY'
import sys
import psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(url, connect_timeout=5).close()
except Exception as exc:
    print(f"PostgreSQL is not reachable at {url}: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

if pg_up; then
  echo "== tests on SQLite (without the browser, API-contract and PostgreSQL-tool tests, which run on PostgreSQL)"
  DATABASE_URL= $BIN/pytest -m "not browser and not api_contract and not postgresql" -p no:cacheprovider -q
  echo "== tests on PostgreSQL (with the browser and API-contract tests)"
  DATABASE_URL="$PG_URL" $BIN/pytest -p no:cacheprovider -q
elif [ "${CI:-}" = "true" ]; then
  echo "FAILED: PostgreSQL must be reachable in CI ($PG_URL)." >&2
  exit 1
else
  echo "!! PostgreSQL is not reachable: the PostgreSQL run is NOT done. Start it and run make test again." >&2
  echo "== tests on SQLite (with browser tests; not the PostgreSQL-tool tests)"
  DATABASE_URL= $BIN/pytest -m "not postgresql" -p no:cacheprovider -q
  exit 3
fi
