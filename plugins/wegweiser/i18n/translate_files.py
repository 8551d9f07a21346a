"""What translators get and give back: PO or XLIFF files through translate-toolkit.

Export: one unit per entry and field whose translation into the language is missing or outdated.
The unit's context (PO ``msgctxt``, XLIFF ``id``) names the entry and field
(``offers/vhs-deutsch-a1-abendkurs:title``), its source is the German text, a note for the
translator names the entry, the field and its maximum length; an outdated translation comes as the
unit's target marked fuzzy (PO) or ``needs-review-translation`` (XLIFF), so a translator's tool
shows it for review and an import leaves it alone until it is confirmed.

Import: every translated, not fuzzy unit becomes the field's translation with ``method: human``
(``machine`` for the whole file with ``--machine``, or per unit with the PO flag ``#, machine`` or
the XLIFF ``state-qualifier="mt-suggestion"``), the hash of the German the unit carries (so a
translation of German changed meanwhile is outdated at once), and no review date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from wegweiser.content.frontmatter import SourceFile
from wegweiser.content.schema import KIND_FOLDERS, Schemas
from wegweiser.i18n.content import (
    DESCRIPTION, FileEntry, field_label, source_hash, source_text, translatable_fields, translation_item,
    translation_state,
)

FORMATS = ("po", "xliff")
#: the PO flag and XLIFF state qualifier that mark a machine translation
MACHINE_FLAG = "machine"
MT_QUALIFIER = "mt-suggestion"
_KIND_OF_FOLDER = {folder: kind for kind, folder in KIND_FOLDERS.items()}
_KIND_NAMES = {"offer": "Angebot", "provider": "Anbieter"}


class TranslationFileError(ValueError):
    """An import file that cannot be used (German message)."""


@dataclass
class Wanted:
    """One field of one entry to translate."""

    kind: str
    entry_id: str
    name: str
    german: str
    note: str
    location: str
    #: the translation there is (outdated), offered for review
    previous: str | None = None

    @property
    def context(self) -> str:
        return f"{KIND_FOLDERS[self.kind]}/{self.entry_id}:{self.name}"


@dataclass
class Received:
    """A translation read back from a file."""

    kind: str
    entry_id: str
    name: str
    text: str
    german: str
    machine: bool
    where: str


@dataclass
class Reading:
    language: str | None
    received: list[Received] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0


def wanted(sources: dict[str, list[SourceFile]], schemas: Schemas, lang: str) -> list[Wanted]:
    """Each field of each readable entry whose translation into ``lang`` is missing or outdated."""
    found = []
    for kind, files in sources.items():
        schema = schemas.for_kind(kind)
        names = translatable_fields(schema)
        for src in files:
            entry_id = src.values.get("id")
            if not isinstance(entry_id, str) or not entry_id:
                continue
            entry = FileEntry(src)
            title = src.values.get("title") or src.values.get("name") or entry_id
            for name in names:
                german = source_text(entry, name)
                if not german:
                    continue
                item = translation_item(entry, name, lang)
                text = item.get("text") if item else None
                has_text = isinstance(text, str) and bool(text.strip())
                if has_text and translation_state(item, german) != "outdated":
                    continue
                limit = schema.by_name[name].constraints.get("maxLength") if name != DESCRIPTION else None
                note = (f"{_KIND_NAMES[kind]} „{title}“, Feld „{field_label(schema, name)}“"
                        + (f" (höchstens {limit} Zeichen)" if limit else " (Markdown: **fett**, Listen mit „- “, "
                           "Links [Text](https://…) bitte beibehalten)")
                        + (". Die bisherige Übersetzung passt nicht mehr zum deutschen Text: bitte prüfen."
                           if has_text else ""))
                line = src.body_line if name == DESCRIPTION else src.line_of(name)
                found.append(Wanted(kind, entry_id, name, german.strip("\n") if name == DESCRIPTION else german,
                                    note, f"{src.rel}:{line}" if line else src.rel,
                                    text.strip("\n") if has_text else None))
    return found


def write_store(items: list[Wanted], lang: str, fmt: str) -> bytes:
    """The PO or XLIFF file of ``items`` for language ``lang``."""
    if fmt == "xliff":
        from translate.storage.xliff import xlifffile

        store = xlifffile(sourcelanguage="de", targetlanguage=lang)
    else:
        from translate.storage.po import pofile

        store = pofile()
        store.updateheader(add=True, Language=lang, Content_Type="text/plain; charset=UTF-8",
                           Project_Id_Version="Bildungswegweiser", X_Generator="wegweiser translate export")
    for item in items:
        unit = store.addsourceunit(item.german)
        if fmt == "xliff":
            unit.setid(item.context)
        else:
            unit.setcontext(item.context)
        unit.addnote(item.note, origin="developer")
        unit.addlocation(item.location)
        if item.previous:
            unit.target = item.previous
            unit.markfuzzy(True)
    return bytes(store)


def read_store(data: bytes, name: str, machine: bool = False) -> Reading:
    """The translations of a PO or XLIFF file (which one: by its content)."""
    if data.lstrip()[:1] == b"<":
        from translate.storage.xliff import xlifffile

        try:
            store = xlifffile.parsestring(data)
        except Exception as exc:  # noqa: BLE001 - lxml's and the toolkit's errors vary
            raise TranslationFileError(f"{name}: Die Datei ist kein lesbares XLIFF ({exc}).") from None
        language = store.gettargetlanguage() or None
        is_po = False
    else:
        from translate.storage.po import pofile

        try:
            store = pofile(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001
            raise TranslationFileError(f"{name}: Die Datei ist kein lesbares PO ({exc}).") from None
        language = store.gettargetlanguage() or None
        is_po = True
    reading = Reading(language=language)
    for number, unit in enumerate(store.units, start=1):
        if unit.isheader():
            continue
        context = (unit.getcontext() if is_po else unit.xmlelement.get("id")) or ""
        where = f"{name}, Eintrag {number} („{context}“)"
        target = unit.target or ""
        if not target.strip() or unit.isfuzzy() or unit.isobsolete():
            reading.skipped += 1
            continue
        parsed = _parse_context(context)
        if parsed is None:
            reading.problems.append(f"{where}: Die Kennung passt nicht zum Aufbau „offers/<kennung>:<feld>“. Sie "
                                    "stammt nicht aus „wegweiser translate export“; lassen Sie msgctxt bzw. id "
                                    "unverändert.")
            continue
        kind, entry_id, name_ = parsed
        marked = unit.hastypecomment(MACHINE_FLAG) if is_po else _mt_qualified(unit)
        reading.received.append(Received(kind, entry_id, name_, target, unit.source or "", machine or marked, where))
    return reading


def _parse_context(context: str):
    folder, _, rest = context.partition("/")
    entry_id, _, name = rest.partition(":")
    kind = _KIND_OF_FOLDER.get(folder)
    return (kind, entry_id, name) if kind and entry_id and name else None


def _mt_qualified(unit) -> bool:
    target = unit.xmlelement.find(unit.namespaced("target"))
    return target is not None and target.get("state-qualifier") == MT_QUALIFIER


def updates_by_file(reading: Reading, content_dir: Path, schemas: Schemas, by: str | None = None):
    """``{path: {field: item}}`` for the received translations, and a German problem for each one
    that names no entry file or no translatable field."""
    updates: dict[Path, dict[str, dict]] = {}
    problems = list(reading.problems)
    for got in reading.received:
        path = Path(content_dir) / KIND_FOLDERS[got.kind] / f"{got.entry_id}.md"
        fields = translatable_fields(schemas.for_kind(got.kind))
        if not path.is_file():
            problems.append(f"{got.where}: Die Datei {KIND_FOLDERS[got.kind]}/{got.entry_id}.md gibt es nicht "
                            "(umbenannt oder gelöscht?). Exportieren Sie neu mit „wegweiser translate export“.")
        elif got.name not in fields:
            problems.append(f"{got.where}: „{got.name}“ ist kein übersetzbares Feld (übersetzbar sind: "
                            f"{', '.join(fields)}).")
        else:
            text = got.text.strip("\n") if got.name == DESCRIPTION else got.text.strip()
            item = {"text": text, "method": "machine" if got.machine else "human",
                    "source_hash": source_hash(got.german)}
            if by:
                item["by"] = by
            updates.setdefault(path, {})[got.name] = item
    return updates, problems
