"Real files: the sample zip end to end, and a corpus of bad inputs built here."
import io
from pathlib import Path
import numpy as np, pytest
from PIL import Image
from emotion_paper.data import DataError, get_dataset
from emotion_paper.faces import load_data, preprocess, report_table

def test_sample_zip_download_extract_preprocess(home, sample_zip):
    root = get_dataset(sample_zip.as_uri())
    assert root.parent.parent == home/'data'/'raw'
    ds = load_data('paper', sample_zip.as_uri())
    assert len(ds) == ds.report['kept'] > 100
    assert ds.x.dtype == np.uint8 and ds.x.shape[1:] == (50, 50)
    assert not ds.report['matches_pinned_commit'], 'the sample has its own, smaller legend'
    assert list((home/'data'/'cache').glob('processed-*.npz')), 'the result is cached'
    again = load_data('paper', sample_zip.as_uri())
    assert (again.x == ds.x).all() and again.frame.equals(ds.frame)

def test_corrupt_zip_leaves_nothing(home, tmp_path):
    bad = tmp_path/'broken.zip'
    bad.write_bytes(b'PK\x03\x04 not really a zip')
    with pytest.raises(DataError, match='not a valid zip'):
        get_dataset(bad.as_uri())
    raw = home/'data'/'raw'
    assert not (raw/'broken.zip').exists() and not (raw/'broken').exists()

def _face(seed, size=60, mode='L'):
    shape = (size, size, 3) if mode == 'RGB' else (size, size)
    return Image.fromarray(np.random.default_rng(seed).integers(0, 256, shape).astype('uint8'), mode)

@pytest.fixture
def bad_corpus(tmp_path):
    "A dataset folder with good images and every kind of bad input."
    root = tmp_path/'bad'; img = root/'images'; img.mkdir(parents=True); (root/'data').mkdir()
    for i in range(6): _face(i).save(img/f'Good_Person_{i:04d}.jpg')
    _face(10, mode='RGB').save(img/'Colour_Person_0001.png')
    _face(11, size=80).save(img/'Big_Person_0001.jpg')
    (img/'zero_0001.jpg').write_bytes(b'')
    buf = io.BytesIO(); _face(12).save(buf, 'JPEG'); (img/'truncated_0001.jpg').write_bytes(buf.getvalue()[:200])
    (img/'text_0001.jpg').write_text('this is not an image')
    _face(13).save(img/'Conflict_0001.jpg'); _face(14).save(img/'Unknown_0001.jpg')
    _face(15).save(root/'outside.jpg'); _face(16).save(tmp_path/'secret.jpg')  # valid images outside images/
    labels = ['happiness', 'NEUTRAL', 'neutral', 'sadness', 'Anger', 'surprise']
    rows = ['image,emotion'] + [f'Good_Person_{i:04d}.jpg,{e}' for i, e in enumerate(labels)]
    rows += ['Colour_Person_0001.png,fear', 'Big_Person_0001.jpg,neutral', 'zero_0001.jpg,neutral',
             'truncated_0001.jpg,neutral',
             'text_0001.jpg,neutral', 'missing_0001.jpg,neutral', 'Unknown_0001.jpg,boredom',
             'Conflict_0001.jpg,happiness', 'Conflict_0001.jpg,sadness', 'Good_Person_0000.jpg,happiness',
             '../outside.jpg,happiness', f'{tmp_path}/secret.jpg,happiness', '../../secret.jpg,sadness',
                 'sub\\x.jpg,fear']
    (root/'data'/'legend.csv').write_text('\n'.join(rows) + '\n')
    return root

def test_bad_inputs_each_reported_good_ones_kept(home, bad_corpus, monkeypatch):
    import emotion_paper.faces as faces
    opened, read = [], faces.read_image
    monkeypatch.setattr(faces, 'read_image', lambda p, size=50: opened.append(Path(p)) or read(p, size))
    ds = preprocess(bad_corpus, 'paper')
    assert opened and all(p.parent == bad_corpus/'images' for p in opened), 'no file outside images/ is ever opened'
    reasons = {d['image']: d['reason'] for d in ds.report['dropped']}
    assert reasons['zero_0001.jpg'] == 'unreadable (empty file)'
    assert reasons['truncated_0001.jpg'].startswith('unreadable (')
    assert reasons['text_0001.jpg'].startswith('unreadable (')
    assert reasons['missing_0001.jpg'] == 'missing file'
    assert reasons['Unknown_0001.jpg'] == "unknown label 'boredom'"
    assert reasons['Big_Person_0001.jpg'] == 'inconsistent dimensions 80x80'
    for name in ('../outside.jpg', f'{bad_corpus.parent}/secret.jpg', '../../secret.jpg', 'sub\\x.jpg'):
        assert reasons[name] == 'not a plain file name', name  # dropped before any file is opened
    kept = set(ds.frame['name'])
    assert {f'Good_Person_{i:04d}.jpg' for i in range(6)} | {'Colour_Person_0001.png'} <= kept
    assert ds.report['conflicting_labels'] == ['Conflict_0001.jpg'] and ds.report['conflicting_labels_kept']
    assert (ds.frame['name'] == 'Good_Person_0000.jpg').sum() == 2, 'paper mode keeps the repeated row'
    table = report_table(ds.report)
    assert table.loc['dropped: unreadable', 'count'] == 3 and table.loc['dropped: missing file', 'count'] == 1
    clean = preprocess(bad_corpus, 'clean')
    creasons = [d['reason'] for d in clean.report['dropped']]
    assert creasons.count('conflicting labels') == 2 and creasons.count('repeated legend row') == 1
    assert 'Conflict_0001.jpg' not in set(clean.frame['name']) and clean.frame['name'].is_unique
    assert set(clean.frame['label']) == {'happiness', 'neutral', 'sadness', 'anger', 'surprise', 'fear'}

@pytest.mark.parametrize('legend,match', [('image,label\na.jpg,happiness\n', 'lacks the column'), ('', 'is empty'),
                                          ('image,emotion\n', 'no rows')])
def test_unusable_legend_is_a_clear_error(home, bad_corpus, legend, match):
    (bad_corpus/'data'/'legend.csv').write_text(legend)
    with pytest.raises(DataError, match=match): preprocess(bad_corpus, 'paper', cache=False)

def test_missing_folder_says_how_to_provide_data(home, tmp_path):
    (tmp_path/'empty').mkdir()
    with pytest.raises(DataError, match='holds no data/legend.csv'): get_dataset(tmp_path/'empty')
    with pytest.raises(DataError, match='How to provide the data'): get_dataset(tmp_path/'nothing-here')
