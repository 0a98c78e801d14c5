"""The committed results: they name no path of the machine that made them, and the committed run records redraw
the committed seed tables exactly, without training."""
import os, subprocess, sys
import pandas as pd
from conftest import ROOT

TEXT = ('.md', '.csv', '.json')

def test_no_committed_output_holds_a_machine_path(dataset):
    tracked = subprocess.run(['git', 'ls-files', 'figures', 'records'], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked, 'figures and records are committed'
    paths = {str(ROOT), str(ROOT.resolve()), str(dataset), str(dataset.resolve()), str(ROOT.parent)}
    bad = [f for f in tracked if f.endswith(TEXT) and any(p in (ROOT/f).read_text() for p in paths)]
    assert not bad, f'these name a path of this machine: {bad}'

def test_committed_records_redraw_the_seed_tables(dataset, tmp_path):
    out, executed = tmp_path/'figs', tmp_path/'14.ipynb'
    env = os.environ | dict(EMOTION_PAPER_DATA=str(dataset))
    code = ("import papermill as pm; pm.execute_notebook('14_seeds.ipynb', {e!r}, cwd='.', progress_bar=False, "
            "parameters=dict(profile='paper', out_dir={o!r}))").format(e=str(executed), o=str(out))
    stamps = lambda: {p.name: p.stat().st_mtime_ns for p in (ROOT/'records').glob('*/*.json')}
    before = stamps()
    r = subprocess.run([sys.executable, '-c', code], cwd=ROOT/'nbs', env=env, capture_output=True, text=True,
                       timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    assert stamps() == before, 'no run was trained: every record is as committed'
    ours, committed = pd.read_csv(out/'claims_over_seeds.csv'), pd.read_csv(ROOT/'figures'/'claims_over_seeds.csv')
    pd.testing.assert_frame_equal(ours, committed)
