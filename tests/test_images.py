"""Offer images and provider logos: checked, resized, stripped of metadata, cached, shown responsively."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from conftest import core_settings, serve
from PIL import Image

from wegweiser.build.run import build
from wegweiser.outputs import image_variants
from wegweiser.outputs.image_variants import ImageSet, plan, variant_widths
from wegweiser.checks.images import ImageInfo, ImageProblem, inspect_image
from wegweiser.catalog.project import Project

GPS = {1: "N", 2: (52.0, 37.0, 12.5), 3: "E", 4: (10.0, 4.0, 48.0)}


def _photo(path, size=(1600, 1200), fmt="JPEG", orientation=None, gps=True, mode="RGB", **extra):
    """A photo with camera, GPS and (optionally) orientation metadata, like one from a phone."""
    im = Image.new(mode, size, (30, 120, 200) if mode == "RGB" else (30, 120, 200, 128))
    im.paste((250, 200, 0) if mode == "RGB" else (250, 200, 0, 255), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    exif[0x0110] = "Telefon 12"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = GPS
    im.save(path, fmt, exif=exif.tobytes(), **extra)
    return path


def _icc() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


@pytest.mark.parametrize("fmt,ext", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_inspect_accepts_jpeg_png_and_webp(tmp_path, fmt, ext):
    info = inspect_image(_photo(tmp_path / f"foto.{ext}", (800, 600), fmt))
    assert isinstance(info, ImageInfo)
    assert (info.width, info.height, info.format) == (800, 600, fmt)
    assert len(info.digest) == 64


def test_exif_rotation_is_applied_to_size_and_pixels(tmp_path):
    path = _photo(tmp_path / "hochkant.jpg", (1200, 600), orientation=6)  # camera held upright
    info = inspect_image(path)
    assert (info.width, info.height) == (600, 1200)
    files = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("hochkant.jpg", "image")]))
    largest = Image.open(io.BytesIO(files[plan("hochkant.jpg", info).largest.fallback]))
    assert largest.size == (600, 1200)


def test_limits_are_per_call(tmp_path):
    path = _photo(tmp_path / "foto.jpg", (1000, 1000))
    assert inspect_image(path, max_pixels=999_999) == ImageProblem("image-too-many-pixels", "1000 × 1000 Bildpunkte")
    assert inspect_image(path, max_bytes=10).code == "image-too-large"
    assert isinstance(inspect_image(path), ImageInfo)  # the default limits are untouched
    assert Image.MAX_IMAGE_PIXELS == 89_478_485


@pytest.mark.parametrize("field,original,expected", [
    ("image", 2000, (480, 960)), ("image", 600, (480, 600)), ("image", 300, (300,)),
    ("logo", 1000, (160, 320)), ("logo", 100, (100,)),
])
def test_widths_never_upscale(field, original, expected):
    assert variant_widths(original, field) == expected


@pytest.mark.parametrize("size", [(800, 20_000), (20_000, 1)])
def test_images_of_any_accepted_shape_are_published(tmp_path, size):
    """An image validation accepts is published, even one taller than WebP can hold (16383 px): its
    copies are narrowed until they fit."""
    path = _photo(tmp_path / "streifen.png", size, fmt="PNG", gps=False)
    assert isinstance(inspect_image(path), ImageInfo)
    files = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("streifen.png", "image")]))
    assert {name.rsplit(".", 1)[1] for name in files} == {"webp", "jpg"}  # no transparency: JPEG
    for data in files.values():
        width, height = Image.open(io.BytesIO(data)).size
        assert 1 <= width <= 960 and 1 <= height <= image_variants.WEBP_MAX_SIDE


def test_copies_carry_no_metadata(tmp_path):
    path = _photo(tmp_path / "foto.jpg", icc_profile=_icc(), comment=b"Aufgenommen bei Familie Muster")
    raw = path.read_bytes()
    assert b"Kamerahersteller" in raw and b"Familie Muster" in raw and b"ICC_PROFILE" in raw
    files = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("foto.jpg", "image")]))
    assert sorted(files) == sorted(
        f"bilder/foto-{inspect_image(path).digest[:10]}-{w}.{ext}" for w in (480, 960) for ext in ("jpg", "webp"))
    for name, data in files.items():
        im = Image.open(io.BytesIO(data))
        assert not dict(im.getexif()), name
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(im.info), (name, set(im.info))
        for secret in (b"Kamerahersteller", b"Telefon 12", b"Familie Muster", b"Exif", b"ICC_PROFILE"):
            assert secret not in data, (name, secret)


def test_png_text_chunks_are_dropped_and_transparency_keeps_png(tmp_path):
    from PIL import PngImagePlugin

    meta = PngImagePlugin.PngInfo()
    meta.add_text("Author", "Erika Mustermann, Musterweg 1")
    path = _photo(tmp_path / "logo.png", (500, 250), "PNG", mode="RGBA", pnginfo=meta)
    assert b"Erika Mustermann" in path.read_bytes()
    files = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("logo.png", "logo")]))
    assert {name.rsplit(".", 1)[1] for name in files} == {"png", "webp"}
    for name, data in files.items():
        assert b"Erika Mustermann" not in data and b"Exif" not in data
        assert Image.open(io.BytesIO(data)).mode in ("RGBA", "RGBa"), name
    assert {Image.open(io.BytesIO(d)).width for d in files.values()} == {160, 320}


def test_unchanged_images_are_not_encoded_again(tmp_path, monkeypatch):
    _photo(tmp_path / "foto.jpg")
    calls = []
    encode = image_variants.encode_variant
    monkeypatch.setattr(image_variants, "encode_variant", lambda *a: calls.append(a) or encode(*a))
    first = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("foto.jpg", "image")]))
    assert len(calls) == 4  # two widths, WebP and JPEG
    second = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("foto.jpg", "image")]))
    assert len(calls) == 4 and second == first
    assert not list((tmp_path / "cache").glob(".tmp-*")), "cache files are written atomically"
    _photo(tmp_path / "foto.jpg", (1700, 1200))  # same name, new picture: new files
    third = dict(ImageSet(tmp_path, tmp_path / "cache", tmp_path).files([("foto.jpg", "image")]))
    assert len(calls) == 8 and set(third).isdisjoint(first)


def _with_image(project, offer="deutschkurs-a1", name="foto.jpg", alt="Kursraum mit Tischen und Tafel"):
    path = project / "content" / "offers" / f"{offer}.md"
    text = path.read_text(encoding="utf-8").replace(
        "reviewed:", f"image: {name}\nimage_alt: {alt}\nreviewed:", 1)
    path.write_text(text, encoding="utf-8")


def _with_logo(project, provider="vhs-test", name="logo.png"):
    path = project / "content" / "providers" / f"{provider}.md"
    text = path.read_text(encoding="utf-8").replace(
        "reviewed:", f"logo: {name}\nlogo_alt: Logo der Volkshochschule\nreviewed:", 1)
    path.write_text(text, encoding="utf-8")


def test_built_pages_show_responsive_pictures(minimal_project):
    images = minimal_project / "content" / "images"
    _photo(images / "foto.jpg", (2400, 1600))
    _photo(images / "logo.png", (600, 300), "PNG", mode="RGBA")
    _with_image(minimal_project)
    _with_logo(minimal_project)
    result = build(minimal_project / "pelicanconf.py", minimal_project / "output")
    assert result.ok, [f.as_text() for f in result.findings if f.is_error] or result.error
    out = minimal_project / "output"
    offer = (out / "angebote" / "deutschkurs-a1" / "index.html").read_text(encoding="utf-8")
    picture = re.search(r"<picture class=\"ww-picture ww-picture--offer\">.*?</picture>", offer, re.S).group(0)
    assert '<source type="image/webp" srcset="/bilder/foto-' in picture and " 480w, " in picture
    assert 'width="960" height="640"' in picture and 'alt="Kursraum mit Tischen und Tafel"' in picture
    assert 'sizes="' in picture
    for url, width in re.findall(r"(/bilder/[\w.-]+) (\d+)w", picture):
        im = Image.open(out / url.lstrip("/"))
        assert im.width == int(width) and not dict(im.getexif())
    provider = (out / "anbieter" / "vhs-test" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'ww-picture--logo">\s*<source type="image/webp" srcset="/bilder/logo-\w+-160\.webp 160w, '
                     r'/bilder/logo-\w+-320\.webp 320w"', provider)
    assert 'width="320" height="160" alt="Logo der Volkshochschule"' in provider
    # the originals (with their metadata) are never published
    assert not (out / "images").exists()
    originals = {p.read_bytes() for p in images.iterdir()}
    assert not [p for p in out.rglob("*") if p.is_file() and p.read_bytes() in originals]


def test_broken_image_is_a_validate_finding(minimal_project, capsys):
    import os

    from wegweiser.cli import main

    images = minimal_project / "content" / "images"
    data = _photo(images / "foto.jpg").read_bytes()
    (images / "foto.jpg").write_bytes(data[: len(data) // 3])
    _with_image(minimal_project)
    cwd = os.getcwd()
    os.chdir(minimal_project)
    try:
        assert main(["validate"]) == 1
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "content/offers/deutschkurs-a1.md:" in out and "Feld „image“" in out
    assert "Das Bild „foto.jpg“ ist beschädigt oder unvollständig (die Datei endet vorzeitig)." in out


def test_truncated_image_is_refused_even_after_the_brochure_library_allowed_them(tmp_path, monkeypatch):
    """WeasyPrint switches Pillow's global LOAD_TRUNCATED_IMAGES on when imported; the check must not follow."""
    from PIL import ImageFile

    data = _photo(tmp_path / "foto.jpg").read_bytes()
    (tmp_path / "foto.jpg").write_bytes(data[: len(data) // 3])
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    problem = inspect_image(tmp_path / "foto.jpg")
    assert isinstance(problem, ImageProblem) and problem.code == "image-damaged"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # what the other library set is left as it was


def test_failure_while_encoding_names_the_image_and_keeps_the_old_site(minimal_project, monkeypatch):
    _photo(minimal_project / "content" / "images" / "foto.jpg")
    assert build(minimal_project / "pelicanconf.py", minimal_project / "output").ok
    before = {p: p.read_bytes() for p in (minimal_project / "output").rglob("*") if p.is_file()}
    shutil.rmtree(minimal_project / ".cache")
    _with_image(minimal_project)

    def broken(info):
        raise RuntimeError("Speicher voll")

    monkeypatch.setattr(image_variants, "clean_pixels", broken)
    result = build(minimal_project / "pelicanconf.py", minimal_project / "output")
    assert not result.ok
    assert [(f.file, f.code) for f in result.findings if f.is_error] == [("content/images/foto.jpg", "unexpected")]
    assert "Speicher voll" in result.findings[0].message
    after = {p: p.read_bytes() for p in (minimal_project / "output").rglob("*") if p.is_file()}
    assert after == before


def test_project_images_are_read_from_content(minimal_project):
    _photo(minimal_project / "content" / "images" / "foto.jpg")
    _with_image(minimal_project)
    validation, catalog = Project.from_settings(core_settings(minimal_project)).load()
    assert validation.ok
    picture = catalog.images.picture("foto.jpg")
    assert [v.width for v in picture.variants] == [480, 960]
    assert picture.fallback_type == "image/jpeg"


def test_replaced_image_updates_the_page_in_the_next_build(minimal_project):
    images = minimal_project / "content" / "images"
    _photo(images / "foto.jpg", (1600, 1200))
    _with_image(minimal_project)
    out = minimal_project / "output"
    assert build(minimal_project / "pelicanconf.py", out).ok
    page = out / "angebote" / "deutschkurs-a1" / "index.html"
    old = set(re.findall(r"/bilder/[\w.-]+", page.read_text(encoding="utf-8")))
    _photo(images / "foto.jpg", (1200, 1600))  # same file name, new picture
    assert build(minimal_project / "pelicanconf.py", out).ok
    new = set(re.findall(r"/bilder/[\w.-]+", page.read_text(encoding="utf-8")))
    assert new and new.isdisjoint(old)
    assert all((out / url.lstrip("/")).is_file() for url in new)
    assert 'width="960" height="1280"' in page.read_text(encoding="utf-8")


def test_pictures_are_valid_html_and_accessible(minimal_project, chromium):
    """The example content has no images, so the picture markup is checked here (Nu checker + axe)."""
    import json
    import subprocess

    from browser import describe, phone_page, run_axe
    from test_html_validity import VNU

    images = minimal_project / "content" / "images"
    _photo(images / "foto.jpg", (2400, 1600))
    _photo(images / "logo.png", (600, 300), "PNG", mode="RGBA")
    _with_image(minimal_project)
    _with_logo(minimal_project)
    out = minimal_project / "output"
    assert build(minimal_project / "pelicanconf.py", out).ok
    pages = ["angebote/deutschkurs-a1/", "anbieter/vhs-test/"]
    proc = subprocess.run([shutil.which("java"), "-jar", str(VNU), "--format", "json"]
                          + [str(out / p / "index.html") for p in pages], capture_output=True, text=True, timeout=300)
    messages = json.loads(proc.stderr or "{}").get("messages", [])
    assert [m.get("message") for m in messages] == []
    with serve(out) as url, phone_page(chromium) as page:
        for path in pages:
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("networkidle")
            shown = page.evaluate("[...document.images].map(i => [i.currentSrc, i.complete && i.naturalWidth > 0])")
            assert shown and all(ok and src.endswith(".webp") for src, ok in shown), shown
            violations = run_axe(page)
            assert violations == [], describe(violations)
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
