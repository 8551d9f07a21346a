"""Search per language: each language's normalisation the same in Python and in the browser, its
own index of translated texts, and German words finding German offers from every language's page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from babel import Locale
from browser import phone_page
from conftest import ROOT, serve

from wegweiser.search import language_index
from wegweiser.search.language_text import SNOWBALL, rules
from wegweiser.search.search_index import search_files
from wegweiser.search.translated import translated

JS = ROOT / "theme" / "static" / "js"
RUNNER = ROOT / "tests" / "search" / "run_queries.js"
LANGUAGES = ["en", "tr", "ar", "ru", "uk", "fa"]

#: texts of the example's offers in other languages, made for these tests: (offer id, language) -> fields
TRANSLATIONS = {
    ("vhs-integrationskurs-vollzeit", "ar"): {"title": "دورة الاندماج بدوام كامل في الجامعة الشعبية",
                                             "summary": "دروس اللغة الألمانية والتوجيه للقادمين الجدد"},
    ("babymassage-fbs", "uk"): {"title": "Масаж для немовлят: курс для батьків і сім'ї",
                                "summary": "Батьки вчаться масажувати своїх немовлят."},
    ("drk-erste-hilfe-am-kind", "en"): {"title": "First aid courses for parents and grandparents"},
    ("babymassage-fbs", "tr"): {"title": "Bebek masajı kursları"},
    ("vhs-deutsch-a1-abendkurs", "ru"): {"title": "Курсы немецкого языка по вечерам"},
    ("vhs-deutsch-a1-abendkurs", "fa"): {"title": "کلاس‌های زبان آلمانی در عصر"},
}


def fixture_translation(entry, field: str, lang: str) -> str | None:
    return TRANSLATIONS.get((entry.id, lang), {}).get(field)


def _node(script: str, payload) -> object:
    proc = subprocess.run(["node", "-e", script], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(proc.stdout)


def _cldr_texts(code: str) -> list[str]:
    """Every text of the CLDR's data for a language (names of languages, countries, months, units, …)."""
    out: list[str] = []

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif hasattr(value, "items"):
            for v in value.values():
                walk(v)

    data = Locale.parse(code)._data
    for key in data:
        try:
            walk(data[key])
        except (KeyError, TypeError, ValueError):  # aliases Babel cannot resolve: not texts
            continue
    return out


#: written forms the rules are for: upper case, accents, marks, letter variants, digits, apostrophes
TRICKY = ["İSTANBUL Işık ılık IĞDIR", "CAFÉ Naïve résumé women's", "مَدْرَسَةٌ الـمدرسة ١٢٣ ۴۵۶",
          "كتاب يك کتاب‌های ي ى", "Ёлка ЁЖ", "м'ясо м’ясо мʼясо м`ясо Ґанок", "e\u0301te\u0301 A\u030a"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_python_and_javascript_normalise_every_word_of_the_language_the_same(code):
    text = rules(code)
    tokens = sorted({t for s in _cldr_texts(code) + TRICKY for t in s.split()})
    script = f"""
      const L = require({json.dumps(str(JS / "search-language.js"))});
      const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      L.load(input.rules, require('url').pathToFileURL({json.dumps(str(JS / "snowball"))}).href + '/').then((T) => {{
        const stop = T.stopWords(input.rules.stop);
        process.stdout.write(JSON.stringify(input.tokens.map((w) => [T.words(w), T.terms(w, stop)])));
      }});
    """
    js = _node(script, {"rules": text.manifest(), "tokens": tokens})
    python = [[text.words(t), text.terms(t)] for t in tokens]
    assert len(tokens) > 2000
    assert [(t, p, j) for t, p, j in zip(tokens, python, js) if p != j] == []
    # the stemmer does something where the language has one, and nothing where it has none
    changed = sum(1 for words, terms in python for w, s in zip([w for w in words if w not in text.stop], terms)
                  if w != s)
    assert (changed > 100) == (code in SNOWBALL)


@pytest.mark.parametrize("code,a,b", [
    ("tr", "İstanbul IŞIK", "istanbul ışık"),
    ("ar", "مَدْرَسَةٌ", "مدرسة"),
    ("ar", "١٢٣", "123"),
    ("fa", "كتاب يك", "کتاب یک"),
    ("fa", "۱۲۳", "123"),
    ("ru", "Ёлка", "елка"),
    ("uk", "м'ясо", "м’ясо"),
    ("uk", "мʼясо", "мясо"),
    ("en", "Café", "cafe"),
    ("en", "courses", "course"),
    ("ru", "курсы", "курсов"),
])
def test_written_variants_share_a_term(code, a, b):
    assert rules(code).terms(a) == rules(code).terms(b) != []


def test_persian_words_part_at_the_zero_width_non_joiner_and_ukrainian_is_not_stemmed():
    assert rules("fa").words("کتاب\u200cها") == ["کتاب", "ها"]
    assert rules("fa").terms("کتاب\u200cها") == rules("fa").terms("کتاب")
    assert rules("uk").terms("курси курсів") == ["курси", "курсів"]


def test_the_search_takes_the_content_translations_and_none_where_german_is_shown(catalog):
    offer = next(o for o in catalog.offers if o.id == "vhs-deutsch-a2-ukrainisch")
    assert translated(offer, "title", "uk") == offer.translations["uk"]["title"]["text"]
    assert translated(offer, "summary", "uk") == offer.translations["uk"]["summary"]["text"]
    assert translated(offer, "description", "uk") is None and translated(offer, "title", "en") is None


@pytest.mark.parametrize("lang,query,offer", [
    ("ar", "الاعتراف بالمؤهلات", "anerkennungsberatung-auslaendische-abschluesse"),
    ("uk", "німецька мова", "vhs-deutsch-a2-ukrainisch"),
    ("en", "German course evening", "vhs-deutsch-a1-abendkurs"),
    ("tr", "ebeveyn çocuk grubu", "griffbereit-mehrsprachige-eltern-kind-gruppe"),
])
def test_the_example_s_translated_offers_are_found_in_their_language(example_site, lang, query, offer):
    found = run(example_site, [query], lang)[0]
    assert found["all"] and offer in found["ids"][:3], found


@pytest.fixture(scope="module")
def language_site(catalog, tmp_path_factory):
    """The example's search data in German and in every other language, with the test translations."""
    site = tmp_path_factory.mktemp("languages")
    folder = site / "suche" / "daten"
    folder.mkdir(parents=True)
    german = search_files(catalog)
    sets = [german] + [language_index.search_files(catalog, code, fixture_translation, german) for code in LANGUAGES]
    for files in sets:
        for name, data in files.files.items():
            (folder / name).write_bytes(data)
    return site


def run(site, queries: list[str], lang: str | None = None) -> list[dict]:
    payload = {"site": str(site), "queries": queries, **({"lang": lang} if lang else {})}
    proc = subprocess.run(["node", str(RUNNER)], input=json.dumps(payload), capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("lang,query,offer", [
    ("ar", "اندماج", "vhs-integrationskurs-vollzeit"),
    ("ar", "دورة الاندماج", "vhs-integrationskurs-vollzeit"),
    ("uk", "масаж немовлят", "babymassage-fbs"),
    ("uk", "масаж сім’ї", "babymassage-fbs"),  # written м'ясо-style with another apostrophe
    ("en", "first aid course", "drk-erste-hilfe-am-kind"),
    ("tr", "bebek masajı", "babymassage-fbs"),
    ("ru", "курс немецкий", "vhs-deutsch-a1-abendkurs"),
    ("fa", "کلاس آلمانی", "vhs-deutsch-a1-abendkurs"),
])
def test_offers_are_found_by_their_translated_title_in_its_language(language_site, lang, query, offer):
    found = run(language_site, [query], lang)[0]
    assert found["all"] and offer in found["ids"][:3], found
    assert len(found["ids"]) < 10  # the words' offers, not all


GERMAN_QUERIES = ["Deutschkurs", "Kita Eichenau", "Erste Hilfe", "Yoga", "kostenlos", "Schulabschluss nachholen"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_german_words_find_the_german_offers_from_every_language(language_site, lang):
    german = run(language_site, GERMAN_QUERIES)
    other = run(language_site, GERMAN_QUERIES, lang)
    for de, found in zip(german, other):
        assert de["ids"], de["q"]
        assert set(de["ids"]) <= set(found["ids"]), (lang, de["q"])
        assert found["filters"] == de["filters"]


def test_a_language_without_translated_texts_indexes_only_labels_and_shows_the_german_cards(catalog):
    german = search_files(catalog)
    files = language_index.search_files(catalog, "uk", lambda entry, field, lang: None, german)
    manifest = json.loads(files.files[files.manifest_name])
    assert manifest["german"] == german.manifest_name
    shards = [json.loads(files.files[name]) for name in manifest["shards"]]
    fields = {shard["fields"][p[0]] for shard in shards for entry in shard["postings"] for p in entry}
    assert fields <= {"f"}  # the vocabularies' Ukrainian labels, no title, summary or description
    first = json.loads(files.files[manifest["store"][0]])[0]
    assert first[manifest["card"].index("lang")] in ("de", catalog.offers[0].title_lang)
    assert first[manifest["card"].index("title")] == catalog.offers[0].title


def test_translated_titles_are_in_the_language_s_result_store(catalog, language_site):
    folder = language_site / "suche" / "daten"
    manifest = json.loads(next(folder.glob("ar-manifest-*.json")).read_text(encoding="utf-8"))
    rows = [row for name in manifest["store"] for row in json.loads((folder / name).read_text(encoding="utf-8"))]
    title, lang, url = (manifest["card"].index(f) for f in ("title", "lang", "url"))
    by_id = {row[url].rstrip("/").split("/")[-1]: row for row in rows}
    assert by_id["vhs-integrationskurs-vollzeit"][title].startswith("دورة الاندماج")
    assert by_id["vhs-integrationskurs-vollzeit"][lang] == ""
    assert by_id["babymassage-fbs"][lang] == "de"
    assert manifest["text"]["stemmer"] == "arabic" and manifest["facets"].startswith("facets-")


@pytest.fixture(scope="module")
def language_server(example_site, language_site, tmp_path_factory):
    """The example guide with the test translations' search data, each language's search page naming it."""
    site = tmp_path_factory.mktemp("language-site") / "site"
    shutil.copytree(example_site, site)
    for path in (language_site / "suche" / "daten").iterdir():
        shutil.copy(path, site / "suche" / "daten" / path.name)
    for code in LANGUAGES:
        page = site / code / "suche" / "index.html"
        html = page.read_text(encoding="utf-8")
        built = re.search(rf"/suche/daten/({code}-manifest-[0-9a-f]+\.json)", html).group(1)
        ours = next((language_site / "suche" / "daten").glob(f"{code}-manifest-*.json")).name
        page.write_text(html.replace(built, ours), encoding="utf-8")
    with serve(site) as url:
        yield url


def _shown(page) -> list[tuple[str, str, str | None]]:
    """(offer id, title, lang) of the result cards once the search has answered."""
    page.wait_for_function("document.querySelector('[data-status]').textContent.length > 0")
    page.wait_for_function("document.querySelectorAll('[data-results] a.ww-card__link').length > 0")
    return page.locator("[data-results] a.ww-card__link").evaluate_all(
        "els => els.map(e => [e.getAttribute('href').replace(/\\/$/, '').split('/').pop(), e.textContent.trim(),"
        " (e.closest('[lang]') && e.closest('[lang]') !== document.documentElement) ? e.closest('[lang]').lang : null])")


@pytest.mark.parametrize("lang,query,offer", [
    ("ar", "اندماج", "vhs-integrationskurs-vollzeit"),
    ("uk", "масаж немовлят", "babymassage-fbs"),
    ("fa", "کلاس آلمانی", "vhs-deutsch-a1-abendkurs"),
])
def test_the_language_s_search_page_finds_its_titles_in_chromium(chromium, language_server, lang, query, offer):
    with phone_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{language_server}/{lang}/suche/?q={query}")
        shown = _shown(page)
        assert errors == [] and page.foreign_requests == []
    assert shown[0][0] == offer
    assert shown[0][1] == TRANSLATIONS[(offer, lang)]["title"]


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_german_words_on_the_language_s_page_find_what_the_german_page_finds(chromium, language_server, lang):
    with phone_page(chromium) as page:
        page.goto(f"{language_server}/suche/?q=Deutschkurs")
        german = [offer for offer, _, _ in _shown(page)]
        page.goto(f"{language_server}/{lang}/suche/?q=Deutschkurs")
        shown = _shown(page)
    assert german and [offer for offer, _, _ in shown] == german
    for offer, title, title_lang in shown:  # a translated title in the page's language, the others marked German
        translation = TRANSLATIONS.get((offer, lang), {}).get("title")
        assert (title, title_lang) == ((translation, None) if translation else (title, "de")), offer


def test_the_built_guide_has_a_search_page_and_search_data_per_language(example_site):
    data = example_site / "suche" / "daten"
    german_page = (example_site / "suche" / "index.html").read_text(encoding="utf-8")
    german = re.search(r"/suche/daten/(manifest-[0-9a-f]+\.json)", german_page).group(1)
    assert "search-language.js" not in german_page and "data-stemmers" not in german_page
    for code in LANGUAGES:
        html = (example_site / code / "suche" / "index.html").read_text(encoding="utf-8")
        name = re.search(rf"/suche/daten/({code}-manifest-[0-9a-f]+\.json)", html).group(1)
        manifest = json.loads((data / name).read_text(encoding="utf-8"))
        assert manifest["german"] == german and manifest["text"]["code"] == code
        assert all((data / n).is_file() for n in manifest["shards"] + manifest["store"] + [manifest["facets"]])
        assert "search-language.js" in html and 'data-stemmers="/theme/js/snowball/"' in html
        if manifest["text"]["stemmer"]:
            assert (example_site / "theme" / "js" / "snowball" / f"{manifest['text']['stemmer']}-stemmer.js").is_file()


def test_without_the_language_s_stemmer_the_page_still_finds_the_german_offers(chromium, language_server):
    """A browser that cannot load the stemmer (an old one, or the file missing) searches the German index."""
    with phone_page(chromium) as page:
        page.goto(f"{language_server}/suche/?q=Deutschkurs")
        german = [offer for offer, _, _ in _shown(page)]
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/snowball/**", lambda route: route.abort())
        page.goto(f"{language_server}/ar/suche/?q=Deutschkurs")
        shown = [offer for offer, _, _ in _shown(page)]
    assert german and shown == german and errors == []
