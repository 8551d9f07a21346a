"""``wegweiser translate export|import``: what is missing or outdated in a language, out to a PO or
XLIFF file for translators, and their translations back into the front matter with provenance."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from wegweiser.catalog.project import Project
from wegweiser.cli_support import overrides, settings_path
from wegweiser.content.characters import visible
from wegweiser.content.frontmatter import read_source
from wegweiser.content.loading import load_sources, relative_path
from wegweiser.i18n.content import SOURCE, TRANSLATIONS, translatable_fields
from wegweiser.i18n.provenance import language_name, translation_findings
from wegweiser.i18n.translate_files import FORMATS, TranslationFileError, read_store, updates_by_file, wanted, \
    write_store
from wegweiser.i18n.translation_writer import merge, ordered, render_block, replace_block

_SUFFIXES = {"po": ".po", "xliff": ".xlf"}


def add_parser(sub, common) -> None:
    """The ``translate`` subcommand of :func:`wegweiser.cli.parser`."""
    t = sub.add_parser("translate", help="Übersetzungen: fehlende und veraltete exportieren (PO/XLIFF), "
                                         "übersetzte Dateien wieder einlesen")
    actions = t.add_subparsers(dest="action", required=True)
    e = actions.add_parser("export", help="was in einer Sprache fehlt oder veraltet ist, als PO- oder XLIFF-Datei")
    common(e)
    e.add_argument("--lang", required=True, help="Sprachcode aus WEGWEISER_LANGUAGES, z. B. ar")
    e.add_argument("--format", choices=FORMATS, help="po (Standard) oder xliff; sonst nach der Endung von --output")
    e.add_argument("--output", help="Zieldatei (Standard: uebersetzung-<sprache>.po bzw. .xlf)")
    e.set_defaults(func=cmd_translate)
    i = actions.add_parser("import", help="eine übersetzte PO- oder XLIFF-Datei in die Einträge übernehmen")
    common(i)
    i.add_argument("file", help="die übersetzte Datei aus „wegweiser translate export“")
    i.add_argument("--lang", help="Sprachcode, wenn die Datei ihn nicht nennt")
    i.add_argument("--machine", action="store_true",
                   help="maschinell übersetzt (method: machine); sonst gilt jede Übersetzung als von einem Menschen")
    i.add_argument("--by", help="wer übersetzt hat (wird als „by“ eingetragen)")
    i.set_defaults(func=cmd_translate)


def cmd_translate(args) -> int:
    from wegweiser.build.run import read_settings

    project = Project.from_settings(read_settings(settings_path(args), overrides(args)))
    try:
        return _export(args, project) if args.action == "export" else _import(args, project)
    except TranslationFileError as exc:
        print(f"Fehler: {visible(exc)}", file=sys.stderr)
        return 1


def _target_language(code: str | None, project: Project, where: str) -> str:
    targets = [c for c in project.languages if c != SOURCE]
    if code in targets:
        return code
    shown = "(keine)" if not code else f"„{code}“"
    raise TranslationFileError(
        f"{where}: Die Sprache {shown} ist keine Zielsprache dieses Wegweisers. Möglich sind: "
        f"{', '.join(targets) or 'keine – die Einstellung WEGWEISER_LANGUAGES nennt nur Deutsch'}.")


def _export(args, project: Project) -> int:
    lang = _target_language(args.lang, project, "--lang")
    fmt = args.format or ("xliff" if args.output and Path(args.output).suffix.lower() in (".xlf", ".xliff") else "po")
    output = Path(args.output or f"uebersetzung-{lang}{_SUFFIXES[fmt]}")
    schemas = project.schemas()
    sources = load_sources(project.content_dir, schemas, project.root)
    items = wanted(sources, schemas, lang)
    _write_atomically(output, write_store(items, lang, fmt))
    outdated = sum(1 for item in items if item.previous)
    entries = len({(item.kind, item.entry_id) for item in items})
    print(f"{len(items)} Texte aus {entries} Einträgen sind zu übersetzen ({language_name(lang)}; davon "
          f"{outdated} veraltet): {output}")
    return 0


def _import(args, project: Project) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TranslationFileError(f"{path}: Die Datei kann nicht gelesen werden ({exc.strerror or exc}).") from None
    reading = read_store(data, path.name, machine=args.machine)
    lang = _target_language(args.lang or reading.language, project, str(path))
    schemas = project.schemas()
    updates, problems = updates_by_file(reading, project.content_dir, schemas, by=args.by)
    planned = []
    for target, fields in sorted(updates.items()):
        kind = "offer" if target.parent.name == "offers" else "provider"
        rel = relative_path(target, project.root)
        src = read_source(target, rel, {f.name for f in schemas.for_kind(kind).fields})
        if not src.ok:
            problems.append(f"{rel}: Die Datei hat Fehler ({src.findings[0].message}); beheben Sie sie zuerst "
                            "(„wegweiser validate“).")
            continue
        schema = schemas.for_kind(kind)
        tree = ordered(merge(src.values.get(TRANSLATIONS), {lang: fields}), project.languages,
                       translatable_fields(schema))
        src.values[TRANSLATIONS] = tree
        errors = [f for f in translation_findings(kind, src, schema, project.languages, project.today)
                  if f.is_error and f.field and f.field.startswith(f"{TRANSLATIONS}.{lang}.")]
        problems += [f"{rel}: im Feld „{f.field}“: {f.message} → {f.hint}" for f in errors]
        planned.append((target, len(fields), render_block(tree)))
    if problems:
        for problem in problems:
            print(f"Fehler: {visible(problem)}", file=sys.stderr)
        print("Es wurde nichts eingetragen.", file=sys.stderr)
        return 1
    for target, _, block in planned:
        text = target.read_text(encoding="utf-8").replace("\r\n", "\n")
        _write_atomically(target, replace_block(text, block).encode("utf-8"))
    method = "maschinell" if args.machine else "von Menschen, außer wo die Datei „maschinell“ vermerkt"
    print(f"{sum(n for _, n, _ in planned)} Übersetzungen ({language_name(lang)}) in {len(planned)} Dateien "
          f"eingetragen ({method}; noch nicht geprüft). {reading.skipped} Einträge ohne fertige Übersetzung "
          "übergangen. Prüfen Sie das Ergebnis mit „wegweiser validate“.")
    return 0


def _write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in its folder (never half written)."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
