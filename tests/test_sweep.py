"""The seed sweep on each kind of scheduler: a real Dask scheduler and worker, started here as separate processes on
127.0.0.1 with no filesystem shared with the client (stopped afterwards whatever happens), and a `LocalCluster` under
a CPU limit. JAX's `LocalCluster` is tested in `test_backends.py`."""
import json, os, socket, subprocess, sys, time
from pathlib import Path
import pytest
from fastcore import test as fc  # as fc.test_eq: pytest would collect a bare test_eq as a test
from conftest import new_home

BIN = Path(sys.executable).parent

def _free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def _wait_for(port: int, proc, timeout=60):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None: raise RuntimeError(f'{proc.args[1]} exited with {proc.returncode}')
        with socket.socket() as s:
            if s.connect_ex(('127.0.0.1', port)) == 0: return
        time.sleep(.5)
    raise TimeoutError(f'nothing listens on port {port}')

def _stop(procs: list):
    for p in reversed(procs):
        p.terminate()
        try: p.wait(20)
        except subprocess.TimeoutExpired: p.kill(); p.wait()

@pytest.fixture
def scheduler(dataset, faces, tmp_path):
    """A `dask scheduler` with no worker yet, as a separate process; yields its address, the home a worker will have
    and a function that starts one `dask worker` (a process of its own, in that home)."""
    port, procs = _free_port(), []
    worker_home = new_home(tmp_path/'worker', faces)
    env = os.environ | dict(EMOTION_PAPER_HOME=str(worker_home), EMOTION_PAPER_DATA=str(dataset))
    def start_worker():
        procs.append(subprocess.Popen([BIN/'dask', 'worker', f'tcp://127.0.0.1:{port}', '--nworkers', '1',
                                       '--nthreads', '1', '--no-dashboard'], env=env, cwd=worker_home,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        procs.append(subprocess.Popen([BIN/'dask', 'scheduler', '--host', '127.0.0.1', '--port', str(port),
                                       '--dashboard-address', ':0'],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for(port, procs[0])
        yield f'tcp://127.0.0.1:{port}', worker_home, start_worker
    finally: _stop(procs)

def test_sweep_on_a_real_scheduler(dataset, faces_home, scheduler):
    """With no worker the sweep says so while it waits, then gives up after --worker-timeout, naming the runs left;
    with one, every run trains there and its records come back here; a second sweep finds them all recorded."""
    address, worker_home, start_worker = scheduler
    env = os.environ | dict(EMOTION_PAPER_DATA=str(dataset))
    def sweep(*extra, timeout=900):
        return subprocess.run([BIN/'emotion-paper', 'sweep', '--seed-list', '178', '--experiments', 'final', 'relu',
                               '--protocols', 'held_out', '--profile', 'quick', '--scheduler', address, *extra],
                              env=env, capture_output=True, text=True, timeout=timeout)
    alone = sweep('--worker-timeout', '8', timeout=300)
    assert alone.returncode == 1, alone.stdout[-2000:] + alone.stderr[-2000:]
    assert 'No worker is connected to the scheduler' in alone.stdout
    assert ('giving up on 3 runs: final [held_out, seed 178], relu [held_out, seed 178], final [by_person, seed 178]'
            in alone.stdout), alone.stdout[-2000:]
    assert '0 trained, 0 already recorded, 3 failed' in alone.stdout
    start_worker()
    r = sweep()
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert '3 trained, 0 already recorded, 0 failed' in r.stdout and 'Dask dashboard' in r.stdout
    home = faces_home
    mine = sorted(p.name.split('-')[0] for p in (home/'data'/'quick'/'records').glob('*/*.json'))
    fc.test_eq(mine, ['bn']*2 + ['final']*2 + ['relu'])  # every record came back to the client
    assert (worker_home/'data'/'results'/'quick').is_dir(), 'trained on the worker'
    assert not (home/'data'/'results').exists(), 'not here'
    rec = json.loads(next((home/'data'/'quick'/'records').glob('*/relu-*.json')).read_text())
    assert rec['config']['seed'] == 178 and len(rec['history']) == 1 and 0 <= rec['metrics']['macro_f1'] <= 1
    again = sweep(timeout=300)
    assert again.returncode == 0 and '3 runs planned, 3 already recorded, 0 to train' in again.stdout

def test_sweep_bad_input_fails_before_training(dataset, faces_home, capsys):
    """The command's own entry point (`main`, which the `emotion-paper` script exits with), here, not in a new process:
    a bad input is exit code 2 and one line. The library's own bad inputs (seed lists, names, an unreachable
    scheduler) are tested once, in `07_sweep`; this one exists only on the command line."""
    from emotion_paper.cli import main
    args, message = ['--beyond', '--protocols', 'paper'], '--beyond chooses'
    code, err = main(['sweep', '--profile', 'quick', '--seeds', '1', *args]), capsys.readouterr().err
    assert code == 2 and message in err, err[-2000:]
    assert not (faces_home/'data'/'results').exists(), 'nothing was trained'

@pytest.mark.skipif(not __import__('shutil').which('taskset'), reason='taskset (util-linux) is not installed')
def test_one_thread_count_under_a_cpu_limit(dataset, faces_home):
    "Under `taskset -c 0`: TensorFlow started first, a run swept on a LocalCluster worker, then retrained here: same."
    code = ("import keras; keras.ops.add(1, 1)\n"  # TensorFlow starts before the sweep, as in nbdev_test's process
            "from emotion_paper.sweep import sweep, check_run\n"
            "res = sweep([178], ['relu'], ['held_out'], 'quick', verbose=0)\n"
            "d = check_run(res.run.iloc[0], 'quick')\n"
            "print(d.attrs['platform'], len(d))\n")
    env = os.environ | dict(EMOTION_PAPER_DATA=str(dataset))
    r = subprocess.run(['taskset', '-c', '0', sys.executable, '-c', code], env=env, capture_output=True, text=True,
                       timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    platform, differing = r.stdout.split()[-2:]
    assert platform.endswith('-t1') and differing == '0', r.stdout[-2000:]
