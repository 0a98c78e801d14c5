"""Time the final CNN two ways on this machine, in one run: (a) a plain `model.fit` on NumPy arrays with
TensorFlow's defaults, (b) the package's own path (uint8 tf.data pipeline with prefetch, scaling in the
graph, oneDNN on). Same model, batch size 32, seed and rows; prints ms/step, s/epoch, their ratio and
both validation-accuracy trajectories.

    .venv/bin/python benchmarks/bench_cnn.py [--rows 12000] [--epochs 2] [--xla]
Each variant runs in its own process, because oneDNN is chosen when TensorFlow is imported."""
import argparse, json, os, subprocess, sys, time

def variant(kind: str, rows: int, epochs: int, xla: bool) -> dict:
    if kind == 'plain': os.environ['TF_ENABLE_ONEDNN_OPTS'] = '0'   # TensorFlow's default on this AMD CPU
    from emotion_paper.config import SEED, environment
    from emotion_paper.data import load_data
    from emotion_paper.balance import make_split
    from emotion_paper.models import build_model
    from emotion_paper.train import EpochTimer, make_dataset, seed_everything
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
    return dict(kind=kind, ms_per_step=timer.ms_per_step, seconds=timer.seconds, val_accuracy=h.history['val_accuracy'], accuracy=h.history['accuracy'],
                device=environment()['device'], onednn=os.environ.get('TF_ENABLE_ONEDNN_OPTS'))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--rows', type=int, default=12000); ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--xla', action='store_true'); ap.add_argument('--variant')
    a = ap.parse_args()
    if a.variant:
        print('RESULT ' + json.dumps(variant(a.variant, a.rows, a.epochs, a.xla)), flush=True); sys.exit()
    res = {}
    for kind in ('plain', 'package'):
        print(f'== {kind}', flush=True)
        out = subprocess.run([sys.executable, __file__, '--variant', kind, '--rows', str(a.rows), '--epochs', str(a.epochs)] + (['--xla'] if a.xla and kind == 'package' else []),
                             capture_output=True, text=True, check=True).stdout
        print('\n'.join(l for l in out.splitlines() if 'RESULT' not in l))
        res[kind] = json.loads(next(l for l in out.splitlines() if l.startswith('RESULT'))[7:])
    p, q = res['plain'], res['package']
    steady = lambda v: sum(v[1:]) / len(v[1:]) if len(v) > 1 else v[0]  # the first epoch includes tracing
    pm, qm = steady(p['ms_per_step']), steady(q['ms_per_step'])
    same = all(abs(u - v) <= 0.02 for u, v in zip(p['accuracy'], q['accuracy']))
    print(f"\ndevice: {q['device']}\nplain fit on NumPy (oneDNN {p['onednn']}): {pm:.1f} ms/step, {steady(p['seconds']):.1f} s/epoch"
          f"\npackage pipeline (oneDNN {q['onednn']}{', XLA' if a.xla else ''}): {qm:.1f} ms/step, {steady(q['seconds']):.1f} s/epoch"
          f"\nspeed-up: {pm/qm:.2f}x per step (epochs after the first)"
          f"\ntraining accuracy per epoch: plain {[round(v, 4) for v in p['accuracy']]}, package {[round(v, 4) for v in q['accuracy']]}"
          f"\nval accuracy per epoch: plain {[round(v, 4) for v in p['val_accuracy']]}, package {[round(v, 4) for v in q['val_accuracy']]}"
          f"\nsame training trajectory within 0.02: {same}")
