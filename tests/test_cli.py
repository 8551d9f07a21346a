"""The ``wegweiser`` command: exit codes, formats, skeletons."""

from __future__ import annotations

import shutil
import time
import urllib.request

import pytest
from conftest import run_cli, FIXTURES, ROOT, make_project, start_serve
from test_validation_rules import CASES




def test_validate_example_content_exits_0(capsys):
    code = run_cli(ROOT, "validate")
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 Fehler" in out or "Keine Fehler" in out


@pytest.mark.parametrize("folder,case,expected", CASES, ids=[c for _, c, _ in CASES])
def test_validate_broken_fixture_exits_1(minimal_project, capsys, folder, case, expected):
    shutil.copy(FIXTURES / "invalid" / folder / f"{case}.md", minimal_project / "content" / folder)
    assert run_cli(minimal_project, "validate") == 1
    out = capsys.readouterr().out
    assert f"content/{folder}/{case}.md" in out
    assert "Fehler" in out


def test_github_format_prints_annotations(minimal_project, capsys):
    shutil.copy(FIXTURES / "invalid" / "offers" / "end-before-start.md", minimal_project / "content" / "offers")
    assert run_cli(minimal_project, "validate", "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors == [
        "::error file=content/offers/end-before-start.md,line=9,title=end_date%3A date-order::"
        "Das Ende (2027-02-01) liegt vor dem Beginn (2027-03-01). Prüfen Sie „start_date“ und "
        "„end_date“; das Ende darf nicht vor dem Beginn liegen."
    ]
    assert any(line.startswith("::warning file=content/providers/kita-traeger-test.md,line=8") for line in lines)


def test_warnings_alone_do_not_fail(minimal_project, capsys):
    assert run_cli(minimal_project, "validate") == 0
    assert "Warnung" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["offer", "provider"])
def test_new_writes_a_valid_skeleton_with_every_field(minimal_project, capsys, kind):
    assert run_cli(minimal_project, "new", kind, "neuer-eintrag") == 0
    folder = "offers" if kind == "offer" else "providers"
    text = (minimal_project / "content" / folder / "neuer-eintrag.md").read_text(encoding="utf-8")
    from wegweiser.content.schema import load_schemas

    schema = load_schemas(ROOT / "data").for_kind(kind)
    for field in schema.fields:
        assert f"{field.name}:" in text
        assert f"# {field.title} (" in text
    assert run_cli(minimal_project, "validate") == 0, capsys.readouterr().out


def test_new_refuses_to_overwrite(minimal_project, capsys):
    assert run_cli(minimal_project, "new", "offer", "deutschkurs-a1") == 1
    assert "gibt es schon" in capsys.readouterr().err


def test_new_refuses_a_bad_id(minimal_project, capsys):
    assert run_cli(minimal_project, "new", "offer", "Mein Kurs") == 1
    assert not list((minimal_project / "content" / "offers").glob("Mein*"))


def test_failed_build_leaves_previous_output_untouched(minimal_project, capsys):
    assert run_cli(minimal_project, "build") == 0
    output = minimal_project / "output"
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    page = output / "angebote" / "deutschkurs-a1" / "index.html"
    html = page.read_text(encoding="utf-8")
    shutil.copy(FIXTURES / "invalid" / "offers" / "unknown-provider.md", minimal_project / "content" / "offers")
    (minimal_project / "content" / "offers" / "deutschkurs-a1.md").write_text(
        (minimal_project / "content" / "offers" / "deutschkurs-a1.md").read_text().replace("A1 am Abend", "B2"))
    assert run_cli(minimal_project, "build") == 1
    err = capsys.readouterr().err
    assert "unknown-provider.md" in err and "nichts veröffentlicht" in err
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before
    assert page.read_text(encoding="utf-8") == html
    assert not list(minimal_project.glob(".output.*"))


def test_missing_data_folder_is_a_german_error(tmp_path, capsys):
    project = make_project(tmp_path / "p", FIXTURES / "minimal" / "content", extra='WEGWEISER_DATA_PATH = "fehlt"')
    assert run_cli(project, "validate") == 1
    assert "Der Datenordner fehlt" in capsys.readouterr().err


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _until(check, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_change_and_stops_its_server(minimal_project, tmp_path):
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    serve, base = start_serve(minimal_project, log)
    try:
        assert _until(lambda: "Deutschkurs A1" in _get(f"{base}/angebote/deutschkurs-a1/"))
        source = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nEin Satz aus dem Test.\n", encoding="utf-8")
        assert _until(lambda: "Ein Satz aus dem Test." in _get(f"{base}/angebote/deutschkurs-a1/"))
    finally:
        serve.terminate()  # SIGTERM, as a process manager stops it
        serve.wait(timeout=30)
    log.seek(0)
    output = log.read()
    assert "Änderung erkannt" in output and "Neu erzeugt" in output
    with pytest.raises(OSError):  # its server process is gone too
        _get(f"{base}/")
