"""Pelican settings for the example guide "Landkreis Musterland".

Settings only; everything specific to the guide is prefixed WEGWEISER_ and
documented in README.md.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

SITENAME = "Bildungswegweiser Landkreis Musterland"
SITESUBTITLE = "Bildungsangebote von der Kita bis zum Seniorencafé"
SITEURL = ""
AUTHOR = "Bildungsbüro Landkreis Musterland"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"

PATH = str(ROOT / "content")
OUTPUT_PATH = str(ROOT / "output")
THEME = str(ROOT / "theme")
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["wegweiser.pelican_plugin"]

# Offers and providers are read by the guide generator, not as articles.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
# content/images is not copied as is: images are published resized and without metadata (/bilder/).
STATIC_PATHS = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
SLUGIFY_SOURCE = "basename"

# Templates escape every variable; trusted HTML is marked safe explicitly.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
RELATIVE_URLS = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# --- Bildungswegweiser ---
# Folder with schemas/ and vocabularies/.
WEGWEISER_DATA_PATH = str(ROOT / "data")
# An entry whose "reviewed" date is older than this many months is stale.
WEGWEISER_STALE_MONTHS = 12
# An offer starting within this many days is shown as "bald".
WEGWEISER_SOON_DAYS = 28
# Publish the office's inventory report at /bestandsaufnahme/ (it lists gaps and contacts).
WEGWEISER_PUBLISH_REPORT = False
# Fixed date for reproducible builds and tests ("YYYY-MM-DD"); None means today.
WEGWEISER_TODAY = None
# Shown in the footer and the imprint.
WEGWEISER_COUNTY = "Landkreis Musterland"
# The county's name after "in", in its grammatical form ("Bildung im Landkreis Musterland");
# None: guessed from how WEGWEISER_COUNTY begins ("Landkreis …" -> "im Landkreis …").
WEGWEISER_COUNTY_IN = "im Landkreis Musterland"
WEGWEISER_OFFICE_EMAIL = "bildungsbuero@landkreis-musterland.example"
# The example content is fictional: a notice says so on every page.
WEGWEISER_EXAMPLE_NOTICE = True
# Open data under /daten/: licence of the export and the attribution users must show
# (None: "Quelle: <AUTHOR>, Bildungswegweiser").
WEGWEISER_DATA_LICENSE = "CC BY 4.0"
WEGWEISER_DATA_ATTRIBUTION = None
# Submissions (/mitmachen/): the form builds the file in the browser and hands it over by pull
# request, by e-mail or as a download ("pull-request", "email", "download"). The repository is
# fictional like the example county; set your own (GitHub or GitLab, "github" or "gitlab").
WEGWEISER_REPO_URL = "https://github.com/landkreis-musterland/bildungswegweiser"
WEGWEISER_REPO_HOST = "github"
WEGWEISER_REPO_BRANCH = "main"
WEGWEISER_SUBMIT_EMAIL = None  # None: WEGWEISER_OFFICE_EMAIL
WEGWEISER_SUBMIT_ROUTES = ["pull-request", "email", "download"]
