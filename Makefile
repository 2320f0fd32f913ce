# Marsad: `make run` serves the demo on http://127.0.0.1:8000/, `make test` runs everything CI runs.
# The SQLite and PostgreSQL halves of the suite run side by side (one per core); each prints when it ends.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PG_URL ?= postgres://postgres@127.0.0.1:5432/marsad

.PHONY: install run serve test test-sqlite test-postgres lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,bench]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/marsad migrate --noinput
	$(BIN)/marsad demo
	$(BIN)/marsad runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check src tests bench

test: install lint
	scripts/system-deps
	scripts/postgres-up
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: install
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install
	@echo "== test suite on PostgreSQL =="
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

bench: install
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean:
	rm -rf var/ .pytest_cache
