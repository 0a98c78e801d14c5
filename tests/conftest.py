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

@pytest.fixture
def home(tmp_path, monkeypatch):
    "An empty project home, so tests never touch the project's own data/ caches."
    (tmp_path/'settings.ini').write_text('[DEFAULT]\n')
    monkeypatch.setenv('EMOTION_PAPER_HOME', str(tmp_path))
    monkeypatch.delenv('EMOTION_PAPER_DATA', raising=False)
    return tmp_path
