# Op Koers: `make run` to try it, `make test` to check it. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/opkoers
# A streaming standby of that server (scripts/ensure_replica.sh, docs/decisions/0027).
REPLICA_URL ?= postgres://postgres@127.0.0.1:5433/opkoers
# make bench [DB=sqlite] [CASES=1000000] [BENCH_ARGS="--threads 4 --only case_page"]
# With a standby: BENCH_ARGS="--replica-url postgres://postgres@127.0.0.1:5433/opkoers_bench"
# (after scripts/ensure_replica.sh; the standby replicates every database of the cluster).
DB ?= postgres
CASES ?= 100000
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/opkoers_bench
BENCH_ARGS ?=
# make checks only: a throw-away Fernet key, so the production settings load.
CHECKS_MFA_KEY := Y2hlY2tzLW9ubHktbm90LWEtcmVhbC1rZXktMTIzNDU=
# Production refuses to start without audit keys (docs/decisions/0017); throwaway ones for checks.
CI_AUDIT_KEYS = OPKOERS_AUDIT_KEYS=ci:$$(head -c 32 /dev/urandom | base64) \
  OPKOERS_AUDIT_CHECKPOINT_KEY=$$(head -c 32 /dev/urandom | base64)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test install assets system lint typecheck checks test-sqlite test-postgres messages bench backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	scripts/npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.installed

assets: node_modules/.installed

system:
	scripts/ensure_system_packages.sh

messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules --ignore=var

run: install messages
	@mkdir -p var
	OPKOERS_DEMO=1 DJANGO_DEBUG=1 $(BIN)/python manage.py migrate -v0
	OPKOERS_DEMO=1 DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	@# The audit sequencer and the task worker (chain check, retention dry run from the
	@# privacy console) run beside the dev server, as in production (decisions 0016, 0022).
	OPKOERS_DEMO=1 $(BIN)/python manage.py audit_sequencer --loop & seq=$$!; \
	  OPKOERS_DEMO=1 $(BIN)/python manage.py db_worker -v0 & worker=$$!; \
	  trap 'kill $$seq $$worker' EXIT; \
	  OPKOERS_DEMO=1 DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

typecheck: $(VENV)/.installed
	$(BIN)/mypy
	$(BIN)/mypy bench

checks: $(VENV)/.installed node_modules/.installed
	@mkdir -p var
	$(BIN)/python manage.py makemigrations --check --dry-run -v1
	OPKOERS_ENV=production SECRET_KEY=ci-$$RANDOM-production-like-key-with-enough-length-and-entropy-1234567890 OPKOERS_MFA_KEYS=$(CHECKS_MFA_KEY) \
	  $(CI_AUDIT_KEYS) ALLOWED_HOSTS=opkoers.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING
	OPKOERS_ENV=production SECRET_KEY=ci-$$RANDOM-production-like-key-with-enough-length-and-entropy-1234567890 OPKOERS_MFA_KEYS=$(CHECKS_MFA_KEY) \
	  $(CI_AUDIT_KEYS) ALLOWED_HOSTS=opkoers.example.org $(BIN)/python manage.py collectstatic --noinput -v0

test-sqlite: install messages system
	OPKOERS_FAST_HASHER=1 $(BIN)/pytest -q -n 2

test-postgres: install messages system
	scripts/ensure_postgres.sh
	scripts/ensure_replica.sh
	OPKOERS_FAST_HASHER=1 DATABASE_URL=$(PG_URL) DATABASE_REPLICA_URL=$(REPLICA_URL) \
	  OPKOERS_REQUIRE_REPLICA=1 $(BIN)/pytest -q -n 2

test: install messages system lint typecheck checks test-sqlite test-postgres

# make backup [BACKUP=file]: the configured database (DATABASE_URL, else the embedded
# SQLite) to var/backups/; make restore BACKUP=file: into an empty database, then checked.
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup $(BACKUP)

restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Gebruik: make restore BACKUP=bestand" >&2; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP)

# Benchmarks are not tests: make test runs only bench/run.py --smoke (test_bench_smoke.py).
bench: install messages
ifeq ($(DB),sqlite)
	$(BIN)/python bench/run.py --db sqlite --cases $(CASES) $(BENCH_ARGS)
else
	scripts/ensure_postgres.sh
	$(BIN)/python bench/run.py --database-url $(BENCH_PG_URL) --cases $(CASES) $(BENCH_ARGS)
endif

clean:
	rm -rf $(VENV) node_modules var
