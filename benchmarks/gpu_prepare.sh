#!/usr/bin/env bash
# Prepare, on a machine with PyPI and the dataset, what benchmarks/gpu.sh carries to a lent GPU machine (issue 28).
# That machine has JAX, pandas, scikit-learn, statsmodels, OpenCV and friends for its Python 3.12, reaches no
# registry, and takes 64 MiB a call. So this writes two ignored folders to carry:
#   .whl/  the wheels its image lacks (Keras, Dask and what they need), built for CPython 3.12 on x86-64, at the
#          versions of this .venv;
#   .gpu/  the held-out protocol's preprocessed faces (this checkout's cache, xz-compressed, about 26 MB) with the
#          dataset's legend and its images' names and sizes, which key that cache: the device rebuilds nothing.
# Then: run(command='bash benchmarks/gpu.sh', carry=['.whl', '.gpu'], timeout_s=...).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
for d in .whl .gpu; do grep -qx "/$d/" .git/info/exclude 2>/dev/null || echo "/$d/" >> .git/info/exclude; done
rm -rf .whl .gpu && mkdir -p .whl .gpu
version() { "$PY" -c "from importlib.metadata import version; print(version('$1'))"; }
PLATFORMS="--platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux_2_17_x86_64
           --platform manylinux2014_x86_64 --platform manylinux1_x86_64"
for p in keras namex optree dask distributed partd locket tblib zict tornado; do
  "$PY" -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp --abi cp312 \
    --abi abi3 --abi none $PLATFORMS --platform any -d .whl "$p==$(version "$p")"
done
"$PY" - <<'PY'
import lzma, shutil
from pathlib import Path
from emotion_paper.data import get_dataset
from emotion_paper.faces import load_data, _source_key
from emotion_paper.config import config_hash, data_root
root = get_dataset()
load_data('clean')  # builds the cache where it is missing
key = config_hash(dict(src=_source_key(root), mode='clean', size=50, v=2))
cache = data_root()/'cache'/f'processed-{key}.npz'
with open(cache, 'rb') as f, lzma.open('.gpu/faces.npz.xz', 'wb', preset=6) as g: shutil.copyfileobj(f, g)
Path('.gpu/cache_name').write_text(cache.name + '\n')
shutil.copy(root/'data'/'legend.csv', '.gpu/legend.csv')
Path('.gpu/images.tsv').write_text(''.join(f'{p.name}\t{p.stat().st_size}\n' for p in sorted((root/'images').iterdir())))
PY
du -sh .whl .gpu
