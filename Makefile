# emotion-paper: every target bootstraps .venv first, so each one works on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# The CUDA build of TensorFlow where an NVIDIA driver is present, the CPU build elsewhere.
TF_EXTRA := $(if $(shell command -v nvidia-smi 2>/dev/null),gpu,cpu)
# Data: $EMOTION_PAPER_DATA if set; else the shared copy beside the project (tests, CI); else GitHub.
SHARED_DATA := $(abspath ../shared/data/facial_expressions)
ifeq ($(origin EMOTION_PAPER_DATA), undefined)
ifneq ($(wildcard $(SHARED_DATA)/data/legend.csv),)
export EMOTION_PAPER_DATA := $(SHARED_DATA)
endif
endif
export PYTHONUNBUFFERED := 1

.PHONY: venv data paper quick seeds test lab check-clean readme docs browser
venv: $(VENV)/.installed
$(VENV)/.installed: settings.ini setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[$(TF_EXTRA),dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name emotion-paper --display-name "emotion-paper (project .venv)"
	touch $@

data: venv  ## fetch, verify and preprocess the dataset; print the report
	$(BIN)/emotion-paper data

paper: venv  ## the main job: regenerate every figure and table into figures/ (full profile)
	$(BIN)/emotion-paper data
	$(BIN)/emotion-paper reproduce --profile paper

quick: venv  ## the same pipeline on a small subset, into data/quick/figures/
	$(BIN)/emotion-paper reproduce --profile quick

SEEDS ?= 5
seeds: venv  ## the seed sweep: every arm of every comparison over $(SEEDS) seeds (paper profile), on a local Dask cluster
	$(BIN)/emotion-paper data
	$(BIN)/emotion-paper sweep --seeds $(SEEDS) --profile paper $(if $(SCHEDULER),--scheduler $(SCHEDULER),)

test: venv browser  ## nbdev_test over every notebook (quick profile) and pytest
	$(BIN)/nbdev_export
	cd nbs && ../$(BIN)/nbdev_test --n_workers 1 --timing
	$(BIN)/pytest -q tests

check-clean: venv  ## fail if nbdev_clean or nbdev_export would change a committed file
	$(BIN)/nbdev_clean
	$(BIN)/nbdev_export
	git diff --exit-code -- nbs emotion_paper || { echo "nbdev_clean/nbdev_export changed committed files: run them and commit"; exit 1; }

lab: venv  ## JupyterLab in the project root with the project's kernel (prints its URL; a taken port moves to the next free one)
	$(BIN)/jupyter lab --ip 127.0.0.1 --port $${PORT:-8888} --no-browser --ServerApp.root_dir=$(CURDIR) $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

readme: venv  ## README.md from nbs/index.ipynb: nbdev_readme where Quarto exists, nbconvert otherwise
	if command -v quarto >/dev/null; then $(BIN)/nbdev_readme; else \
	  $(BIN)/jupyter nbconvert --to markdown nbs/index.ipynb --output-dir . --output README --log-level WARN; fi

docs: venv  ## the docs site in _docs/: Quarto via nbdev_docs where quarto exists, else nbconvert (says which)
	$(BIN)/python -c "from emotion_paper.docs import build_docs; how, out = build_docs(); print(f'docs built with {how} into {out}')"

browser:  ## headless Chromium for the browser tests (Debian packages; needs root or sudo)
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver; fi
