"""``wegweiser import TABLE --kind indicator --id ID``: one command from a downloaded table to an indicator.

Reads the table (GENESIS, a GENESIS flat file or plain), says what it found (value columns with
their numbers, regions, years, quality marks), converts it, reports every
problem with file and line and then writes nothing, or writes the CSV and the
resource and checks the indicator package as ``wegweiser validate`` would.
"""

from __future__ import annotations

import collections
from pathlib import Path

from wegweiser.catalog.project import Project
from wegweiser.content.loading import relative_path
from wegweiser.indicators.check import NAME, validate_indicators
from wegweiser.indicators.convert import Guide, choose_measures, convert
from wegweiser.indicators.derived import RESERVED_PREFIX
from wegweiser.indicators.flat import is_flat, read_flat
from wegweiser.indicators.genesis import is_genesis, read_genesis
from wegweiser.indicators.import_spec import SOURCES_FOLDER, ImportSpec, load_spec, skeleton
from wegweiser.indicators.metadata import describe, group_title
from wegweiser.indicators.stat_table import ImportFailed, StatTable, decode
from wegweiser.indicators.wide import read_wide
from wegweiser.indicators.write_package import csv_text, load_package, resource, updated_package, write_files

#: command-line options -> keys of the description file
OPTIONS = ("region", "compare", "value", "groups", "rows", "title", "area", "unit")


def import_indicator(args, settings: dict, out) -> int:
    """Run the import; German messages go to ``out``; 0 when the indicator was written (or would be)."""
    project = Project.from_settings(settings)
    folder = project.data_dir / "indicators"
    try:
        if not args.id:
            raise ImportFailed("Geben Sie mit --id die Kennung des Indikators an, z. B. --id kita-plaetze.")
        _check_id(args.id)
        spec = _spec(args, folder)
        _default_region(spec, settings)
        path = Path(args.file)
        if not path.is_file():
            raise ImportFailed(f"Die Datei {path} gibt es nicht.")
        text, encoding = decode(path.read_bytes(), path.name, spec.encoding or None)
        if is_flat(text):
            table = read_flat(text, path.name, encoding)
        elif is_genesis(text):
            table = read_genesis(text, path.name, encoding)
        else:
            table = read_wide(text, path.name, encoding, spec)
        _describe_table(table, spec, out)
        package = load_package(folder)
        existing = next((r for r in package.get("resources", []) if isinstance(r, dict) and r.get("name") == args.id),
                        None)
        if existing is not None and not args.overwrite and not args.dry_run:
            raise ImportFailed(f"Den Indikator „{args.id}“ gibt es schon in data/indicators/datapackage.json. Mit "
                               "--overwrite ersetzen Sie seine Werte; was Sie in seiner Beschreibung ergänzt haben, "
                               "bleibt erhalten.")
        schemas = project.schemas()
        guide = Guide(municipalities=list(schemas.vocabularies["municipalities"].rows),
                      county=dict(package.get("county") or {}),
                      peers=_peers(settings.get("WEGWEISER_COMPARE_REGIONS")))
        converted = convert(table, spec, guide)
        for problem in converted.problems:
            print(problem.as_text(path.name), file=out)
        if converted.errors:
            print(f"{len(converted.errors)} Fehler; nichts geschrieben.", file=out)
            return 1
        if not converted.rows:
            raise ImportFailed(f"{path.name}: Für {converted.county.get('title') or 'den Landkreis'} und die "
                               "Vergleichsregionen stehen keine Werte in der Tabelle.")
        areas = list(schemas.vocabularies["areas"].by_id)
        described = describe(table, spec, converted, existing, areas)
        title_of_groups = group_title(table, spec, converted, existing)
        new = resource(args.id, described, converted.rows, title_of_groups, existing, package)
        package = updated_package(package, new, converted.county, converted.regions)
    except ImportFailed as exc:
        print(f"Fehler: {exc}", file=out)
        return 1
    _describe_result(converted, new, title_of_groups, out)
    if args.dry_run:
        print(f"Probelauf: nichts geschrieben. So beginnt {args.id}.csv:", file=out)
        print("".join(csv_text(converted.rows).splitlines(keepends=True)[:6]), file=out, end="")
        return 0
    written = write_files(folder, args.id, csv_text(converted.rows), package)
    print("Geschrieben: " + ", ".join(relative_path(p, project.root) for p in written), file=out)
    return _check(project, args.id, out)


def new_indicator(project: Project, indicator_id: str, force: bool, out) -> int:
    """``wegweiser new indicator ID``: the description file with every key explained."""
    try:
        _check_id(indicator_id)
    except ImportFailed as exc:
        print(f"Fehler: {exc}", file=out)
        return 1
    target = project.data_dir / "indicators" / SOURCES_FOLDER / f"{indicator_id}.yaml"
    if target.exists() and not force:
        print(f"{target} gibt es schon; nichts geschrieben (mit --force überschreiben).", file=out)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    areas = list(project.schemas().vocabularies["areas"].by_id)
    target.write_text(skeleton(indicator_id, areas), encoding="utf-8")
    print(f"Angelegt: {relative_path(target, project.root)}. Füllen Sie aus, was die Tabelle nicht sagt, und "
          f"importieren Sie mit „wegweiser import TABELLE.csv --kind indicator --id {indicator_id}“.", file=out)
    return 0


def _peers(setting) -> list[str]:
    """WEGWEISER_COMPARE_REGIONS: a list of keys (a text with commas is read as well)."""
    if isinstance(setting, str):
        setting = setting.split(",")
    return [str(key).strip() for key in setting or [] if str(key).strip()]


def _check_id(indicator_id: str) -> None:
    if not NAME.fullmatch(indicator_id or ""):
        raise ImportFailed(f"Die Kennung „{indicator_id}“ ist nicht erlaubt: nur Kleinbuchstaben, Ziffern und "
                           "Bindestriche, z. B. kita-plaetze; sie wird Teil der Webadresse.")
    if indicator_id.startswith(RESERVED_PREFIX):
        raise ImportFailed(f"Kennungen, die mit „{RESERVED_PREFIX}“ beginnen, berechnet der Bildungswegweiser selbst.")


def _spec(args, folder: Path) -> ImportSpec:
    """The description file (--mapping, else TABLE.yaml/.json beside the table, else sources/ID.yaml),
    overridden by the command-line options."""
    table = Path(args.file)
    candidates = [Path(args.mapping)] if args.mapping else [
        table.with_suffix(".yaml"), table.with_suffix(".yml"), table.with_suffix(".json"),
        folder / SOURCES_FOLDER / f"{args.id}.yaml"]
    found = next((c for c in candidates if c.is_file()), None)
    if args.mapping and found is None:
        raise ImportFailed(f"Die Beschreibungsdatei {args.mapping} gibt es nicht.")
    spec = load_spec(found) if found else ImportSpec()
    for option in OPTIONS:
        given = getattr(args, option, None)
        if given not in (None, ""):
            if option in ("compare", "groups", "rows"):
                given = [item.strip() for item in given.split(",") if item.strip()]
            setattr(spec, option, given)
    return spec


def _default_region(spec: ImportSpec, settings: dict) -> None:
    """Without --region or a region in the description file: the county's key (WEGWEISER_AGS)."""
    if not spec.region and settings.get("WEGWEISER_AGS"):
        spec.region = str(settings["WEGWEISER_AGS"])


def _describe_table(table: StatTable, spec: ImportSpec, out) -> None:
    kind = f"GENESIS-Tabelle {table.code}" if table.kind == "genesis" else "Tabelle"
    kind += ", Format „flat“" if table.layout == "flat" else ""
    years = table.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "ohne Jahr")
    print(f"Lese {table.name} ({kind}, {table.encoding}): {len(table.rows)} Datenzeilen, Jahre {span}.", file=out)
    if table.title:
        print(f"  Titel: {table.title}", file=out)
    chosen, as_groups = choose_measures(table, spec)
    print("  Wertspalten (wählen mit --value NUMMER, mehrere als Gruppen mit --groups 2,3,4):", file=out)
    for measure in table.measures():
        mark = (" ← Gruppe" if as_groups else " ← Wert") if measure in chosen else ""
        unit = f" ({measure.unit})" if measure.unit else ""
        print(f"  {measure.number:>3}  {measure.label}{unit}{mark}", file=out)


def _describe_result(converted, new: dict, title_of_groups: str, out) -> None:
    county = converted.county.get("title") or "Landkreis"
    places = sorted({r["municipality"] for r in converted.rows if r["municipality"]})
    regions = ", ".join(f"{r['title']} ({r['code']})" for r in converted.regions) or "keine"
    print(f"  Regionen: {county}" + (f" ({converted.county['code']})" if converted.county.get("code") else "")
          + (f", {len(places)} {'Gemeinde' if len(places) == 1 else 'Gemeinden'}" if places else "") + f"; zum Vergleich: {regions}", file=out)
    if converted.groups:
        shown = ", ".join(converted.groups[:8]) + (" …" if len(converted.groups) > 8 else "")
        print(f"  Gruppen ({title_of_groups}): {len(converted.groups)} – {shown}", file=out)
    statuses = collections.Counter(r["status"] for r in converted.rows)
    marks = ", ".join(f"{n}× „{m}“" for m, n in converted.marks.most_common())
    print(f"  {len(converted.rows)} Werte: {statuses['vorhanden']} vorhanden, {statuses['fehlt']} fehlen, "
          f"{statuses['geheim']} geheim" + (f" (Zeichen in der Quelle: {marks})" if marks else ""), file=out)
    print(f"  Titel: {new['title']} · Einheit: {new['unit']} · Stichtag: {new['reference_date']} · "
          f"Bildungsbereich: {new['area']}", file=out)
    print(f"  Quelle: {new['sources'][0]['title']}", file=out)


def _check(project: Project, indicator_id: str, out) -> int:
    findings = validate_indicators(project.root, project.schemas())
    errors = [f for f in findings if f.is_error]
    for item in errors:
        print(item.as_text(), file=out)
    if errors:
        print(f"Prüfung: {len(errors)} Fehler im Bildungsmonitoring – bitte beheben (wegweiser validate).", file=out)
        return 1
    print(f"Prüfung: keine Fehler. Die Seite entsteht beim nächsten „wegweiser build“ unter "
          f"/bildungsmonitoring/{indicator_id}/. Bitte lesen Sie Titel und Definition gegen.", file=out)
    return 0
