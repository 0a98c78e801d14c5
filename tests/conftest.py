"""Shared fixtures. The data comes through the package's own resolution (`EMOTION_PAPER_DATA`, else the pinned
download into data/raw/), never from a path of ours: a public clone runs these tests by downloading."""
import os
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_SETTING = os.environ.get('EMOTION_PAPER_DATA')  # as the tests found it, before `home` clears it

@pytest.fixture(scope='session')
def dataset():
    "The root of the dataset this checkout uses (fetched once if needed)."
    from emotion_paper.data import get_dataset
    return get_dataset()

@pytest.fixture(scope='session')
def sample_zip(dataset, tmp_path_factory):
    "A small zip laid out like GitHub's archive, built from the dataset at hand."
    from emotion_paper.data import sample_archive
    return sample_archive(dataset, tmp_path_factory.mktemp('sample')/'facial_expressions-sample.zip')

@pytest.fixture(scope='session')
def faces(dataset, tmp_path_factory):
    "The dataset preprocessed once for the session (both modes), in a cache folder of its own."
    from emotion_paper.faces import load_data
    home = new_home(tmp_path_factory.mktemp('faces')); (home/'data'/'cache').mkdir(parents=True)
    for f in (ROOT/'data'/'cache').glob('processed-*.npz'):  # what the notebooks' tests made here, if anything
        (home/'data'/'cache'/f.name).symlink_to(f)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv('EMOTION_PAPER_HOME', str(home)); mp.setenv('EMOTION_PAPER_DATA', str(dataset))
        for mode in ('paper', 'clean'): load_data(mode)
    return home/'data'/'cache'

def new_home(path: Path, faces: Path | None = None) -> Path:
    "An empty project home at `path`; with `faces`, its data cache starts with the session's preprocessed faces."
    path.mkdir(parents=True, exist_ok=True); (path/'settings.ini').write_text('[DEFAULT]\n')
    if faces:
        cache = path/'data'/'cache'; cache.mkdir(parents=True)
        for f in faces.glob('processed-*.npz'): (cache/f.name).symlink_to(f)  # read only: a new entry replaces a link
        jax = faces.parent/'jax_cache'; jax.mkdir(exist_ok=True)
        (path/'data'/'jax_cache').symlink_to(jax, target_is_directory=True)  # JAX's compilations, shared
    return path

@pytest.fixture
def home(tmp_path, monkeypatch):
    "An empty project home, so tests never touch the project's own data/ caches."
    monkeypatch.setenv('EMOTION_PAPER_HOME', str(new_home(tmp_path)))
    monkeypatch.delenv('EMOTION_PAPER_DATA', raising=False)
    return tmp_path

@pytest.fixture
def faces_home(dataset, faces, tmp_path, monkeypatch):
    "An empty project home for tests that train: nothing trained or recorded yet, the faces already preprocessed."
    monkeypatch.setenv('EMOTION_PAPER_HOME', str(new_home(tmp_path, faces)))
    monkeypatch.setenv('EMOTION_PAPER_DATA', str(dataset))
    return tmp_path

FIRST = ('test_reproduce_quick_end_to_end', 'test_make_paper_trains_nothing',
         'test_make_article_html_and_pdf_agree_with_the_results_files', 'test_docs_site_built_by_quarto_in_chromium',
         'test_jax_sweep_retrains_the_same_here_and_never_imports_tensorflow', 'test_sweep_on_a_real_scheduler',
         'test_weights_load_across_backends_and_gradcam_agrees', 'test_one_thread_count_under_a_cpu_limit',
         'test_one_architecture_on_every_backend')
# the longest tests as measured (make test on 2 cores), longest first, but: the second waits behind the first (the
# reproduce test, by far the longest) on its worker, so it is a short one; and the article comes before the docs site,
# which copies the article `make article` rendered (under its lock) instead of rendering it a second time

def pytest_collection_modifyitems(config, items):
    """The tests of `FIRST` first, in its order. pytest-xdist's `--dist load --maxschedchunk 1` (`make test`) gives
    each worker two tests to start with and then one more whenever it is down to one, so the longest start first and
    the workers finish close together, on any number of workers; and one worker renders the article before the docs."""
    items.sort(key=lambda i: FIRST.index(i.originalname) if i.originalname in FIRST else len(FIRST))
