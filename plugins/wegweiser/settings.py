"""The product's Pelican settings, which every guide's pelicanconf.py starts from.

    from wegweiser.settings import *  # noqa: F401,F403

A guide's settings file then adds only what is its own (name, county, addresses,
repository). Theme, plugin and page layout come with the installed package, so an
upgrade of the package brings them without a change to the guide's repository.
Relative paths are relative to the settings file (Pelican resolves PATH,
OUTPUT_PATH and THEME so; WEGWEISER_DATA_PATH is taken relative to the project).
"""

from pathlib import Path

#: The theme inside the package (in this repository, a link to the top-level theme/ folder).
THEME = str(Path(__file__).resolve().parent / "theme")
PLUGINS = ["wegweiser.pelican_plugin"]
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
PATH = "content"
OUTPUT_PATH = "output"
SITEURL = ""

# Offers and providers are read by the guide generator, not as articles.
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
# content/images is not copied as is: images are published resized and without metadata (/bilder/).
STATIC_PATHS = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A page's translation is content/pages/<code>/<slug>.md: Pelican reads its language and slug from the
# path, groups it with the German page of that slug and writes it under the language's folder.
PATH_METADATA = r"pages/(?P<lang>[^/]+)/(?P<slug>[^/]+)\.md$"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
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

# --- Bildungswegweiser: defaults a guide may change ---
# Folder with the guide's own vocabularies/ (municipalities.csv) and indicators/; schemas and the
# other vocabularies come from the package unless this folder has a file of the same name.
WEGWEISER_DATA_PATH = "data"
# An entry whose "reviewed" date is older than this many months is stale.
WEGWEISER_STALE_MONTHS = 12
# An offer starting within this many days is shown as "bald".
WEGWEISER_SOON_DAYS = 28
# Publish the office's inventory report at /bestandsaufnahme/ (it lists gaps and contacts).
WEGWEISER_PUBLISH_REPORT = False
# Fixed date for reproducible builds and tests ("YYYY-MM-DD"); None means today.
WEGWEISER_TODAY = None
# Open data under /daten/: licence of the export and the attribution users must show
# (None: "Quelle: <AUTHOR>, Bildungswegweiser").
WEGWEISER_DATA_LICENSE = "CC BY 4.0"
WEGWEISER_DATA_ATTRIBUTION = None
# The printed brochure (wegweiser brochure) published under /broschuere/ by every build and linked from
# the area pages: the whole guide and one PDF per Bildungsbereich. Off by default: it takes about half a
# minute for a few hundred offers whenever an offer changed. Needs an absolute SITEURL (the QR codes).
WEGWEISER_BROCHURE = False
# Paper size of the published brochure: "A4" or "A5" (wegweiser brochure --paper makes either).
WEGWEISER_BROCHURE_PAPER = "A4"
# The languages the build prints the brochure in, each under /<code>/broschuere/ (German at /broschuere/):
# None: German only; a list of codes of WEGWEISER_LANGUAGES, or ["all"]. Each language takes as long as German
# (the area pages of a language without one link the German brochure).
WEGWEISER_BROCHURE_LANGUAGES = None
WEGWEISER_EXAMPLE_NOTICE = False
WEGWEISER_REPO_BRANCH = "main"
WEGWEISER_SUBMIT_EMAIL = None  # None: WEGWEISER_OFFICE_EMAIL
WEGWEISER_SUBMIT_ROUTES = ["pull-request", "email", "download"]
# Offline use: what the service worker keeps at the first visit, in KB (gzip) per language — the
# shell always, the search data as far as this allows (the rest once a search needs it).
WEGWEISER_OFFLINE_BUDGET_KB = 1000
