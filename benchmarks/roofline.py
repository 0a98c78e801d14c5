"""How far one training step of the paper's CNN is from what this CPU's arithmetic allows.

    .venv/bin/python benchmarks/roofline.py [--steps 300] [--record]

Three numbers, measured in one process with the package's own settings (`backend.configure()`: its threads,
oneDNN, determinism):
- the floating-point work of one training step, counted from the model's layers: 2 FLOPs a multiply-add in every
  convolution and dense layer, times the batch of 32, times 3 for a training step (the forward pass, and a
  backward pass of about twice its work: gradients with respect to inputs and to weights). Batch norm, the
  activations and pooling are left out: a few percent of the work;
- the arithmetic limit: the float32 GFLOP/s of a large matrix product on the same threads, best of several
  (what the CPU's vector units deliver through TensorFlow's kernels, a practical peak);
- the measured milliseconds a step of `model.fit` through the package's own pipeline on real faces (the first
  `--steps` batches of the held-out split's training rows), the epochs after the first, which traces. On random
  faces with random labels the later epochs ran 40% slower than the first on the same machine, so random data
  would not time the real workload.
`--record` puts the result first in `benchmarks/roofline.json`, which `17_findings` renders into the README's
Speed table."""
import argparse, datetime, json, platform, subprocess, time
from pathlib import Path

def train_flops(model, batch: int = 32) -> float:
    "FLOPs of one training step: 3 x (2 x the multiply-adds of the convolutions and dense layers) x `batch`."
    import keras, numpy as np
    macs = 0
    for l in model.layers:
        if isinstance(l, keras.layers.Conv2D):
            macs += np.prod(l.output.shape[1:]) * np.prod(l.kernel.shape[:-1])
        elif isinstance(l, keras.layers.Dense):
            macs += np.prod(l.kernel.shape)
    return float(3 * 2 * macs * batch)

def matmul_gflops(n: int = 2048, repeats: int = 10) -> float:
    "The best float32 GFLOP/s of an n x n matrix product over `repeats` tries."
    import numpy as np, tensorflow as tf
    a, b = (tf.constant(np.random.default_rng(i).random((n, n), dtype='float32')) for i in (0, 1))
    best = float('inf')
    for _ in range(repeats):
        t = time.perf_counter(); tf.linalg.matmul(a, b).numpy(); best = min(best, time.perf_counter() - t)
    return 2 * n**3 / best / 1e9

def step_ms(model, steps: int) -> float:
    "The median ms a step of `model.fit` on the package's pipeline over real held-out training faces, epochs 2 on."
    import numpy as np
    from emotion_paper.config import SEED
    from emotion_paper.faces import load_data
    from emotion_paper.balance import make_split
    from emotion_paper.fitting import EpochTimer, make_dataset
    ds = load_data('clean')
    timer = EpochTimer()
    model.fit(make_dataset(ds, make_split(ds, 'held_out', seed=SEED).train[:32*steps], shuffle=True), epochs=3,
              callbacks=[timer], verbose=2)
    return float(np.median(timer.ms_per_step[1:]))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--steps', type=int, default=300); ap.add_argument('--record', action='store_true')
    a = ap.parse_args()
    from emotion_paper.backend import configure, cpu_isa, platform_info
    threads = configure()
    from emotion_paper.models import build_model
    model = build_model()
    flops, peak, ms = train_flops(model), matmul_gflops(), step_ms(model, a.steps)
    info = platform_info()
    vendor, isa = cpu_isa()
    row = dict(date=datetime.date.today().isoformat(),
               commit=subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True,
                                     cwd=Path(__file__).parent).stdout.strip(),
               machine=f"{info.get('threads')} threads ({platform.machine()}, {vendor}, {isa})", configure=threads,
               gflop_per_step=round(flops/1e9, 3), matmul_gflops=round(peak, 1), ms_per_step=round(ms, 1),
               floor_ms=round(flops/peak/1e6, 1), share_of_limit=round(flops/peak/1e6/ms, 3))
    print(json.dumps(row, indent=1))
    if a.record:
        path = Path(__file__).parent/'roofline.json'
        old = json.loads(path.read_text()) if path.exists() else dict(about=__doc__.splitlines()[0], measurements=[])
        old['measurements'].insert(0, row)
        tmp = path.with_suffix('.tmp'); tmp.write_text(json.dumps(old, indent=2) + '\n'); tmp.replace(path)
