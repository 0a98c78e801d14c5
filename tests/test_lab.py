"JupyterLab on the project with its own kernel, checked through the REST API and in headless Chromium."
import json, os, secrets, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from conftest import ROOT
from browser import chrome

NBS = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))

def test_every_notebook_names_the_project_kernel():
    for n in NBS:
        ks = json.loads((ROOT/'nbs'/n).read_text())['metadata'].get('kernelspec', {})
        assert ks.get('name') == 'emotion-paper', n

def _free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def _get(url):
    with urllib.request.urlopen(url, timeout=10) as r: return json.loads(r.read())

def test_jupyterlab_opens_a_paper_notebook(tmp_path):
    port, token = _free_port(), secrets.token_hex(16)
    jupyter = Path(sys.executable).parent/'jupyter'
    log = open(tmp_path/'lab.log', 'w')
    srv = subprocess.Popen([str(jupyter), 'lab', '--no-browser', '--ip', '127.0.0.1', f'--port={port}',
                            '--ServerApp.port_retries=0', *(['--allow-root'] if os.geteuid() == 0 else []),
                            f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={ROOT}'], stdout=log,
                                stderr=subprocess.STDOUT)
    base, q = f'http://127.0.0.1:{port}', f'?token={token}'
    d = None
    try:
        for _ in range(120):
            try: _get(f'{base}/api/status{q}'); break
            except OSError: time.sleep(0.5)
        else: pytest.fail('JupyterLab did not answer: ' + (tmp_path/'lab.log').read_text()[-2000:])
        specs = _get(f'{base}/api/kernelspecs{q}')['kernelspecs']
        assert 'emotion-paper' in specs, f'the project kernel is not registered: {list(specs)}'
        display = specs['emotion-paper']['spec']['display_name']
        listed = {c['name'] for c in _get(f'{base}/api/contents/nbs{q}')['content']}
        assert set(NBS) <= listed
        d = chrome()
        d.get(f'{base}/lab/tree/nbs/10_fig3_dataset.ipynb{q}')
        t0 = time.time()
        while time.time() - t0 < 90:
            text = d.execute_script("return document.body.innerText")
            if 'FIG 3.1' in text and display in text: break
            time.sleep(1)
        d.save_screenshot(str(tmp_path/'lab.png'))
        shots = ROOT/'data'/'screenshots'; shots.mkdir(parents=True, exist_ok=True)
        d.save_screenshot(str(shots/'lab_notebook.png'))
        assert 'FIG 3.1–3.4: the dataset and its class distributions' in text, text[:500]
        assert display in text, f'kernel {display!r} not shown on the page'
        assert 'Select Kernel' not in text, 'no kernel prompt'
    finally:
        if d: d.quit()
        srv.terminate()
        try: srv.wait(20)
        except subprocess.TimeoutExpired: srv.kill()
        log.close()
