"""Training runs: a run saved as the first epochs of a longer one equals the run trained alone; `force` retrains
once, `retrain_before` what is older."""
import time
import pandas as pd, pytest
from emotion_paper.config import PROFILES
from emotion_paper.experiments import EXPERIMENTS
from emotion_paper.train import run_experiment

@pytest.fixture
def tiny(faces_home, monkeypatch):
    "A profile on a few faces per class with each experiment's own epochs, in a project home with nothing trained."
    monkeypatch.setitem(PROFILES, 'tiny', dict(per_class=12, scale=0.005, epochs=None))
    return 'tiny'

def test_prefix_run_equals_training_alone(tiny):
    final = run_experiment('final', 'held_out', tiny, verbose=0)
    bn = run_experiment('bn', 'held_out', tiny, verbose=0)
    assert bn.config['saved_from'] == final.path.name, 'bn came from training final, not from a run of its own'
    assert len(final.history) == EXPERIMENTS['final']['epochs']
    assert len(bn.history) == EXPERIMENTS['bn']['epochs'] < len(final.history)
    saved = bn.predictions()
    alone = run_experiment('bn', 'held_out', tiny, retrain_before=time.time(), verbose=0, alone=True)
    assert 'saved_from' not in alone.config and alone.path == bn.path
    timing = ['seconds', 'ms_per_step']
    pd.testing.assert_frame_equal(bn.history.drop(columns=timing), alone.history.drop(columns=timing))
    assert (saved['probs'] == alone.predictions()['probs']).all(), 'the saved model predicts what bn trained alone does'
    assert bn.metrics == alone.metrics

def test_force_retrains_once_per_session_or_since_a_time(tiny):
    first = run_experiment('no_bn', 'held_out', tiny, force=True, verbose=0)
    stamp = lambda r: (r.path/'metrics.json').stat().st_mtime_ns
    t = stamp(first)
    assert stamp(run_experiment('no_bn', 'held_out', tiny, force=True,
                                verbose=0)) == t, 'force=True trains once per session'
    assert stamp(run_experiment('no_bn', 'held_out', tiny, verbose=0)) == t
    time.sleep(0.05)
    assert stamp(run_experiment('no_bn', 'held_out', tiny, retrain_before=time.time(),
                                verbose=0)) > t, 'a time retrains runs finished before it'
