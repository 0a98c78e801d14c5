"""The seed sweep against a real Dask scheduler and worker, started here as separate processes on 127.0.0.1
with no filesystem shared with the client, and stopped afterwards whatever happens."""
import json, os, socket, subprocess, sys, time
from pathlib import Path
import pytest
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

@pytest.fixture
def scheduler(dataset, faces, tmp_path):
    "A `dask scheduler` and one `dask worker` (its own project home), as separate processes; yields the address."
    port, procs = _free_port(), []
    worker_home = new_home(tmp_path/'worker', faces)
    env = os.environ | dict(EMOTION_PAPER_HOME=str(worker_home), EMOTION_PAPER_DATA=str(dataset))
    try:
        procs.append(subprocess.Popen([BIN/'dask', 'scheduler', '--host', '127.0.0.1', '--port', str(port),
                                       '--dashboard-address', ':0'],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for(port, procs[0])
        procs.append(subprocess.Popen([BIN/'dask', 'worker', f'tcp://127.0.0.1:{port}', '--nworkers', '1',
                                       '--nthreads', '1',
                                       '--no-dashboard'], env=env, cwd=worker_home, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        yield f'tcp://127.0.0.1:{port}', worker_home
    finally:
        for p in reversed(procs):
            p.terminate()
            try: p.wait(20)
            except subprocess.TimeoutExpired: p.kill(); p.wait()

def test_sweep_on_a_real_scheduler(dataset, faces_home, scheduler):
    address, worker_home = scheduler
    env = os.environ | dict(EMOTION_PAPER_DATA=str(dataset))
    r = subprocess.run([BIN/'emotion-paper', 'sweep', '--seed-list', '178', '--experiments', 'final', 'relu',
                        '--protocols', 'held_out',
                        '--profile', 'quick', '--scheduler', address], env=env, capture_output=True, text=True,
                            timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert '3 trained, 0 already recorded, 0 failed' in r.stdout and 'Dask dashboard' in r.stdout
    home = faces_home
    mine = sorted(p.name.split('-')[0] for p in (home/'data'/'quick'/'records').glob('*/*.json'))
    assert mine == ['bn']*2 + ['final']*2 + ['relu'], 'every record came back to the client'
    assert (worker_home/'data'/'results'/'quick').is_dir(), 'trained on the worker'
    assert not (home/'data'/'results').exists(), 'not here'
    rec = json.loads(next((home/'data'/'quick'/'records').glob('*/relu-*.json')).read_text())
    assert rec['config']['seed'] == 178 and len(rec['history']) == 1 and 0 <= rec['metrics']['macro_f1'] <= 1
    again = subprocess.run([BIN/'emotion-paper', 'sweep', '--seed-list', '178', '--experiments', 'final', 'relu',
                            '--protocols', 'held_out', '--profile', 'quick', '--scheduler', address], env=env,
                                capture_output=True, text=True, timeout=300)
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

@pytest.fixture
def lonely_scheduler():
    "A `dask scheduler` with no worker at all; yields its address."
    port = _free_port()
    proc = subprocess.Popen([BIN/'dask', 'scheduler', '--host', '127.0.0.1', '--port', str(port),
                             '--dashboard-address', ':0'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, proc)
        yield f'tcp://127.0.0.1:{port}'
    finally:
        proc.terminate(); proc.wait(20)

def test_sweep_without_workers_says_so_and_gives_up(dataset, faces_home, lonely_scheduler):
    "No worker: the sweep says so while it waits, then gives up after --worker-timeout, naming the runs left."
    env = os.environ | dict(EMOTION_PAPER_DATA=str(dataset))
    r = subprocess.run([BIN/'emotion-paper', 'sweep', '--seed-list', '178', '--experiments', 'relu,adam',
                        '--protocols', 'held_out', '--profile', 'quick', '--scheduler', lonely_scheduler,
                        '--worker-timeout', '8'], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    assert 'No worker is connected to the scheduler' in r.stdout
    assert 'giving up on 2 runs: relu [held_out, seed 178], adam [held_out, seed 178]' in r.stdout
    assert '0 trained, 0 already recorded, 2 failed' in r.stdout

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
