"""The ``wegweiser`` command: validate, build, serve, new."""

from __future__ import annotations

import argparse
import re
import datetime as dt
import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path

from .core.findings import summary
from .core.loading import content_files
from .core.schema import SchemaError
from .core.project import Project
from .core.schema import KIND_FOLDERS
from .core.skeleton import skeleton

DEFAULT_SETTINGS = "pelicanconf.py"


def _settings_path(args) -> Path:
    path = Path(args.settings or (args.publish and "publishconf.py") or DEFAULT_SETTINGS)
    if not path.is_file():
        raise SystemExit(f"Einstellungsdatei {path} nicht gefunden. Rufen Sie wegweiser im "
                         "Projektordner auf oder geben Sie --settings an.")
    return path


def _overrides(args) -> dict:
    return {"WEGWEISER_TODAY": args.today} if getattr(args, "today", None) else {}


def _print_findings(findings, fmt: str, stream=None) -> None:
    stream = stream or sys.stdout
    if fmt == "github":
        for f in findings:
            print(f.as_github(), file=stream)
        print(summary(findings), file=stream)
    elif fmt == "json":
        json.dump([f.as_dict() for f in findings], stream, ensure_ascii=False, indent=2)
        print(file=stream)
    else:
        for f in findings:
            print(f.as_text(), file=stream)
        print(summary(findings), file=stream)


def cmd_validate(args) -> int:
    from .build import read_settings

    settings = read_settings(_settings_path(args), _overrides(args))
    validation = Project.from_settings(settings).validate()
    _print_findings(validation.findings, args.format)
    return 0 if validation.ok else 1


def cmd_build(args) -> int:
    from .build import build

    result = build(_settings_path(args), Path(args.output) if args.output else None, _overrides(args))
    _print_findings(result.findings, args.format, sys.stdout if result.ok else sys.stderr)
    if not result.ok:
        if result.error:
            print(f"Fehler beim Erzeugen der Website: {result.error}", file=sys.stderr)
        print("Es wurde nichts veröffentlicht; die bisherige Ausgabe ist unverändert.", file=sys.stderr)
        return 1
    print(f"Fertig: {result.pages} Seiten in {result.output} ({result.seconds:.1f} s).")
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
    from .build import build, read_settings

    settings_file = _settings_path(args)
    settings = read_settings(settings_file, _overrides(args))
    output = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    project = Project.from_settings(settings)
    watched = [project.content_dir, project.data_dir, settings["THEME"], settings_file]

    def rebuild():
        result = build(settings_file, output, _overrides(args))
        _print_findings([f for f in result.findings if f.is_error] if not result.ok else [], "text")
        if result.ok:
            print(f"Neu erzeugt: {result.pages} Seiten ({result.seconds:.1f} s).", flush=True)
        else:
            print("Fehler: die Website wurde nicht neu erzeugt.", flush=True)

    rebuild()
    output.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((args.bind, args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Die Website läuft auf http://{args.bind}:{args.port}/ (Beenden mit Strg+C).", flush=True)
    state = _watched_state(watched)
    try:
        while True:
            time.sleep(1)
            new_state = _watched_state(watched)
            if new_state != state:
                state = new_state
                print("Änderung erkannt, erzeuge neu …", flush=True)
                rebuild()
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def cmd_new(args) -> int:
    from .build import read_settings

    settings = read_settings(_settings_path(args), _overrides(args))
    project = Project.from_settings(settings)
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
    target.write_text(skeleton(args.kind, args.id, schemas, project.today, providers), encoding="utf-8")
    print(f"Angelegt: {target}. Füllen Sie die Felder aus und prüfen Sie mit „wegweiser validate“.")
    return 0


def cmd_report(args) -> int:
    from .build import read_settings
    from .core.report import build_report
    from .core.report_formats import as_csv, as_html, as_text

    settings = read_settings(_settings_path(args), _overrides(args))
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

    v = sub.add_parser("validate", help="alle Inhalte prüfen")
    common(v)
    v.add_argument("--format", choices=["text", "github", "json"], default="text")
    v.set_defaults(func=cmd_validate)

    b = sub.add_parser("build", help="prüfen und die Website erzeugen")
    common(b)
    b.add_argument("--publish", action="store_true", help="mit publishconf.py erzeugen")
    b.add_argument("--output", help="Zielordner (Standard: OUTPUT_PATH der Einstellungen)")
    b.add_argument("--format", choices=["text", "github", "json"], default="text")
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

    n = sub.add_parser("new", help="eine neue Datei mit allen Feldern anlegen")
    common(n)
    n.add_argument("kind", choices=["offer", "provider"])
    n.add_argument("id", help="Kennung, z. B. vhs-deutsch-a1")
    n.add_argument("--force", action="store_true")
    n.set_defaults(func=cmd_new)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "publish", False) and not args.settings:
        args.settings = "publishconf.py"
    try:
        return args.func(args)
    except SchemaError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
