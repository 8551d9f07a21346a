"""Settings for publishing: pelicanconf plus the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

# The public address, also below a sub-path such as https://www.example.org/bildung
SITEURL = os.environ.get("WEGWEISER_SITEURL", "https://bildung.landkreis-musterland.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False
