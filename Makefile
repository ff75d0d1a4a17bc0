# csmanual — the two commands a newcomer needs are `make manual` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
SOURCE ?= source/manual.yaml
OUT    ?= output
BIN     = $(VENV)/bin
CSMANUAL = $(BIN)/csmanual

.DEFAULT_GOAL := help
.PHONY: help manual validate test lint schema clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

manual: $(BIN)/.installed ## validate the source and build the manual into output/
	$(CSMANUAL) validate $(SOURCE)

validate: $(BIN)/.installed ## check the source and list every problem
	$(CSMANUAL) validate $(SOURCE)

test: $(BIN)/.installed-test ## run the test suite
	$(BIN)/python -m pytest

lint: $(BIN)/.installed-test ## ruff: lint and format check
	$(BIN)/ruff check cli tests
	$(BIN)/ruff format --check cli tests

schema: $(BIN)/.installed ## regenerate source/manual.schema.json from the models
	$(CSMANUAL) schema > source/manual.schema.json.tmp && mv source/manual.schema.json.tmp source/manual.schema.json

clean: ## remove the virtual environment and the generated output
	rm -rf $(VENV) $(OUT)/* build *.egg-info cli/*.egg-info
