"""``wegweiser init``: a new guide's repository from a few answers."""

from __future__ import annotations

import sys
from pathlib import Path


#: (answer, question, example) in the order ``wegweiser init`` asks them
_INIT_QUESTIONS = (
    ("county", "Name des Landkreises oder der kreisfreien Stadt", "Landkreis Gifhorn"),
    ("in_county", "Wie heißt es im Satz „Bildungsangebote …“?", None),
    ("ags", "Kreisschlüssel (5 Ziffern)", "03151"),
    ("email", "E-Mail-Adresse des Bildungsbüros", "bildungsbuero@landkreis.de"),
    ("repo_url", "Adresse des Repositorys (leer: später eintragen)", "https://github.com/landkreis/bildungswegweiser"),
    ("host", "Plattform des Repositorys: github oder gitlab", None),
    ("site_url", "Öffentliche Adresse der Website (leer: GitHub/GitLab Pages)", "https://bildung.landkreis.de"),
)


def _ask(name: str, question: str, example: str | None, default: str) -> str:
    hint = f" [{default}]" if default else (f" (z. B. {example})" if example else "")
    try:
        answer = input(f"> {question}{hint}: ").strip()
    except EOFError:
        answer = ""
    return answer or default


def cmd_init(args) -> int:
    """A new guide's repository from a few answers (asked for unless given as options)."""
    from wegweiser.new_guide.create import Answers, InitFailed, default_in_county, write_guide

    given = {name: getattr(args, name) for name, _, _ in _INIT_QUESTIONS}
    interactive = sys.stdin.isatty() and not args.no_input
    if not interactive:
        missing = [f"--{n.replace('_', '-')}" for n in ("county", "ags", "email") if not given[n]]
        if missing:
            print(f"Fehler: Es fehlen {', '.join(missing)} (ohne Terminal wird nicht nachgefragt).", file=sys.stderr)
            return 1
    else:
        print("Ein neuer Bildungswegweiser. Vorgaben in eckigen Klammern übernehmen Sie mit der Eingabetaste.")
        for name, question, example in _INIT_QUESTIONS:
            if given[name] is None:
                default = {"in_county": default_in_county(given["county"] or "Landkreis"),
                           "host": "gitlab" if "gitlab" in (given["repo_url"] or "") else "github"}.get(name, "")
                given[name] = _ask(name, question, example, default)
    answers = Answers(**{k: v or "" for k, v in given.items()}, package=args.package or "")
    try:
        written = write_guide(Path(args.folder), answers)
    except InitFailed as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    print(f"Angelegt: {args.folder} mit {len(written)} Dateien. Die nächsten Schritte stehen in "
          f"{Path(args.folder) / 'README.md'}; „wegweiser validate“ nennt die Platzhalter, die noch zu füllen sind.")
    return 0
