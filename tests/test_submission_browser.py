"""The submission form /mitmachen/ in real Chromium: a valid offer, errors the GOV.UK way,
pre-filled changes, the three routes, accessibility, and the page without JavaScript."""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import describe, horizontal_overflow, phone_page, run_axe
from conftest import ROOT, TODAY, make_project
from test_submission_rules import raw_values

from wegweiser.cli import main
from wegweiser.submissions.submission import prefill_group, prefill_groups

FORM = "#angebot-formular"
SUBMIT = f"{FORM} button[type=submit]"




@pytest.fixture
def page(chromium, example_server):
    with phone_page(chromium) as p:
        p.clock.set_fixed_time(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0))
        p.set_default_timeout(10_000)
        p.errors = []
        p.on("pageerror", lambda e: p.errors.append(str(e)))
        p.server = example_server
        yield p
        assert p.foreign_requests == []
        assert p.errors == []


def _open(page, query="", form=FORM):
    page.goto(f"{page.server}/mitmachen/{query}")
    page.wait_for_selector(f"{form}:not([hidden])")


def _fill_valid_offer(page):
    page.fill("#angebot-title", "Nähcafé für Anfängerinnen: Kleidung reparieren")
    page.locator("#angebot-title").blur()
    page.fill("#angebot-summary", "Gemeinsam Kleidung flicken und ändern – mit Anleitung, Nähmaschinen sind da.")
    page.select_option("#angebot-provider", "mehrgenerationenhaus-weidental")
    page.check("#angebot-area-non-formale-bildung")
    page.check("#angebot-target-groups-erwachsene")
    page.check("#angebot-target-groups-senioren")
    page.check("#angebot-format-praesenz")
    page.select_option("#angebot-municipality", "weidental")
    page.fill("#angebot-postcode", "29339")
    page.fill("#angebot-start-date", "2027-02-01")
    page.fill("#angebot-end-date", "2027-06-30")
    page.fill("#angebot-cost-eur", "5,50")
    page.fill("#angebot-registration-url", "mailto:mgh@weidental.example")
    page.fill("#angebot-beschreibung", "Jeden ersten Montag im Monat.\n\n- Nadel und Faden\n- gute Laune")


def _result_text(page) -> str:
    page.wait_for_selector("[data-result]:not([hidden])")
    return page.text_content("[data-result-text]")


def _validate_in_example_copy(tmp_path, folder: str, name: str, text: str):
    project = make_project(tmp_path / "project", ROOT / "content")
    (project / "content" / folder / name).write_text(text, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(project)
    try:
        return main(["validate", "--format", "json"])
    finally:
        os.chdir(cwd)


def test_a_valid_offer_becomes_a_file_that_passes_wegweiser_validate(page, tmp_path, capsys):
    _open(page)
    _fill_valid_offer(page)
    assert page.input_value("#angebot-id") == "naehcafe-fuer-anfaengerinnen-kleidung-reparieren"
    assert page.input_value("#angebot-reviewed") == TODAY.isoformat()
    page.click(SUBMIT)
    text = _result_text(page)
    assert page.evaluate("document.activeElement.id") == "ergebnis-titel"
    assert page.text_content("[data-result-path]") == \
        "content/offers/naehcafe-fuer-anfaengerinnen-kleidung-reparieren.md"
    assert 'title: "Nähcafé für Anfängerinnen: Kleidung reparieren"' in text
    assert "cost_eur: 5.5\n" in text and "start_date: 2027-02-01\n" in text
    code = _validate_in_example_copy(tmp_path, "offers", "naehcafe-fuer-anfaengerinnen-kleidung-reparieren.md", text)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "naehcafe" not in out  # not even a warning for the new file


def test_download_gives_the_same_file(page):
    _open(page)
    _fill_valid_offer(page)
    page.click(SUBMIT)
    text = _result_text(page)
    with page.expect_download() as info:
        page.click("[data-route='download'] a")
    download = info.value
    assert download.suggested_filename == "naehcafe-fuer-anfaengerinnen-kleidung-reparieren.md"
    assert open(download.path(), encoding="utf-8").read() == text


def test_pull_request_and_mail_links_carry_the_full_file(page):
    _open(page)
    _fill_valid_offer(page)
    page.click(SUBMIT)
    text = _result_text(page)
    routes = page.locator("[data-route]:not([hidden])").evaluate_all("els => els.map(e => e.dataset.route)")
    assert routes == ["email", "pull-request", "download"]
    pr = urlsplit(page.get_attribute("[data-route='pull-request'] a", "href"))
    assert (pr.scheme, pr.netloc, pr.path) == ("https", "github.com",
                                                "/landkreis-musterland/bildungswegweiser/new/main/content/offers")
    assert parse_qs(pr.query) == {"filename": ["naehcafe-fuer-anfaengerinnen-kleidung-reparieren.md"], "value": [text]}
    mail = urlsplit(page.get_attribute("[data-route='email'] a", "href"))
    assert (mail.scheme, mail.path) == ("mailto", "bildungsbuero@landkreis-musterland.example")
    query = parse_qs(mail.query)
    assert query["subject"] == ["Neues Angebot für den Bildungswegweiser: Nähcafé für Anfängerinnen: Kleidung "
                                "reparieren"]
    body = query["body"][0].replace("\r\n", "\n")
    assert body.endswith("\n\n" + text) and "content/offers/naehcafe" in body


def test_an_invalid_form_shows_the_error_summary_field_messages_and_moves_focus(page):
    _open(page)
    page.fill("#angebot-summary", "Yoga")
    page.fill("#angebot-age-min", "zwölf")
    page.fill("#angebot-url", "www.example.org")
    page.click(SUBMIT)
    summary = page.locator("#angebot-fehler")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "angebot-fehler"
    assert summary.get_attribute("role") == "alert"
    assert page.title().startswith("Fehler: ")
    links = summary.locator("a")
    targets = links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert targets == ["#angebot-id", "#angebot-title", "#angebot-summary", "#angebot-provider",
                       "#angebot-area-fruehkindliche-bildung", "#angebot-target-groups-kinder-unter-3",
                       "#angebot-age-min", "#angebot-format-praesenz", "#angebot-url"]
    assert links.nth(0).text_content() == "Geben Sie „Kennung“ an."
    assert links.nth(2).text_content() == "„Kurzbeschreibung“ muss mindestens 10 Zeichen lang sein."
    assert "ganze Zahl" in links.nth(6).text_content()
    # the message sits next to its field and is announced with it
    message = page.locator("#angebot-age-min-fehler")
    assert message.is_visible() and "ganze Zahl" in message.text_content()
    assert page.get_attribute("#angebot-age-min", "aria-describedby") == "angebot-age-min-hinweis angebot-age-min-fehler"
    assert page.get_attribute("#angebot-age-min", "aria-invalid") == "true"
    group = page.locator("[data-field='target_groups'] fieldset")
    assert group.get_attribute("aria-describedby") == "angebot-target-groups-hinweis angebot-target-groups-fehler"
    assert page.locator(".ww-error-message").count() == 9
    # a link in the summary takes keyboard focus to its field
    links.nth(6).click()
    assert page.evaluate("document.activeElement.id") == "angebot-age-min"
    links.nth(5).click()
    assert page.evaluate("document.activeElement.id") == "angebot-target-groups-kinder-unter-3"
    # fixed fields lose their message on the next try
    page.fill("#angebot-age-min", "12")
    page.click(SUBMIT)
    assert page.locator("#angebot-age-min-fehler").count() == 0
    assert page.get_attribute("#angebot-age-min", "aria-describedby") == "angebot-age-min-hinweis"
    assert page.locator(".ww-error-message").count() == 8


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_form_s_messages_speak_the_page_s_language(page, code):
    """On another language's page the script's messages, the fields' names in them and the summary's title
    come from that language's catalog (the form's configuration is shared and German)."""
    import re

    from wegweiser.i18n.catalogs import translations

    texts = translations(code)
    page.goto(f"{page.server}/{code}/mitmachen/")
    page.wait_for_selector(f"{FORM}:not([hidden])")
    page.fill("#angebot-summary", "Yoga")
    page.click(SUBMIT)
    links = page.locator("#angebot-fehler a")
    required = texts.gettext("Geben Sie „{label}“ an.")
    assert required != "Geben Sie „{label}“ an."  # the catalog has it: the test compares languages
    assert links.nth(0).text_content() == re.sub(r"\s+", " ", required.format(label=texts.gettext("Kennung"))).strip()
    too_short = texts.gettext("„{label}“ muss mindestens {limit} Zeichen lang sein.")
    assert links.nth(2).text_content() == re.sub(r"\s+", " ", too_short.format(
        label=texts.gettext("Kurzbeschreibung"), limit=10)).strip()
    assert page.locator("#angebot-fehler-titel").text_content().strip() == texts.gettext("Bitte korrigieren Sie Ihre Angaben")
    assert page.title().startswith(texts.gettext("Fehler"))


def test_cross_field_rules_run_in_the_browser(page):
    _open(page)
    _fill_valid_offer(page)
    page.fill("#angebot-end-date", "2027-01-15")
    page.fill("#angebot-postcode", "29301")
    page.fill("#angebot-lat", "52.6")
    page.click(SUBMIT)
    assert page.text_content("#angebot-end-date-fehler").endswith(
        "Das Ende (2027-01-15) darf nicht vor dem Beginn (2027-02-01) liegen.")
    assert "gehört nicht zu Weidental" in page.text_content("#angebot-postcode-fehler")
    assert "zusammen" in page.text_content("#angebot-lat-fehler")


def test_change_link_on_an_offer_page_prefills_the_form(page, catalog, tmp_path):
    offer = next(o for o in catalog.offers if o.id == "vhs-deutsch-a1-abendkurs")
    page.goto(f"{page.server}/{offer.page_url}")
    page.get_by_role("link", name="Änderung vorschlagen").click()
    page.wait_for_selector(f"{FORM}:not([hidden])")
    assert urlsplit(page.url).query == "aendern=vhs-deutsch-a1-abendkurs"
    assert page.text_content("#angebot-titel") == "Änderung vorschlagen: Deutschkurs A1 am Abend"
    assert page.input_value("#angebot-id") == offer.id and page.locator("#angebot-id").get_attribute("readonly") == ""
    assert page.input_value("#angebot-title") == offer.title
    assert page.input_value("#angebot-summary") == offer.summary
    assert page.input_value("#angebot-provider") == offer.provider
    assert page.is_checked(f"#angebot-area-{offer.area}")
    checked = page.locator("[data-field='target_groups'] input:checked").evaluate_all("els => els.map(e => e.value)")
    assert sorted(checked) == sorted(offer.target_groups)
    assert page.input_value("#angebot-start-date") == offer.start_date.isoformat()
    assert page.input_value("#angebot-lat") == str(offer.lat)
    assert page.input_value("#angebot-beschreibung") == offer.body
    page.fill("#angebot-schedule", "Mo und Mi 18–20:15 Uhr (32 Termine)")
    page.click(SUBMIT)
    text = _result_text(page)
    path = tmp_path / f"{offer.id}.md"
    path.write_text(text, encoding="utf-8")
    expected = raw_values(ROOT / offer.source, "offer")
    expected.pop("translations", None)  # the form edits the German; the office keeps the file's translations
    expected.update(schedule="Mo und Mi 18–20:15 Uhr (32 Termine)", reviewed=TODAY.isoformat())
    assert raw_values(path, "offer") == expected
    pr = page.get_attribute("[data-route='pull-request'] a", "href")
    assert pr == "https://github.com/landkreis-musterland/bildungswegweiser/edit/main/content/offers/" \
                 "vhs-deutsch-a1-abendkurs.md"
    assert page.is_visible("[data-route-mode='change']") and not page.is_visible("[data-route-mode='new']")
    body = parse_qs(urlsplit(page.get_attribute("[data-route='email'] a", "href")).query)["body"][0]
    assert body.replace("\r\n", "\n").endswith(text)


def test_change_link_on_a_provider_page_prefills_the_provider_form(page, catalog):
    provider = catalog.provider("vhs-musterland")
    page.goto(f"{page.server}/{provider.page_url}")
    page.get_by_role("link", name="Änderung vorschlagen").click()
    page.wait_for_selector("#anbieter-formular:not([hidden])")
    assert page.locator(FORM).is_hidden()
    assert page.input_value("#anbieter-name") == provider.name
    assert page.input_value("#anbieter-kind") == provider.kind
    assert page.input_value("#anbieter-postcode") == provider.postcode
    checked = page.locator("[data-field='accessibility'] input:checked").evaluate_all("els => els.map(e => e.value)")
    assert sorted(checked) == sorted(provider.accessibility)
    page.click("#anbieter-formular button[type=submit]")
    assert "content/providers/vhs-musterland.md" == page.text_content("[data-result-path]")


def test_unknown_entry_falls_back_to_a_new_form(page):
    _open(page, "?aendern=gibt-es-nicht")
    assert "gibt-es-nicht" in page.text_content("[data-submit-status]")
    assert page.input_value("#angebot-title") == ""


@pytest.mark.parametrize("state", ["empty", "errors", "result", "provider"])
def test_form_has_no_axe_violations(page, state):
    _open(page, "?neu=anbieter" if state == "provider" else "", "#anbieter-formular" if state == "provider" else FORM)
    if state == "errors":
        page.fill("#angebot-age-min", "x")
        page.click(SUBMIT)
        page.wait_for_selector("#angebot-fehler:not([hidden])")
    elif state == "result":
        _fill_valid_offer(page)
        page.click(SUBMIT)
        _result_text(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)
    assert horizontal_overflow(page) <= 0
    page.set_viewport_size({"width": 320, "height": 640})
    assert horizontal_overflow(page) <= 0


def test_tap_targets_are_at_least_24_px(page):
    _open(page)
    page.click(SUBMIT)
    small = page.evaluate("""() => [...document.querySelectorAll(
        '#formular a, #formular button, #formular input, #formular select, #formular textarea')]
        .filter(el => el.offsetParent !== null)
        .map(el => [el.id || el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([name]) => name)""")
    assert small == []


def test_without_javascript_the_page_explains_mail_and_pull_request(chromium, example_server):
    with phone_page(chromium, java_script=False) as page:
        page.goto(example_server + "/mitmachen/")
        assert page.locator("[data-submit]").is_hidden()
        assert page.locator("[data-nojs]").is_visible()
        assert "braucht JavaScript" in page.text_content("[data-nojs]")
        mail = page.locator("main a[href^='mailto:']").first
        assert mail.get_attribute("href").startswith("mailto:bildungsbuero@landkreis-musterland.example?subject=")
        assert page.get_by_role("heading", name="Per Pull Request").is_visible()
        links = page.locator("main a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert "/mitmachen/felder/" in links
        assert "https://github.com/landkreis-musterland/bildungswegweiser/blob/main/CONTRIBUTING.md" in links


def test_field_documentation_page(chromium, example_server):
    with phone_page(chromium) as page:
        page.goto(example_server + "/mitmachen/felder/")
        assert page.locator("#offer-title").is_visible()
        assert "Pflichtfeld" in page.text_content("#offer-title")
        assert page.locator("#provider-kind").count() == 1
        violations = run_axe(page)
        assert violations == [], describe(violations)


def test_form_data_is_loaded_only_on_the_form_page(chromium, example_server, catalog):
    offer = catalog.offers[0]
    groups = prefill_groups(len(catalog.offers) + len(catalog.expired))
    with phone_page(chromium) as page:
        requested = []
        page.on("request", lambda r: requested.append(urlsplit(r.url).path))
        page.goto(f"{example_server}/{offer.page_url}", wait_until="networkidle")
        assert not [p for p in requested if "mitmachen" in p or "submit" in p]
        page.goto(f"{example_server}/mitmachen/?aendern={offer.id}", wait_until="networkidle")
        data = [p for p in requested if p.startswith("/mitmachen/daten/")]
        assert data == ["/mitmachen/daten/formular.json",
                        f"/mitmachen/daten/angebote/{prefill_group(offer.id, groups)}.json"]
        assert page.input_value("#angebot-title") == offer.values["title"]


def test_the_form_finds_the_prefill_file_python_puts_each_entry_in(chromium, example_server, catalog):
    """submit.js and prefill_group agree on every offer id (each change link loads its file)."""
    groups = prefill_groups(len(catalog.offers) + len(catalog.expired))
    with phone_page(chromium) as page:
        requested = []
        page.on("request", lambda r: requested.append(urlsplit(r.url).path))
        for offer in catalog.offers[:12]:
            requested.clear()
            page.goto(f"{example_server}/mitmachen/?aendern={offer.id}", wait_until="networkidle")
            assert f"/mitmachen/daten/angebote/{prefill_group(offer.id, groups)}.json" in requested
            assert page.input_value("#angebot-title") == offer.values["title"]


def test_the_markdown_page_was_replaced(example_site):
    assert not (ROOT / "content" / "pages" / "mitmachen.md").exists()
    html = (example_site / "mitmachen" / "index.html").read_text(encoding="utf-8")
    assert html.count('id="angebot-formular"') == 1 and html.count('id="anbieter-formular"') == 1
