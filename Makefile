# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
SAMPLE := samples/news-article.html

.PHONY: demo test test-slow lint train oof bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# one stamp per set of extras, so each target installs only what it needs
$(VENV)/.installed-%: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e ".[$*]"
	touch $@

$(VENV)/.installed-base: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	touch $@

demo: $(VENV)/.installed-base
	$(VENV)/bin/thresher extract --format markdown $(SAMPLE)

test: $(VENV)/.installed-test
	$(PY) -m pytest -q

test-slow: $(VENV)/.installed-test
	$(PY) -m pytest -q -m slow

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check src tests bench training
	$(PY) -m mypy

# Train the shipped labeller on ../shared/datasets (or $$THRESHER_DATASETS).
train: $(VENV)/.installed-train
	$(PY) -m training.train
	$(PY) -m training.pagetype

# Out-of-fold models (5 folds grouped by site) for honest benchmark scores.
oof: $(VENV)/.installed-train
	$(PY) -m training.train --oof
	$(PY) -m training.pagetype --oof

bench: $(VENV)/.installed-bench oof
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
