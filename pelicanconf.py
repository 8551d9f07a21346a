"""Pelican settings for the example guide "Landkreis Musterland".

Built the way every guide is: the product's settings (theme, plugin, page layout) come from
the installed package, this file adds what belongs to the guide. Everything specific to the
guide is prefixed WEGWEISER_ and documented in README.md.
"""

from pathlib import Path

from wegweiser.settings import *  # noqa: F401,F403

SITENAME = "Bildungswegweiser Landkreis Musterland"
SITESUBTITLE = "Bildungsangebote von der Kita bis zum Seniorencafé"
AUTHOR = "Bildungsbüro Landkreis Musterland"

# --- Bildungswegweiser ---
# The guide's own data: its municipalities (data/vocabularies/) and indicators (data/indicators/).
WEGWEISER_DATA_PATH = str(Path(__file__).resolve().parent / "data")
# Shown in the footer and the imprint.
WEGWEISER_COUNTY = "Landkreis Musterland"
# The county's name after "in", in its grammatical form ("Bildung im Landkreis Musterland");
# None: guessed from how WEGWEISER_COUNTY begins ("Landkreis …" -> "im Landkreis …").
WEGWEISER_COUNTY_IN = "im Landkreis Musterland"
WEGWEISER_OFFICE_EMAIL = "bildungsbuero@landkreis-musterland.example"
# The county's Bildungsberatung, offered on the search page when a search finds nothing
# (name in the dative after "fragen Sie die …"; phone, email and url each optional; None: not shown).
WEGWEISER_ADVICE = {
    "name": "Bildungsberatung im Bildungsbüro",
    "phone": "05141 916-450",
    "email": "bildungsberatung@landkreis-musterland.example",
    "url": "angebote/bildungsberatung-bildungsbuero/",
}
# The example content is fictional: a notice says so on every page.
WEGWEISER_EXAMPLE_NOTICE = True
# The languages the guide is published in: German (the content's language) at the root, each other
# under /<code>/ (/en/, /ar/); the interface through the catalogs of plugins/wegweiser/i18n/locales/
WEGWEISER_LANGUAGES = ["de", "en", "tr", "ar", "uk", "ru", "fa"]
# Submissions (/mitmachen/): the form builds the file in the browser and hands it over by pull
# request, by e-mail or as a download ("pull-request", "email", "download"). The repository is
# fictional like the example county; set your own (GitHub or GitLab, "github" or "gitlab").
WEGWEISER_REPO_URL = "https://github.com/landkreis-musterland/bildungswegweiser"
WEGWEISER_REPO_HOST = "github"
# Indicators from official statistics (wegweiser import TABLE --kind indicator): up to five other
# Kreise (official keys, AGS) compared with the county besides its Land and Germany.
WEGWEISER_COMPARE_REGIONS = []
