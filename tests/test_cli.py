"The `emotion-paper` command as a user runs it."
import os, subprocess, sys

def run(*args, env=None):
    return subprocess.run([sys.executable, '-m', 'emotion_paper.cli', *args], capture_output=True, text=True, env=env,
                          timeout=600)

def test_data_command_on_sample(home, sample_zip):
    r = run('data', '--source', sample_zip.as_uri(), env=os.environ.copy())
    assert r.returncode == 0, r.stderr
    assert 'not the pinned commit' in r.stdout and 'kept: neutral' in r.stdout
    assert 'every dropped row with its reason' in r.stdout

def test_data_command_without_data_explains(home, tmp_path):
    r = run('data', '--source', str(tmp_path/'nope'), env=os.environ.copy())
    assert r.returncode == 2 and 'How to provide the data' in r.stderr and 'EMOTION_PAPER_DATA' in r.stderr

