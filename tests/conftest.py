"""Shared fixtures: temporary projects, a built example guide, a local server."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = dt.date(2026, 11, 23)

sys.path.insert(0, str(ROOT / "plugins"))

SETTINGS_TEMPLATE = '''\
import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
_BASE = runpy.run_path({base!r})
globals().update({{k: v for k, v in _BASE.items() if k.isupper()}})
PATH = str(HERE / "content")
OUTPUT_PATH = str(HERE / "output")
WEGWEISER_TODAY = {today!r}
{extra}
'''


def copy_data(target: Path) -> Path:
    """A data folder with every schema and vocabulary of its own: the package's defaults, then the
    example's data/ (municipalities, indicators) over them; for tests that edit one of them."""
    from wegweiser.content.schema import DEFAULTS_DIR

    shutil.copytree(DEFAULTS_DIR, target)
    shutil.copytree(ROOT / "data", target, dirs_exist_ok=True)
    return target


def make_project(folder: Path, content: Path | None = None, extra: str = "", today: dt.date = TODAY) -> Path:
    """A project folder with a copy of ``content`` and settings based on pelicanconf.py."""
    folder.mkdir(parents=True, exist_ok=True)
    if content is not None:
        shutil.copytree(content, folder / "content", symlinks=True)
    (folder / "pelicanconf.py").write_text(
        SETTINGS_TEMPLATE.format(base=str(ROOT / "pelicanconf.py"), today=today.isoformat(), extra=extra),
        encoding="utf-8",
    )
    return folder


def core_settings(project: Path, **extra) -> dict:
    """Settings for calling the core directly (without Pelican) on a test project."""
    return {"PATH": str(project / "content"), "WEGWEISER_TODAY": TODAY.isoformat(),
            "WEGWEISER_DATA_PATH": str(ROOT / "data"), **extra}


@pytest.fixture
def minimal_project(tmp_path) -> Path:
    """A copy of the small valid fixture project (2 providers, 4 offers)."""
    return make_project(tmp_path / "project", FIXTURES / "minimal" / "content")


@pytest.fixture
def editable_project(tmp_path) -> Path:
    """The minimal project with its own copy of the theme and the data folder, for tests that edit them."""
    theme, data = tmp_path / "theme", tmp_path / "data"
    shutil.copytree(ROOT / "theme", theme)
    copy_data(data)
    return make_project(tmp_path / "p", FIXTURES / "minimal" / "content",
                        extra=f"THEME = {str(theme)!r}\nWEGWEISER_DATA_PATH = {str(data)!r}\n")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file (which must contain it) by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def site_tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by path (without the build information), to compare two builds."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".buildinfo.json"}


def free_port() -> int:
    """A TCP port nothing listens on now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(project: Path, log) -> tuple:
    """``wegweiser serve`` for ``project`` as a user starts it, on a free port, writing to ``log``
    (a file: a pipe nobody reads would fill up); returns the process and the base URL."""
    import os
    import subprocess

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "wegweiser.cli", "serve", "--settings",
                                str(project / "pelicanconf.py"), "--port", str(port)],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    return process, f"http://127.0.0.1:{port}"


def run_cli(project: Path, *args: str) -> int:
    """Run the ``wegweiser`` command in ``project`` as a user would (in-process)."""
    import os

    from wegweiser.cli import main

    cwd = os.getcwd()
    os.chdir(project)
    try:
        return main(list(args))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def example_catalog():
    """The linked catalog of the repository's example content, at TODAY."""
    from wegweiser.catalog.project import Project

    validation, catalog = Project.from_settings({"PATH": str(ROOT / "content"), "WEGWEISER_TODAY": TODAY.isoformat()}).load()
    assert catalog is not None, [f.as_text() for f in validation.errors]
    return catalog


@pytest.fixture(scope="session")
def catalog(example_catalog):
    return example_catalog


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, launched once per test session."""
    from browser import browser

    with browser() as instance:
        yield instance


@pytest.fixture
def checked_page(chromium, example_server):
    """A phone-sized page whose clock says TODAY, 10:00, failing the test on a script error or on a request
    off this machine."""
    from browser import phone_page

    with phone_page(chromium) as page:
        page.clock.set_fixed_time(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0))
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        yield page
        assert page.errors == []
        assert page.foreign_requests == []


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example guide of the repository, built once into a temporary folder."""
    from wegweiser.build.run import build

    folder = make_project(tmp_path_factory.mktemp("example"))
    (folder / "content").symlink_to(ROOT / "content")
    result = build(folder / "pelicanconf.py", folder / "output")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    return folder / "output"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, handler_class=_QuietHandler):
    """Serve ``folder`` on 127.0.0.1 in a thread; yields the base URL."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def example_server(example_site):
    """Serve the built example guide on 127.0.0.1; yields the base URL."""
    with serve(example_site) as url:
        yield url


@contextlib.contextmanager
def decap_server(folder: Path, port: int, log=None):
    """decap-server (npm, the editor's local backend) writing into ``folder`` on ``port``, running
    until the block ends; its output goes to ``log`` (a file) or nowhere."""
    import os
    import socket
    import subprocess
    import time

    script = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
    assert script.is_file(), "npm ci installs decap-server"
    process = subprocess.Popen(["node", str(script)], stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                               env={**os.environ, "GIT_REPO_DIRECTORY": str(folder), "PORT": str(port),
                                    "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "decap-server did not start"
                time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)
