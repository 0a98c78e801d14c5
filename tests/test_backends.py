"""One model code on every Keras backend: JAX (CPU here, the GPU machine's backend) beside TensorFlow. Each check
runs in a subprocess, because Keras picks its backend once per process."""
import contextlib, io, json, os, subprocess, sys, textwrap
import numpy as np
from fastcore import test as fc  # as fc.test_eq: pytest would collect a bare test_eq as a test

def run_py(code: str, backend: str, env_extra: dict | None = None, timeout: int = 900) -> str:
    "Run `code` with KERAS_BACKEND=`backend`; return its stdout (the test fails with its stderr if it fails)."
    env = os.environ | {'KERAS_BACKEND': backend} | (env_extra or {})
    r = subprocess.run([sys.executable, '-c', textwrap.dedent(code)], capture_output=True, text=True, env=env,
                       timeout=timeout)
    assert r.returncode == 0, r.stderr[-4000:]
    return r.stdout

ARCH = """
    import json
    from emotion_paper.models import build_model
    variants = dict(final={}, relu=dict(activation='relu'), lstm=dict(lstm=True), fer=dict(backbone='fer'))
    out = {k: [(l.name, l.count_params()) for l in build_model(**kw).layers] for k, kw in variants.items()}
    print(json.dumps(out))
"""

def run_here(code: str) -> str:
    "Run `code` in this process (its Keras backend); return what it printed."
    with contextlib.redirect_stdout(io.StringIO()) as out: exec(textwrap.dedent(code), {})
    return out.getvalue()

def test_one_architecture_on_every_backend():
    "The same layer names and parameter counts under TensorFlow and JAX (this process's backend built here)."
    import keras
    tf, jx = (json.loads((run_here(ARCH) if b == keras.backend.backend() else run_py(ARCH, b)).strip().splitlines()[-1])
              for b in ('tensorflow', 'jax'))
    assert tf == jx

GRADCAM_AGAIN = """
    import keras, numpy as np
    import emotion_paper.models  # registers FusedBatchNorm
    from emotion_paper.heatmaps import gradcam
    m, x = keras.models.load_model({model!r}), np.load({faces!r})
    p = m.predict(x[..., None], verbose=0)
    np.save({out!r}, dict(p=p, cam64=gradcam(m, x, p.argmax(1)), cam32=gradcam(m, x, p.argmax(1), dtype='float32')))
"""

def test_weights_load_across_backends_and_gradcam_agrees(dataset, tmp_path):
    """A model trained under TensorFlow, saved as .keras, predicts the same under JAX and TensorFlow without oneDNN;
    its float64 Grad-CAM agrees across backends and is identical with oneDNN on and off, where float32's is not."""
    env = {'EMOTION_PAPER_DATA': str(dataset)}
    run_py(f"""
        import numpy as np
        from emotion_paper.train import run_experiment
        from emotion_paper.faces import load_data
        r = run_experiment('final', 'held_out', 'quick', verbose=0, weights=True)
        r.model().save({str(tmp_path/'m.keras')!r})
        np.save({str(tmp_path/'x.npy')!r}, load_data('clean').x[:64])
    """, 'tensorflow', env)
    runs = dict(tf=('tensorflow', {}), jax=('jax', {}), eigen=('tensorflow', {'TF_ENABLE_ONEDNN_OPTS': '0'}))
    out = {}
    for name, (backend, extra) in runs.items():
        run_py(GRADCAM_AGAIN.format(model=str(tmp_path/'m.keras'), faces=str(tmp_path/'x.npy'),
                                    out=str(tmp_path/f'{name}.npy')), backend, env | extra)
        out[name] = np.load(tmp_path/f'{name}.npy', allow_pickle=True).item()
    tf, jx, eigen = out['tf'], out['jax'], out['eigen']
    assert np.abs(tf['p'] - jx['p']).max() < 1e-5 and np.abs(tf['p'] - eigen['p']).max() < 1e-5
    assert tf['cam64'].dtype == 'float64' and np.abs(tf['cam64'] - jx['cam64']).max() < 1e-5, 'TF and JAX agree'
    assert not np.array_equal(tf['cam32'], eigen['cam32']), 'float32: oneDNN and Eigen differ in the last bits'
    assert np.array_equal(tf['cam64'], eigen['cam64']), 'float64: the same maps whichever kernels ran'

def test_jax_sweep_retrains_the_same_here_and_never_imports_tensorflow(dataset, faces_home):
    """Under JAX: 2 experiments swept on a LocalCluster are recorded under the JAX platform; one of them retrained in
    this process (no Dask), with Python's global `random` moved on after seeding, is identical to the worker's
    record; TensorFlow is never imported. It once differed: Keras shuffled a `PyDataset`'s batches with the global
    `random`, which a Dask worker's event loop draws from at times of its own."""
    out = run_py("""
        import sys
        import emotion_paper.cli, emotion_paper.claims, emotion_paper.beyond, emotion_paper.predict
        from emotion_paper.sweep import sweep, check_run
        from emotion_paper.records import finished_runs, records_dir, this_platform
        res = sweep([178], ['final', 'relu'], ['held_out'], 'quick', verbose=0)
        assert not res.result.str.startswith('failed').any(), res
        relu = res.run.iloc[1]
        assert (records_dir('quick')/this_platform()/f'{relu}.json').exists()
        import random, emotion_paper.fitting as fitting
        seeded = fitting.seed_everything
        def seeded_then_moved(seed):  # as when a Dask worker's event loop draws meanwhile
            seeded(seed); random.seed(seed + 1)
        fitting.seed_everything = seeded_then_moved
        diff = check_run(relu, 'quick')
        assert diff.attrs['same_platform'] and diff.empty, diff.to_string()
        print(sorted({r.platform.split('-')[0] for r in finished_runs('quick')}), len(res), 'tensorflow' in sys.modules)
    """, 'jax', {'EMOTION_PAPER_DATA': str(dataset)})
    fc.test_eq(out.strip().splitlines()[-1], "['jax'] 3 False")
