"""`wegweiser serve` answers like the servers the guide is published on: a missing page gets the
guide's own 404 page (with status 404) and every answer the guide's security headers."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from conftest import start_serve


def _fetch(url: str):
    """(status, headers, body) of ``url``, also for error statuses; None while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")
    except OSError:
        return None


def test_missing_page_gets_the_guides_404_page(minimal_project, tmp_path):
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    serve, base = start_serve(minimal_project, log)
    try:
        deadline = time.monotonic() + 120
        while (home := _fetch(f"{base}/")) is None and time.monotonic() < deadline:
            time.sleep(0.3)
        assert home and home[0] == 200
        own_404 = (minimal_project / "output" / "404.html").read_text(encoding="utf-8")
        for missing in ("/gibt-es-nicht/", "/angebote/kein-angebot/", "/theme/js/fehlt.js"):
            status, headers, body = _fetch(base + missing)
            assert status == 404, missing
            assert body == own_404
            assert headers["Content-Type"] == "text/html; charset=utf-8"
        english_404 = (minimal_project / "output" / "en" / "404.html").read_text(encoding="utf-8")
        status, _, body = _fetch(base + "/en/angebote/kein-angebot/")  # a language's folder: its own page
        assert status == 404 and body == english_404 != own_404
        status, headers, _ = _fetch(f"{base}/angebote/deutschkurs-a1/")
        assert status == 200
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    log.seek(0)
    assert "Traceback" not in log.read()
