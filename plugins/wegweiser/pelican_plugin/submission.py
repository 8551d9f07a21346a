"""Pelican glue of the submission form: the pages /mitmachen/ and /mitmachen/felder/
and the form's data files (see :mod:`wegweiser.submissions.submission`)."""

from __future__ import annotations

import functools

import json

from jinja2 import pass_context

from wegweiser.catalog.catalog import Catalog
from wegweiser.pelican_plugin.incremental import EntryFile
from wegweiser.submissions.field_docs import KIND_TITLES, field_docs
from wegweiser.submissions.form_messages import form_texts
from wegweiser.submissions.form_model import form_fields
from wegweiser.submissions.json_schema import json_schema
from wegweiser.catalog.project import Project
from wegweiser.i18n.texts import UIText, VocabularyLabel
from wegweiser.content.schema import KIND_FOLDERS
from wegweiser.submissions.submission import (CONFIG_FILE, DATA_FOLDER, FIELDS_URL, ID_PREFIX, PAGE_URL, PREFILL,
                               SubmitSettings, entry_payload, form_config, prefill_group, prefill_groups)
from wegweiser.pelican_plugin.pages import SitePage


@pass_context
def submit_settings(context) -> SubmitSettings:
    """The routes' settings, read from the template context (which holds every setting)."""
    return SubmitSettings.from_settings(context)


@pass_context
def page_form_texts(context) -> dict:
    """The form script's texts in the page's language (messages, field titles; submissions/form_messages.py)."""
    language = context.get("lang")
    return form_texts(context["guide"].schemas, language.code if language is not None else "de")


def _provider_ids(catalog: Catalog) -> list[str]:
    return [p.id for p in catalog.providers]


def _option_labels(catalog: Catalog, kind: str) -> dict[str, dict[str, str]]:
    """Field name -> {id: German label} of every field that refers to a vocabulary or a provider."""
    table = catalog.schemas.for_kind(kind)
    labels = {}
    for name in table.field_names:
        resource = table.reference_of(name)
        if resource == "providers":
            labels[name] = {p.id: p.name for p in catalog.providers}
        elif resource in catalog.vocabularies:
            labels[name] = {row["id"]: VocabularyLabel(row) if row.get("label") else row["id"]
                            for row in catalog.vocabularies[resource].rows}
    return labels


def _forms(catalog: Catalog) -> list[dict]:
    forms = []
    for kind in KIND_FOLDERS:
        schema = json_schema(catalog.schemas, kind, _provider_ids(catalog))
        forms.append({"kind": kind, "id_prefix": ID_PREFIX[kind], "prefill_param": PREFILL[kind][1],
                      "fields": form_fields(kind, schema, ID_PREFIX[kind], _option_labels(catalog, kind))})
    return forms


def submission_pages(catalog: Catalog):
    home = {"title": UIText("Startseite"), "url": ""}
    yield SitePage(PAGE_URL, "submit", UIText("Mitmachen: Angebote eintragen und ändern"), breadcrumbs=[home],
                   description=UIText("So tragen Anbieter ihre Bildungsangebote in den Bildungswegweiser ein oder "
                                      "melden Änderungen: mit dem Formular, per E-Mail oder per Pull Request."),
                   variables={"forms": _forms(catalog), "config_file": CONFIG_FILE, "fields_url": FIELDS_URL,
                              "submit_settings": submit_settings, "form_texts": page_form_texts})
    yield SitePage(FIELDS_URL, "fields", UIText("Alle Felder erklärt"),
                   breadcrumbs=[home, {"title": UIText("Mitmachen"), "url": PAGE_URL}],
                   description=UIText("Jedes Feld eines Angebots und eines Anbieters im Bildungswegweiser: Bedeutung, "
                                      "Form, Beispiel und erlaubte Werte."),
                   variables={"field_sections": [
                       {"kind": kind, "title": KIND_TITLES[kind], "folder": f"content/{KIND_FOLDERS[kind]}/",
                        "docs": field_docs(catalog.schemas, kind)} for kind in KIND_FOLDERS],
                       "submit_settings": submit_settings})


def _images(settings: dict) -> list[str]:
    folder = Project.from_settings(settings).content_dir / "images"
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _existing(catalog: Catalog) -> dict[str, list[str]]:
    """The ids in use of each kind (expired offers too: a new offer must not take their id)."""
    return {"offer": [o.id for o in catalog.offers + catalog.expired],
            "provider": [p.id for p in catalog.providers]}


def submission_files(catalog: Catalog, settings: dict):
    """The form's configuration."""
    config = form_config(catalog.schemas, SubmitSettings.from_settings(settings), _provider_ids(catalog),
                         _existing(catalog), _images(settings))
    yield CONFIG_FILE, _json(config)


def prefill_files(catalog: Catalog, settings: dict):
    """The data for pre-filling changes: each published offer and each provider, grouped into
    files by :func:`prefill_group` of its id, each file made from its entries alone."""
    existing = _existing(catalog)
    for kind, entries in (("offer", catalog.offers), ("provider", catalog.providers)):
        groups = prefill_groups(len(existing[kind]))
        grouped: dict[str, list] = {}
        for entry in entries:
            grouped.setdefault(prefill_group(entry.id, groups), []).append(entry)
        for name in sorted(grouped):
            members = sorted(grouped[name], key=lambda e: e.id)
            yield (f"{DATA_FOLDER}/{PREFILL[kind][0]}/{name}.json",
                   EntryFile(members, functools.partial(_prefill, members)))


def _prefill(entries: list) -> bytes:
    return _json({entry.id: entry_payload(entry.values, entry.body) for entry in entries})

