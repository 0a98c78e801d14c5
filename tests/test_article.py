"""`make article` (issue 31) as a reader gets it: the PDF's text carries each primary claim's verdict and interval as
the results files have them, every figure is in the PDF, the HTML opens in headless Chromium with every image, and the
JATS article and its MECA bundle carry the same figures."""
import re, subprocess, time, zipfile
import xml.etree.ElementTree as ET
import pandas as pd
from conftest import ROOT
from browser import chrome, serve
from emotion_paper.article import claims_for_article
from emotion_paper.claims import interval_text
from emotion_paper.config import STAGE2
from fastcore import test as fc  # as fc.test_eq: pytest would collect a bare test_eq as a test

def test_make_article_html_and_pdf_agree_with_the_results_files():
    t0 = time.time()
    r = subprocess.run(['make', '-s', 'article'], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    print(f'make article: {time.time() - t0:.0f} s')
    out = ROOT/'article'/'_output'
    pdf = out/'article.pdf'
    text = subprocess.run(['pdftotext', '-layout', str(pdf), '-'], capture_output=True, text=True, check=True).stdout
    # each page less its number, at its foot, which a page break would otherwise leave inside a sentence
    pages = [re.sub(r'\n\s*\d+\s*$', '', p.rstrip()) for p in text.split('\f')]
    flat = re.sub(r'\s+', ' ', '\n'.join(pages)).replace('\u2212', '-')  # Typst sets '-' before a digit as a minus
    flat = flat.replace('\u2019', "'")  # and Quarto's smart quotes an apostrophe as a right single quote
    assert flat.startswith('[Re] Experimental CNN-RNN') or '[Re] Experimental CNN-RNN' in flat[:300]
    # the verdicts and intervals, formatted from the CSVs here, must be in the PDF's text as printed there
    pilot = pd.read_csv(ROOT/'figures'/'claims_over_seeds.csv').query("family == 'primary'")
    for r in pilot.itertuples():
        assert f"{r.verdict}, {interval_text(r.diff, r.diff_low, r.diff_high)}" in flat, (r.claim, 'pilot')
    stage2 = pd.read_csv(ROOT/'figures'/'claims_stage2.csv')
    for r in stage2.itertuples():
        v = f"Verdict: {r.verdict}, A - B = {interval_text(r.diff, r.low, r.high)}"
        assert v in flat, (r.claim, v)
    test = claims_for_article()
    assert len(test) == len(stage2) and all(f'{c}' in flat for c in test.claim)
    for r in test.itertuples():  # seeds to a decision, in the words of `seeds_to_decision` (one way, as the tables)
        assert f"Seeds to a decision: {r.to_decide}." in flat, (r.claim, r.to_decide)
        if r.verdict == 'inconclusive' and r.n_seeds >= STAGE2['max_seeds']:  # its budget spent, said as such
            assert f"undecided at the registered ceiling of {STAGE2['max_seeds']} seeds" in r.to_decide, r.claim
    # every figure the article shows is embedded: pdfimages lists one image (plus its alpha mask) per figure
    shown = set(re.findall(r"figure\(\s*'([^']+\.png)'", (ROOT/'article'/'index.qmd').read_text()))
    shown |= set(re.findall(r"\('(fig[^']+\.png)',", (ROOT/'article'/'index.qmd').read_text()))
    images = subprocess.run(['pdfimages', '-list', str(pdf)], capture_output=True, text=True, check=True).stdout
    n_images = sum(1 for l in images.splitlines()[2:] if l.split()[2] == 'image')
    assert n_images >= len(shown) >= 19, (n_images, sorted(shown))
    figures = re.findall(r'Figure (\d+):', flat)
    assert len(set(figures)) == n_images, 'each embedded image is a numbered figure'
    assert '??' not in flat and '@fig-' not in flat and '@tbl-' not in flat, 'a broken cross-reference'
    jats = ET.parse(out/'article.xml').getroot()  # well-formed, or this fails
    fc.test_eq(jats.findtext('.//article-title').split()[:2], ['[Re]', 'Experimental'])
    fc.test_eq(jats.findtext('.//contrib/collab'), 'The emotion-paper contributors')
    graphics = [g.get('{http://www.w3.org/1999/xlink}href') for g in jats.iter('graphic')]
    fc.test_eq(len(graphics), n_images)
    meca = zipfile.ZipFile(out/'article-meca.zip')
    listed = [i.get('{http://www.w3.org/1999/xlink}href') for i in ET.fromstring(meca.read('manifest.xml')).iter()
              if i.tag.endswith('instance')]
    fc.test_eq(sorted(meca.namelist()), sorted(['manifest.xml', *listed]))
    assert {'article.xml', 'article.pdf', 'index.html', *graphics} <= set(listed), listed
    with serve(out) as base:
        d = chrome()
        try:
            d.get(f'{base}/index.html')
            page = d.page_source
            imgs = d.find_elements('tag name', 'img')
            bad = [i.get_attribute('alt') for i in imgs
                   if not d.execute_script('return arguments[0].complete && arguments[0].naturalWidth > 0', i)]
            shots = ROOT/'data'/'screenshots'; shots.mkdir(parents=True, exist_ok=True)
            d.save_screenshot(str(shots/'article.png'))
        finally: d.quit()
    assert len(imgs) >= len(shown) and not bad, bad
    assert 'Abstract' in page and 'confidence sequence' in page
    assert page.count('id="refs"') == 1, 'one reference list in the HTML'
    assert len(re.findall(r'^\s*Bibliography\s*$', text, re.M)) == 1, 'one bibliography heading in the PDF'
