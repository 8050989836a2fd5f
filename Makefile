# Two commands on a fresh clone:
#   make serve  set up a virtualenv and start the advisor: http://127.0.0.1:8000/
#   make test   set up and run the whole test suite
# Also: make chat (terminal), make lint, make validate, make eval, make bench.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup serve chat test lint validate eval bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	$(BIN)/python -m compileall -q bot adapters >/dev/null   # as an installed wheel would be
	touch $@

serve: setup
	$(BIN)/advisor serve

chat: setup
	$(BIN)/advisor chat

# pytest exits 5 when it collects no tests: that is a failure here, never a pass.
test: setup
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$rc

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

validate: setup
	$(BIN)/advisor validate --strict

# Development sets (tuned on) and the held-out set (measured, never tuned on).
eval: setup
	$(BIN)/advisor eval --quiet tests/eval/dev-queries.yaml
	$(BIN)/advisor eval --quiet tests/eval/dev-situations.yaml
	$(BIN)/advisor eval --quiet --personas tests/eval/dev-personas.yaml
	$(BIN)/advisor eval --quiet tests/eval/heldout-situations.yaml

bench: setup
	$(BIN)/advisor bench --stores memory,sqlite,redis
	$(BIN)/advisor bench --http --stores sqlite,redis --turns 6000
	$(BIN)/advisor bench --scale
