# Two commands on a fresh clone:
#   make chat   set up a virtualenv and start chatting in the terminal
#   make test   set up and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup chat test validate eval bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
	$(BIN)/python -m compileall -q bot adapters >/dev/null   # as an installed wheel would be
	touch $@

chat: setup
	$(BIN)/advisor chat

# pytest exits 5 when it collects no tests: that is a failure here, never a pass.
test: setup
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; exit $$rc

validate: setup
	$(BIN)/advisor validate

bench: setup
	$(BIN)/advisor bench --stores memory,sqlite,redis
