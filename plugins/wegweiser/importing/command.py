"""``wegweiser import``: offers, providers, municipalities or an indicator from a file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from wegweiser.catalog.project import Project
from wegweiser.cli_support import ProgressBar, overrides, settings_path
from wegweiser.content.characters import visible
from wegweiser.content.loading import relative_path


def cmd_import(args) -> int:
    from wegweiser.build.run import read_settings
    from wegweiser.importing import importer

    settings = read_settings(settings_path(args), overrides(args))
    if args.kind == "indicator":
        from wegweiser.indicators.import_command import import_indicator

        return import_indicator(args, settings, sys.stdout)
    project = Project.from_settings(settings)
    if args.kind == "municipalities":
        return _import_municipalities(args, settings, project)
    schemas = project.schemas()
    kind = importer.KIND_NAMES[args.kind]
    schema = schemas.for_kind(kind)
    try:
        mapping = importer.load_mapping(Path(args.mapping), schema, schemas.provider) if args.mapping else None
        if mapping and mapping.kind and importer.KIND_NAMES.get(mapping.kind) != kind:
            raise importer.ImportFailed(
                f"Die Zuordnungsdatei ist für „{mapping.kind}“, nicht für „{args.kind}“.")
        table = importer.read_table(Path(args.file), mapping, _expected_columns(mapping, schema))
        mapping = mapping or importer.identity_mapping(schema, table.header)
        separator = f", Trennzeichen „{table.delimiter}“" if table.delimiter else ""
        print(f"Lese {table.name} ({table.encoding}{separator}): {len(table.rows)} Zeilen.")
        for note in [*table.notes, *([] if args.mapping else _unused_columns(table, schema))]:
            print(visible(note))
        started = time.perf_counter()
        result = importer.plan_import(table, mapping, kind, schemas, project.root, project.content_dir,
                                      project.today, overwrite=args.overwrite,
                                      stale_months=project.stale_months, progress=ProgressBar("Zeilen prüfen"))
    except importer.ImportFailed as exc:
        print(f"Fehler: {visible(exc)}", file=sys.stderr)
        return 1
    bad_rows = 0
    for part, label in ((result.provider, "Anbieter"), (result, "Angebote" if result.provider else "")):
        if part is not None:
            bad_rows += _report_import(part, table, project, args, label, started)
    return 1 if bad_rows else 0


def _expected_columns(mapping, schema) -> set[str]:
    """The columns the import reads: the mapping's, else those named like fields (the export format)."""
    from wegweiser.outputs.exports import BODY_COLUMN

    if mapping is None:
        return {*schema.field_names, BODY_COLUMN}
    rules = [*mapping.rules.values(), *(mapping.provider.rules.values() if mapping.provider else [])]
    return {column for rule in rules for column in rule.columns}


def _unused_columns(table, schema) -> list[str]:
    """Without a mapping: one line naming the columns that are named like no field (so that nothing
    is left out unseen)."""
    unused = [h for h in table.header if h and h not in _expected_columns(None, schema)]
    if not unused:
        return []
    return [f"Nicht übernommen werden die Spalten {', '.join(f'„{h}“' for h in unused)}: Sie heißen wie kein "
            "Feld. Gehören sie in ein Feld, benennen Sie sie um oder importieren Sie mit einer Zuordnungsdatei "
            "(--mapping, siehe docs/import/README.md)."]


def _import_municipalities(args, settings: dict, project) -> int:
    """``--kind municipalities``: data/vocabularies/municipalities.csv from the Gemeindeverzeichnis."""
    from wegweiser.importing.mapping import ImportFailed
    from wegweiser.importing.municipalities import add_postcodes, municipalities_csv, read_municipalities

    kreis = args.kreis or settings.get("WEGWEISER_AGS") or ""
    target = project.data_dir / "vocabularies" / "municipalities.csv"
    try:
        selection = read_municipalities(Path(args.file), str(kreis))
        added = add_postcodes(selection, Path(args.postcodes)) if args.postcodes else 0
    except ImportFailed as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    name = f" ({selection.kreis_name})" if selection.kreis_name else ""
    print(f"Kreis {selection.kreis}{name}: {len(selection.municipalities)} Gemeinden"
          + (f", {added} weitere Postleitzahlen aus {Path(args.postcodes).name}" if args.postcodes else "") + ".")
    for reason in selection.skipped:
        print(f"Nicht übernommen: {reason}.")
    text = municipalities_csv(selection)
    rel = relative_path(target, project.root)
    has_rows = target.is_file() and len(target.read_text(encoding="utf-8-sig").strip().splitlines()) > 1
    if args.dry_run:
        print(f"Probelauf, nichts geschrieben. {rel} würde so aussehen:\n{text}")
        return 0
    if has_rows and not args.overwrite and target.read_text(encoding="utf-8-sig") != text:
        print(f"{rel} enthält schon Gemeinden; nichts geschrieben. Mit --overwrite ersetzen (die Kennungen "
              "entstehen aus den Namen und bleiben dieselben).", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Geschrieben: {rel}. Prüfen Sie mit „wegweiser validate“; „wegweiser docs“ aktualisiert CONTRIBUTING.md.")
    return 0


def _report_import(result, table, project, args, label: str, started: float) -> int:
    """Print the problems of one planned import, write it (unless --dry-run) and sum it up."""
    from wegweiser.importing import importer

    if label:
        print(f"\n{label}:")
    for problem in result.problems:
        print(problem.as_text(table.name))
    kept = importer.exists_problems(result, project.root)
    for problem in kept[:10]:
        print(problem.as_text(table.name))
    if len(kept) > 10:
        print(f"… und {len(kept) - 10} weitere Dateien, die es schon gibt (nicht überschrieben).")
    if args.dry_run:
        for planned in result.planned:
            if planned.action in ("neu", "ersetzen"):
                verb = "würde anlegen" if planned.action == "neu" else "würde ersetzen"
                print(f"{verb}: {visible(relative_path(planned.path, project.root))}")
        sample = next((p for p in result.planned if p.text and p.action != "vorhanden"), None)
        if sample:
            shown = "\n".join(visible(line) for line in sample.text.split("\n"))
            print(f"\nBeispiel ({visible(sample.path.name)}):\n{shown}")
        written = 0
    else:
        written = importer.write_import(result, progress=ProgressBar("Dateien schreiben"))
    new, replaced = result.count("neu"), result.count("ersetzen")
    parts = [f"{new} neu", f"{replaced} ersetzt", f"{result.count('vorhanden')} vorhanden (nicht überschrieben)",
             f"{result.bad_rows} {'Zeile' if result.bad_rows == 1 else 'Zeilen'} mit Fehlern (nicht importiert)"]
    if result.merged:
        parts.append(f"{result.merged} doppelte Zeilen zusammengeführt")
    prefix = "Probelauf, nichts geschrieben" if args.dry_run else \
        f"{written} {'Datei' if written == 1 else 'Dateien'} geschrieben"
    print(f"{prefix}: {', '.join(parts)} ({time.perf_counter() - started:.1f} s).")
    return result.bad_rows
