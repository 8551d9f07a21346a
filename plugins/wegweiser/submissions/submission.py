"""Submissions by providers: settings of the three routes, the form's data, prefill data.

The form on /mitmachen/ builds an offer or provider file in the browser and
hands it over by pull request (a link to the repository host's new-file or
edit page), by e-mail (``mailto:``) or as a download. Nothing is sent by the
page itself. This module turns the ``WEGWEISER_*`` settings and the schemas
into the JSON the form's JavaScript reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from wegweiser.checks import rules
from wegweiser.submissions.form_messages import FORM_MESSAGES, FORM_TYPE_NAMES
from wegweiser.submissions.json_schema import json_schema
from wegweiser.content.sanitize import MAILTO_HEADERS
from wegweiser.content.schema import KIND_FOLDERS, MULTILINE_FROM, Schemas

ROUTES = ("pull-request", "email", "download")
HOSTS = ("github", "gitlab")
#: URL folder of the form and of its data
PAGE_URL = "mitmachen/"
FIELDS_URL = "mitmachen/felder/"
DATA_FOLDER = "mitmachen/daten"
CONFIG_FILE = f"{DATA_FOLDER}/formular.json"
#: folder of the prefill files of each kind and the URL parameter that asks for an entry
PREFILL = {"offer": ("angebote", "aendern"), "provider": ("anbieter", "anbieter")}
#: entries per prefill file on average: the form loads one file of a few dozen entries (a few KB
#: compressed) rather than the site holding one file per entry — thousands of files make
#: every build and every upload slower
PREFILL_GROUP = 32
#: HTML id prefix of each kind's form fields
ID_PREFIX = {"offer": "angebot", "provider": "anbieter"}


class SubmitSettingsError(ValueError):
    """A WEGWEISER_ setting of the submission routes is wrong (German message)."""


@dataclass(frozen=True)
class SubmitSettings:
    repo_url: str | None
    repo_host: str
    branch: str
    email: str | None
    #: routes that are switched on and usable (a pull request needs a repository, e-mail an address)
    routes: tuple[str, ...]

    @classmethod
    def from_settings(cls, settings: Mapping) -> "SubmitSettings":
        repo_url = (settings.get("WEGWEISER_REPO_URL") or "").strip().rstrip("/") or None
        if repo_url and urlsplit(repo_url).scheme not in ("http", "https"):
            raise SubmitSettingsError(f"WEGWEISER_REPO_URL „{repo_url}“ muss mit https:// beginnen.")
        host = settings.get("WEGWEISER_REPO_HOST") or _guess_host(repo_url)
        if host not in HOSTS:
            raise SubmitSettingsError(f"WEGWEISER_REPO_HOST „{host}“ ist unbekannt; erlaubt sind: "
                                      f"{', '.join(HOSTS)}.")
        switched_on = settings.get("WEGWEISER_SUBMIT_ROUTES")
        switched_on = ROUTES if switched_on is None else tuple(switched_on)
        unknown = [r for r in switched_on if r not in ROUTES]
        if unknown:
            raise SubmitSettingsError(f"WEGWEISER_SUBMIT_ROUTES enthält Unbekanntes ({', '.join(unknown)}); "
                                      f"erlaubt sind: {', '.join(ROUTES)}.")
        email = settings.get("WEGWEISER_SUBMIT_EMAIL") or settings.get("WEGWEISER_OFFICE_EMAIL") or None
        usable = {"pull-request": bool(repo_url), "email": bool(email), "download": True}
        return cls(repo_url=repo_url, repo_host=host, branch=settings.get("WEGWEISER_REPO_BRANCH") or "main",
                   email=email, routes=tuple(r for r in ROUTES if r in switched_on and usable[r]))

    def file_url(self, path: str) -> str | None:
        """Where a file of the repository is shown on the host (e.g. CONTRIBUTING.md)."""
        if not self.repo_url:
            return None
        middle = "blob" if self.repo_host == "github" else "-/blob"
        return f"{self.repo_url}/{middle}/{quote(self.branch)}/{path}"

    def as_dict(self) -> dict:
        return {"repoUrl": self.repo_url, "repoHost": self.repo_host, "branch": self.branch,
                "email": self.email, "routes": list(self.routes)}


def _guess_host(repo_url: str | None) -> str:
    return "gitlab" if repo_url and "gitlab" in (urlsplit(repo_url).hostname or "") else "github"


def prefill_groups(count: int) -> int:
    """Over how many files the prefill data of ``count`` entries is spread: a power of two
    (so the number, and with it every file, changes only when the catalog doubles or halves)."""
    groups = 1
    while groups * PREFILL_GROUP < count:
        groups *= 2
    return groups


def prefill_group(entry_id: str, groups: int) -> str:
    """The prefill file (hexadecimal number) of an entry: the 32-bit FNV-1a hash of its id modulo
    ``groups`` — submit.js computes the same to know which file to load."""
    value = 0x811C9DC5
    for byte in entry_id.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return format(value % groups, "x")


def form_config(schemas: Schemas, submit: SubmitSettings, provider_ids: list[str],
                existing: Mapping[str, list[str]], images: list[str]) -> dict:
    """Everything the form's JavaScript needs: schemas, rule data, messages, routes.

    ``existing`` maps each kind to the ids already in use (a new entry must not reuse one);
    their number also sets the number of prefill files (:func:`prefill_groups`).
    """
    municipalities = schemas.vocabularies["municipalities"]
    formats = schemas.vocabularies.get("formats")
    return {
        "kinds": {
            kind: {
                "folder": f"content/{KIND_FOLDERS[kind]}",
                "prefill": f"{DATA_FOLDER}/{PREFILL[kind][0]}/",
                "prefillGroups": prefill_groups(len(existing.get(kind, []))),
                "idPrefix": ID_PREFIX[kind],
                "existing": sorted(existing.get(kind, [])),
                "schema": json_schema(schemas, kind, provider_ids),
            }
            for kind in KIND_FOLDERS
        },
        "rules": {
            "germany": rules.GERMANY,
            "linkSchemes": list(rules.LINK_SCHEMES),
            "multilineFrom": MULTILINE_FROM,
            "mailtoHeaders": sorted(MAILTO_HEADERS),
            "onSiteFormats": list(rules.ON_SITE_FORMATS),
            "imageFields": rules.IMAGE_FIELDS,
            "images": sorted(images),
            "postcodes": {row["id"]: list(row.get("postcodes") or []) for row in municipalities.rows},
            "labels": {"municipalities": {row["id"]: row["label"] for row in municipalities.rows},
                       "formats": {row["id"]: row["label"] for row in formats.rows} if formats else {}},
        },
        "messages": FORM_MESSAGES,
        "typeNames": FORM_TYPE_NAMES,
        "submit": submit.as_dict(),
    }


def jsonable(value):
    """A front matter value as JSON: dates as JJJJ-MM-TT, everything else as it is."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


def entry_payload(values: Mapping, body: str) -> dict:
    """The current state of an entry, for pre-filling the change form."""
    return {"values": {k: jsonable(v) for k, v in values.items() if v not in (None, "", [])},
            "body": body or ""}
