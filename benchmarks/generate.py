"""Generate a synthetic guide of N offers and N/5 providers (fixed seed, every field filled).

    python benchmarks/generate.py 1000 /tmp/guide-1000

The folder gets content/ (offers, providers, the example's static pages) and a
pelicanconf.py based on the project's, so `wegweiser build --settings FOLDER/pelicanconf.py`
builds it. The text is German, assembled from word lists; values come from the
project's vocabularies so that the content validates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from wegweiser.content.entry_file import render_entry  # noqa: E402
from wegweiser.content.schema import load_schemas  # noqa: E402

TODAY = dt.date(2026, 11, 23)
SUBJECTS = [
    "Deutschkurs", "Englischkurs", "Yoga", "Rückenschule", "Computerkurs", "Smartphone-Sprechstunde", "Nähkurs",
    "Kochkurs", "Erste-Hilfe-Kurs", "Elternkurs", "Babymassage", "Vorlesestunde", "Hausaufgabenhilfe",
    "Bewerbungstraining", "Berufsorientierung", "Fotografie-Workshop", "Malkurs", "Chor", "Gitarrenunterricht",
    "Töpferkurs", "Programmierkurs", "Lernwerkstatt", "Sprachcafé", "Schwimmkurs", "Theatergruppe",
    "Waldpädagogik", "Mathe-Förderung", "Alphabetisierungskurs", "Integrationskurs", "Meistervorbereitung",
    "Buchhaltung für Einsteiger", "Digitale Sprechstunde", "Gedächtnistraining", "Studienberatung",
    "Ferienbetreuung", "Krabbelgruppe", "Musikalische Früherziehung", "Pilates", "Tanzkurs", "Zeichnen",
]
QUALIFIERS = [
    "für Einsteiger", "für Fortgeschrittene", "am Abend", "am Vormittag", "am Wochenende", "kompakt",
    "mit Kinderbetreuung", "in Einfacher Sprache", "für Familien", "für Seniorinnen und Senioren",
    "für Jugendliche", "online", "im Grünen", "mit Zertifikat", "als Bildungsurlaub", "für Frauen",
]
SENTENCES = [
    "Sie lernen in kleinen Gruppen und in Ihrem eigenen Tempo.",
    "Vorkenntnisse sind nicht nötig; alle Materialien werden gestellt.",
    "Die Kursleitung hat langjährige Erfahrung in der Erwachsenenbildung.",
    "Bitte bringen Sie bequeme Kleidung und etwas zu trinken mit.",
    "Am Ende erhalten Sie eine Teilnahmebescheinigung.",
    "Das Angebot wird vom Landkreis gefördert und ist deshalb besonders günstig.",
    "Kinder können in dieser Zeit im Nebenraum betreut werden.",
    "Die Räume sind mit dem Bus gut erreichbar.",
    "Wir üben praktische Beispiele aus dem Alltag und aus dem Beruf.",
    "Fragen Sie gern nach, wenn Sie unsicher sind, ob das Angebot passt.",
    "Der Einstieg ist jederzeit möglich, solange Plätze frei sind.",
    "Eine Anmeldung ist erforderlich, weil die Plätze begrenzt sind.",
]
PROVIDER_WORDS = ["Bildungswerk", "Familienzentrum", "Lernhaus", "Kulturverein", "Förderverein", "Akademie",
                  "Jugendwerkstatt", "Musikschule", "Bücherei", "Nachbarschaftshaus", "Sportverein", "Werkstatt"]
SCHEDULES = ["Mo und Mi 18–20 Uhr", "Di 9–11:30 Uhr", "Sa 10–14 Uhr", "Do 16–17:30 Uhr", "Mo–Fr 7–17 Uhr",
             "Fr 15–18 Uhr", "jeden ersten Samstag im Monat 10–13 Uhr"]


def _pick(rng, items, low=1, high=3):
    return sorted(rng.sample(items, min(len(items), rng.randint(low, high))))


def _place(rng, municipality):
    postcode = rng.choice(municipality["postcodes"])
    lat = round(municipality["lat"] + rng.uniform(-0.02, 0.02), 5)
    lon = round(municipality["lon"] + rng.uniform(-0.03, 0.03), 5)
    return postcode, lat, lon


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def generate(n: int, folder: Path, seed: int = 20261123, languages: tuple[str, ...] = ("de",)) -> None:
    rng = random.Random(seed)
    schemas = load_schemas(ROOT / "data")
    v = {name: voc.rows for name, voc in schemas.vocabularies.items()}
    ids = {name: [r["id"] for r in rows] for name, rows in v.items()}
    content = folder / "content"
    for sub in ("offers", "providers"):
        shutil.rmtree(content / sub, ignore_errors=True)
        (content / sub).mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "pages", content / "pages", dirs_exist_ok=True)
    providers = []
    for i in range(max(1, n // 5)):
        municipality = rng.choice(v["municipalities"])
        postcode, lat, lon = _place(rng, municipality)
        pid = f"anbieter-{i:05d}"
        name = f"{rng.choice(PROVIDER_WORDS)} {municipality['label']} {i}"
        values = {
            "id": pid, "name": name, "kind": rng.choice(ids["provider_kinds"]),
            "summary": f"{name} bietet Bildung für alle Generationen in {municipality['label']} und Umgebung.",
            "street": f"Hauptstraße {rng.randint(1, 120)}", "postcode": postcode,
            "municipality": municipality["id"], "lat": lat, "lon": lon,
            "contact_name": "Geschäftsstelle", "contact_email": f"info@{pid}.example",
            "contact_phone": f"05141 {rng.randint(1000, 9999)}-0", "url": f"https://www.{pid}.example",
            "accessibility": _pick(rng, ids["accessibility"], 0, 3),
            "reviewed": TODAY - dt.timedelta(days=rng.randint(0, 380)),
        }
        _write(content / "providers" / f"{pid}.md", render_entry(schemas.provider, values, " ".join(rng.sample(SENTENCES, 3))))
        providers.append(values)
    for i in range(n):
        provider = rng.choice(providers)
        municipality = rng.choice(v["municipalities"])
        postcode, lat, lon = _place(rng, municipality)
        subject, qualifier = rng.choice(SUBJECTS), rng.choice(QUALIFIERS)
        start = TODAY + dt.timedelta(days=rng.randint(1, 300))
        age_min = rng.choice([None, 0, 3, 6, 12, 16, 18, 60])
        fmt = rng.choices(ids["formats"], weights=[8, 1, 1][: len(ids["formats"])])[0]
        on_site = fmt != "online"
        values = {
            "id": f"angebot-{i:05d}", "title": f"{subject} {qualifier} ({i})",
            "summary": f"{subject} {qualifier} in {municipality['label']}: {rng.choice(SENTENCES)}",
            "provider": provider["id"], "area": rng.choice(ids["areas"]),
            "topics": _pick(rng, ids["topics"]), "target_groups": _pick(rng, ids["target_groups"]),
            "age_min": age_min, "age_max": None if age_min is None else age_min + rng.choice([5, 10, 40]),
            "format": fmt, "languages": ["de"] + _pick(rng, ids["languages"], 0, 1),
            "municipality": municipality["id"] if on_site else None,
            "venue": f"{provider['name']}, Raum {rng.randint(1, 20)}" if on_site else None,
            "street": f"Schulstraße {rng.randint(1, 80)}" if on_site else None,
            "postcode": postcode if on_site else None, "lat": lat if on_site else None, "lon": lon if on_site else None,
            "start_date": start, "end_date": start + dt.timedelta(days=rng.randint(0, 120)),
            "schedule": rng.choice(SCHEDULES), "cost_eur": rng.choice([0, 0, 25, 45, 89, 120, 180]),
            "cost_note": "Ermäßigung auf Anfrage.", "funding": _pick(rng, ids["funding"], 0, 2),
            "accessibility": _pick(rng, ids["accessibility"], 0, 3),
            "registration_url": f"https://www.{provider['id']}.example/anmeldung/{i}",
            "contact_name": "Team Anmeldung", "contact_email": provider["contact_email"],
            "contact_phone": provider["contact_phone"], "url": f"https://www.{provider['id']}.example/kurse/{i}",
            "easy_summary": f"Hier lernen Sie: {subject}. Das Angebot ist in {municipality['label']}.",
            "reviewed": TODAY - dt.timedelta(days=rng.randint(0, 380)),
            "valid_until": TODAY + dt.timedelta(days=rng.randint(200, 700)),
        }
        body = "\n\n".join(" ".join(rng.sample(SENTENCES, 4)) for _ in range(2))
        _write(content / "offers" / f"{values['id']}.md", render_entry(schemas.offer, values, body))
    (folder / "pelicanconf.py").write_text(
        "import runpy\nfrom pathlib import Path\n\nHERE = Path(__file__).resolve().parent\n"
        f"_BASE = runpy.run_path({str(ROOT / 'pelicanconf.py')!r})\n"
        "globals().update({k: v for k, v in _BASE.items() if k.isupper()})\n"
        'PATH = str(HERE / "content")\nOUTPUT_PATH = str(HERE / "output")\n'
        f'WEGWEISER_TODAY = "{TODAY.isoformat()}"\nWEGWEISER_ROOT = str(HERE)\n'
        # German pages only, as Hugo's: each further language adds every page once more
        f"WEGWEISER_LANGUAGES = {list(languages)!r}\n",
        encoding="utf-8",
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of offers")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--languages", default="de", help="WEGWEISER_LANGUAGES, comma-separated (default: de)")
    args = parser.parse_args(argv)
    generate(args.n, args.folder, args.seed, list(args.languages.split(",")))
    print(f"{args.n} Angebote und {max(1, args.n // 5)} Anbieter in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
