"""Rules a Table Schema cannot express, one function per rule.

Each rule takes ``(kind, src, ctx)`` and yields findings; ``RULES`` lists them
in the order they run. Rules only look at values that already have the right
type: type errors are frictionless's to report.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from wegweiser.catalog import freshness
from wegweiser.checks.findings import ERROR, WARNING
from wegweiser.content.frontmatter import SourceFile
from wegweiser.outputs.image_variants import resolve_image
from wegweiser.checks.images import ImageProblem, inspect_image
from wegweiser.checks.messages import finding
from wegweiser.content.characters import INVISIBLE, character_problems
from wegweiser.content.sanitize import MAX_NESTING, find_unsafe, link_problem, markdown_limit, markup_in_text
from wegweiser.content.frontmatter import TRANSLATIONS
from wegweiser.content.schema import Schemas
from wegweiser.i18n.provenance import translation_findings

# Bounding box of Germany (WGS 84), generous by a few kilometres.
GERMANY = {"lat": (47.2, 55.1), "lon": (5.8, 15.1)}
LINK_SCHEMES = ("http", "https", "mailto")
IMAGE_FIELDS = {"image": "image_alt", "logo": "logo_alt"}
#: offer formats that take place somewhere and therefore need a municipality
ON_SITE_FORMATS = ("praesenz", "hybrid")


@dataclass
class RuleContext:
    schemas: Schemas
    content_dir: Path
    today: dt.date
    stale_months: int = freshness.DEFAULT_STALE_MONTHS
    #: results of expensive checks within one validation run (e.g. image files by path)
    memo: dict = field(default_factory=dict)
    #: the guide's languages (WEGWEISER_LANGUAGES), the source language first
    languages: tuple[str, ...] = ("de",)


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _date(value):
    return value if isinstance(value, dt.date) else None


def check_unknown_fields(kind, src: SourceFile, ctx: RuleContext):
    schema = ctx.schemas.for_kind(kind)
    for key in src.values:
        if key in schema.by_name or key == TRANSLATIONS:  # translations: check_translations
            continue
        close = difflib.get_close_matches(key, schema.field_names, n=1, cutoff=0.6)
        suggestion = f"Meinten Sie „{close[0]}“? " if close else ""
        yield finding(
            "unknown-field", src.rel, field=key, line=src.line_of(key),
            suggestion=suggestion, schema_file=f"data/schemas/{kind}.schema.json",
        )


def check_id_matches_filename(kind, src: SourceFile, ctx: RuleContext):
    value = src.values.get("id")
    stem = src.path.stem
    if isinstance(value, str) and value and value != stem:
        yield finding("id-filename", src.rel, field="id", value=value, line=src.line_of("id"),
                      filename=src.path.name, stem=stem)


def check_date_order(kind, src: SourceFile, ctx: RuleContext):
    start, end = _date(src.values.get("start_date")), _date(src.values.get("end_date"))
    if start and end and end < start:
        yield finding("date-order", src.rel, field="end_date", value=end.isoformat(),
                      line=src.line_of("end_date"), start=start.isoformat())


def check_age_order(kind, src: SourceFile, ctx: RuleContext):
    low, high = _number(src.values.get("age_min")), _number(src.values.get("age_max"))
    if low is not None and high is not None and low > high:
        yield finding("age-order", src.rel, field="age_max", value=high,
                      line=src.line_of("age_max"), age_min=low)


def check_link_schemes(kind, src: SourceFile, ctx: RuleContext):
    schema = ctx.schemas.for_kind(kind)
    for fld in schema.fields:
        value = src.values.get(fld.name)
        if fld.format != "uri" or not isinstance(value, str) or not value.strip():
            continue
        parts = urlsplit(value.strip())
        scheme = parts.scheme.lower()
        if not scheme:
            continue  # not a URI at all: frictionless reports the type error
        if scheme not in LINK_SCHEMES:
            yield finding("link-scheme", src.rel, field=fld.name, value=value, line=src.line_of(fld.name))
        elif scheme in ("http", "https") and not parts.netloc:
            yield finding("link-invalid", src.rel, field=fld.name, value=value, line=src.line_of(fld.name))
        elif scheme == "mailto" and "@" not in parts.path:
            yield finding("link-invalid", src.rel, field=fld.name, value=value, line=src.line_of(fld.name))
        elif scheme == "mailto" and link_problem(value.strip()):  # hidden recipients or text
            yield finding("mailto-extra", src.rel, field=fld.name, value=value, line=src.line_of(fld.name))


def check_images(kind, src: SourceFile, ctx: RuleContext):
    schema = ctx.schemas.for_kind(kind)
    for image_field, alt_field in IMAGE_FIELDS.items():
        if image_field not in schema.by_name:
            continue
        value = src.values.get(image_field)
        if not isinstance(value, str) or not value.strip():
            continue
        line = src.line_of(image_field)
        target = resolve_image(Path(ctx.content_dir) / "images", value)
        if target is None:  # a backslash, an absolute path, "..", or a symlink out of the folder
            yield finding("image-outside", src.rel, field=image_field, value=value, line=line)
            continue
        if not target.is_file():
            yield finding("image-missing", src.rel, field=image_field, value=value, line=line)
        alt = src.values.get(alt_field)
        if not isinstance(alt, str) or not alt.strip():
            label = schema.by_name[alt_field].title if alt_field in schema.by_name else alt_field
            yield finding("alt-missing", src.rel, field=alt_field, value=value, line=line, label=label)


def check_image_files(kind, src: SourceFile, ctx: RuleContext):
    """An image must be a complete JPEG, PNG or WebP of sensible size (see core/images.py)."""
    schema = ctx.schemas.for_kind(kind)
    for image_field in IMAGE_FIELDS:
        value = src.values.get(image_field)
        if image_field not in schema.by_name or not isinstance(value, str):
            continue
        path = resolve_image(Path(ctx.content_dir) / "images", value)
        if path is None or not path.is_file():
            continue  # reported by check_images
        key = ("image", path)
        if key not in ctx.memo:
            ctx.memo[key] = inspect_image(path)
        result = ctx.memo[key]
        if isinstance(result, ImageProblem):
            yield finding(result.code, src.rel, field=image_field, value=value, line=src.line_of(image_field),
                          **result.params)


def check_markup_in_text(kind, src: SourceFile, ctx: RuleContext):
    """Plain-text fields hold text, not HTML tags or entities (they are shown escaped)."""
    schema = ctx.schemas.for_kind(kind)
    for fld in schema.fields:
        value = src.values.get(fld.name)
        if (fld.type != "string" or fld.format or "pattern" in fld.constraints or not isinstance(value, str)
                or schema.reference_of(fld.name)):
            continue  # ids, references, links, e-mail addresses and patterned fields have their own checks
        found = markup_in_text(value)
        if found:
            yield finding("html-in-text", src.rel, field=fld.name, value=found, line=src.line_of(fld.name),
                          label=fld.title)


#: how findings name the Markdown body
BODY_LABEL = "Beschreibung"


def check_characters(kind, src: SourceFile, ctx: RuleContext):
    """Every text (each value, each list item, the body) without control, bidi or invisible
    characters; tab and newline only in the body and in long texts (content/characters.py)."""
    schema = ctx.schemas.for_kind(kind)
    for name, value in src.values.items():
        fld = schema.by_name.get(name)
        texts = [item for item in value if isinstance(item, str)] if isinstance(value, list) else [value]
        label = fld.title if fld else name
        for text in texts:
            if isinstance(text, str):
                yield from character_findings(src.rel, text, bool(fld and fld.multiline), field=name,
                                              label=label, line=src.line_of(name))
    yield from character_findings(src.rel, src.body, True, label=BODY_LABEL, line=src.body_line or None,
                                  in_text=True)


def character_findings(rel: str, text: str, multiline: bool, *, label: str, line: int | None,
                       field: str | None = None, in_text: bool = False, allowed: frozenset = frozenset()):
    """The findings for the characters of one text; with ``in_text``, ``line`` is the text's first
    line in the file and each finding names the line the character is on; ``allowed``: characters
    that are no problem here."""
    for problem in character_problems(text, multiline, allowed):
        at = line + problem.line - 1 if in_text and line else line
        yield finding(problem.code, rel, field=field, value=problem.shown, line=at, label=label,
                      column=problem.column if in_text else None,
                      position=problem.column if in_text else problem.position,
                      severity=WARNING if problem.code == INVISIBLE else ERROR)


def check_unsafe_body(kind, src: SourceFile, ctx: RuleContext):
    """The Markdown body must not contain scripts, event handlers, foreign schemes, SVG, styles, …"""
    found = find_unsafe(src.body)
    if found:
        yield unsafe_finding(src.rel, found, line=body_line(src.body, src.body_line, found[0]))


def check_markdown_limits(kind, src: SourceFile, ctx: RuleContext):
    """The Markdown body must not nest lists and quotes deeper, nor ask for more work, than the converter can follow."""
    found = markdown_finding(src.rel, src.body, src.body_line)
    if found:
        yield found


def markdown_finding(rel: str, text: str, first_line: int | None, field: str | None = None,
                     part: str = "Die Beschreibung"):
    """The finding for a Markdown ``text`` (starting on ``first_line`` of the file) beyond a limit
    of the converter (:func:`~wegweiser.content.sanitize.markdown_limit`), or None."""
    limit = markdown_limit(text)
    if limit is None:
        return None
    code, at = limit
    line = first_line + at - 1 if first_line else None
    return finding(code, rel, field=field, line=line, part=part, limit=MAX_NESTING)


#: the unsafe constructs a message lists (then „…“)
UNSAFE_LISTED = 5


def unsafe_finding(rel: str, found: list[str], line: int | None, field: str | None = None,
                   part: str = "Die Beschreibung"):
    """The finding for the unsafe constructs of one text (``part`` names it in the message)."""
    listed = ", ".join(found[:UNSAFE_LISTED]) + (", …" if len(found) > UNSAFE_LISTED else "")
    return finding("unsafe-html", rel, field=field, value=listed, line=line, part=part)


def body_line(body: str, first_line: int, needle: str) -> int | None:
    """Line in the file where ``needle`` (a construct of :func:`find_unsafe`) first appears in the body
    that starts on ``first_line`` (that line if not found): the construct itself, else its scheme."""
    lines = body.lower().split("\n")
    for key in (needle.strip("<>=:").lower(), needle.split(":")[0].strip("<>=").lower()):
        for number, text in enumerate(lines):
            if key and key in text:
                return first_line + number
    return first_line or None


def check_coordinates(kind, src: SourceFile, ctx: RuleContext):
    lat, lon = _number(src.values.get("lat")), _number(src.values.get("lon"))
    # a value dropped with a finding of its own (e.g. .inf) counts as given
    present = {k for k in ("lat", "lon") if src.values.get(k) is not None or k in src.dropped}
    if len(present) == 1:
        (only,) = present
        label = ctx.schemas.for_kind(kind).by_name[only].title
        yield finding("coords-incomplete", src.rel, field=only, line=src.line_of(only), label=label)
        return
    if lat is None or lon is None:
        return
    if not (_in_germany(lat, lon)):
        swap = " Breiten- und Längengrad scheinen vertauscht zu sein." if _in_germany(lon, lat) else ""
        yield finding("coords-outside", src.rel, field="lat", value=f"{lat}, {lon}",
                      line=src.line_of("lat"), swap=swap)


def _in_germany(lat: float, lon: float) -> bool:
    return GERMANY["lat"][0] <= lat <= GERMANY["lat"][1] and GERMANY["lon"][0] <= lon <= GERMANY["lon"][1]


def check_postcode_matches_municipality(kind, src: SourceFile, ctx: RuleContext):
    postcode, municipality = src.values.get("postcode"), src.values.get("municipality")
    vocabulary = ctx.schemas.vocabularies.get("municipalities")
    if not (isinstance(postcode, str) and isinstance(municipality, str) and vocabulary):
        return
    row = vocabulary.by_id.get(municipality)
    if not row:
        return  # an unknown municipality is reported as a foreign-key error
    postcodes = row.get("postcodes") or []
    if postcode not in postcodes:
        yield finding("postcode-municipality", src.rel, field="postcode", value=postcode,
                      line=src.line_of("postcode"), municipality=row.get("label", municipality),
                      postcodes=", ".join(postcodes))


def check_location_required(kind, src: SourceFile, ctx: RuleContext):
    fmt = src.values.get("format")
    if kind != "offer" or fmt not in ON_SITE_FORMATS or src.values.get("municipality"):
        return
    formats = ctx.schemas.vocabularies.get("formats")
    label = formats.label(fmt) if formats else fmt
    yield finding("location-missing", src.rel, field="municipality", line=src.line_of("format"),
                  format_label=label)


def check_reviewed(kind, src: SourceFile, ctx: RuleContext):
    reviewed = _date(src.values.get("reviewed"))
    if not reviewed:
        return
    line = src.line_of("reviewed")
    if reviewed > ctx.today:
        yield finding("reviewed-future", src.rel, field="reviewed", value=reviewed.isoformat(),
                      line=line, severity=WARNING)
    elif freshness.is_stale(src.values, ctx.today, ctx.stale_months):
        yield finding("reviewed-stale", src.rel, field="reviewed", value=reviewed.isoformat(),
                      line=line, months=ctx.stale_months, severity=WARNING)


def check_translations(kind, src: SourceFile, ctx: RuleContext):
    """The translations and their provenance (i18n/provenance.py); run on every build, since they
    depend on the guide's languages, and warn of German texts changed since they were translated."""
    yield from translation_findings(kind, src, ctx.schemas.for_kind(kind), ctx.languages, ctx.today)


def check_expired(kind, src: SourceFile, ctx: RuleContext):
    if kind != "offer":
        return
    expired = freshness.expiry(src.values, ctx.today)
    if expired:
        reason, day = expired
        field = "valid_until" if reason == "angezeigt bis" else "end_date"
        yield finding("expired", src.rel, field=field, value=day.isoformat(), line=src.line_of(field),
                      reason=reason, severity=WARNING)


#: Rules whose result depends only on the file, the schemas and the vocabularies: their
#: findings are cached with the parsed file (core/source_cache.py).
FILE_RULES = (
    check_unknown_fields,
    check_id_matches_filename,
    check_date_order,
    check_age_order,
    check_link_schemes,
    check_markup_in_text,
    check_characters,
    check_unsafe_body,
    check_markdown_limits,
    check_coordinates,
    check_postcode_matches_municipality,
    check_location_required,
)
#: Rules that also look at image files or the date of the build: run on every build.
CONTEXT_RULES = (
    check_images,
    check_image_files,
    check_reviewed,
    check_expired,
    check_translations,
)
RULES = FILE_RULES + CONTEXT_RULES
