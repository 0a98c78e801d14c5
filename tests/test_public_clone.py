"""A public clone passes the data tests without our shared folder: the repository is cloned into a temporary
folder with nothing beside it, the dataset is served over HTTP on 127.0.0.1, and the data setting names that URL."""
import os, subprocess, sys
from conftest import ROOT
from browser import serve

def test_data_tests_pass_in_a_clone_fed_over_http(sample_zip, tmp_path):
    clone = tmp_path/'clone'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(clone)], check=True, timeout=120)
    assert not (clone.parent/'shared').exists()
    with serve(sample_zip.parent) as base:
        env = {k: v for k, v in os.environ.items() if not k.startswith('EMOTION_PAPER_')}
        env |= dict(EMOTION_PAPER_DATA=f'{base}/{sample_zip.name}', PYTHONPATH=str(clone))
        r = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests/test_data.py',
                            'tests/test_cli.py'],
                           cwd=clone, env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert 'passed' in r.stdout and 'failed' not in r.stdout
    assert list((clone/'data'/'raw').glob('*.zip')), 'the clone downloaded its data over HTTP'
