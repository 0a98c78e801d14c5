"""Time the final CNN two ways on this machine, in one run: (a) a plain `model.fit` on NumPy arrays with
TensorFlow's and Keras' defaults (oneDNN off, Keras 3's own batch norm), (b) the package's own path (uint8
tf.data pipeline with prefetch, scaling in the graph, oneDNN on, the fused batch-norm kernel). Same model,
batch size 32, seed and rows; prints ms/step, s/epoch, their ratio and both validation-accuracy trajectories.

    .venv/bin/python benchmarks/bench_cnn.py [--rows 12000] [--epochs 2] [--rounds 3] [--xla]
Each variant runs in its own process, because oneDNN is chosen when TensorFlow is imported. The
variants alternate over several rounds (the first in each round alternates too), because the speed
of a shared 2-core machine drifts; each round times the epochs after the first (which traces), and
the median over rounds is reported."""
import argparse, json, os, subprocess, sys

def variant(kind: str, rows: int, epochs: int, xla: bool) -> dict:
    if kind == 'plain': os.environ['TF_ENABLE_ONEDNN_OPTS'] = '0'   # TensorFlow's default on this AMD CPU
    from emotion_paper.config import SEED
    from emotion_paper.backend import device_name
    from emotion_paper.faces import load_data
    from emotion_paper.balance import make_split
    from emotion_paper import models
    if kind == 'plain': models.FusedBatchNorm = models.layers.BatchNormalization   # Keras 3's own batch norm
    from emotion_paper.models import build_model
    from emotion_paper.fitting import EpochTimer, make_dataset
    from emotion_paper.backend import seed_everything
    ds = load_data('clean')
    s = make_split(ds, 'held_out', seed=SEED)
    train, val = s.train[:rows], s.val
    seed_everything(SEED)
    model = build_model()
    if xla: model.jit_compile = True
    timer = EpochTimer()
    if kind == 'plain':
        x = ds.x[..., None].astype('float32')
        h = model.fit(x[train], ds.y[train], batch_size=32, epochs=epochs, validation_data=(x[val], ds.y[val]),
                      shuffle=True, callbacks=[timer], verbose=2)
    else:
        h = model.fit(make_dataset(ds, train, shuffle=True), validation_data=make_dataset(ds, val), epochs=epochs,
                      callbacks=[timer], verbose=2)
    return dict(kind=kind, ms_per_step=timer.ms_per_step, seconds=timer.seconds,
                val_accuracy=h.history['val_accuracy'], accuracy=h.history['accuracy'],
                device=device_name(), onednn=os.environ.get('TF_ENABLE_ONEDNN_OPTS'))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--rows', type=int, default=12000); ap.add_argument('--epochs', type=int, default=2)
    ap.add_argument('--rounds', type=int, default=3)
    ap.add_argument('--xla', action='store_true'); ap.add_argument('--variant')
    a = ap.parse_args()
    if a.variant:
        print('RESULT ' + json.dumps(variant(a.variant, a.rows, a.epochs, a.xla)), flush=True); sys.exit()
    import statistics
    res = {'plain': [], 'package': []}
    for r in range(a.rounds):
        for kind in (('plain', 'package') if r % 2 == 0 else ('package', 'plain')):
            print(f'== round {r + 1}: {kind}', flush=True)
            out = subprocess.run([sys.executable, __file__, '--variant', kind, '--rows', str(a.rows), '--epochs',
                                  str(a.epochs)] + (['--xla'] if a.xla and kind == 'package' else []),
                                 capture_output=True, text=True, check=True).stdout
            print('\n'.join(l for l in out.splitlines() if 'RESULT' not in l), flush=True)
            res[kind].append(json.loads(next(l for l in out.splitlines() if l.startswith('RESULT'))[7:]))
    steady = lambda runs, key: statistics.median(v for run in runs for v in run[key][1:])
    pm, qm = steady(res['plain'], 'ms_per_step'), steady(res['package'], 'ms_per_step')
    p, q = res['plain'][0], res['package'][0]
    same = all(abs(u - v) <= 0.02 for u, v in zip(p['accuracy'], q['accuracy']))
    print(f"\ndevice: {q['device']}; {a.rounds} alternating rounds, {a.rows} rows, batch 32"
          f"\nplain fit on NumPy (oneDNN {p['onednn']}): median {pm:.1f} ms/step, "
          f"{steady(res['plain'], 'seconds'):.1f} s/epoch"
          f"\npackage pipeline (oneDNN {q['onednn']}{', XLA' if a.xla else ''}): median {qm:.1f} ms/step, "
          f"{steady(res['package'], 'seconds'):.1f} s/epoch"
          f"\nspeed-up: {pm/qm:.2f}x per step"
          f"\nper round ms/step: plain {[[round(v) for v in r['ms_per_step']] for r in res['plain']]}, package "
          f"{[[round(v) for v in r['ms_per_step']] for r in res['package']]}"
          f"\ntraining accuracy per epoch: plain {[round(v, 4) for v in p['accuracy']]}, package "
          f"{[round(v, 4) for v in q['accuracy']]}"
          f"\nsame training trajectory within 0.02: {same}")
