# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
SAMPLE := samples/news-article.html

.PHONY: demo test test-slow lint ext train oof bench bench-scale fuzz soak clean

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
	$(PY) -m ruff check src tests bench training fuzz
	$(PY) -m mypy

# Rebuild the compiled modules in place (after editing src/thresher/html/_walk.pyx or
# src/thresher/label/_kernels.pyx). setup.py reads pyproject.toml, whose license field needs
# setuptools>=77 (the dev extra installs it).
ext: $(VENV)/.installed-dev
	$(PY) setup.py build_ext --inplace

# Train the page-type models of both front ends (shipped, and the folds whose types the
# labellers learn from), then the shipped labellers (HTML and flat text), then the headline
# chooser of flat text (from the flat labeller's folds) on ../shared/datasets (or
# $$THRESHER_DATASETS).
train: $(VENV)/.installed-train
	$(PY) -m training.pagetype
	$(PY) -m training.pagetype --oof
	$(PY) -m training.pagetype --input flat
	$(PY) -m training.pagetype --input flat --oof
	$(PY) -m training.train
	$(PY) -m training.train --input flat
	$(PY) -m training.train --oof --input flat
	$(PY) -m training.headline

# Out-of-fold models (5 folds grouped by site) for honest benchmark scores: the page types
# first (they set the labellers' thresholds and whether a page can have a standfirst), then
# HTML and flat text, then flat text's headline chooser.
oof: $(VENV)/.installed-train
	$(PY) -m training.pagetype --oof
	$(PY) -m training.pagetype --input flat --oof
	$(PY) -m training.train --oof
	$(PY) -m training.train --oof --input flat
	$(PY) -m training.headline --oof

bench: $(VENV)/.installed-bench oof
	$(PY) -m bench.run

# Corpus scale: `thresher run` with 1 and 2 workers on a WARC built from the dev pages.
bench-scale: $(VENV)/.installed-bench
	$(PY) -m bench.scale

# 100,000 records through the local engine with memory sampled: RSS must stay flat.
soak: $(VENV)/.installed-test
	$(PY) -m bench.soak

# Coverage-guided fuzzing of extract, extract_text and the WARC reader (atheris).
FUZZ_SECONDS ?= 300
fuzz: $(VENV)/.installed-fuzz
	$(PY) -m fuzz.run --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
