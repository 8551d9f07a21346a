"""The printed brochure (wegweiser brochure): every published offer and no expired one, contents and
indexes whose page numbers are right, an accessible PDF (PDF/UA-1: structure tree, language, title,
alt texts), A4 and A5, a German error for a reference without target, and the PDFs in the build.

The PDFs are read with poppler's pdftotext (text by page) and pikepdf (structure and metadata)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from markupsafe import escape

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
    return _page_texts(example_pdf)


def _page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages by form feeds), without the page number at its foot."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")[:-1]
    for number, page in enumerate(pages, start=1):
        body, _, foot = page.rstrip().rpartition("\n")
        pages[number - 1] = body if foot.strip() == str(number) else page
    return pages


def _flat(text: str) -> str:
    """Without white space, hyphens and the direction marks pdftotext puts around right-to-left text: a title
    may be broken across lines (and pdftotext drops a hyphen that it takes for a break: „und -anfänger“ comes
    out as „und anfänger“). Arabic's lam-alef ligature (one glyph for „لا“) comes out of pdftotext with its two
    letters swapped („الاعتراف“ as „االعتراف“), so both sides are compared with the letters in that order."""
    return re.sub("\u0644([\u0627\u0623\u0625\u0622])", "\\1\u0644",
                  re.sub(r"[\s\-\u00ad\u200e\u200f\u202a-\u202e]+", "", text))


def test_every_published_offer_is_in_it_and_no_expired_one(pages, catalog):
    text = _flat(" ".join(pages))
    missing = [o.id for o in catalog.offers if _flat(o.title) not in text]
    assert missing == []
    assert catalog.expired, "the example has expired offers"
    printed = [o.id for o in catalog.expired if _flat(o.title) in text or o.id in text]
    assert printed == []


def _toc(pages: list[str]) -> list[tuple[str, int]]:
    """(entry, page number) of the contents: lines „Label ..... 12“ on the pages after the cover (in a
    right-to-left brochure pdftotext gives them as they stand on the page, „12 ..... Label“)."""
    entries = []
    for page in pages[1:4]:
        for line in page.splitlines():
            line = re.sub(r"[\u200e\u200f\u202a-\u202e]", "", line)
            found = re.fullmatch(r"\s*(.*?)\s*\.{3,}\s*(\d+)\s*", line)
            rtl = re.fullmatch(r"\s*(\d+)\s*\.{3,}\s*(.*?)\s*", line)
            if found:
                entries.append((found[1], int(found[2])))
            elif rtl:
                entries.append((rtl[2], int(rtl[1])))
    return entries


def _check_contents(pages: list[str], catalog, lang: str = "de") -> None:
    """The contents list every section, place, the indicators and the indexes, each with the page it starts on."""
    from wegweiser.brochure.documents import about
    from wegweiser.brochure.model import make_brochure
    from wegweiser.i18n.catalogs import translations

    brochure = make_brochure(catalog, about({"SITEURL": SITE}), lang=lang)
    t = translations(lang).gettext
    expected = []
    for section in brochure.sections:
        expected.append((section.label, section.description))
        expected += [(place.label, place.cards[0].title) for place in section.places]
    expected += [(t("Zahlen aus dem Bildungsmonitoring"), brochure.sections[0].indicators[0].title),
                 (t("Register nach Ort"), t("Register nach Ort")), (t("Register nach Thema"), t("Register nach Thema"))]
    toc = _toc(pages)
    assert [_flat(label) for label, _ in toc] == [_flat(label) for label, _ in expected]
    for (label, number), (_, first_text) in zip(toc, expected):
        assert _flat(first_text) in _flat(pages[number - 1]), (label, number)
        # and it starts there: the text is not on the page before (the contents excepted)
        if number - 2 > 2:
            assert _flat(first_text) not in _flat(pages[number - 2]), (label, number)


def test_the_contents_name_the_pages_where_the_sections_start(pages, catalog):
    _check_contents(pages, catalog)


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


# --- The brochure in the guide's other languages (English and Arabic, made once for these tests) ---

@pytest.fixture(scope="module")
def translated(tmp_path_factory) -> dict[str, Path]:
    """The whole brochure of the example guide in English and in Arabic, A4 (one command, both at once)."""
    output = tmp_path_factory.mktemp("brochure-languages")
    assert _brochure(ROOT / "pelicanconf.py", output, "--whole", "--lang", "en,ar") == 0
    return {code: output / code / "broschuere" / "bildungswegweiser.pdf" for code in ("en", "ar")}


@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_offer_is_in_the_language_where_it_has_a_translation(translated, catalog, code):
    from wegweiser.i18n.content import translated as translated_field

    text = _flat(" ".join(_page_texts(translated[code])))
    titles = {o.id: translated_field(o, "title", code) for o in catalog.offers}
    missing = [key for key, title in titles.items() if _flat(title.text) not in text]
    assert missing == []
    assert any(not title.fallback for title in titles.values())  # the example translates some titles
    # the German title of a translated offer is not printed instead of its translation
    german = [key for key, title in titles.items() if not title.fallback
              and _flat(catalog.card(next(o for o in catalog.offers if o.id == key))["title"]) in text]
    assert german == []
    assert not any(_flat(o.title) in text for o in catalog.expired)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_translated_brochure_says_its_language_and_its_contents_are_right(translated, catalog, code):
    from wegweiser.i18n.catalogs import translations

    with pikepdf.open(translated[code]) as pdf:
        assert str(pdf.Root.Lang) == code
        assert "/StructTreeRoot" in pdf.Root
        alts = [str(figure.get("/Alt", "")) for figure in _figures(pdf)]
    qr = translations(code).gettext("QR-Code: Link zur Website %(url)s") % {"url": f"{SITE}/{code}/"}
    assert qr != "QR-Code: Link zur Website " + f"{SITE}/{code}/" and qr in alts
    # the QR codes lead to the offers' pages of the language
    assert any(f"{SITE}/{code}/angebote/babymassage-fbs/" in alt for alt in alts)
    # a chart's legend is introduced in the language (the charts themselves are German, as on the site)
    legend = translations(code).gettext("Legende: %(series)s").split("%(series)s")[0]
    assert legend != "Legende: " and any(alt.startswith(legend) for alt in alts)
    _check_contents(_page_texts(translated[code]), catalog, code)


def _words(pdf: Path) -> list[list[tuple[str, float, float, float]]]:
    """Per page, its words as pdftotext -bbox places them: (text, left, right, top) in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
    return [[(m[4], float(m[1]), float(m[3]), float(m[2])) for m in word.finditer(page)]
            for page in html.split("<page ")[1:]]


def test_arabic_is_laid_out_right_to_left(translated, catalog):
    """Where things stand on the page, Arabic against English: the running head, the area's heading and the
    contents' page numbers at the other side, the QR codes in the other column."""
    width, margin = 595.28, 16 / 25.4 * 72  # A4, its side margins
    edge = margin + 6  # where the body's text begins: the body's default margin of 8 px is 6 pt
    ar, en = _words(translated["ar"]), _words(translated["en"])
    tocs = {code: _toc(_page_texts(translated[code])) for code in ("ar", "en")}
    start = {code: toc[0][1] for code, toc in tocs.items()}  # the first area's page
    # the pages of the offers: from the first area's to the indicators (the indexes have columns of their own)
    offers = {code: range(start[code] - 1, toc[-3][1] - 1) for code, toc in tocs.items()}

    def top_line(words, above=40):  # the running head (a page after the area's first one)
        return [w for w in words if w[3] < above]

    head_ar, head_en = top_line(ar[start["ar"]]), top_line(en[start["en"]])
    assert head_ar and head_en
    assert abs(max(w[2] for w in head_ar) - (width - margin)) < 1 and min(w[1] for w in head_ar) > width / 2
    assert abs(min(w[1] for w in head_en) - margin) < 1 and max(w[2] for w in head_en) < width / 2

    # the area's heading: the first line of its page, at the start of the line
    def heading(words):
        top = min(w[3] for w in words if w[3] > 40)
        return [w for w in words if abs(w[3] - top) < 2]

    assert abs(max(w[2] for w in heading(ar[start["ar"] - 1])) - (width - edge)) < 1
    assert min(w[1] for w in heading(ar[start["ar"] - 1])) > edge + 50
    assert abs(min(w[1] for w in heading(en[start["en"] - 1])) - edge) < 1

    # a card's title (German in both, for an offer without translations) beside the QR code: right of it in
    # Arabic, left of it in English
    first = next(o for o in catalog.offers if not o.translations)
    title = first.title.split()
    lefts = {code: [w[1] for number in offers[code] for w in words[number] if w[0] == title[0]]
             for code, words in (("ar", ar), ("en", en))}
    assert lefts["ar"] and lefts["en"], first.id
    assert min(lefts["ar"]) > edge + 22 / 25.4 * 72 and abs(min(lefts["en"]) - edge) < 1

    # the contents: page numbers at the left end of each line in Arabic, at the right in English
    numbers_ar = [w for w in ar[1] if w[0].isdigit() and w[3] < 780]  # not the page's own number at its foot
    numbers_en = [w for w in en[1] if w[0].isdigit() and w[3] < 780]
    assert numbers_ar and numbers_en
    assert all(w[1] < edge + 20 for w in numbers_ar) and all(w[2] > width - edge - 20 for w in numbers_en)


def _unknown_glyphs(data: bytes) -> int:
    """How many glyphs the pages show that their font has not (.notdef, or a number past its glyphs: what
    Pango and WeasyPrint put where no font has the character, printed as an empty box)."""
    import io

    from fontTools.ttLib import TTFont

    unknown = 0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            sizes, current = {}, None
            for name, font in page.Resources.get("/Font", {}).items():
                embedded = font.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                sizes[name] = TTFont(io.BytesIO(embedded))["maxp"].numGlyphs
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    current = str(operands[0])
                elif str(operator) in ("Tj", "TJ"):
                    shown = operands[0] if str(operator) == "TJ" else [operands[0]]
                    for item in shown:
                        if isinstance(item, pikepdf.String):
                            raw = bytes(item)  # Identity-H: two bytes a glyph
                            glyphs = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]
                            unknown += sum(1 for g in glyphs if g == 0 or g >= sizes[current])
    return unknown


@pytest.mark.parametrize("code", ["ar", "en"])
def test_every_character_has_a_glyph(translated, code):
    """No empty box where a font lacks a letter: DejaVu Sans has Latin, Cyrillic, Arabic and Persian ones
    (the control: a Chinese character, which no font installed for the brochure has, is found)."""
    from weasyprint import HTML

    assert _unknown_glyphs(translated[code].read_bytes()) == 0
    assert _unknown_glyphs(HTML(string='<html lang="zh"><p style="font-family: DejaVu Sans">漢</p>').write_pdf()) == 1


def test_the_html_marks_german_where_there_is_no_translation(catalog, tmp_path):
    """A text shown in German in another language's brochure carries lang="de" (WeasyPrint 70 tags only the
    document's language in the PDF; the HTML is ready for the day it tags passages too)."""
    from wegweiser.brochure.command import template_dirs
    from wegweiser.brochure.documents import about
    from wegweiser.brochure.model import make_brochure
    from wegweiser.brochure.render import environment, html
    from wegweiser.build.run import read_settings

    env = environment(template_dirs(read_settings(ROOT / "pelicanconf.py", {})))
    source = html(make_brochure(catalog, about({"SITEURL": SITE}), lang="ar", indicators=False), env, "A4")
    assert '<html lang="ar" dir="rtl">' in source
    plain = next(o for o in catalog.offers if not o.translations and o.summary)
    assert f'<p class="card__summary" lang="de" dir="ltr">{escape(plain.summary)}</p>' in source
    done = next(o for o in catalog.offers if "ar" in o.translations and "title" in o.translations["ar"])
    assert f'>{escape(done.translations["ar"]["title"]["text"])}</h4>' in source
    german = html(make_brochure(catalog, about({"SITEURL": SITE}), indicators=False), env, "A4")
    assert 'lang="de"' not in german.split("<body", 1)[1]


def test_only_the_languages_of_the_guide(minimal, tmp_path, capsys):
    assert _brochure(minimal / "pelicanconf.py", tmp_path / "out", "--lang", "xx") == 1
    err = capsys.readouterr().err
    assert "„xx“" in err and "WEGWEISER_LANGUAGES" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_build_publishes_a_language_s_brochure_and_its_pages_link_it(tmp_path):
    from wegweiser.brochure.documents import size_text
    from wegweiser.build.run import build

    project = make_project(tmp_path / "p", FIXTURES / "minimal" / "content",
                           extra=f"WEGWEISER_BROCHURE = True\nSITEURL = {SITE!r}\n"
                                 'WEGWEISER_BROCHURE_LANGUAGES = ["de", "ar"]\n')
    assert build(project / "pelicanconf.py").ok
    output = project / "output"
    pdf = output / "ar" / "broschuere" / "weiterbildung.pdf"
    assert pdf.is_file() and (output / "broschuere" / "weiterbildung.pdf").is_file()
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == "ar"
    arabic = (output / "ar" / "bereiche" / "weiterbildung" / "index.html").read_text()
    link = re.search(rf'<a href="{SITE}/ar/broschuere/weiterbildung.pdf" type="application/pdf">([^<]*)</a>', arabic)
    assert link and f"PDF، {size_text(pdf.stat().st_size, 'ar')}" in link[1] and "Broschüre" not in link[1]
    # a language without its own brochure links the German one, saying so
    english = (output / "en" / "bereiche" / "weiterbildung" / "index.html").read_text()
    assert f'href="{SITE}/broschuere/weiterbildung.pdf" type="application/pdf" lang="de" hreflang="de"' in english
