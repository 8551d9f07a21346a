"""The printed brochure (wegweiser brochure): every published offer and no expired one, contents and
indexes whose page numbers are right, an accessible PDF (PDF/UA-1: structure tree, language, title,
alt texts), A4 and A5, a German error for a reference without target, and the PDFs in the build.

The PDFs are read with poppler's pdftotext (text by page) and pikepdf (structure and metadata)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import FIXTURES, ROOT, TODAY, edit, make_project

from wegweiser.cli import main

SITE = "https://bildung.landkreis-musterland.example"


def _brochure(settings: Path, output: Path, *args: str) -> int:
    return main(["brochure", "--settings", str(settings), "--today", TODAY.isoformat(), "--site-url", SITE,
                 "--output", str(output), *args])


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    """The whole brochure of the example guide, A4."""
    output = tmp_path_factory.mktemp("brochure")
    assert _brochure(ROOT / "pelicanconf.py", output, "--whole") == 0
    return output / "broschuere" / "bildungswegweiser.pdf"


@pytest.fixture(scope="module")
def pages(example_pdf) -> list[str]:
    """The text of each page (pdftotext separates pages by form feeds), without the page number at its foot."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(example_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")[:-1]
    for number, page in enumerate(pages, start=1):
        body, _, foot = page.rstrip().rpartition("\n")
        pages[number - 1] = body if foot.strip() == str(number) else page
    return pages


def _flat(text: str) -> str:
    """Without white space and hyphens: a title may be broken across lines (and pdftotext drops a hyphen
    that it takes for a break: „und -anfänger“ comes out as „und anfänger“)."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_every_published_offer_is_in_it_and_no_expired_one(pages, catalog):
    text = _flat(" ".join(pages))
    missing = [o.id for o in catalog.offers if _flat(o.title) not in text]
    assert missing == []
    assert catalog.expired, "the example has expired offers"
    printed = [o.id for o in catalog.expired if _flat(o.title) in text or o.id in text]
    assert printed == []


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """(entry, page number) of the contents: lines „Label ..... 12“ on the pages after the cover."""
    entries = []
    for page in pages[1:4]:
        for line in page.splitlines():
            found = re.fullmatch(r"\s*(.*?)\s*\.{3,}\s*(\d+)\s*", line)
            if found:
                entries.append((found[1], int(found[2])))
    return entries


def test_the_contents_name_the_pages_where_the_sections_start(pages, catalog):
    from wegweiser.brochure.documents import about
    from wegweiser.brochure.model import make_brochure

    brochure = make_brochure(catalog, about({"SITEURL": SITE}))
    expected = []
    for section in brochure.sections:
        expected.append((section.label, section.description))
        expected += [(place.label, place.cards[0].title) for place in section.places]
    expected += [("Zahlen aus dem Bildungsmonitoring", brochure.sections[0].indicators[0].title),
                 ("Register nach Ort", "Register nach Ort"), ("Register nach Thema", "Register nach Thema")]
    toc = _toc(pages)
    assert [label for label, _ in toc] == [label for label, _ in expected]
    for (label, number), (_, first_text) in zip(toc, expected):
        assert _flat(first_text) in _flat(pages[number - 1]), (label, number)
        # and it starts there: the text is not on the page before (the contents excepted)
        if number - 2 > 2:
            assert _flat(first_text) not in _flat(pages[number - 2]), (label, number)


def test_the_indexes_name_the_page_of_each_offer(pages, catalog):
    text = [_flat(page) for page in pages]
    start = dict(_toc(pages))["Register nach Ort"]
    indexes = "".join(text[start - 1:])
    checked = 0
    for offer in catalog.offers:
        numbers = re.findall(re.escape(_flat(offer.title)) + r",S\.(\d+)", indexes)
        assert len(numbers) == 1 + len(set(offer.topics or [])), offer.id  # by place, and by each topic
        for number in numbers:
            assert _flat(offer.title) in text[int(number) - 1], (offer.id, number)
            checked += 1
    assert checked > len(catalog.offers)


def test_the_pdf_is_tagged_with_language_title_and_pdf_ua(example_pdf, catalog):
    with pikepdf.open(example_pdf) as pdf:
        assert str(pdf.Root.Lang) == "de"
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        meta = pdf.open_metadata()
        assert "Bildungswegweiser Landkreis Musterland" in str(meta["dc:title"])
        assert str(meta["pdfuaid:part"]) == "1"
        kinds = _structure(pdf)
    assert {"/H1", "/H2", "/H3", "/H4", "/L", "/LI", "/Link", "/Figure"} <= set(kinds)
    assert kinds.count("/H4") >= len(catalog.offers)  # each offer's title is a heading


def _structure(pdf) -> list[str]:
    """The structure types of the tag tree, depth first."""
    kinds, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                kinds.append(str(node.S))
            kids = node.get("/K")
            todo.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return kinds


def _figures(pdf) -> list:
    found, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append(node)
            kids = node.get("/K")
            todo.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    return found


def test_every_image_has_a_text_alternative(example_pdf, catalog):
    from wegweiser.brochure.charts import figures
    from wegweiser.brochure.documents import about
    from wegweiser.brochure.model import make_brochure

    brochure = make_brochure(catalog, about({"SITEURL": SITE}))
    charts = [figure for section in brochure.sections for indicator in section.indicators
              for figure in figures(indicator)]
    with pikepdf.open(example_pdf) as pdf:
        alts = [str(figure.get("/Alt", "")) for figure in _figures(pdf)]
    assert charts
    # a QR code per offer and one on the cover, each chart and each legend
    assert len(alts) == len(catalog.offers) + 1 + len(charts) + sum(1 for c in charts if c.legend)
    assert all(alt.strip() for alt in alts)
    qr = [alt for alt in alts if alt.startswith("QR-Code")]
    assert len(qr) == len(catalog.offers) + 1
    assert any(f"{SITE}/angebote/babymassage-fbs/" in alt for alt in qr)
    assert any(alt.startswith("Legende: ") for alt in alts)
    # the brochure has no tables under its charts: the text alternatives do not point to one
    assert not any("unter dem Diagramm" in alt for alt in alts)


@pytest.fixture
def minimal(tmp_path) -> Path:
    return make_project(tmp_path / "p", FIXTURES / "minimal" / "content")


def test_a5_and_the_areas_each_in_a_pdf_of_their_own(minimal, tmp_path, capsys):
    assert _brochure(minimal / "pelicanconf.py", tmp_path / "out", "--paper", "A5") == 0
    folder = tmp_path / "out" / "broschuere"
    assert sorted(p.name for p in folder.iterdir()) == ["bildungswegweiser.pdf", "fruehkindliche-bildung.pdf",
                                                         "weiterbildung.pdf"]
    with pikepdf.open(folder / "weiterbildung.pdf") as pdf:
        width, height = [float(v) for v in pdf.pages[0].MediaBox[2:]]
        assert (round(width), round(height)) == (420, 595)  # A5 in points
    text = subprocess.run(["pdftotext", str(folder / "weiterbildung.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Deutschkurs A1 am Abend" in text and "Kita Sonnenblume" not in text
    assert "Abgelaufener Kurs" not in text
    assert "weiterbildung.pdf" in capsys.readouterr().out


def _with_template_change(tmp_path: Path, template: str, old: str, new: str) -> Path:
    """The minimal project with its own copy of the theme, one brochure template changed."""
    import shutil

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    edit(theme / "templates" / "brochure" / template, old, new)
    return make_project(tmp_path / "p", FIXTURES / "minimal" / "content", extra=f"THEME = {str(theme)!r}\n")


def test_a_build_with_the_brochure_but_no_public_address_publishes_nothing(tmp_path):
    from wegweiser.build.run import build

    project = make_project(tmp_path / "p", FIXTURES / "minimal" / "content", extra="WEGWEISER_BROCHURE = True\n")
    result = build(project / "pelicanconf.py")
    assert not result.ok and "SITEURL" in result.error
    assert not (project / "output").exists()


def test_an_area_holding_every_offer_is_the_whole_brochure(tmp_path):
    from wegweiser.build.run import build

    project = make_project(tmp_path / "p", FIXTURES / "minimal" / "content",
                           extra=f"WEGWEISER_BROCHURE = True\nSITEURL = {SITE!r}\n")
    (project / "content" / "offers" / "kita-sonnenblume.md").unlink()  # every offer is now Weiterbildung
    assert _brochure(project / "pelicanconf.py", tmp_path / "out") == 0
    assert [p.name for p in (tmp_path / "out" / "broschuere").iterdir()] == ["bildungswegweiser.pdf"]
    assert build(project / "pelicanconf.py").ok
    page = (project / "output" / "bereiche" / "weiterbildung" / "index.html").read_text()
    assert page.count("/broschuere/bildungswegweiser.pdf") == 1 and "weiterbildung.pdf" not in page


def test_progress_is_reported_as_the_documents_are_laid_out(minimal):
    from wegweiser.brochure.command import template_dirs
    from wegweiser.brochure.documents import about, documents, make
    from wegweiser.build.run import read_settings
    from wegweiser.catalog.project import Project

    settings = read_settings(minimal / "pelicanconf.py", {"SITEURL": SITE})
    _, catalog = Project.from_settings(settings).load()
    docs = documents(catalog, "de", "A5")
    reported = []
    pdfs = make(catalog, about(settings), template_dirs(settings), docs,
                lambda done, total: reported.append((done, total)), settings=settings)
    assert sorted(pdfs) == sorted(doc.path for doc in docs)
    total = sum(doc.offers for doc in docs)
    assert reported[-1] == (total, total)
    # reported while the documents are laid out, not once at the end (how many reports depends on which
    # process finishes first: pages reported after their document finished are not reported again)
    assert len(reported) >= 2 and reported[0][0] < total
    assert [done for done, _ in reported] == sorted(done for done, _ in reported)


def test_a_reference_without_target_fails_in_german_and_writes_nothing(tmp_path, capsys):
    project = _with_template_change(tmp_path, "brochure.html", '<a class="toc__link" href="#register-orte">',
                                    '<a class="toc__link" href="#nirgends">')
    assert _brochure(project / "pelicanconf.py", tmp_path / "out", "--whole") == 1
    err = capsys.readouterr().err
    assert "verweist auf „#nirgends“" in err and "Es wurde keine PDF-Datei geschrieben" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "broschuere").exists()


def test_an_image_without_alt_text_fails_in_german(tmp_path, capsys):
    project = _with_template_change(tmp_path, "card.html", 'alt="{{ card.qr_alt }}"', "")
    assert _brochure(project / "pelicanconf.py", tmp_path / "out", "--whole") == 1
    err = capsys.readouterr().err
    assert "keinen Alternativtext" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "broschuere").exists()


def test_without_the_public_address_it_says_what_to_set(minimal, tmp_path, capsys):
    code = main(["brochure", "--settings", str(minimal / "pelicanconf.py"), "--output", str(tmp_path / "out")])
    assert code == 1
    assert "SITEURL" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_build_publishes_and_links_them_only_when_set(tmp_path):
    from wegweiser.build.run import build

    plain = make_project(tmp_path / "plain", FIXTURES / "minimal" / "content")
    assert build(plain / "pelicanconf.py").ok
    assert not (plain / "output" / "broschuere").exists()
    assert "Broschüre" not in (plain / "output" / "bereiche" / "weiterbildung" / "index.html").read_text()

    project = make_project(tmp_path / "p", FIXTURES / "minimal" / "content",
                           extra=f"WEGWEISER_BROCHURE = True\nSITEURL = {SITE!r}\n")
    assert build(project / "pelicanconf.py").ok
    pdf = project / "output" / "broschuere" / "weiterbildung.pdf"
    page = (project / "output" / "bereiche" / "weiterbildung" / "index.html").read_text()
    from wegweiser.brochure.documents import size_text

    assert f'href="{SITE}/broschuere/weiterbildung.pdf" type="application/pdf"' in page
    assert f"(PDF, {size_text(pdf.stat().st_size)})" in page
    assert f'href="{SITE}/broschuere/bildungswegweiser.pdf"' in page
    # another language's page links the same (German) files, saying they are German
    english = (project / "output" / "en" / "bereiche" / "weiterbildung" / "index.html").read_text()
    assert f'href="{SITE}/broschuere/weiterbildung.pdf" type="application/pdf" lang="de" hreflang="de"' in english
    first = pdf.read_bytes()
    assert build(project / "pelicanconf.py").ok  # unchanged: the same file (kept in .cache)
    assert pdf.read_bytes() == first
