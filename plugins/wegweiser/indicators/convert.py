"""Turn a statistics table into the rows of an indicator: which regions, which columns, which groups.

The county (``--region``, an AGS) keeps its rows as the indicator's own series;
its Land, Germany and up to five other regions become comparison series
(``region`` column); rows of the county's municipalities (by the ``ags`` of
``municipalities.csv``) keep their municipality; every other region of the
table is left out. One value column is the value, or several columns become
groups; the table's row labels (Schulart, Altersgruppe) become groups too.
Every cell is a number or a quality mark (:mod:`cells`); anything else is a
problem reported with its line, and nothing is written.
"""

from __future__ import annotations

import collections
import difflib
import re
from dataclasses import dataclass, field

from wegweiser.indicators.cells import CellError, parse_cell
from wegweiser.indicators.import_spec import ImportSpec
from wegweiser.indicators.package import STATUS_MISSING, STATUS_SECRET
from wegweiser.indicators.regions import GERMANY, KEY, MAX_PEERS, display_name, level, nearest_keys
from wegweiser.indicators.stat_table import DataRow, ImportFailed, Measure, StatTable, Time

#: row labels that are a part of the label above them („dar. ohne Ausbildungsvertrag“ under Berufsschulen)
_PART_OF = re.compile(r"^(dar\.|darunter|davon|und zwar)(\s|:|$)", re.I)
_COUNTY_WORDS = {"", "insgesamt", "gesamt", "landkreis", "kreis", "summe", "alle"}


@dataclass
class Problem:
    message: str
    line: int | None = None
    column: str = ""
    hint: str = ""
    error: bool = True

    def as_text(self, file: str) -> str:
        where = file + (f", Zeile {self.line}" if self.line else "") + (f", Spalte „{self.column}“" if self.column else "")
        text = f"{where}: {'Fehler' if self.error else 'Hinweis'}: {self.message}"
        return text + (f"\n    → {self.hint}" if self.hint else "")


@dataclass
class Guide:
    """What the guide knows that the table does not: its municipalities and the package's county."""

    municipalities: list[dict]  # rows of municipalities.csv (id, label, ags)
    county: dict = field(default_factory=dict)  # the package's {"code", "title"}
    peers: list[str] = field(default_factory=list)  # WEGWEISER_COMPARE_REGIONS


@dataclass
class Converted:
    rows: list[dict]
    county: dict
    regions: list[dict]  # the compared regions present: {"code", "title"}
    measures: list[Measure]
    groups: list[str]
    from_columns: bool  # the groups are value columns (else: row labels)
    kept_rows: list[str]  # the one row label kept with --rows (it names the indicator)
    times: list[Time]
    problems: list[Problem]
    marks: collections.Counter

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]


def choose_measures(table: StatTable, spec: ImportSpec) -> tuple[list[Measure], bool]:
    """The value column (spec.value, default the first) or the columns that become groups."""
    measures = table.measures()
    if not measures:
        raise ImportFailed(f"{table.name}: Die Tabelle hat keine Wertspalten.")
    if spec.groups:
        chosen = [_pick(measures, ref, table.name) for ref in spec.groups]
        return [m for m in measures if m in chosen], True
    if spec.value not in (None, ""):
        return [_pick(measures, spec.value, table.name)], False
    if table.kind == "wide" and len(measures) > 1:  # a plain table: one column per group
        return measures, True
    return [measures[0]], False


def _pick(measures: list[Measure], ref, name: str) -> Measure:
    listing = "; ".join(f"{m.number}: {m.label}" for m in measures)
    if isinstance(ref, int) or str(ref).strip().isdigit():
        number = int(ref)
        if 1 <= number <= len(measures):
            return measures[number - 1]
        raise ImportFailed(f"{name}: Eine Wertspalte Nr. {number} gibt es nicht. Die Tabelle hat: {listing}.")
    wanted = " ".join(str(ref).split()).casefold()
    exact = [m for m in measures if m.label.casefold() == wanted]
    found = exact or [m for m in measures if wanted in m.label.casefold()]
    if len(found) == 1:
        return found[0]
    what = "passt zu mehreren Wertspalten" if found else "passt zu keiner Wertspalte"
    raise ImportFailed(f"{name}: „{ref}“ {what}. Geben Sie die Nummer an (--value 2). Die Tabelle hat: {listing}.")


def convert(table: StatTable, spec: ImportSpec, guide: Guide) -> Converted:
    measures, from_columns = choose_measures(table, spec)
    problems: list[Problem] = []
    roles, county, regions = _roles(table, spec, guide, problems)
    shared = _shared([m.parts for m in measures]) if from_columns else set()
    wanted = {" ".join(str(r).split()).casefold() for r in spec.rows}
    parents: dict = {}
    kept, all_labels = [], []
    for row in table.rows:
        label = _row_label(row, parents)
        all_labels.append(label)
        role = _role(row, roles, guide, spec, problems)
        if role is not None and (not wanted or label.casefold() in wanted):
            kept.append((row, label, role))
    labels = list(dict.fromkeys(label for _, label, _ in kept))
    if wanted and not kept:
        present = ", ".join(dict.fromkeys(label for label in all_labels if label)) or "keine Zeilenbeschriftung"
        raise ImportFailed(f"{table.name}: Keine Zeile heißt {', '.join(f'„{r}“' for r in spec.rows)}. "
                           f"Vorhanden: {present}.")
    dims_are_groups = len(labels) > 1
    result, seen, marks, times = [], {}, collections.Counter(), []
    no_time_reported = False
    for row, label, (place, region) in kept:
        for measure in measures:
            for column in measure.columns:
                time = column.time or row.time or (Time(spec.year) if spec.year else None)
                if time is None:
                    if not no_time_reported:
                        problems.append(Problem("Die Tabelle nennt kein Jahr: weder in den Zeilen noch in den "
                                                "Spaltenköpfen.", row.line, hint="Geben Sie es in der "
                                                "Beschreibungsdatei an („year: 2024“)."))
                        no_time_reported = True
                    continue
                group = _group(label if dims_are_groups else "", _distinct(measure.parts, shared) if from_columns else ())
                group = str(spec.rename.get(group, group)) if group else ""
                text = row.cells[column.index] if column.index < len(row.cells) else ""
                try:
                    cell = parse_cell(text, table.decimal)
                except CellError as exc:
                    problems.append(Problem(str(exc) + ".", row.line, measure.label,
                                            "Korrigieren Sie die Zelle in der Tabelle oder laden Sie sie neu herunter."))
                    continue
                status, note = cell.status, row.note or cell.note
                if not cell.raw and row.status in (STATUS_MISSING, STATUS_SECRET):
                    status = row.status
                if cell.mark:
                    marks[cell.mark] += 1
                key = (time.year, place or "", region or "", group)
                if key in seen:
                    problems.append(Problem(f"Der Wert für {_what(key, row)} steht schon in Zeile {seen[key]}.",
                                            row.line, measure.label, "Jede Region darf je Jahr und Gruppe nur einmal "
                                            "vorkommen; wählen Sie mit --rows die Zeilen, die übernommen werden."))
                    continue
                seen[key] = row.line
                times.append(time)
                result.append({"year": time.year, "municipality": place or "", "region": region or "",
                               "group": group, "value": cell.raw, "status": status, "note": note})
    groups = list(dict.fromkeys(r["group"] for r in result if r["group"]))
    order = _order(guide, regions)
    result.sort(key=lambda r: (r["year"], order.get((r["municipality"], r["region"]), 99), groups.index(r["group"])
                               if r["group"] else -1))
    used = {r["region"] for r in result if r["region"]}
    return Converted(result, county, [r for r in regions if r["code"] in used], measures, groups, from_columns,
                     labels if len(labels) == 1 and labels[0] and wanted else [], times, problems, marks)


def _what(key: tuple, row: DataRow) -> str:
    return f"{row.name or row.code or 'den Landkreis'} im Jahr {key[0]}" + (f", Gruppe „{key[3]}“" if key[3] else "")


def _shared(parts: list[tuple[str, ...]]) -> set[int]:
    """The header levels all chosen columns have alike („Betreuungsquote“, „männlich“): not in the groups' names."""
    return {i for i, items in enumerate(zip(*parts)) if len(set(items)) == 1}


def _distinct(parts: tuple[str, ...], shared: set[int]) -> tuple[str, ...]:
    """A column's header texts without the shared ones; at least its last, to tell the columns apart."""
    return tuple(p for i, p in enumerate(parts) if i not in shared) or parts[-1:]


def _group(label: str, column_parts: tuple[str, ...]) -> str:
    return ", ".join(p for p in (label, " / ".join(column_parts)) if p)


def _row_label(row: DataRow, parents: dict) -> str:
    """The row labels as one text; „dar. …“ rows are named with the label above them."""
    parts = []
    for i, dim in enumerate(row.dims):
        dim = " ".join(dim.split())
        if _PART_OF.match(dim) and (row.code, i) in parents:
            dim = f"{parents[(row.code, i)]}: {dim}"
        elif dim:
            parents[(row.code, i)] = dim
        parts.append(dim)
    return " – ".join(p for p in parts if p)


def _roles(table: StatTable, spec: ImportSpec, guide: Guide, problems: list[Problem]):
    """{region key in the table: (municipality id, region key)}, the county and the compared regions."""
    names, renamed = region_names(table.rows)
    by_ags = {str(m.get("ags") or ""): m["id"] for m in guide.municipalities if m.get("ags")}
    if not any(code for code in names):  # a plain table without keys: rows are named
        county = {"code": guide.county.get("code", ""), "title": guide.county.get("title", "")}
        return {}, county, [{"code": c, "title": n} for n, c in spec.regions.items()]
    code = _county_code(spec.region or guide.county.get("code", ""), names, table.name)
    if guide.county.get("code") and guide.county["code"] != code:
        raise ImportFailed(f"Das Datenpaket gehört zu {guide.county.get('title') or guide.county['code']} "
                           f"({guide.county['code']}), die Region {code} passt nicht dazu. Geben Sie --region "
                           f"{guide.county['code']} an.")
    roles = {code: (None, None)}
    roles.update({ags: (place, None) for ags, place in by_ags.items() if ags in names and ags != code})
    compared = [code[:2]] if level(code) not in ("land", "bund") else []
    compared += [code[:5]] if level(code) == "gemeinde" else []
    compared += [GERMANY] if code != GERMANY else []
    peers = [str(p).strip() for p in (spec.compare or guide.peers)]
    if len(peers) > MAX_PEERS:
        raise ImportFailed(f"Zum Vergleich sind höchstens {MAX_PEERS} weitere Regionen vorgesehen, angegeben sind "
                           f"{len(peers)}: {', '.join(peers)}.")
    for peer in peers:
        if peer not in names:
            problems.append(Problem(f"Die Vergleichsregion {peer} kommt in der Tabelle nicht vor; sie fehlt im "
                                    "Vergleich.", error=False))
    compared += [p for p in peers if p in names]
    regions = []
    for key in dict.fromkeys(compared):
        if key in names and key not in roles:
            roles[key] = (None, key)
            regions.append({"code": key, "title": display_name(names[key])})
    problems.extend(Problem(renamed[key], error=False) for key in roles if key in renamed)
    county_title = guide.county.get("title") or display_name(names.get(code) or code)
    return roles, {"code": code, "title": county_title}, regions


def _county_code(wanted: str, names: dict[str, str], file: str) -> str:
    wanted = wanted.strip()
    if not wanted:
        raise ImportFailed(f"{file}: Für welchen Kreis? Geben Sie den amtlichen Gemeindeschlüssel mit --region an, "
                           "z. B. --region 03151 (Gifhorn) – die Tabelle enthält alle Kreise.")
    if wanted in names or wanted.isdigit() and any(code.startswith(wanted) for code in names):
        return wanted
    if KEY.fullmatch(wanted) and wanted.isdigit():
        raise ImportFailed(f"{file}: Die Region {wanted} kommt in der Tabelle nicht vor. Prüfen Sie den "
                           "Gemeindeschlüssel und die regionale Tiefe der Tabelle (Kreise oder Gemeinden). "
                           f"{nearest_keys(wanted, names)}")
    matches = [code for code, name in names.items() if wanted.casefold() in name.casefold()]
    kreise = [code for code in matches if level(code) == "kreis"] or matches
    if len(kreise) == 1:
        return kreise[0]
    by_name = {" ".join(name.split()): code for code, name in names.items()}
    close = [by_name[n] for n in difflib.get_close_matches(" ".join(wanted.split()), list(by_name), n=5, cutoff=0.5)]
    shown = ", ".join(f"{names[c].strip()} ({c})" for c in (kreise[:10] or close)) or "keine"
    found = "gefunden" if kreise else "keine passt; ähnlich"
    raise ImportFailed(f"{file}: „{wanted}“ passt nicht zu genau einer Region der Tabelle ({found}: {shown}). "
                       "Geben Sie den Gemeindeschlüssel an, z. B. --region 03151.")


def region_names(rows: list[DataRow]) -> tuple[dict[str, str], dict[str, str]]:
    """{key: newest name} and, for a region renamed across the years (a Kreisreform: same key, other
    name), {key: a German note saying which name was used}."""
    names: dict[str, dict[str, list[int]]] = {}
    for row in rows:
        names.setdefault(row.code, {}).setdefault(" ".join(row.name.split()), []).append(row.time.year if row.time else 0)
    newest, renamed = {}, {}
    for code, spelled in names.items():
        ordered = sorted(spelled, key=lambda n: max(spelled[n]))
        newest[code] = ordered[-1]
        if len(ordered) > 1 and code:
            said = "; ".join(f"{_years(spelled[n])}: „{n}“" for n in ordered)
            renamed[code] = (f"Die Region {code} heißt in der Tabelle nicht in allen Jahren gleich ({said}). "
                             f"Verwendet wird der neueste Name „{ordered[-1]}“.")
    return newest, renamed


def _years(years: list[int]) -> str:
    known = sorted(set(y for y in years if y))
    if not known:
        return "ohne Jahr"
    return str(known[0]) if len(known) == 1 else f"{known[0]}–{known[-1]}"


def _role(row: DataRow, roles: dict, guide: Guide, spec: ImportSpec, problems: list[Problem]):
    """(municipality id, region key) of a row, or None when the row's region is not imported."""
    if row.code and roles:
        return roles.get(row.code)
    name = " ".join(row.name.split())
    if not row.code and not name:
        return (None, None)
    for item in guide.municipalities:
        if name.casefold() in (item["id"], item["label"].casefold()) or row.code == str(item.get("ags") or "-"):
            return (item["id"], None)
    if name in spec.regions:
        return (None, str(spec.regions[name]))
    if name.casefold() in _COUNTY_WORDS | {str(guide.county.get("title", "")).casefold()}:
        return (None, None)
    problems.append(Problem(f"„{name or row.code}“ ist weder eine Gemeinde aus data/vocabularies/municipalities.csv "
                            "noch der Landkreis.", row.line, hint="Ist es eine Region zum Vergleich, nennen Sie sie "
                            f"in der Beschreibungsdatei mit Schlüssel: „regions: {{{name}: \"08335043\"}}“. Gemeinden "
                            "anderer Kreise gehören nicht in municipalities.csv."))
    return None


def _order(guide: Guide, regions: list[dict]) -> dict:
    order = {("", ""): 0}
    order.update({(m["id"], ""): i + 1 for i, m in enumerate(guide.municipalities)})
    order.update({("", r["code"]): 50 + i for i, r in enumerate(regions)})
    return order
