# Kring — the two commands of the README are `make run` and `make test`.
VENV     := .venv
PY       := $(VENV)/bin/python
KRING    := $(VENV)/bin/kring
STAMP    := $(VENV)/.kring-installed
DEVSTAMP := $(VENV)/.kring-dev-installed
ADDR     ?= 127.0.0.1:8000

.PHONY: setup run test lint typecheck schema rules-check worker tick vendor clean-db

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

## setup: virtual environment, database, static files, demo region (only when the database is empty)
setup: $(STAMP)
	$(KRING) migrate --noinput -v0
	$(KRING) collectstatic --noinput -v0
	$(KRING) demo --if-empty

## run: setup, then serve Kring with its background worker on http://$(ADDR)
run: setup
	KRING_BASE_URL=http://$(ADDR) $(KRING) demo --accounts
	KRING_BASE_URL=http://$(ADDR) $(KRING) serve $(ADDR)

## test: lint, type check, rules contract, the suite on SQLite and on PostgreSQL, browser tests
test: $(DEVSTAMP)
	scripts/test.sh

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(DEVSTAMP)
	$(VENV)/bin/mypy kring
	$(VENV)/bin/lint-imports --no-cache

## schema: regenerate the committed OpenAPI schema (docs/openapi.yaml)
schema: $(DEVSTAMP)
	DJANGO_SETTINGS_MODULE=kring.settings.test $(KRING) spectacular --api-version v1 --validate --fail-on-warn --file docs/openapi.yaml

## rules-check: the rules contract's checker (Kring's copy) against `kring rules assess`, catalog v1 and v2
rules-check: $(STAMP)
	$(PY) kring/rules/tests/contract/check.py --cmd "$(KRING) rules assess" kring/rules/tests/contract/v1 kring/rules/tests/contract/v2

worker: $(STAMP)
	$(KRING) db_worker

tick: $(STAMP)
	$(KRING) tick

## vendor: refresh the vendored front-end assets from the npm registry (maintainers only)
vendor:
	scripts/vendor-assets.sh

clean-db:
	rm -f var/kring.sqlite3
