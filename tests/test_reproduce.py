"""`emotion-paper reproduce --profile quick` end to end on the whole dataset, into a temporary folder. This is where
`make test` runs the figure notebooks (10-17), once: headless through papermill, as `make paper` runs them, with
the project's own quick-profile caches (the faces and the runs the library notebooks' tests trained)."""
import json, os, subprocess, sys
from emotion_paper.config import OUTPUTS
from emotion_paper.config import sha256_file
from conftest import ROOT

def test_reproduce_quick_end_to_end(dataset, tmp_path):
    out = tmp_path/'figs'
    env = {k: v for k, v in os.environ.items() if k != 'EMOTION_PAPER_HOME'} | dict(EMOTION_PAPER_DATA=str(dataset))
    r = subprocess.run([sys.executable, '-m', 'emotion_paper.cli', 'reproduce', '--profile', 'quick', '--out',
                        str(out)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=1800)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    expected = {f: nb for nb, (_, files) in OUTPUTS.items() for f in files}
    for f in expected: assert (out/f).stat().st_size > 0, f
    for nb in OUTPUTS: assert (out/'executed'/nb).exists()
    m = json.loads((out/'MANIFEST.json').read_text())
    assert m['profile'] == 'quick' and m['seed'] and m['commit'] and m['environment']['cpus']
    assert m['platform']['device'] in ('cpu', 'gpu')
    assert m['wall_seconds'] > 0
    assert set(m['files']) == set(expected)
    for f, info in m['files'].items():
        assert info['notebook'] == expected[f] and info['sha256'] == sha256_file(out/f)
        assert info['profile'] == 'quick' and info['seed'] == m['seed'] and info['commit'] == m['commit']
        assert info['device'] and info['written']
        assert 0 < info['notebook_seconds'] <= m['wall_seconds']
    again = subprocess.run([sys.executable, '-m', 'emotion_paper.cli', 'reproduce', '--profile', 'quick', '--out',
                            str(out), '--only', '10_fig3'],
                           capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    m2 = json.loads((out/'MANIFEST.json').read_text())
    assert set(m2['files']) == set(expected), 'a partial rerun keeps the other entries'
    assert m2['notebooks'] == ['10_fig3_dataset.ipynb']
    for f, nb in expected.items():
        if nb == '10_fig3_dataset.ipynb':
            assert m2['files'][f]['notebook_seconds'] <= m2['wall_seconds']
            assert m2['files'][f]['sha256'] == sha256_file(out/f)
        else: assert m2['files'][f] == m['files'][f], f'{f}: not rewritten, so its entry is the first run\'s'

def test_reproduce_fails_before_training_without_data(home, tmp_path):
    env = os.environ | dict(EMOTION_PAPER_DATA=str(tmp_path/'nowhere'))
    r = subprocess.run([sys.executable, '-m', 'emotion_paper.cli', 'reproduce', '--out', str(tmp_path/'o')],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 1 and 'How to provide the data' in r.stderr
    assert not (home/'data'/'results').exists(), 'nothing was trained'

def test_make_test_runs_every_notebook_once():
    "`make test`: nbdev_test skips exactly the figure notebooks, which the reproduce test runs."
    import re
    from emotion_paper.cli import FIGURE_NOTEBOOKS
    skip = re.search(r"nbdev_test .*--skip_file_re '([^']+)'", (ROOT/'Makefile').read_text()).group(1)
    notebooks = {p.name for p in (ROOT/'nbs').glob('*.ipynb')}
    assert {n for n in notebooks if re.match(skip, n)} == set(FIGURE_NOTEBOOKS)
