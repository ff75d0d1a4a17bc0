# csmanual — the two commands a newcomer needs are `make manual` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
SOURCE ?= source/manual.yaml
# OUT: a folder for the outputs instead of csmanual.yaml's (`make manual OUT=/tmp/x`)
OUT    ?=
BIN     = $(VENV)/bin
CSMANUAL = $(BIN)/csmanual

.DEFAULT_GOAL := help
.PHONY: help manual validate diff serve test golden bench fuzz lint schema clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# PYTHONWARNINGS: setuptools' editable install warns about the cli/ src layout on every
# install, which only worries a first-time user; real errors still print.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e .
	@touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# the formats and the output folder are csmanual.yaml's (html, pdf, pptx into output/)
manual: $(BIN)/.installed ## validate the source and build csmanual.yaml's formats into output/
	$(CSMANUAL) build $(SOURCE) $(if $(OUT),--out $(OUT))

validate: $(BIN)/.installed ## check the source and list every problem
	$(CSMANUAL) validate $(SOURCE)

# REV: a git revision (the source at that revision) or a file; `make diff REV=v1.1`
REV ?= HEAD
diff: $(BIN)/.installed ## what changed in the source since REV (default HEAD: the last commit)
	$(CSMANUAL) diff $(REV) $(SOURCE)

serve: $(BIN)/.installed ## live preview on http://127.0.0.1:8000/
	$(CSMANUAL) serve $(SOURCE)

test: $(BIN)/.installed-test ## run the test suite
	$(BIN)/python -m pytest

golden: $(BIN)/.installed-test ## regenerate the golden files the tests compare against
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q -m golden

bench: $(BIN)/.installed-test ## benchmark every step against the engines alone (BENCH_QUICK=1: short run)
	$(BIN)/python tests/bench/run.py

fuzz: $(BIN)/.installed-test ## long property-based fuzz of the loader and validator (10,000 examples)
	CSMANUAL_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: $(BIN)/.installed-test ## ruff: lint and format check
	$(BIN)/ruff check cli tests
	$(BIN)/ruff format --check cli tests

schema: $(BIN)/.installed ## regenerate source/manual.schema.json from the models
	$(CSMANUAL) schema > source/manual.schema.json.tmp && mv source/manual.schema.json.tmp source/manual.schema.json

clean: ## remove the virtual environment and the generated output
	rm -rf $(VENV) $(or $(OUT),output)/* build *.egg-info cli/*.egg-info
