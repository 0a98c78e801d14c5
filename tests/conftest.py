import os, shutil
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent/'shared'/'data'

@pytest.fixture
def home(tmp_path, monkeypatch):
    "An empty project home, so tests never touch the project's own data/ caches."
    (tmp_path/'settings.ini').write_text('[DEFAULT]\n')
    monkeypatch.setenv('EMOTION_PAPER_HOME', str(tmp_path))
    monkeypatch.delenv('EMOTION_PAPER_DATA', raising=False)
    return tmp_path

@pytest.fixture
def sample_zip():
    p = SHARED/'facial_expressions-sample.zip'
    if not p.exists(): pytest.fail(f'the shared sample {p} is missing: tests need ../shared/data beside the project')
    return p
