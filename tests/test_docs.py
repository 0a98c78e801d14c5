"The docs site, built the way `make docs` builds it here, opened in headless Chromium."
import os, urllib.parse, urllib.request
from pathlib import Path
from conftest import ROOT
from browser import chrome, serve

def test_docs_site_in_chromium():
    from emotion_paper.docs import build_docs
    cwd = os.getcwd(); os.chdir(ROOT)
    try: how, out = build_docs()
    finally: os.chdir(cwd)
    assert how in ('quarto', 'nbconvert') and (out/'index.html').exists()
    shots = ROOT/'data'/'screenshots'; shots.mkdir(parents=True, exist_ok=True)
    with serve(out) as base:
        d = chrome()
        try:
            d.get(f'{base}/index.html')
            assert 'emotion-paper' in d.title
            assert 'make paper' in d.page_source
            d.save_screenshot(str(shots/'docs_index.png'))
            d.get(f'{base}/13_fig5_final.html')
            assert 'FIG 5.1' in d.title + d.page_source
            imgs = [i for i in d.find_elements('tag name', 'img') if 'figures/' in (i.get_attribute('src') or '')]
            assert imgs and all(d.execute_script('return arguments[0].complete && arguments[0].naturalWidth > 0', i) for i in imgs), 'every figure loads'
            tables = [t.text for t in d.find_elements('tag name', 'table')]
            assert any('reproduced_held_out' in t and 'peak val accuracy' in t for t in tables), 'the paper-vs-reproduced table is on the page'
            d.save_screenshot(str(shots/'docs_paper.png'))
            pages = {p.name for p in out.glob('*.html')}
            links = set()
            for page in pages:
                d.get(f'{base}/{page}')
                links |= {a.get_attribute('href') for a in d.find_elements('tag name', 'a')} | \
                         {i.get_attribute('src') for i in d.find_elements('tag name', 'img')}
        finally: d.quit()
        inside = {l.split('#')[0] for l in links if l and l.startswith(base)}
        broken = []
        for l in sorted(inside):
            try: urllib.request.urlopen(l, timeout=10).close()
            except Exception as e: broken.append(f'{l}: {e}')
        assert not broken, broken
        assert len(inside) > len(pages)
