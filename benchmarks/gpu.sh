#!/usr/bin/env bash
# The seed campaign on a lent GPU machine (issue 28): `emotion-paper decide` under Keras 3's JAX backend with XLA's
# deterministic GPU kernels and RUNS_PER_GPU local workers, within $HOURS; the records it writes come back as
# $OUT/records.tar.gz (unpack them at the repository root and commit them). Needs what benchmarks/gpu_prepare.sh
# wrote (.whl, .gpu), carried. Dry run here, on the CPU: NO_WHEELS=1 PYTHON=.venv/bin/python PROFILE=quick
# JAX_PLATFORMS=cpu MAX_SEEDS=1 OUT=/tmp/gpu-out bash benchmarks/gpu.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
OUT=${OUT:-/tmp/gpu-out}; mkdir -p "$OUT"
[ -f .gpu/faces.npz.xz ] || { echo "no .gpu/: run benchmarks/gpu_prepare.sh here first and carry .gpu and .whl"; exit 2; }
if [ -z "${NO_WHEELS:-}" ]; then
  "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site:$PWD
else export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}; fi
# A skeleton of the dataset keys the carried cache: its legend, and images of the right names and sizes (sparse files).
D=${DATA_SKELETON:-/tmp/emotion-paper-data}; rm -rf "$D"; mkdir -p "$D/data" "$D/images" data/cache
cp .gpu/legend.csv "$D/data/"
(cd "$D/images" && while IFS=$'\t' read -r name size; do truncate -s "$size" "$name"; done < "$OLDPWD/.gpu/images.tsv")
"$PY" -c "import lzma, shutil; shutil.copyfileobj(lzma.open('.gpu/faces.npz.xz'), open('data/cache/$(cat .gpu/cache_name)', 'wb'))"
export EMOTION_PAPER_DATA=$D KERAS_BACKEND=jax XLA_FLAGS=${XLA_FLAGS:---xla_gpu_deterministic_ops=true} PYTHONUNBUFFERED=1
touch "$OUT/.start"; sleep 1
set -o pipefail
"$PY" -m emotion_paper.cli decide --profile "${PROFILE:-paper}" --hours "${HOURS:-0.15}" \
  ${MAX_SEEDS:+--max-seeds $MAX_SEEDS} 2>&1 | tee "$OUT/decide.log" | grep -v "^[0-9]*/[0-9]* .*step" || rc=$?
find records data/*/records -name '*.json' -newer "$OUT/.start" 2>/dev/null | tar czf "$OUT/records.tar.gz" -T -
echo "records back: $(tar tzf "$OUT/records.tar.gz" | wc -l) (in $OUT/records.tar.gz)"
exit ${rc:-0}
