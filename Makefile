# Insights CMS. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install browser run test test-postgres lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

browser: ## Debian's chromium for the browser tests (Playwright drives it; apt-get as root, else sudo)
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: install ## Install, migrate SQLite, load the seed, create an admin once, serve on http://127.0.0.1:8000/
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install browser ## Install, then run the whole test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/python -m pytest

test-postgres: install browser ## The whole suite on the PostgreSQL at 127.0.0.1:5432, Redis :6379 database 15 as the cache
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/insights} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} $(BIN)/python -m pytest

lint: install ## Ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Ruff: fix what it can and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## Print the benchmark figures (bench/)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean: ## Remove the virtualenv and the SQLite database
	rm -rf $(VENV) db.sqlite3
