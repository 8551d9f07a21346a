"""CONTRIBUTING.md and the editor schemas, generated from the schemas (``wegweiser docs``).

The files are committed; a test checks that they match fresh output, so a
change to a schema or vocabulary must be followed by ``wegweiser docs``.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from wegweiser.submissions.field_docs import KIND_TITLES, example_value, field_docs
from wegweiser.submissions.json_schema import EDITOR_SCHEMA_FILES, dumps, editor_schema
from wegweiser.content.schema import KIND_FOLDERS, Schemas
from wegweiser.content.new_entry import _SHOWN_OPTIONAL, _reference_value, _yaml_value
from wegweiser.submissions.submission import FIELDS_URL, PAGE_URL, SubmitSettings

CONTRIBUTING_FILE = "CONTRIBUTING.md"
#: the German text of CONTRIBUTING.md, next to this module
TEMPLATE = "contributing.md.jinja"
WORKFLOW_FILE = ".github/workflows/validate.yml"
GITLAB_FILE = ".gitlab-ci.yml"


def modeline(kind: str, from_folder: str = "content/offers") -> str:
    """The YAML language server's schema comment for a file in ``from_folder`` (relative to the root)."""
    target = os.path.relpath(EDITOR_SCHEMA_FILES[kind], from_folder).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={target}"


def generated_docs(schemas: Schemas, submit: SubmitSettings, site_url: str = "") -> dict[str, str]:
    """Path (relative to the project root) -> text of every generated file."""
    files = {path: dumps(editor_schema(schemas, kind)) for kind, path in EDITOR_SCHEMA_FILES.items()}
    files[CONTRIBUTING_FILE] = contributing(schemas, submit, site_url)
    return files


def _example_file(schemas: Schemas, kind: str) -> str:
    """A valid example: the required fields and those a useful entry nearly always has."""
    table = schemas.for_kind(kind)
    lines = ["---", modeline(kind, f"content/{KIND_FOLDERS[kind]}")]
    for fld in table.fields:
        if not (fld.required or fld.name in _SHOWN_OPTIONAL.get(kind, ())):
            continue
        value = _reference_value(schemas, table, fld, []) if table.reference_of(fld.name) else example_value(fld)
        if value not in (None, "", []):
            lines.append(f"{fld.name}: {_yaml_value(value)}")
    lines += ["---", "", "Hier steht die ausführliche Beschreibung in Markdown."]
    return "\n".join(lines)


def contributing(schemas: Schemas, submit: SubmitSettings, site_url: str = "") -> str:
    """CONTRIBUTING.md from its template (``contributing.md.jinja`` next to this module)."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=False, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)
    env.filters["md"] = lambda text: text.replace("<", "&lt;")  # a field's help is text, not HTML
    text = env.get_template(TEMPLATE).render(
        email=submit.email or "", site_url=site_url, form_url=PAGE_URL, fields_url=FIELDS_URL,
        workflow_file=WORKFLOW_FILE, gitlab_file=GITLAB_FILE, editor_schemas=list(EDITOR_SCHEMA_FILES.values()),
        offer_modeline=modeline("offer"), provider_modeline=modeline("provider", "content/providers"),
        example=_example_file(schemas, "offer"),
        kinds=[(KIND_TITLES[kind], folder, field_docs(schemas, kind)) for kind, folder in KIND_FOLDERS.items()],
    )
    return text.rstrip("\n") + "\n"
