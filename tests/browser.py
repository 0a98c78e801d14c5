"Shared helpers for the tests that drive headless Chromium (Debian's chromium + chromium-driver)."
import contextlib, functools, http.server, shutil, threading
from pathlib import Path
import pytest

def chrome():
    "A headless Chromium driven by Selenium through /usr/bin/chromedriver."
    if not (shutil.which('chromium') and shutil.which('chromedriver')):
        pytest.fail('headless Chromium is missing: `make browser` installs Debian chromium and chromium-driver')
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    o = webdriver.ChromeOptions()
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
              '--window-size=1300,1600'):
        o.add_argument(a)
    o.binary_location = shutil.which('chromium')
    return webdriver.Chrome(service=Service(shutil.which('chromedriver')), options=o)

@contextlib.contextmanager
def serve(folder: Path):
    "Serve `folder` over HTTP on 127.0.0.1 (a free port); yield the base URL."
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try: yield f'http://127.0.0.1:{srv.server_address[1]}'
    finally: srv.shutdown(); srv.server_close()
