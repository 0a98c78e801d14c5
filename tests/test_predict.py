"`emotion-paper predict` on images of the dataset, as a user runs it: faces found, probabilities, files, bad input."
import os, subprocess, sys
from pathlib import Path
import numpy as np, pytest
from PIL import Image
from emotion_paper.config import EMOTIONS

FRONTAL = 'AJ_Cook_0001.jpg'  # a frontal face of the dataset

@pytest.fixture(scope='module')
def photos(dataset, tmp_path_factory):
    "A folder with a known frontal face, a group photo of three faces, and three bad files."
    d = tmp_path_factory.mktemp('photos')
    faces = [Image.open(dataset/'images'/n).convert('RGB').resize((150, 150))
             for n in (FRONTAL, 'AJ_Lamas_0001.jpg', 'Aaron_Eckhart_0001.jpg')]
    group = Image.new('RGB', (560, 230), 'white')
    for i, f in enumerate(faces): group.paste(f, (25 + i*180, 40))
    group.save(d/'group.png')
    Image.open(dataset/'images'/FRONTAL).save(d/FRONTAL)
    (d/'not_an_image.jpg').write_bytes(b'plain text, named .jpg')
    Image.new('L', (8, 8)).save(d/'tiny.png')
    (d/'empty.jpg').write_bytes(b'')
    return d

def test_predict_faces_probabilities_and_files(photos, tmp_path):
    from emotion_paper.predict import predict
    t = predict([photos], out=tmp_path, profile='quick')
    t['name'] = t.file.map(lambda f: Path(f).name)
    ok, bad = t[t.error.isna()], t[t.error.notna()].set_index('name')
    assert not ok[ok.file.str.endswith(FRONTAL)].whole_photo.any(), 'a face is found on a frontal face'
    assert (ok.file.str.endswith('group.png')).sum() == 3, 'three faces in the group photo'
    assert np.allclose(ok[list(EMOTIONS)].sum(1), 1, atol=1e-4) and ok.emotion.isin(EMOTIONS).all()
    assert bad.loc['not_an_image.jpg', 'error'].startswith('unreadable')
    assert bad.loc['empty.jpg', 'error'].startswith('unreadable')
    assert bad.loc['tiny.png', 'error'].startswith('too small')
    expected = {Path(f).stem + ('.emotions.jpg' if f.endswith('.jpg') else '.emotions.png') for f in ok.file}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected), 'one annotated copy each, no temporary file'
    assert Image.open(tmp_path/'group.emotions.png').size == (560, 230)

def test_predict_command_exit_codes(photos, tmp_path, capsys):
    "The command's entry point (`main`, which the `emotion-paper` script exits with), here, not in new processes."
    from emotion_paper.cli import main
    def run(*a):
        code = main(['predict', *a, '--profile', 'quick', '--out', str(tmp_path)])
        return code, capsys.readouterr()
    code, good = run(str(photos/FRONTAL))
    assert code == 0, good.err
    assert f'{FRONTAL}: face 0' in good.out and all(e in good.out for e in EMOTIONS)
    code, mixed = run(str(photos), str(photos/'missing.jpg'), str(tmp_path/'no_images_here'))
    assert code == 1
    assert 'missing.jpg: FAILED: no such file or folder' in mixed.out
    assert 'not_an_image.jpg: FAILED: unreadable' in mixed.out and 'group.png: face 2' in mixed.out
    empty = tmp_path/'empty_folder'; empty.mkdir()
    code, none = run(str(empty))
    assert code == 1 and 'a folder with no images' in none.out

def test_predict_failed_write_leaves_nothing(photos, tmp_path, monkeypatch):
    "A photo whose annotated copy cannot be written is reported, and no partial file is left behind."
    from emotion_paper.predict import predict
    def full_disk(self, fp, *a, **kw):
        Path(fp).write_bytes(b'half an image')
        raise OSError('No space left on device')
    monkeypatch.setattr(Image.Image, 'save', full_disk)
    t = predict([photos/FRONTAL], out=tmp_path, profile='quick')
    assert len(t) == 1 and t.error.iloc[0].startswith('could not write') and 'No space left' in t.error.iloc[0]
    assert list(tmp_path.iterdir()) == [], 'neither the annotated copy nor its temporary file'

def test_predict_no_face_no_emotion_unless_asked(tmp_path):
    "A photo without a face gets no emotion; asked for with whole_photo=True, the whole photo is classified."
    from emotion_paper.predict import predict
    Image.fromarray(np.tile(np.linspace(0, 255, 120, dtype=np.uint8), (90, 1))).save(tmp_path/'gradient.png')
    t = predict([tmp_path/'gradient.png'], out=tmp_path/'out', profile='quick')
    assert len(t) == 1 and t.emotion.isna().all() and t.note.iloc[0] == 'no face found' and t.error.isna().all()
    assert not (tmp_path/'out').exists() or not list((tmp_path/'out').iterdir()), 'nothing to annotate'
    w = predict([tmp_path/'gradient.png'], out=tmp_path/'out', profile='quick', whole_photo=True)
    assert len(w) == 1 and w.whole_photo.iloc[0] and w.emotion.isin(EMOTIONS).all()

def test_predict_each_file_once(photos, tmp_path):
    "A file named and also inside a folder named is classified once."
    from emotion_paper.predict import predict
    t = predict([photos/FRONTAL, photos, photos/'.'/FRONTAL], out=tmp_path, profile='quick')
    assert (t.file.map(lambda f: Path(f).name) == FRONTAL).sum() == 1

def test_predict_without_the_dataset(photos, tmp_path):
    "The paper's model comes from its committed weights: predicting needs no dataset on the machine."
    env = os.environ | {'EMOTION_PAPER_DATA': str(tmp_path/'no_dataset_here')}
    r = subprocess.run([sys.executable, '-m', 'emotion_paper.cli', 'predict', str(photos/FRONTAL), '--profile', 'paper',
                        '--out', str(tmp_path/'out')], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f'{FRONTAL}: face 0' in r.stdout and 'trained on tensorflow-cpu-' in r.stdout
