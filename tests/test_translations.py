"""Content translations with provenance: the front matter's translations, their checks, what a reader of
a language sees, vocabulary labels per language, and ``wegweiser translate export|import``."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import ROOT, core_settings, edit, run_cli

from wegweiser.catalog.project import Project
from wegweiser.content.schema import DEFAULTS_DIR, load_schemas
from wegweiser.i18n.content import label, source_hash, translated_label

OFFER = "content/offers/deutschkurs-a1.md"
GERMAN_TITLE = "Deutschkurs A1 am Abend"
GERMAN_SUMMARY = "Deutsch lernen ohne Vorkenntnisse, zweimal pro Woche am Abend."
EXAMPLE_LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa"]


def add_translations(project, block: str, rel: str = OFFER) -> None:
    """Put a ``translations:`` block (YAML lines) at the end of a file's front matter."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    path.write_text(head + "\n" + block.rstrip("\n") + sep + body, encoding="utf-8")


def title_block(text="German course A1 in the evening", method="human", german=GERMAN_TITLE, extra="",
                lang="en") -> str:
    return (f"translations:\n  {lang}:\n    title:\n      text: {text}\n      method: {method}\n"
            f"      source_hash: {source_hash(german)}\n{extra}")


def load(project):
    settings = core_settings(project, WEGWEISER_LANGUAGES=EXAMPLE_LANGUAGES)
    return Project.from_settings(settings, root=project).load()


def offer(catalog, offer_id="deutschkurs-a1"):
    return next(o for o in catalog.offers if o.values["id"] == offer_id)


def translation_findings(validation):
    return [f for f in validation.findings if f.code.startswith("translation")]


# --- what a reader sees, and the state the page shows ---

def test_human_translation_is_shown_in_its_language(minimal_project):
    add_translations(minimal_project, title_block())
    validation, catalog = load(minimal_project)
    assert translation_findings(validation) == []
    shown = offer(catalog).translated("title", "en")
    assert (shown.text, shown.lang, shown.state, shown.fallback, shown.notice) == (
        "German course A1 in the evening", "en", "human", False, False)


def test_changed_german_title_makes_its_english_translation_outdated(minimal_project):
    add_translations(minimal_project, title_block())
    edit(minimal_project / OFFER, f"title: {GERMAN_TITLE}", "title: Deutschkurs A1 am Abend mit Online-Teil")
    validation, catalog = load(minimal_project)
    assert validation.ok  # a warning: the build still succeeds
    [warning] = translation_findings(validation)
    assert (warning.code, warning.file, warning.field, warning.is_error) == (
        "translation-outdated", OFFER, "translations.en.title", False)
    assert "Englisch, en" in warning.message and "„Titel“" in warning.message
    assert source_hash("Deutschkurs A1 am Abend mit Online-Teil") in warning.hint
    shown = offer(catalog).translated("title", "en")
    assert (shown.text, shown.lang, shown.state, shown.notice) == (
        "German course A1 in the evening", "en", "outdated", True)


def test_rewrapped_german_is_not_a_change(minimal_project):
    add_translations(minimal_project, title_block())
    edit(minimal_project / OFFER, f"title: {GERMAN_TITLE}", "title: '  Deutschkurs  A1 am Abend '")
    validation, catalog = load(minimal_project)
    assert translation_findings(validation) == []
    assert offer(catalog).translated("title", "en").state == "human"


def test_machine_translation_shows_its_notice_until_reviewed(minimal_project):
    add_translations(minimal_project, title_block("دورة اللغة الألمانية A1 مساءً", "machine", lang="ar"))
    _, catalog = load(minimal_project)
    shown = offer(catalog).translated("title", "ar")
    assert (shown.lang, shown.state, shown.method, shown.notice) == ("ar", "machine", "machine", True)
    edit(minimal_project / OFFER, "method: machine\n", "method: machine\n      reviewed: 2026-11-02\n"
                                                      "      by: Herr Nasser\n")
    validation, catalog = load(minimal_project)
    assert translation_findings(validation) == []
    shown = offer(catalog).translated("title", "ar")
    assert (shown.state, shown.reviewed.isoformat(), shown.by, shown.notice) == (
        "reviewed", "2026-11-02", "Herr Nasser", False)


def test_missing_translation_falls_back_to_german(minimal_project):
    add_translations(minimal_project, title_block())
    _, catalog = load(minimal_project)
    entry = offer(catalog)
    for name, lang, german in (("summary", "en", GERMAN_SUMMARY), ("title", "uk", GERMAN_TITLE)):
        shown = entry.translated(name, lang)
        assert (shown.text, shown.lang, shown.state, shown.fallback) == (german, "de", "source", True)
    assert entry.translated("title", "de").state == "source"
    assert entry.translated("title", "de").fallback is False


def test_translated_description_is_rendered_and_sanitised(minimal_project):
    add_translations(minimal_project, "translations:\n  en:\n    description:\n      text: |\n"
                     "        In the course you learn **everyday German**.\n\n        - small groups\n"
                     f"      method: human\n      source_hash: {source_hash('x')}\n")
    edit(minimal_project / OFFER, f"source_hash: {source_hash('x')}",
         "source_hash: " + source_hash((minimal_project / OFFER).read_text(encoding="utf-8").split("\n---\n", 1)[1]))
    validation, catalog = load(minimal_project)
    assert translation_findings(validation) == []
    shown = offer(catalog).translated_content("en")
    assert shown.lang == "en" and "<strong>everyday German</strong>" in shown.text and "<li>small groups</li>" in shown.text
    german = offer(catalog).translated_content("uk")
    assert german.lang == "de" and "<strong>Alltagsdeutsch</strong>" in german.text


# --- bad input: clear German errors naming file, field and fix ---

BAD = {
    "unknown language": ("translations:\n  xx:\n    title:\n      text: a\n", "translation-language",
                         "translations.xx", "WEGWEISER_LANGUAGES"),
    "German as target": ("translations:\n  de:\n    title:\n      text: a\n", "translation-source-language",
                         "translations.de", "„title: …“"),
    "unknown field": (title_block().replace("    title:", "    titel:"), "translation-field",
                      "translations.en.titel", "Meinten Sie „title“?"),
    "field not translatable": (title_block().replace("    title:", "    contact_email:"), "translation-field",
                               "translations.en.contact_email", "summary"),
    "bad hash": (title_block().replace(source_hash(GERMAN_TITLE), "abc"), "translation-hash",
                 "translations.en.title.source_hash", source_hash(GERMAN_TITLE)),
    "missing hash": ("translations:\n  en:\n    title:\n      text: German\n      method: human\n",
                     "translation-hash", "translations.en.title.source_hash", "12 Zeichen"),
    "bad method": (title_block(method="deepl"), "translation-method", "translations.en.title.method",
                   "method: machine"),
    "unknown key": (title_block(extra="      checked: yes\n"), "translation-key", "translations.en.title", "reviewed"),
    "bad review date": (title_block(extra="      reviewed: 2026-13-01\n"), "translation-reviewed",
                        "translations.en.title.reviewed", "JJJJ-MM-TT"),
    "review in the future": (title_block(extra="      reviewed: 2027-01-01\n"), "translation-reviewed",
                             "translations.en.title.reviewed", "JJJJ-MM-TT"),
    "empty text": (title_block(text="''"), "translation-text", "translations.en.title", "text: …"),
    "flat instead of nested": ("translations:\n  en: English title\n", "translation-shape", "translations.en",
                               "„text:“"),
    "list": ("translations: [en, ar]\n", "translation-shape", "translations", "„en:“"),
    "HTML in a plain text": (title_block(text="'<b>German</b> course'"), "translation-markup",
                             "translations.en.title", "reinen Text"),
    "bidi override": (title_block(text='"German \\u202e course"'), "translation-character", "translations.en.title",
                      "U+202E"),
    "too long": (title_block(text="x" * 121), "translation-too-long", "translations.en.title", "Kürzen"),
    "script in the description": ("translations:\n  en:\n    description:\n      text: <script>alert(1)</script>\n"
                                  f"      method: human\n      source_hash: {source_hash('x')}\n",
                                  "translation-unsafe", "translations.en.description", "Skripte"),
}


@pytest.mark.parametrize("block,code,field,fix", BAD.values(), ids=BAD)
def test_bad_translation_is_a_german_error(minimal_project, capsys, block, code, field, fix):
    add_translations(minimal_project, block)
    assert run_cli(minimal_project, "validate") == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    validation, _ = load(minimal_project)
    found = [f for f in validation.errors if f.code == code]
    assert found, [f.as_text() for f in validation.findings]
    assert (found[0].file, found[0].field) == (OFFER, field)
    assert found[0].line and fix in found[0].message + found[0].hint
    assert f"{OFFER}:{found[0].line}: Fehler im Feld „{field}“" in out


def test_repeated_language_is_reported(minimal_project):
    add_translations(minimal_project, title_block() + "  en:\n    summary:\n      text: x\n")
    validation, _ = load(minimal_project)
    assert [(f.code, f.field) for f in validation.errors] == [("duplicate-key", "translations.en")]


def test_persian_joiners_and_direction_marks_are_allowed(minimal_project):
    add_translations(minimal_project, title_block("دوره\u200cی زبان آلمانی A1 \u200fعصرها", lang="fa"))
    validation, catalog = load(minimal_project)
    assert translation_findings(validation) == [] and validation.ok
    assert offer(catalog).translated("title", "fa").text == "دوره\u200cی زبان آلمانی A1 \u200fعصرها"


def test_a_language_the_guide_does_not_publish_is_a_warning(minimal_project):
    """Switching a language off must not break the build: its translations wait in the files."""
    add_translations(minimal_project, title_block())
    validation, catalog = Project.from_settings(core_settings(minimal_project, WEGWEISER_LANGUAGES=["de", "ar"]),
                                                root=minimal_project).load()
    [warning] = translation_findings(validation)
    assert (warning.code, warning.field, warning.value, warning.is_error) == (
        "translation-language-off", "translations.en", "en", False)
    assert "ar" in warning.hint and catalog is not None


# --- the schema and the vocabularies ---

def test_the_schema_says_which_fields_translate():
    schemas = load_schemas(ROOT / "data")
    offer_fields = {f.name for f in schemas.offer.fields if f.descriptor.get("translatable")}
    assert {"title", "summary", "schedule", "cost_note"} <= offer_fields
    assert not offer_fields & {"id", "provider", "contact_email", "url", "easy_summary"}
    assert "summary" in {f.name for f in schemas.provider.fields if f.descriptor.get("translatable")}


@pytest.mark.parametrize("vocabulary", ["areas", "topics", "target_groups"])
def test_vocabularies_have_a_label_in_every_language_of_the_example(vocabulary):
    with (DEFAULTS_DIR / "vocabularies" / f"{vocabulary}.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    schema = json.loads((DEFAULTS_DIR / "vocabularies" / f"{vocabulary}.schema.json").read_text(encoding="utf-8"))
    columns = [f["name"] for f in schema["fields"]]
    for lang in EXAMPLE_LANGUAGES[1:]:
        assert f"label_{lang}" in columns
        for row in rows:
            assert row[f"label_{lang}"].strip(), (row, lang)


def test_vocabulary_label_falls_back_to_german(example_catalog):
    areas = example_catalog.vocabularies["areas"]
    row = areas.by_id["weiterbildung"]
    assert label(row, "de") == "Weiterbildung"
    assert label(row, "ar") == row["label_ar"] != "Weiterbildung"
    assert example_catalog.label("areas", "weiterbildung", "uk") == row["label_uk"]
    shown = translated_label({"id": "x", "label": "Nur deutsch"}, "fa")
    assert (shown.text, shown.lang, shown.fallback) == ("Nur deutsch", "de", True)
    municipality = example_catalog.vocabularies["municipalities"].rows[0]
    assert label(municipality, "ru") == municipality["label"]  # places keep their German names


# --- the example ---

def test_example_shows_each_state(example_catalog):
    states = {(o.values["id"], lang, name): o.translated(name, lang).state
              for o in example_catalog.offers for lang, fields in o.translations.items() for name in fields}
    assert states[("vhs-deutsch-a1-abendkurs", "en", "description")] == "reviewed"
    assert states[("anerkennungsberatung-auslaendische-abschluesse", "ar", "summary")] == "machine"
    assert states[("vhs-deutsch-a2-ukrainisch", "uk", "title")] == "reviewed"
    assert states[("griffbereit-mehrsprachige-eltern-kind-gruppe", "en", "summary")] == "outdated"


# --- translate export / import ---

@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_export_fill_import_validate_round_trip(minimal_project, capsys, fmt):
    from translate.storage.po import pofile
    from translate.storage.xliff import xlifffile

    add_translations(minimal_project, title_block(german="ein älterer Titel"))  # outdated: exported again
    before = (minimal_project / OFFER).read_text(encoding="utf-8")
    target = minimal_project / f"out.{fmt}"
    assert run_cli(minimal_project, "translate", "export", "--lang", "en", "--format", fmt, "--output", str(target)) == 0
    data = target.read_bytes()
    store = xlifffile.parsestring(data) if fmt == "xliff" else pofile(target.open("rb"))
    units = {(u.xmlelement.get("id") if fmt == "xliff" else u.getcontext()): u for u in store.units if not u.isheader()}
    assert units["offers/deutschkurs-a1:summary"].source == GERMAN_SUMMARY
    assert "Kurzbeschreibung" in units["offers/deutschkurs-a1:summary"].getnotes()
    title = units["offers/deutschkurs-a1:title"]
    assert (title.source, title.target, title.isfuzzy()) == (GERMAN_TITLE, "German course A1 in the evening", True)
    assert "providers/vhs-test:summary" in units and "offers/deutschkurs-a1:description" in units
    for key, unit in units.items():
        unit.target = f"EN {unit.source}" if not key.endswith(":title") else "German evening course A1"
        unit.markfuzzy(False)
    target.write_bytes(bytes(store))
    capsys.readouterr()
    assert run_cli(minimal_project, "translate", "import", str(target)) == 0, capsys.readouterr().err
    after = (minimal_project / OFFER).read_text(encoding="utf-8")
    # everything but the translations block is as it was
    assert after.split("translations:")[0] == before.split("translations:")[0]
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]
    validation, catalog = load(minimal_project)
    assert validation.ok and translation_findings(validation) == []
    entry = offer(catalog)
    shown = entry.translated("title", "en")
    assert (shown.text, shown.state, shown.method, shown.reviewed) == ("German evening course A1", "human", "human", None)
    assert entry.translated("description", "en").text.startswith("EN Im Kurs lernen Sie **Alltagsdeutsch**")
    assert entry.translated("summary", "en").state == "human"
    capsys.readouterr()
    assert run_cli(minimal_project, "translate", "export", "--lang", "en", "--output", str(target)) == 0
    assert "0 Texte" in capsys.readouterr().out


def test_import_records_machine_translations(minimal_project):
    from translate.storage.po import pofile

    target = minimal_project / "ar.po"
    assert run_cli(minimal_project, "translate", "export", "--lang", "ar", "--output", str(target)) == 0
    store = pofile(target.open("rb"))
    units = [u for u in store.units if not u.isheader()]
    units[0].target, units[1].target = "نص مترجم آليًا", "نص مترجم بشريًا"
    units[0].settypecomment("machine")
    target.write_bytes(bytes(store))
    assert run_cli(minimal_project, "translate", "import", str(target), "--by", "Übersetzungsbüro") == 0
    validation, catalog = load(minimal_project)
    states = {(e.values["id"], n): e.translated(n, "ar") for e in catalog.offers + catalog.expired
              for n in e.translations.get("ar", {})}
    assert sorted((s.state, s.by) for s in states.values()) == [("human", "Übersetzungsbüro"),
                                                                 ("machine", "Übersetzungsbüro")]


def test_import_of_a_bad_file_writes_nothing(minimal_project, capsys):
    from translate.storage.po import pofile

    target = minimal_project / "en.po"
    assert run_cli(minimal_project, "translate", "export", "--lang", "en", "--output", str(target)) == 0
    store = pofile(target.open("rb"))
    units = [u for u in store.units if not u.isheader()]
    units[0].target = "fine"
    units[1].target = "broken"
    units[1].setcontext("offers/gibt-es-nicht:title")
    target.write_bytes(bytes(store))
    files = {p: p.read_bytes() for p in (minimal_project / "content").rglob("*.md")}
    capsys.readouterr()
    assert run_cli(minimal_project, "translate", "import", str(target)) == 1
    err = capsys.readouterr().err
    assert "offers/gibt-es-nicht.md gibt es nicht" in err and "nichts eingetragen" in err
    assert files == {p: p.read_bytes() for p in (minimal_project / "content").rglob("*.md")}
    (minimal_project / "de.po").write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n', encoding="utf-8")
    assert run_cli(minimal_project, "translate", "import", "de.po") == 1
    assert "keine Zielsprache" in capsys.readouterr().err
    assert run_cli(minimal_project, "translate", "export", "--lang", "xx") == 1
    assert "„xx“ ist keine Zielsprache" in capsys.readouterr().err


# --- open data ---

def test_open_data_lists_each_translation_with_its_provenance(minimal_project):
    from frictionless import Package

    from wegweiser.outputs.exports import data_package

    add_translations(minimal_project, title_block(extra="      reviewed: 2026-11-02\n")
                     + "  ar:\n    title:\n      text: '=1+1 دورة'\n      method: machine\n"
                     f"      source_hash: {source_hash(GERMAN_TITLE)}\n")
    _, catalog = load(minimal_project)
    files = dict(data_package(catalog, {}))
    rows = list(csv.DictReader(files["uebersetzungen.csv"].decode("utf-8").splitlines()))
    assert [(r["language"], r["field"], r["method"], r["reviewed"], r["state"]) for r in rows] == [
        ("en", "title", "human", "2026-11-02", "reviewed"), ("ar", "title", "machine", "", "machine")]
    assert rows[1]["text"] == "'=1+1 دورة"  # no formula for a spreadsheet program
    folder = minimal_project / "daten"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    # the German rows stay one per entry, as wegweiser import reads them
    assert "translations" not in files["angebote.csv"].decode("utf-8").splitlines()[0]


def test_import_overwrite_of_a_list_keeps_the_translations(minimal_project, capsys):
    from wegweiser.outputs.exports import data_package

    add_translations(minimal_project, title_block() + "  # checked by the office\n")
    _, catalog = load(minimal_project)
    table = dict(data_package(catalog, {}))["angebote.csv"].decode("utf-8")
    (minimal_project / "angebote.csv").write_text(table.replace(GERMAN_SUMMARY, "Deutsch lernen am Abend."),
                                                  encoding="utf-8")
    assert run_cli(minimal_project, "import", "angebote.csv", "--kind", "offers", "--overwrite") == 0, \
        capsys.readouterr()
    text = (minimal_project / OFFER).read_text(encoding="utf-8")
    assert "summary: Deutsch lernen am Abend." in text and "  # checked by the office\n" in text
    validation, catalog = load(minimal_project)
    assert translation_findings(validation) == []
    assert offer(catalog).translated("title", "en").state == "human"


def test_a_guides_own_vocabulary_without_label_columns_still_fits(tmp_path):
    """A guide that keeps its own topics.csv from before the label columns is not broken by an upgrade."""
    from conftest import copy_data

    from wegweiser.checks.tables import check_vocabularies

    data = copy_data(tmp_path / "data")
    topics = data / "vocabularies" / "topics.csv"
    with topics.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with topics.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "label", "description", "area"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    (data / "vocabularies" / "topics.schema.json").unlink()  # the package's schema, with the label columns
    schemas = load_schemas(data)
    assert check_vocabularies(tmp_path, schemas) == []
    assert schemas.vocabularies["topics"].label("mint", "ar") == "Mathematik, Naturwissenschaft und Technik"
    assert schemas.vocabularies["areas"].label("hochschulen", "ar") == "الجامعات والمعاهد العليا"
