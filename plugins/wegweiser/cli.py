"""The ``wegweiser`` command: init, validate, build, serve, new, import, translate, report, docs, brochure."""

from __future__ import annotations

import argparse
import gc
import re
from collections import Counter
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from wegweiser.checks.findings import summary
from wegweiser.content.characters import visible
from wegweiser.content.loading import content_files
from wegweiser.content.schema import SchemaError
from wegweiser.catalog.project import Project
from wegweiser.content.schema import KIND_FOLDERS
from wegweiser.content.new_entry import skeleton
from wegweiser.cli_support import ProgressBar, overrides, settings_path
from wegweiser.brochure.command import add_parser as add_brochure_parser
from wegweiser.importing.command import cmd_import
from wegweiser.i18n.command import add_parser as add_translate_parser
from wegweiser.new_guide.command import cmd_init


def _print_findings(findings, fmt: str, stream=None) -> None:
    stream = stream or sys.stdout
    if fmt == "github":
        for f in findings:
            print(f.as_github(), file=stream)
        print(summary(findings), file=stream)
    elif fmt == "json":
        json.dump([f.as_dict() for f in findings], stream, ensure_ascii=False, indent=2)
        print(file=stream)
    elif fmt == "gitlab":
        from wegweiser.checks.code_quality import code_quality_report

        stream.write(code_quality_report(findings))
    else:
        for f in findings:
            print(f.as_text(), file=stream)
        print(summary(findings), file=stream)


def cmd_validate(args) -> int:
    from wegweiser.build.run import read_settings

    settings = read_settings(settings_path(args), overrides(args))
    validation = Project.from_settings(settings).validate()
    _print_findings(validation.findings, args.format)
    return 0 if validation.ok else 1


def cmd_build(args) -> int:
    from wegweiser.build.run import build

    result = build(settings_path(args), Path(args.output) if args.output else None, overrides(args),
                   progress=ProgressBar("Seiten", delay=2.0))
    shown = result.findings if args.verbose or args.format != "text" else [f for f in result.findings if f.is_error]
    _print_findings(shown, args.format, sys.stdout if result.ok else sys.stderr)
    warnings = [f for f in result.findings if not f.is_error]
    if warnings and shown is not result.findings:
        codes = Counter(f.code for f in warnings)
        detail = ", ".join(f"{n}× {code}" for code, n in sorted(codes.items()))
        print(f"{len(warnings)} Warnungen ({detail}); Einzelheiten mit „wegweiser validate“.")
    if not result.ok:
        if result.error and result.error not in {f.message for f in shown}:  # said by a finding already
            print(f"Fehler beim Erzeugen der Website: {visible(result.error)}", file=sys.stderr)
        print("Es wurde nichts veröffentlicht; die bisherige Ausgabe ist unverändert.", file=sys.stderr)
        return 1
    if result.offline:
        print(result.offline)
    print(f"Fertig: {result.pages} Seiten in {result.output}; {result.written} Dateien neu geschrieben, "
          f"{result.unchanged} unverändert übernommen ({result.seconds:.1f} s).")
    return 0


def _watched_state(paths) -> tuple:
    state = []
    for base in paths:
        base = Path(base)
        if base.is_file():
            state.append((str(base), base.stat().st_mtime_ns))
        elif base.is_dir():
            for p in sorted(base.rglob("*")):
                if p.is_file():
                    state.append((str(p), p.stat().st_mtime_ns, p.stat().st_size))
    return tuple(state)


def cmd_serve(args) -> int:
    from wegweiser.build.run import build, read_settings

    settings_file = settings_path(args)
    settings = read_settings(settings_file, overrides(args))
    output = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    project = Project.from_settings(settings)
    watched = [project.content_dir, project.data_dir, settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", []),
               settings_file]

    def rebuild():
        result = build(settings_file, output, overrides(args))
        gc.unfreeze()  # the build froze its catalog (pelican_plugin/generators.py): let the next one free it
        _print_findings([f for f in result.findings if f.is_error] if not result.ok else [], "text")
        if result.ok:
            print(f"Neu erzeugt: {result.pages} Seiten ({result.seconds:.1f} s).", flush=True)
        else:
            print("Fehler: die Website wurde nicht neu erzeugt.", flush=True)

    state = _watched_state(watched)  # taken before building: a change made meanwhile is built next
    rebuild()
    output.mkdir(parents=True, exist_ok=True)
    # The server is a process of its own, so that rebuilds may fork workers on all cores (a fork
    # next to a server thread would copy only this thread, and whatever locks that one held).
    # It serves the folder by its path: a rebuild swaps a new folder in under the same name.
    server = subprocess.Popen([sys.executable, "-m", "wegweiser.preview_server", str(args.port), "--bind", args.bind,
                               "--directory", str(output)], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    if server.poll() is not None:
        print(f"Fehler: der Server konnte nicht auf {args.bind}:{args.port} starten (Port belegt?). "
              "Wählen Sie einen anderen mit --port.", file=sys.stderr)
        return 1
    print(f"Die Website läuft auf http://{args.bind}:{args.port}/ (Beenden mit Strg+C).", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a process manager: stop the server too
    try:
        while True:
            time.sleep(1)
            new_state = _watched_state(watched)
            if new_state != state:
                state = new_state
                print("Änderung erkannt, erzeuge neu …", flush=True)
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_new(args) -> int:
    from wegweiser.build.run import read_settings

    settings = read_settings(settings_path(args), overrides(args))
    project = Project.from_settings(settings)
    if args.kind == "indicator":
        from wegweiser.indicators.import_command import new_indicator

        return new_indicator(project, args.id, args.force, sys.stdout)
    schemas = project.schemas()
    id_field = schemas.for_kind(args.kind).by_name["id"]

    if not re.fullmatch(id_field.constraints["pattern"], args.id):
        print(f"Die Kennung „{args.id}“ ist nicht erlaubt: {id_field.description}", file=sys.stderr)
        return 1
    target = project.content_dir / KIND_FOLDERS[args.kind] / f"{args.id}.md"
    if target.exists() and not args.force:
        print(f"{target} gibt es schon; nichts geschrieben (mit --force überschreiben).", file=sys.stderr)
        return 1
    providers = [p.stem for p in content_files(project.content_dir, "provider")]
    target.parent.mkdir(parents=True, exist_ok=True)
    from wegweiser.submissions.contributing import modeline

    comment = modeline(args.kind, os.path.relpath(target.parent, project.root))
    target.write_text(skeleton(args.kind, args.id, schemas, project.today, providers, comment), encoding="utf-8")
    print(f"Angelegt: {target}. Füllen Sie die Felder aus und prüfen Sie mit „wegweiser validate“.")
    return 0


def cmd_docs(args) -> int:
    """Write (or with --check compare) CONTRIBUTING.md and the editor schemas."""
    from wegweiser.build.run import read_settings
    from wegweiser.submissions.contributing import generated_docs
    from wegweiser.submissions.submission import SubmitSettings

    settings = read_settings(settings_path(args), overrides(args))
    project = Project.from_settings(settings)
    files = generated_docs(project.schemas(), SubmitSettings.from_settings(settings), settings.get("SITEURL") or "")
    stale = []
    for rel, text in files.items():
        target = project.root / rel
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(rel)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if args.check:
        for rel in stale:
            print(f"{rel} ist veraltet; erzeugen Sie die Datei neu mit „wegweiser docs“.")
        print("Alle erzeugten Dateien sind aktuell." if not stale else f"{len(stale)} Dateien veraltet.")
        return 1 if stale else 0
    print(f"Geschrieben: {', '.join(stale)}" if stale else "Alle erzeugten Dateien sind aktuell.")
    return 0


def cmd_report(args) -> int:
    from wegweiser.build.run import read_settings
    from wegweiser.report.report import build_report
    from wegweiser.report.formats import as_csv, as_html, as_text

    settings = read_settings(settings_path(args), overrides(args))
    validation, catalog = Project.from_settings(settings).load()
    if catalog is None:
        _print_findings(validation.errors, "text", sys.stderr)
        print("Der Bericht braucht fehlerfreie Inhalte; beheben Sie zuerst die Fehler.", file=sys.stderr)
        return 1
    report = build_report(catalog)
    site_url, office = settings.get("SITEURL", ""), settings.get("AUTHOR", "")
    if args.format == "text" and not args.output:
        sys.stdout.write(as_text(report, site_url))
        return 0
    text = {"text": lambda: as_text(report, site_url), "csv": lambda: as_csv(report),
            "html": lambda: as_html(report, site_url, office)}[args.format]()
    target = Path(args.output or f"bestandsaufnahme-{catalog.today.isoformat()}.{args.format.replace('text', 'txt')}")
    target.write_text(text, encoding="utf-8-sig" if args.format == "csv" else "utf-8")
    print(f"Bericht geschrieben: {target}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wegweiser", description="Bildungswegweiser: prüfen, erzeugen, ansehen.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp):
        sp.add_argument("--settings", help="Pelican-Einstellungsdatei (Standard: pelicanconf.py)")
        sp.add_argument("--today", help="Stichtag JJJJ-MM-TT statt heute (für Tests)")
        sp.set_defaults(publish=False)

    init = sub.add_parser("init", help="einen neuen Bildungswegweiser anlegen (fragt nach, was fehlt)")
    init.add_argument("folder", help="neuer, leerer Ordner")
    init.add_argument("--county", help="Name, z. B. „Landkreis Gifhorn“")
    init.add_argument("--in-county", dest="in_county", help="Form im Satz, z. B. „im Landkreis Gifhorn“")
    init.add_argument("--ags", help="Kreisschlüssel (5 Ziffern), z. B. 03151")
    init.add_argument("--email", help="E-Mail-Adresse des Bildungsbüros")
    init.add_argument("--repo-url", dest="repo_url", help="Adresse des Repositorys auf GitHub oder GitLab")
    init.add_argument("--host", choices=["github", "gitlab"], help="Plattform des Repositorys")
    init.add_argument("--site-url", dest="site_url", help="öffentliche Adresse der Website")
    init.add_argument("--package", help="pip-Anforderung für das Programm (Standard: diese Hauptversion)")
    init.add_argument("--no-input", action="store_true", help="nicht nachfragen; fehlende Angaben sind ein Fehler")
    init.set_defaults(func=cmd_init)

    v = sub.add_parser("validate", help="alle Inhalte prüfen")
    common(v)
    v.add_argument("--format", choices=["text", "github", "json", "gitlab"], default="text",
                   help="gitlab: Code-Quality-Bericht (JSON) für GitLab-Merge-Requests")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="prüfen und die Website erzeugen")
    common(b)
    b.add_argument("--publish", action="store_true", help="mit publishconf.py erzeugen")
    b.add_argument("--output", help="Zielordner (Standard: OUTPUT_PATH der Einstellungen)")
    b.add_argument("--format", choices=["text", "github", "json"], default="text")
    b.add_argument("--verbose", action="store_true", help="auch alle Warnungen einzeln ausgeben")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="erzeugen, lokal anzeigen und bei Änderungen neu erzeugen")
    common(s)
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--bind", default="127.0.0.1")
    s.add_argument("--output")
    s.set_defaults(func=cmd_serve)

    r = sub.add_parser("report", help="Bestandsaufnahme für das Bildungsbüro: Veraltetes, Lücken, Dubletten")
    common(r)
    r.add_argument("--format", choices=["text", "csv", "html"], default="text")
    r.add_argument("--output", help="Zieldatei (Standard bei csv/html: bestandsaufnahme-<Datum>.<Endung>)")
    r.set_defaults(func=cmd_report)

    d = sub.add_parser("docs", help="CONTRIBUTING.md und die Editor-Schemas aus den Schemas erzeugen")
    common(d)
    d.add_argument("--check", action="store_true", help="nur prüfen, ob die Dateien aktuell sind")
    d.set_defaults(func=cmd_docs)

    n = sub.add_parser("new", help="eine neue Datei mit allen Feldern anlegen")
    common(n)
    n.add_argument("kind", choices=["offer", "provider", "indicator"],
                   help="indicator: die Beschreibungsdatei für den Import einer Statistiktabelle")
    n.add_argument("id", help="Kennung, z. B. vhs-deutsch-a1")
    n.add_argument("--force", action="store_true")
    n.set_defaults(func=cmd_new)

    i = sub.add_parser("import", help="Angebote oder Anbieter aus einer CSV-, Excel- oder LibreOffice-Datei übernehmen; "
                                      "eine Statistiktabelle (GENESIS) als Indikator")
    common(i)
    i.add_argument("file", help="CSV-, XLSX- oder ODS-Datei")
    i.add_argument("--kind", required=True, choices=["offers", "providers", "municipalities", "indicator"],
                   help="was die Zeilen sind; municipalities: das Gemeindeverzeichnis (GV-ISys) von Destatis; "
                        "indicator: eine Statistiktabelle (GENESIS)")
    i.add_argument("--kreis", help="nur mit --kind municipalities: Kreisschlüssel, 5 Ziffern (Standard: WEGWEISER_AGS)")
    i.add_argument("--postcodes", help="nur mit --kind municipalities: CSV mit den Spalten plz,ags für weitere "
                                       "Postleitzahlen")
    indicator = i.add_argument_group("nur für --kind indicator (siehe docs/indikatoren.md)")
    indicator.add_argument("--id", help="Kennung des Indikators, z. B. kita-plaetze")
    indicator.add_argument("--region", help="amtlicher Gemeindeschlüssel des eigenen Kreises, z. B. 03151 "
                                            "(Standard: WEGWEISER_AGS)")
    indicator.add_argument("--compare", help="bis zu fünf weitere Regionen zum Vergleich, z. B. 03252,14627")
    indicator.add_argument("--value", help="die Wertspalte: Nummer oder Teil der Überschrift")
    indicator.add_argument("--groups", help="mehrere Wertspalten als Gruppen, z. B. 2,3,4")
    indicator.add_argument("--rows", help="nur diese Zeilen, z. B. Insgesamt")
    indicator.add_argument("--title", help="Titel auf der Website")
    indicator.add_argument("--area", help="Bildungsbereich, z. B. fruehkindliche-bildung")
    indicator.add_argument("--unit", help="Einheit, z. B. Plätze")
    i.add_argument("--mapping", help="Zuordnungsdatei (YAML): welche Spalte in welches Feld; ohne: Spalten "
                                     "heißen wie die Felder (Format des Datenexports)")
    i.add_argument("--overwrite", action="store_true", help="vorhandene Dateien ersetzen")
    i.add_argument("--dry-run", action="store_true", help="nur zeigen, was geschrieben würde")
    i.set_defaults(func=cmd_import)

    add_translate_parser(sub, common)
    add_brochure_parser(sub, common)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "publish", False) and not args.settings:
        args.settings = "publishconf.py"
    try:
        return args.func(args)
    except SchemaError as exc:
        print(f"Fehler: {visible(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
