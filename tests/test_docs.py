"""The docs site as `make docs` builds it (real Quarto through nbdev_docs), served on 127.0.0.1 and opened in
headless Chromium: every page (none wider than the window), link and image, the paper-vs-reproduced table, the
search index, screenshots."""
import json, re, subprocess, time, urllib.request
from conftest import ROOT
from browser import chrome, serve

PAGE = """const e = document.documentElement;
return {links: Array.from(document.links, a => a.href), wide: e.scrollWidth > e.clientWidth,
        images: Array.from(document.images, i => [i.src, i.complete && i.naturalWidth > 0])};"""
# what the test reads of a page, in the browser: its links, whether it is wider than the window, each image loaded

def test_docs_site_built_by_quarto_in_chromium():
    t0 = time.time()
    r = subprocess.run(['make', '-s', 'docs'], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    print(f'make docs: {time.time() - t0:.0f} s')
    site = ROOT/'_docs'
    pages = sorted(p.relative_to(site).as_posix() for p in site.glob('*.html'))
    assert {'index.html', 'fig5_final.html', 'seeds.html', 'train.html'} <= set(pages)
    index = (site/'index.html').read_text()
    assert re.search(r'<meta name="generator" content="quarto-1\.\d+', index), 'rendered by Quarto'
    search = json.loads((site/'search.json').read_text())
    text = lambda e: e.get('title', '') + e.get('section', '') + e.get('text', '')
    assert any('FIG 5.3' in text(e) for e in search), 'the search index finds FIG 5.3'
    shots = ROOT/'data'/'screenshots'; shots.mkdir(parents=True, exist_ok=True)
    with serve(site) as base:
        d = chrome()
        links, bad_images, too_wide = set(), [], []
        try:
            for page in pages:
                d.get(f'{base}/{page}')
                html = d.page_source
                assert not re.search(r'profile quick, (seed|\d{4}-)', html), f'{page} shows a quick-profile result'
                assert not re.search(r'Epoch \d+/\d+', html), f'{page} shows a training log'
                seen = d.execute_script(PAGE)  # one call: a call per element took 30 s over the site's 4,000 links
                links |= set(seen['links'])
                if seen['wide']: too_wide.append(page)  # a wide table or figure scrolls by itself, never the page
                links |= {src for src, _ in seen['images']}
                bad_images += [f'{page}: {src}' for src, loaded in seen['images'] if not loaded]
                if page == 'index.html':
                    assert 'make paper' in html and 'validation accuracy' in html
                    d.save_screenshot(str(shots/'docs_index.png'))
                if page == 'fig5_final.html':
                    tables = [t.text for t in d.find_elements('tag name', 'table')]
                    table = [t for t in tables if 'ours, held out' in t and 'peak val accuracy' in t]
                    assert table, 'the paper-vs-reproduced table is on the page'
                    d.save_screenshot(str(shots/'docs_fig5_final.png'))
        finally: d.quit()
    assert not bad_images, bad_images
    assert not too_wide, f'pages wider than the window: {too_wide}'
    inside = sorted({l.split('#')[0] for l in links if l and l.startswith(base)})
    assert len(inside) > len(pages)
    broken = []
    with serve(site) as base2:
        for l in inside:
            try: urllib.request.urlopen(l.replace(base, base2), timeout=10).close()
            except Exception as e: broken.append(f'{l}: {e}')
    assert not broken, broken
