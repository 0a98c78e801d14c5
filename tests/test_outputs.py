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
    for f in ('claims_over_seeds.csv', 'claims_stage2.csv', 'claims_stage2_beyond.csv'):  # pilot, confirmatory verdicts
        pd.testing.assert_frame_equal(pd.read_csv(out/f), pd.read_csv(ROOT/'figures'/f))
    for f in ('fig_seeds_claims.png', 'fig_stage2.png'):  # drawn from the records alone: the same bytes anywhere
        assert (out/f).read_bytes() == (ROOT/'figures'/f).read_bytes(), f'{f} differs from the committed one'

def test_make_paper_trains_nothing(dataset, monkeypatch):
    "Every run the paper's pages use comes from a committed record, and those needing a model from committed weights."
    import emotion_paper.fitting as fitting, emotion_paper.train as train
    from emotion_paper.records import reference_platform
    from emotion_paper.sweep import SWEEP_EXPERIMENTS, SWEEP_PROTOCOLS
    monkeypatch.setenv('EMOTION_PAPER_DATA', str(dataset))
    def no_training(cfg, *a, **kw): raise AssertionError(f"{cfg['experiment']} [{cfg['protocol']}] would train")
    monkeypatch.setattr(fitting, 'train_run', no_training)
    runs = [(e, p) for e in (*SWEEP_EXPERIMENTS, 'bn') for p in SWEEP_PROTOCOLS] + [('final', 'by_person')]
    for e, p in runs:
        r = train.run_experiment(e, p, 'paper', 178, verbose=0)
        assert r.platform == reference_platform('paper', p), 'the tables rest on one platform, on any machine'
    for e in ('final', 'fer_fine_tuned'):  # Grad-CAM and predict's models
        for p in (('paper', 'held_out') if e == 'final' else ('held_out',)):
            assert train.run_experiment(e, p, 'paper', 178, verbose=0, weights=True).has_weights
