# Doorbraak — the two commands of the README (`make run`, `make test`) and the developer extras.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
VENDOR := src/doorbraak/web/static/vendor/.klaar

.PHONY: setup run test lint format bench

$(BIN)/.geinstalleerd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(VENDOR): node_modules/.package-lock.json scripts/assets.sh
	scripts/assets.sh

setup: $(BIN)/.geinstalleerd $(VENDOR)

## Set up and serve the demo (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL).
run: setup
	DOORBRAAK_DEMO=1 $(BIN)/doorbraak migrate --noinput -v0
	DOORBRAAK_DEMO=1 $(BIN)/doorbraak demo --alleen-als-leeg --regio
	DOORBRAAK_DEMO=1 $(BIN)/doorbraak collectstatic --noinput -v0
	@echo "Doorbraak draait op http://$(HOST):$(PORT)/ (demo-wachtwoord: doorbraak-demo)"
	DOORBRAAK_DEMO=1 BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) scripts/draaien.sh

## Set up and run the whole suite on SQLite and on a PostgreSQL server it starts itself.
test: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" scripts/test.sh

lint: setup
	$(BIN)/ruff check src bench
	$(BIN)/ruff format --check src bench

format: setup
	$(BIN)/ruff check --fix src bench
	$(BIN)/ruff format src bench

## Throughput of the dossier API against gunicorn + PostgreSQL; figures in bench/results/.
bench: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/run.py
