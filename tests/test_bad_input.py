"""A corpus of bad input: each case produces exactly its findings, and a build publishes nothing.

Every case is added to a copy of the small valid project. Text cases are files under
tests/fixtures/bad-input/; binary cases (image bomb, truncated JPEG, a 50 MB file, symlinks
out of the tree) are made here, so the repository holds no large or hostile binaries.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from wegweiser.build.run import build

CORPUS = FIXTURES / "bad-input"

# --- image files the cases refer to (name -> function writing it) ---


def _jpeg(width=640, height=480) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 110, 170)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _png(width=64, height=64) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 60, 20, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def _bomb() -> bytes:
    """A PNG of 30000 × 30000 black pixels that is only about 100 KB on disk."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, "PNG")
    return buffer.getvalue()


def _bad_checksum() -> bytes:
    data = bytearray(_png())
    at = data.index(b"IDAT") + 4
    data[at] ^= 0xFF  # first byte of the compressed pixels: the chunk's CRC no longer matches
    return bytes(data)


def _gif() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("P", (16, 16)).save(buffer, "GIF")
    return buffer.getvalue()


def _sparse(path: Path, size: int) -> None:
    """A file of ``size`` bytes that takes no space on disk (a JPEG header, then zeros)."""
    with open(path, "wb") as handle:
        handle.write(_jpeg()[:64])
        handle.truncate(size)


IMAGES = {
    "bombe.png": lambda p: p.write_bytes(_bomb()),
    "abgeschnitten.jpg": lambda p: p.write_bytes(_jpeg()[: len(_jpeg()) // 2]),
    "webseite.png": lambda p: p.write_text("<!DOCTYPE html><html><script>alert(1)</script></html>"),
    "skript.png": lambda p: p.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
                                         "<script>alert(1)</script></svg>"),
    "animation.jpg": lambda p: p.write_bytes(_gif()),
    "riesig.jpg": lambda p: _sparse(p, 9_000_000),
    "fuenfzig.jpg": lambda p: _sparse(p, 50_000_000),
    "verweis.png": lambda p: p.symlink_to(_outside(p, "geheim.png", _png())),
    "ordner.png": lambda p: p.mkdir(),
    "leer.png": lambda p: p.write_bytes(b""),
    "pruefsumme.png": lambda p: p.write_bytes(_bad_checksum()),
    "logo-kaputt.png": lambda p: p.write_bytes(_png(400, 200)[:300]),
}


def _outside(path: Path, name: str, data: bytes) -> Path:
    """A file next to the project (outside content/), for symlinks that point out of the tree."""
    target = path.parents[3] / "ausserhalb" / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    return target


# --- content files made here ---


def _content_50mb(project: Path) -> None:
    _sparse(project / "content" / "offers" / "fuenfzig-megabyte.md", 50_000_000)
    with open(project / "content" / "offers" / "fuenfzig-megabyte.md", "r+b") as handle:
        handle.write(b"---\nid: fuenfzig-megabyte\n")


def _content_symlink(project: Path) -> None:
    source = (CORPUS / "offers" / "missing-title.md").read_text(encoding="utf-8")
    target = _outside(project / "content" / "offers" / "x", "fremd.md", source.encode())
    (project / "content" / "offers" / "verweis-nach-aussen.md").symlink_to(target)


def _folder_symlink(project: Path) -> None:
    """content/providers is itself a link to a folder outside content/."""
    providers = project / "content" / "providers"
    outside = project / "ausserhalb-anbieter"
    shutil.move(providers, outside)
    providers.symlink_to(outside, target_is_directory=True)


def _nesting_bomb(project: Path) -> None:
    """200,000 nested lists in 400 KB: composing them recursively would crash the process."""
    text = "---\nid: yaml-nesting-bomb\ntitle: " + "[" * 200_000 + "]" * 200_000 + "\n---\n"
    (project / "content" / "offers" / "yaml-nesting-bomb.md").write_text(text, encoding="utf-8")


def _images_folder_symlink(project: Path) -> None:
    """content/images is itself a link to a folder outside content/."""
    images = project / "content" / "images"
    outside = project / "ausserhalb-bilder"
    shutil.move(images, outside)
    images.symlink_to(outside, target_is_directory=True)
    (outside / "foto.png").write_bytes(_png())
    source = (CORPUS / "offers" / "image-bomb.md").read_text(encoding="utf-8")
    (project / "content" / "offers" / "bilder-ausserhalb.md").write_text(
        source.replace("image-bomb", "bilder-ausserhalb").replace("bombe.png", "foto.png"), encoding="utf-8")


# --- file-system oddities in the content folders: a finding each, never a hang or a traceback ---


def _fifo(project: Path) -> None:
    """A named pipe called like an offer: opening it would wait for a writer forever."""
    os.mkfifo(project / "content" / "offers" / "warteschlange.md")


def _socket(project: Path) -> None:
    folder = project / "content" / "offers"
    cwd = os.getcwd()
    os.chdir(folder)  # bound by a short relative name (a socket's path is limited to 108 bytes)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("steckdose.md")
    finally:
        os.chdir(cwd)


def _symlink_loop(project: Path) -> None:
    (project / "content" / "offers" / "kreis.md").symlink_to("kreis.md")


def _two_link_loop(project: Path) -> None:
    offers = project / "content" / "offers"
    (offers / "hin.md").symlink_to("her.md")
    (offers / "her.md").symlink_to("hin.md")


def _dangling_link(project: Path) -> None:
    (project / "content" / "offers" / "verschoben.md").symlink_to("gibt-es-nicht.md")


def _offers_in_subfolder(project: Path) -> None:
    source = (project / "content" / "offers" / "deutschkurs-a1.md").read_text(encoding="utf-8")
    deep = project / "content" / "offers" / "sommer" / "juli"
    deep.mkdir(parents=True)
    (deep.parent / "ferienkurs.md").write_text(source.replace("deutschkurs-a1", "ferienkurs"), encoding="utf-8")
    (deep / "tageskurs.md").write_text(source.replace("deutschkurs-a1", "tageskurs"), encoding="utf-8")


def _folder_link(project: Path) -> None:
    """A link in content/offers to the folder above: followed, it would lead round in circles."""
    (project / "content" / "offers" / "archiv").symlink_to("..", target_is_directory=True)


def _providers_folder_loop(project: Path) -> None:
    providers = project / "content" / "providers"
    shutil.rmtree(providers)
    providers.symlink_to("providers")


def _fifo_page(project: Path) -> None:
    os.mkfifo(project / "content" / "pages" / "agb.md")


def _page_in_subfolder(project: Path) -> None:
    folder = project / "content" / "pages" / "recht"
    folder.mkdir()
    (folder / "agb.md").write_text("Title: AGB\n\nText.\n", encoding="utf-8")


def _page_symlink_loop(project: Path) -> None:
    (project / "content" / "pages" / "schleife.md").symlink_to("schleife.md")


def _hidden_page(project: Path) -> None:
    """Pelican reads pages whose names start with a dot too: so does validation."""
    (project / "content" / "pages" / ".versteckt.md").write_text(
        "Title: Versteckt\n\n<script>window.__pwned=1</script>\n", encoding="utf-8")


def _deep_indented_list(project: Path) -> None:
    """300 lists, each indented four spaces more than the one before (180 KB): Python-Markdown parses
    each level with a recursive call and ran out of stack."""
    source = (CORPUS / "offers" / "markdown-deep-list.md").read_text(encoding="utf-8")
    head = source[: source.index("Schöner Kurs.")].replace("markdown-deep-list", "markdown-deep-indent")
    body = "".join("    " * level + "- Ebene\n" for level in range(300))
    (project / "content" / "offers" / "markdown-deep-indent.md").write_text(head + body, encoding="utf-8")


MADE = {
    "markdown-deep-indent": _deep_indented_list,
    "fifo-offer": _fifo,
    "socket-offer": _socket,
    "symlink-loop-offer": _symlink_loop,
    "two-link-loop-offers": _two_link_loop,
    "dangling-link-offer": _dangling_link,
    "offers-in-subfolder": _offers_in_subfolder,
    "folder-link-in-offers": _folder_link,
    "providers-folder-loop": _providers_folder_loop,
    "fifo-page": _fifo_page,
    "page-in-subfolder": _page_in_subfolder,
    "page-symlink-loop": _page_symlink_loop,
    "hidden-page-with-script": _hidden_page,
    "yaml-nesting-bomb": _nesting_bomb,
    "images-folder-symlink-outside": _images_folder_symlink,
    "content-50mb": _content_50mb,
    "content-symlink-outside": _content_symlink,
    "folder-symlink-outside": _folder_symlink,
}

# case -> {(field, code, line)} of the error findings it must produce in its own file, nothing more.
OWN = {
    # malformed YAML
    "yaml-tab-in-list": {(None, "yaml-tab", 8)},
    "yaml-duplicate-title": {("title", "duplicate-key", 7)},
    "yaml-unclosed-double-quote": {(None, "yaml-unclosed-quote", 3)},
    "yaml-unclosed-single-quote": {(None, "yaml-unclosed-quote", 4)},
    "yaml-unclosed-list": {(None, "yaml-syntax", 8)},
    "yaml-colon-in-value": {(None, "yaml-syntax", 3)},
    "yaml-undefined-alias": {(None, "yaml-syntax", 3)},
    "yaml-control-character": {(None, "yaml-syntax", 3)},
    "yaml-list-as-header": {(None, "front-matter-not-mapping", 2)},
    "yaml-unclosed-header": {(None, "front-matter-unclosed", 6)},
    "yaml-nested-mapping": {("municipality", "location-missing", 9), ("municipality", "nested-value", 10)},
    "yaml-billion-laughs": {("lol1", "unknown-field", 12), ("lol2", "nested-value", 13), ("lol3", "nested-value", 14)},
    "yaml-python-tag": {("title", "type-error", 3)},
    "empty-file": {(None, "front-matter-missing", 1)},
    "empty-header": {(None, "front-matter-empty", 2)},
    # encodings: not UTF-8 is an error; a UTF-8 BOM or Windows line ends keep the line numbers right
    "latin1-file": {(None, "encoding", 3)},
    "utf16-file": {(None, "encoding", 1)},
    "utf8-bom-keeps-lines": {("area", "unknown-reference", 6)},
    "crlf-keeps-lines": {("format", "unknown-reference", 9)},
    # wrong types
    "type-age-word": {("age_min", "type-error", 12)},
    "type-cost-comma": {("cost_eur", "type-error", 12)},
    "type-lat-comma": {("lat", "type-error", 12)},
    "type-german-date": {("start_date", "type-error", 12)},
    "type-impossible-date": {("start_date", "type-error", 12)},
    "type-huge-number": {("age_max", "maximum", 12)},
    "type-email-with-markup": {("contact_email", "type-error", 12)},
    # missing required fields
    "missing-title": {("title", "required", None)},
    "missing-reviewed": {("reviewed", "required", None)},
    # unknown references, duplicate ids, file names
    "unknown-municipality": {("municipality", "unknown-reference", 10)},
    "unknown-target-group": {("target_groups", "unknown-reference", 8)},
    "unknown-provider-typo": {("provider", "unknown-provider", 5)},
    "duplicate-of-existing": {("id", "duplicate-id", 2), ("id", "id-filename", 2)},
    "Mein Kurs": {("id", "id-filename", 2)},
    # reversed dates and ranges
    "dates-reversed": {("end_date", "date-order", 13)},
    "ages-reversed": {("age_max", "age-order", 13)},
    # XSS in text fields: plain text only
    "xss-title-script": {("title", "html-in-text", 3)},
    "xss-summary-onerror": {("summary", "html-in-text", 4)},
    "xss-easy-summary-entities": {("easy_summary", "html-in-text", 12)},
    "xss-venue-svg": {("venue", "html-in-text", 12)},
    "xss-provider-name": {("name", "html-in-text", 3)},
    "xss-url-javascript-uppercase": {("url", "link-scheme", 12)},
    "xss-registration-data-url": {("registration_url", "link-scheme", 12)},
    # XSS in the Markdown body
    "xss-body-script": {(None, "unsafe-html", 16)},
    "xss-body-onerror": {(None, "unsafe-html", 16)},
    "xss-body-javascript-link": {(None, "unsafe-html", 14)},
    "xss-body-entity-javascript": {(None, "unsafe-html", 14)},
    "xss-body-tab-javascript": {(None, "unsafe-html", 14)},
    "xss-body-data-url": {(None, "unsafe-html", 14)},
    "xss-body-autolink-javascript": {(None, "unsafe-html", 16)},  # Markdown leaves it a tag; it was dropped unnamed
    "xss-body-svg-script": {(None, "unsafe-html", 14)},
    "xss-body-style": {(None, "unsafe-html", 14)},
    "xss-body-style-attribute": {(None, "unsafe-html", 14)},
    "xss-body-iframe": {(None, "unsafe-html", 14)},
    "xss-body-form": {(None, "unsafe-html", 14)},
    "xss-body-noscript-mxss": {(None, "unsafe-html", 14)},
    # paths out of content/images
    "path-traversal-image": {("image", "image-outside", 12)},
    "path-absolute-image": {("image", "image-outside", 12), ("image", "pattern", 12)},
    "path-backslash-image": {("image", "image-outside", 12), ("image", "pattern", 12)},
    "image-symlink-outside": {("image", "image-outside", 12)},
    # image files
    "image-bomb": {("image", "image-too-many-pixels", 12)},
    "image-truncated-jpeg": {("image", "image-damaged", 12)},
    "image-png-bad-checksum": {("image", "image-damaged", 12)},
    "image-html-as-png": {("image", "image-unreadable", 12)},
    "image-svg-as-png": {("image", "image-format", 12)},
    "image-gif-as-jpg": {("image", "image-format", 12)},
    "image-empty-file": {("image", "image-unreadable", 12)},
    "image-too-large": {("image", "image-too-large", 12)},
    "image-50mb": {("image", "image-too-large", 12)},
    "image-is-folder": {("image", "image-missing", 12)},
    "logo-truncated": {("logo", "image-damaged", 7)},
    # hostile input, second round (issue 21)
    # control characters: refused in every text (tab and newline only in long texts and the body)
    "ctrl-nul-in-title": {("title", "control-character", 3)},
    "ctrl-escape-in-summary": {("summary", "control-character", 4)},
    "ctrl-vertical-tab-in-venue": {("venue", "control-character", 12)},
    "ctrl-noncharacter-in-contact": {("contact_name", "control-character", 12)},
    "ctrl-raw-nul-in-body": {(None, "control-character", 14)},
    "ctrl-newline-in-title": {("title", "control-character", 3)},
    "ctrl-tab-in-title": {("title", "control-character", 3)},
    "ctrl-lone-surrogate-escape": {(None, "yaml-syntax", 3)},
    "ctrl-line-separator-in-schedule": {("schedule", "control-character", 12)},
    "ctrl-c1-in-street": {("street", "control-character", 12)},
    "ctrl-delete-in-cost-note": {("cost_note", "control-character", 12)},
    "ctrl-escape-in-provider-name": {("name", "control-character", 3)},
    # bidi overrides, embeddings and isolates: refused
    "bidi-override-in-title": {("title", "bidi-control", 3)},
    "bidi-isolate-in-phone": {("contact_phone", "bidi-control", 12), ("contact_phone", "pattern", 12)},
    "bidi-embedding-in-provider-summary": {("summary", "bidi-control", 5)},
    # numbers no limit can judge: one finding, not „too large“ and „too small“
    "nan-cost": {("cost_eur", "not-finite", 12)},
    "inf-latitude": {("lat", "not-finite", 12)},
    # dates the build could not compute with
    "date-year-9999": {("start_date", "maximum", 12)},
    "date-year-1": {("end_date", "minimum", 12)},
    # e-mail links with hidden recipients or a prepared text
    "mailto-hidden-copy": {("registration_url", "mailto-extra", 12)},
    "mailto-two-recipients": {("url", "mailto-extra", 12)},
    "mailto-in-body": {(None, "unsafe-html", 14)},
    # e-mail addresses the form refuses
    "email-quoted-local-part": {("contact_email", "pattern", 12)},
    "email-with-query": {("contact_email", "type-error", 12)},
    "unsafe-many-constructs": {(None, "unsafe-html", 14)},
    # lists and quotes nested deeper than Markdown's recursive parser follows (a RecursionError before)
    "markdown-deep-list": {(None, "markdown-too-deep", 16)},
    # static pages: the rules of descriptions, and a header that only says what the page is
    "page-script": {(None, "unsafe-html", 7)},
    "page-javascript-link": {(None, "unsafe-html", 7)},
    "page-foreign-image": {(None, "unsafe-html", 7)},
    "page-foreign-image-markdown": {(None, "unsafe-html", 7)},
    "page-protocol-relative-image": {(None, "unsafe-html", 7)},
    "page-event-handler": {(None, "unsafe-html", 7)},
    "page-iframe": {(None, "unsafe-html", 7)},
    "page-deep-quotes-and-lists": {(None, "markdown-too-deep", 7)},
    "page-style": {(None, "unsafe-html", 7)},
    "page-mailto-bcc": {(None, "unsafe-html", 7)},
    "page-summary-script": {("summary", "unsafe-html", 3)},
    "page-title-markup": {("title", "html-in-text", 1)},
    "page-save-as": {("save_as", "page-unknown-field", 4)},
    "page-template": {("template", "page-unknown-field", 4)},
    "page-bad-slug": {("slug", "page-slug", 2)},
    "page-no-title": {("title", "page-title-missing", 1)},
    "page-control-in-title": {("title", "control-character", 1)},
    "page-raw-nul-in-body": {(None, "control-character", 7)},
    "page-duplicate-slug": {("slug", "page-duplicate-slug", 2)},
    "page-reserved-slug": {("slug", "page-slug-reserved", 2)},
    "page-language-slug": {("slug", "page-slug-reserved", 2)},  # two letters: a language's folder
    "page-first-line-looks-like-a-key": {("hinweis", "page-unknown-field", 3)},
}
# case -> {(file, field, code, line)} for cases whose findings name other files
OTHER = {
    "markdown-deep-indent": {("content/offers/markdown-deep-indent.md", None, "markdown-too-deep", 34)},
    "fifo-offer": {("content/offers/warteschlange.md", None, "not-a-file", None)},
    "socket-offer": {("content/offers/steckdose.md", None, "not-a-file", None)},
    "symlink-loop-offer": {("content/offers/kreis.md", None, "broken-link", None)},
    "two-link-loop-offers": {("content/offers/hin.md", None, "broken-link", None),
                             ("content/offers/her.md", None, "broken-link", None)},
    "dangling-link-offer": {("content/offers/verschoben.md", None, "broken-link", None)},
    "offers-in-subfolder": {("content/offers/sommer/ferienkurs.md", None, "in-subfolder", None),
                            ("content/offers/sommer/juli/tageskurs.md", None, "in-subfolder", None)},
    "folder-link-in-offers": {("content/offers/archiv", None, "folder-link", None)},
    "providers-folder-loop": {
        ("content/providers", None, "folder-unreadable", None),
        ("content/offers/alter-kurs.md", "provider", "unknown-provider", 5),
        ("content/offers/deutschkurs-a1.md", "provider", "unknown-provider", 5),
        ("content/offers/kita-sonnenblume.md", "provider", "unknown-provider", 5),
        ("content/offers/online-englisch.md", "provider", "unknown-provider", 5),
    },
    "fifo-page": {("content/pages/agb.md", None, "not-a-file", None)},
    "page-in-subfolder": {("content/pages/recht/agb.md", None, "in-subfolder", None)},
    "page-symlink-loop": {("content/pages/schleife.md", None, "broken-link", None)},
    "hidden-page-with-script": {("content/pages/.versteckt.md", None, "unsafe-html", 3)},
    "images-folder-symlink-outside": {("content/offers/bilder-ausserhalb.md", "image", "image-outside", 12)},
    "yaml-nesting-bomb": {("content/offers/yaml-nesting-bomb.md", None, "yaml-too-deep", 3)},
    "content-50mb": {("content/offers/fuenfzig-megabyte.md", None, "too-large", None)},
    "content-symlink-outside": {("content/offers/verweis-nach-aussen.md", None, "symlink-outside", None)},
    "folder-symlink-outside": {
        ("content/providers/kita-traeger-test.md", None, "symlink-outside", None),
        ("content/providers/vhs-test.md", None, "symlink-outside", None),
        # the offers of the refused providers point to providers that are not there
        ("content/offers/alter-kurs.md", "provider", "unknown-provider", 5),
        ("content/offers/deutschkurs-a1.md", "provider", "unknown-provider", 5),
        ("content/offers/kita-sonnenblume.md", "provider", "unknown-provider", 5),
        ("content/offers/online-englisch.md", "provider", "unknown-provider", 5),
    },
}


def _expected(folder: str, case: str) -> set:
    if case in OTHER:
        return OTHER[case]
    return {(f"content/{folder}/{case}.md", *item) for item in OWN[case]}


def _cases():
    cases = [(p.parent.name, p.stem) for p in sorted(CORPUS.glob("*/*.md"))]
    return cases + [("made", name) for name in MADE]


def _add_case(project: Path, folder: str, case: str) -> None:
    if folder == "made":
        MADE[case](project)
        return
    source = CORPUS / folder / f"{case}.md"
    shutil.copy(source, project / "content" / folder / source.name)
    text = source.read_bytes().decode("utf-8", errors="replace")
    for name, make in IMAGES.items():
        if name in text:
            make(project / "content" / "images" / name)


CASES = _cases()


def test_corpus_is_large_and_every_case_has_an_expectation():
    names = [case for _, case in CASES]
    assert len(names) >= 40
    assert set(names) == set(OWN) | set(OTHER)


@pytest.mark.parametrize("folder,case", CASES, ids=[c for _, c in CASES])
def test_bad_input_is_a_finding_and_publishes_nothing(minimal_project, folder, case):
    _add_case(minimal_project, folder, case)
    output = minimal_project / "output"
    result = build(minimal_project / "pelicanconf.py", output)
    assert not result.ok
    assert not result.error, f"{case}: a bad input must be a finding, not an exception: {result.error}"
    errors = {(f.file, f.field, f.code, f.line) for f in result.findings if f.is_error}
    assert errors == _expected(folder, case)
    for f in result.findings:
        assert f.message and f.hint, f"{case}: every finding needs a German message and a hint"
        assert "Traceback" not in f.message
    assert not output.exists(), "nothing may be published"
    assert not list(minimal_project.glob(".output*")), "no staging folder may be left behind"
    assert not (minimal_project / ".cache" / "images").exists() or not any(
        (minimal_project / ".cache" / "images").iterdir()), "no image may be processed"


def test_unexpected_error_while_reading_names_the_file(minimal_project, monkeypatch):
    from wegweiser.content import frontmatter

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(frontmatter, "_parse_header", broken)
    shutil.rmtree(minimal_project / ".cache", ignore_errors=True)
    result = build(minimal_project / "pelicanconf.py", minimal_project / "output")
    assert not result.ok and not result.error
    unexpected = [f for f in result.findings if f.code == "unexpected"]
    assert {f.file for f in unexpected} == {f"content/{kind}/{p.name}" for kind in ("offers", "providers")
                                            for p in (minimal_project / "content" / kind).glob("*.md")}
    assert all("RecursionError" in f.message for f in unexpected)
    assert not (minimal_project / "output").exists()


_HUNG = []


def _timeout(signum, frame):
    _HUNG.append(True)
    raise TimeoutError("the build hangs")


def test_a_thousand_broken_offers_are_all_reported(minimal_project):
    """More findings than fit into a pipe between processes (a build once hung on that), and more
    than frictionless reports by default (it stopped at 1,000 per check, and a file whose errors
    were cut off was cached as clean: fixing the reported files then published the others)."""
    import signal

    offers = minimal_project / "content" / "offers"
    text = (offers / "deutschkurs-a1.md").read_text(encoding="utf-8")
    broken = {"age_min: 16": "age_min: viele", "cost_eur: 120": "cost_eur: teuer",
              "contact_email: deutsch@vhs-test.example": "contact_email: keine-adresse"}
    for n in range(1000):
        copy = text.replace("id: deutschkurs-a1", f"id: kurs-{n}")
        for old, new in broken.items():
            copy = copy.replace(old, new)
        (offers / f"kurs-{n}.md").write_text(copy, encoding="utf-8")
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(120)  # about a second without the fault
    try:
        first = build(minimal_project / "pelicanconf.py", minimal_project / "output")
        again = build(minimal_project / "pelicanconf.py", minimal_project / "output")  # from the cache
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not _HUNG, "the build hung (and went on only when interrupted)"
    expected = {(f"content/offers/kurs-{n}.md", field) for n in range(1000) for field in ("age_min", "cost_eur", "contact_email")}
    for result in (first, again):
        assert not result.ok and not result.error
        assert {(f.file, f.field) for f in result.findings if f.is_error and f.file.startswith("content/offers/kurs-")} == expected
    assert not (minimal_project / "output").exists()


def test_what_the_second_round_findings_say(minimal_project):
    """The unsafe-HTML message says „…“ when it lists only some constructs; a NaN is one clear finding;
    invisible characters (zero-width space, byte order mark) are flagged as warnings."""
    from conftest import core_settings

    from wegweiser.catalog.project import Project

    for case in ("unsafe-many-constructs", "nan-cost"):
        shutil.copy(CORPUS / "offers" / f"{case}.md", minimal_project / "content" / "offers")
    offers = minimal_project / "content" / "offers"
    text = (offers / "deutschkurs-a1.md").read_text(encoding="utf-8")
    (offers / "deutschkurs-a1.md").write_text(text.replace("title: Deutschkurs A1", "title: Deutsch\u200bkurs A1")
                                              .replace("Alltagsdeutsch", "Alltags\ufeffdeutsch"), encoding="utf-8")
    findings = Project.from_settings(core_settings(minimal_project)).validate().findings
    unsafe = next(f for f in findings if f.code == "unsafe-html")
    assert unsafe.message.endswith(", …."), unsafe.message
    assert unsafe.value == "<script>, <style>, <iframe>, <form>, <svg>, …"  # five of seven, then „…“
    costs = [f for f in findings if f.file.endswith("nan-cost.md")]
    assert [(f.code, f.field) for f in costs] == [("not-finite", "cost_eur")]
    assert "„.nan“ im Feld „cost_eur“ ist keine Zahl" in costs[0].message
    invisible = sorted(((f.field or "", f.line, f.is_error, f.value) for f in findings if f.code == "invisible-character"))
    assert invisible == [("", 32, False, "Byte-Order-Mark (U+FEFF)"),
                         ("title", 3, False, "Leerzeichen ohne Breite (U+200B)")]


def test_the_reserved_page_addresses_are_the_guides_own_folders(example_site):
    """A page may not take a folder the guide writes itself (it would be overwritten without a word)."""
    from wegweiser.checks.pages import RESERVED_SLUGS
    from wegweiser.content.static_pages import read_page
    from wegweiser.i18n.languages import is_language_folder

    pages = {read_page(p, p.name).values.get("slug") or p.stem for p in (ROOT / "content" / "pages").glob("*.md")}
    folders = {p.name for p in example_site.iterdir() if p.is_dir()} - pages
    languages = {name for name in folders if is_language_folder(name)}  # /en/, /ar/: any two letters are reserved
    assert languages == {"en", "tr", "ar", "uk", "ru", "fa"}
    assert folders - languages and folders - languages <= RESERVED_SLUGS, folders - languages - RESERVED_SLUGS


@pytest.mark.parametrize("folder,text,line", [
    ("offers", "Schöner Kurs.\n\n" + "![" * 20_000 + "\n", 16),  # 40 KB: 25 s per 20,000 characters, hours for 1 MB
    ("offers", "Schöner Kurs.\n\n" + "[a][" * 250 + "\n\n" + "[" * 3_000 + "\n", 18),
    ("pages", "Erster Absatz.\n\n" + "<a " * 10_000 + "\n", 7),  # a possible HTML block: searched to the end
], ids=["image-brackets", "nested-brackets", "page-angle-brackets"])
def test_markdown_that_would_take_hours_is_a_finding_within_seconds(minimal_project, folder, text, line):
    """Python-Markdown's time grows with the brackets times the length of their paragraph (or of the
    whole text, for <): a text beyond the budget is refused at the paragraph where it goes beyond, and
    neither validation nor the build converts it."""
    import signal

    if folder == "offers":
        head = (CORPUS / "offers" / "markdown-deep-list.md").read_text(encoding="utf-8")
        head = head[: head.index("Schöner Kurs.")].replace("markdown-deep-list", "klammern")
        path = minimal_project / "content" / "offers" / "klammern.md"
    else:
        head = "Title: Klammern\nSlug: klammern\nSummary: Eine Seite.\n\n"
        path = minimal_project / "content" / "pages" / "klammern.md"
    path.write_text(head + text, encoding="utf-8")
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(60)
    try:
        result = build(minimal_project / "pelicanconf.py", minimal_project / "output")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not _HUNG, "the build hung (and went on only when interrupted)"
    assert not result.ok and not result.error
    assert {(f.file, f.code, f.line) for f in result.findings if f.is_error} == {
        (f"content/{folder}/klammern.md", "markdown-too-complex", line)}
    assert not (minimal_project / "output").exists()
