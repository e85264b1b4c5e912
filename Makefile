# Every target installs what it needs into .venv from requirements.lock (python3 and make suffice).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# uv installs the lock in a fraction of pip's time; pinned here and bootstrapped into the venv by
# pip, so nothing beyond python3 and make is needed on the machine.
UV_VERSION := 0.13.8
UV := $(BIN)/uv
# Modules are compiled on first import and kept in the venv, as Python does by default: an
# environment that turns that off would make every run of the tool compile its imports again,
# and compiling every installed package up front would double the install time.
unexport PYTHONDONTWRITEBYTECODE
STAMP := $(VENV)/.installed-$(shell cksum requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install lock run generate check-generated lint typecheck pytest test bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip install --quiet --python $(BIN)/python -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Re-resolve the lock from pyproject.toml (runtime + dev, and the editable build's backend),
# keeping every pin it already has unless a dependency range forces a change.
lock: install
	$(UV) pip compile --quiet --python-version 3.11 --extra dev --no-header --no-annotate \
		--output-file requirements.lock pyproject.toml requirements-build.in

# The main job: conformance of both APIs against the embedded reference server.
run: install
	$(BIN)/helicone-contract conformance

generate: install
	$(BIN)/python -m codegen generate

check-generated: install
	$(BIN)/python -m codegen check

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# Hypothesis runs its fast `dev` profile unless told otherwise (CI: HYPOTHESIS_PROFILE=ci).
pytest: install
	$(BIN)/python -m pytest -q

test: lint typecheck check-generated pytest

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
