#!/usr/bin/env bash
# `make article`: render article/ to HTML, PDF and JATS (bundled as MECA) into article/_render, then swap it in for
# article/_output whole, so a reader (make docs, copying it onto the site) never finds a half-written article. make
# runs this under flock, so two renders (make test runs make article and make docs side by side) never share a folder.
set -euo pipefail
cd "$(dirname "$0")/.."
q=$(dirname "$(command -v quarto)")
if [ -x "$q/tools/x86_64/typst" ] || [ -x "$q/tools/typst" ]; then unset QUARTO_TYPST  # the official release's
else export QUARTO_TYPST=$PWD/article/typst; fi  # the PyPI typst wheel behind Quarto's typst CLI
rm -rf article/_render
QUARTO_PYTHON=$PWD/${BIN:-.venv/bin}/python quarto render article --output-dir _render --quiet
${BIN:-.venv/bin}/python -c 'import sys; from pathlib import Path; from emotion_paper.article import meca_bundle
print(meca_bundle(Path(sys.argv[1]), Path(sys.argv[2])))' article/_render article/index.qmd
rm -rf article/_output.old; [ ! -d article/_output ] || mv article/_output article/_output.old
mv article/_render article/_output && rm -rf article/_output.old
ls -l article/_output/index.html article/_output/article.pdf article/_output/article.xml article/_output/article-meca.zip
