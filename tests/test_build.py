"""A real Pelican build: pages for every offer and provider, fields on the page."""

from __future__ import annotations

import shutil

import html
import re


from wegweiser.build.run import build
from wegweiser.catalog.display import de_date, euro


def _text(path) -> str:
    """Visible-ish text of a page: tags removed, entities decoded, whitespace folded."""
    raw = path.read_text(encoding="utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())



def test_example_content_is_big_enough(example_catalog):
    assert len(example_catalog.offers) >= 100
    assert len(example_catalog.providers) >= 25
    assert len(example_catalog.vocabularies["municipalities"].rows) >= 10
    areas = {o.area for o in example_catalog.offers}
    assert areas == set(example_catalog.vocabularies["areas"].by_id)


def test_one_page_per_published_offer_and_provider(example_site, example_catalog):
    offer_pages = {p.parent.name for p in (example_site / "angebote").glob("*/index.html")}
    assert offer_pages == {o.id for o in example_catalog.offers}
    provider_pages = {p.parent.name for p in (example_site / "anbieter").glob("*/index.html")}
    assert provider_pages == {p.id for p in example_catalog.providers}


def test_expired_offers_are_not_published(example_site, example_catalog):
    assert example_catalog.expired, "the example content should show an expired offer"
    for offer in example_catalog.expired:
        assert not (example_site / "angebote" / offer.id).exists()
        for page in (example_site / "a-z").glob("*.html"):
            assert f"/angebote/{offer.id}/" not in page.read_text(encoding="utf-8")


def test_offer_fields_appear_on_its_page(example_site, example_catalog):
    g = example_catalog
    for offer in g.offers:
        text = _text(example_site / offer.save_as)
        assert offer.title in text
        assert " ".join(offer.summary.split()) in text
        assert offer.provider_entry.name in text
        assert g.label("areas", offer.area) in text
        for label in g.labels("target_groups", offer.target_groups):
            assert label in text
        if offer.municipality:
            assert g.label("municipalities", offer.municipality) in text
        if offer.start_date:
            assert de_date(offer.start_date) in text
        if offer.cost_eur is not None:
            assert euro(offer.cost_eur) in text
        if offer.schedule:
            assert " ".join(offer.schedule.split()) in text
        assert f"Zuletzt geprüft am {de_date(offer.reviewed)}" in text


def test_provider_page_lists_its_offers(example_site, example_catalog):
    for provider in example_catalog.providers:
        raw = (example_site / provider.save_as).read_text(encoding="utf-8")
        for offer in provider.offers:
            assert f'href="/{offer.page_url}"' in raw


def _card(raw: str, offer) -> str:
    match = re.search(rf'<li class="ww-card">\s*<h(\d) class="ww-card__title"><a class="ww-card__link" '
                      rf'href="/{re.escape(offer.page_url)}".*?</li>', raw, re.S)
    assert match, offer.id
    return match.group(0)


def test_an_offer_card_is_the_same_in_every_list_at_its_heading_level(example_site, example_catalog):
    """One card macro for every list: only the heading level differs between lists."""
    for offer in example_catalog.offers[:20]:
        on_provider = _card((example_site / offer.provider_entry.save_as).read_text(encoding="utf-8"), offer)
        on_area = _card((example_site / "bereiche" / offer.area / "index.html").read_text(encoding="utf-8"), offer)
        assert on_provider.startswith('<li class="ww-card">') and '<h3 class="ww-card__title">' in on_provider
        assert on_area == on_provider.replace("<h3 ", "<h2 ").replace("</h3>", "</h2>")
        assert html.escape(offer.summary, quote=False) in on_area


def test_list_pages_show_counts(example_site, example_catalog):
    raw = (example_site / "bereiche" / "index.html").read_text(encoding="utf-8")
    for row in example_catalog.vocabularies["areas"].rows:
        count = len(example_catalog.offers_by("area", row["id"]))
        assert f'href="/bereiche/{row["id"]}/"' in raw
        assert f"({count}<span" in raw


def test_static_pages_are_built(example_site):
    for slug in ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"):
        assert (example_site / slug / "index.html").is_file()
    assert (example_site / "404.html").is_file()


def test_only_static_pages_that_exist_are_linked(minimal_project):
    """A new guide may not have all of content/pages/ yet: no link may lead nowhere."""
    out = minimal_project / "output"
    assert build(minimal_project / "pelicanconf.py", out).ok  # the fixture has an Impressum only
    for page in (out / "index.html", out / "angebote" / "deutschkurs-a1" / "index.html", out / "impressum" / "index.html"):
        raw = page.read_text(encoding="utf-8")
        assert 'href="/impressum/"' in raw
        assert 'href="/datenschutz/"' not in raw and 'href="/leichte-sprache/"' not in raw
    (minimal_project / "content" / "pages" / "datenschutz.md").write_text(
        "Title: Datenschutz\n\nWir speichern nichts.\n", encoding="utf-8")
    assert build(minimal_project / "pelicanconf.py", out).ok  # incremental: every page links it now
    for page in (out / "index.html", out / "angebote" / "deutschkurs-a1" / "index.html"):
        assert 'href="/datenschutz/"' in page.read_text(encoding="utf-8")


def test_minimal_build_exact_pages(minimal_project, tmp_path):
    result = build(minimal_project / "pelicanconf.py", tmp_path / "out")
    assert result.ok
    out = tmp_path / "out"
    assert sorted(p.parent.name for p in (out / "angebote").glob("*/index.html")) == [
        "deutschkurs-a1", "kita-sonnenblume", "online-englisch",
    ]
    page = _text(out / "angebote" / "deutschkurs-a1" / "index.html")
    for expected in ("Deutschkurs A1 am Abend", "Mo und Mi 18–20 Uhr", "120 €", "Musterstadt",
                     "Kostenbefreiung im Integrationskurs", "Deutsch, Arabisch, Ukrainisch",
                     "Rollstuhlgerecht", "1. Februar 2027 bis 30. Juni 2027", "ab 16 Jahren",
                     "Sie lernen Deutsch. Der Kurs ist am Abend.", "Volkshochschule Testkreis"):
        assert expected in page
    raw = (out / "angebote" / "deutschkurs-a1" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Alltagsdeutsch</strong>" in raw
    assert 'href="https://www.openstreetmap.org/?mlat=52.6201&amp;mlon=10.0801' in raw
    assert "kostenlos" in _text(out / "angebote" / "online-englisch" / "index.html")


def test_template_variables_are_escaped(minimal_project, tmp_path, monkeypatch):
    from wegweiser.checks import rules
    from wegweiser.checks import validate

    offer = minimal_project / "content" / "offers" / "deutschkurs-a1.md"
    offer.write_text(offer.read_text().replace(
        "title: Deutschkurs A1 am Abend", 'title: "Deutsch <script>alert(1)</script> & mehr"'))
    refused = build(minimal_project / "pelicanconf.py", tmp_path / "out")  # validation refuses HTML in text …
    assert {f.code for f in refused.findings if f.is_error} == {"html-in-text"}
    monkeypatch.setattr(validate, "FILE_RULES", tuple(r for r in rules.FILE_RULES if r is not rules.check_markup_in_text))
    shutil.rmtree(minimal_project / ".cache")  # the cached findings came from the unpatched rules
    result = build(minimal_project / "pelicanconf.py", tmp_path / "out")  # … and templates escape it anyway
    assert result.ok
    raw = (tmp_path / "out" / "angebote" / "deutschkurs-a1" / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in raw
    assert "Deutsch &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr" in raw


def test_publish_settings_use_a_sub_path(minimal_project, tmp_path):
    result = build(minimal_project / "pelicanconf.py", tmp_path / "out",
                   {"SITEURL": "https://example.org/bildung"})
    assert result.ok
    raw = (tmp_path / "out" / "angebote" / "deutschkurs-a1" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/bildung/theme/css/main.css"' in raw
    assert '<link rel="canonical" href="https://example.org/bildung/angebote/deutschkurs-a1/">' in raw
    assert 'href="/' not in raw


def test_schema_fields_read_as_attributes_without_shadowing_what_the_site_derives(example_catalog):
    from types import SimpleNamespace

    from wegweiser.catalog.catalog import Entry
    from wegweiser.content.frontmatter import SourceFile

    offer = example_catalog.offers[0]
    for name in example_catalog.schemas.offer.field_names:
        assert getattr(offer, name) == offer.values[name]
    schema = SimpleNamespace(field_names=["id", "title", "content", "offers"])  # names the site uses itself
    src = SourceFile(path=None, rel="x.md", values={"id": "x", "title": "T", "content": "field", "offers": 3},
                     body="*Text*")
    entry = Entry("offer", schema, src)
    assert entry.title == "T" and entry.id == "x"
    assert str(entry.content) == "<p><em>Text</em></p>" and entry.offers == []  # derived, not the field
    assert entry.values["content"] == "field" and entry.values["offers"] == 3


def test_the_catalog_takes_over_the_parsed_values(minimal_project):
    """Each file's values become its entry's while the catalog is made: the parsed dicts are freed
    then, not after the last entry (the build process stays smaller)."""
    from conftest import core_settings

    from wegweiser.catalog.project import Project

    validation, catalog = Project.from_settings(core_settings(minimal_project)).load()
    by_file = {entry.source: entry for entry in catalog.offers + catalog.expired + catalog.providers}
    sources = validation.sources["offer"] + validation.sources["provider"]
    assert len(sources) == len(by_file) > 3
    for src in sources:
        assert src.values is by_file[src.rel].values
        assert list(src.values) == catalog.schemas.for_kind(by_file[src.rel].entry_type).field_names


def test_header_and_footer_rendered_once_are_those_rendered_on_each_page(minimal_project, tmp_path, monkeypatch):
    from conftest import site_tree

    from wegweiser.pelican_plugin.generators import GuideGenerator

    settings = minimal_project / "pelicanconf.py"
    once = build(settings, tmp_path / "once")
    original = GuideGenerator._chrome

    def without_chrome(self, language, urls):
        assert original(self, language, urls)["footer"].startswith('<footer class="ww-footer">')
        return None  # each page includes header and footer itself

    monkeypatch.setattr(GuideGenerator, "_chrome", without_chrome)
    shutil.rmtree(minimal_project / ".cache", ignore_errors=True)
    each = build(settings, tmp_path / "each")
    assert once.ok and each.ok and once.pages == each.pages > 5
    tree = site_tree(tmp_path / "once")
    assert tree == site_tree(tmp_path / "each")
    assert sum(b'<header class="ww-header">' in content for content in tree.values()) >= once.pages
