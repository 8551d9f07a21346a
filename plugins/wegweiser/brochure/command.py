"""``wegweiser brochure``: the printed brochure as PDF files (the whole guide and one per
Bildungsbereich), written below a folder of one's own (default: the current one)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from wegweiser.catalog.project import Project
from wegweiser.cli_support import ProgressBar, overrides, settings_path


def cmd_brochure(args) -> int:
    from wegweiser.brochure.documents import about, documents, make, size_text
    from wegweiser.brochure.render import BrochureError
    from wegweiser.build.run import read_settings

    started = time.perf_counter()
    settings = read_settings(settings_path(args), overrides(args))
    if args.site_url:
        settings["SITEURL"] = args.site_url
    validation, catalog = Project.from_settings(settings).load()
    if catalog is None:
        for problem in validation.errors:
            print(problem.as_text(), file=sys.stderr)
        print("Die Broschüre braucht fehlerfreie Inhalte; beheben Sie zuerst die Fehler "
              "(„wegweiser validate“).", file=sys.stderr)
        return 1
    try:
        cover = about(settings)
        docs = [doc for code in chosen_languages(settings, args.lang or [])
                for doc in documents(catalog, code, args.paper, settings.get("DEFAULT_LANG") or "de",
                                     areas=not args.whole)]
        bar = ProgressBar(f"Broschüre {args.paper}", delay=1.0, minimum=1)
        pdfs = make(catalog, cover, template_dirs(settings), docs, bar, indicators=not args.no_indicators,
                    settings=settings)
    except BrochureError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    target = Path(args.output)
    for path, data in pdfs.items():
        write_file(target / path, data)
        print(f"{target / path}: {size_text(len(data))}")
    print(f"Fertig: {len(pdfs)} PDF-Dateien mit {len(catalog.offers)} Angeboten "
          f"({time.perf_counter() - started:.1f} s).")
    return 0


def chosen_languages(settings: dict, asked: list[str]) -> list[str]:
    """The languages of ``--lang`` (repeated or comma-separated; „all“: every language of the guide),
    in the order of WEGWEISER_LANGUAGES; none asked: the guide's source language."""
    from wegweiser.brochure.render import BrochureError
    from wegweiser.i18n.languages import languages

    known = [language.code for language in languages(settings)]
    wanted = {code.strip() for value in asked for code in value.split(",") if code.strip()} or {known[0]}
    if "all" in wanted:
        return known
    unknown = sorted(wanted - set(known))
    if unknown:
        raise BrochureError(f"Der Wegweiser erscheint nicht in „{', '.join(unknown)}“; eine Broschüre gibt es in "
                            f"den Sprachen der Einstellung WEGWEISER_LANGUAGES: {', '.join(known)} (oder „all“ "
                            "für alle).")
    return [code for code in known if code in wanted]


def template_dirs(settings: dict) -> list[Path]:
    """The guide's own template folders first, then the theme's (as Pelican looks them up)."""
    return [Path(d) for d in settings.get("THEME_TEMPLATES_OVERRIDES", [])] + [Path(settings["THEME"]) / "templates"]


def write_file(path: Path, data: bytes) -> None:
    """Written beside and renamed, so that a reader never sees half a PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.replace(part, path)


def add_parser(sub, common) -> None:
    """The command's arguments (for cli.py)."""
    from wegweiser.brochure.render import PAPERS

    b = sub.add_parser("brochure", help="die gedruckte Broschüre als PDF (alle Angebote, je Bildungsbereich)")
    common(b)
    b.add_argument("--publish", action="store_true", help="mit publishconf.py (dort steht die öffentliche Adresse)")
    b.add_argument("--site-url", dest="site_url", help="öffentliche Adresse der Website für QR-Codes und Links "
                                                       "(Standard: SITEURL der Einstellungen)")
    b.add_argument("--paper", choices=PAPERS, default="A4", help="Papierformat (Standard: A4)")
    b.add_argument("--lang", action="append", help="Sprache der Broschüre, mehrere mit Komma oder wiederholt, "
                                                  "„all“ für alle Sprachen des Wegweisers (Standard: de)")
    b.add_argument("--output", default=".", help="Ordner, in dem broschuere/ angelegt wird (Standard: hier)")
    b.add_argument("--whole", action="store_true", help="nur die ganze Broschüre, nicht je Bildungsbereich")
    b.add_argument("--no-indicators", dest="no_indicators", action="store_true",
                   help="ohne den Teil „Zahlen aus dem Bildungsmonitoring“")
    b.set_defaults(func=cmd_brochure)
