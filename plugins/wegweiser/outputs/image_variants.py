"""Resized, metadata-free copies of offer images and provider logos.

Every image is published in a few widths (never wider than the original) as
WebP plus a JPEG fallback (PNG when it has transparency). Encoding starts from
the pixels only: EXIF (camera, GPS position, time), XMP, text chunks and the
colour profile are not copied. Encoded files are cached under the project's
``.cache/images/`` by content hash, so an unchanged image is not encoded again.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from wegweiser.checks.images import FORMATS, ImageInfo, ImageProblem, inspect_image
from wegweiser.checks.messages import finding

#: image field -> widths in CSS pixels of the published copies
WIDTHS = {"image": (480, 960), "logo": (160, 320)}
#: output folder (below the site root) of the published copies
OUTPUT_FOLDER = "bilder"
#: change when encoding changes, so that cached copies are made anew
PIPELINE = "v1"
WEBP_QUALITY = 80
JPEG_QUALITY = 82
MEDIA_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
#: WebP holds no image wider or taller than this
WEBP_MAX_SIDE = 16383


@dataclass(frozen=True)
class Variant:
    """One published width: its size and the paths of the WebP and fallback files."""

    width: int
    height: int
    webp: str
    fallback: str


@dataclass(frozen=True)
class Picture:
    """What a template needs to show an image: its variants, smallest first."""

    name: str
    source: ImageInfo
    variants: tuple[Variant, ...]

    @property
    def largest(self) -> Variant:
        return self.variants[-1]

    @property
    def fallback_ext(self) -> str:
        return "png" if self.source.has_alpha else "jpg"

    @property
    def fallback_type(self) -> str:
        return MEDIA_TYPES[self.fallback_ext]


class ImageFailed(Exception):
    """An image could not be prepared during a build; ``findings`` say which and why."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__("; ".join(f.as_text() for f in findings))

    def __reduce__(self):  # from a worker process, with its findings
        return ImageFailed, (self.findings,)


def resolve_image(images_dir: Path, name: str) -> Path | None:
    """The file ``name`` refers to inside ``images_dir``, or None when it points outside."""
    if not isinstance(name, str) or not name.strip() or "\\" in name or name.startswith("/"):
        return None
    folder = Path(images_dir).resolve()
    if folder.parent != Path(images_dir).parent.resolve():
        return None  # the images folder itself is a link out of content/
    target = (folder / name).resolve()  # follows symlinks: a link out of the folder is outside
    try:
        target.relative_to(folder)
    except ValueError:
        return None
    return target


def variant_widths(original: int, field: str = "image", height: int = 0) -> tuple[int, ...]:
    """The published widths: the field's widths, capped at the original (never upscaled) and, for an
    image of ``height`` pixels, so narrow that no copy is taller than WebP allows."""
    tallest = max(1, original * WEBP_MAX_SIDE // height) if height > WEBP_MAX_SIDE else original
    return tuple(sorted({min(width, original, tallest) for width in WIDTHS[field]}))


def plan(name: str, info: ImageInfo, field: str = "image") -> Picture:
    """Names and sizes of the copies of an image, without encoding anything."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-") or "bild"
    ext = "png" if info.has_alpha else "jpg"
    variants = []
    for width in variant_widths(info.width, field, info.height):
        height = min(WEBP_MAX_SIDE, max(1, round(info.height * width / info.width)))
        base = f"{OUTPUT_FOLDER}/{stem}-{info.digest[:10]}-{width}"
        variants.append(Variant(width, height, f"{base}.webp", f"{base}.{ext}"))
    return Picture(name=name, source=info, variants=tuple(variants))


def encode_variant(im: Image.Image, variant: Variant, ext: str) -> bytes:
    """One copy in one format; ``im`` has clean pixels and no metadata."""
    if im.size != (variant.width, variant.height):
        im = im.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if ext == "webp":
        im.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    elif ext == "png":
        im.save(buffer, "PNG", optimize=True)
    else:
        im.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


def clean_pixels(info: ImageInfo) -> Image.Image:
    """The image upright (EXIF rotation applied), in sRGB, as RGB(A), without any metadata."""
    data = info.path.read_bytes()
    if hashlib.sha256(data).hexdigest() != info.digest:
        raise ValueError("die Datei wurde während der Erzeugung geändert")
    with Image.open(io.BytesIO(data), formats=list(FORMATS)) as original:
        original.load()
        im = ImageOps.exif_transpose(original)
        im = _to_srgb(im)
        im = im.convert("RGBA" if info.has_alpha else "RGB")
    clean = Image.new(im.mode, im.size)
    clean.paste(im)  # a new image: nothing of the original's info/EXIF/ICC travels along
    return clean


def _to_srgb(im: Image.Image) -> Image.Image:
    """Convert pixels with an embedded colour profile to sRGB (the profile itself is dropped)."""
    icc = im.info.get("icc_profile")
    if not icc:
        return im
    try:
        from PIL import ImageCms

        mode = "RGBA" if im.mode in ("RGBA", "LA", "PA") else "RGB"
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=mode)
    except Exception:  # noqa: BLE001 - a broken profile only costs colour accuracy
        return im


class ImageCache:
    """Encoded copies on disk, keyed by content hash, width, format and pipeline version."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, digest: str, width: int, ext: str) -> Path:
        return self.folder / f"{digest}-{width}-{PIPELINE}.{ext}"

    def get(self, digest: str, width: int, ext: str) -> bytes | None:
        try:
            return self.path(digest, width, ext).read_bytes()
        except OSError:
            return None

    def put(self, digest: str, width: int, ext: str, data: bytes) -> None:
        """Write atomically: a killed build never leaves half a file in the cache."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.path(digest, width, ext))
        except OSError:
            pass  # a read-only cache only costs time


def encode_picture(picture: Picture, cache: ImageCache) -> Iterator[tuple[str, bytes]]:
    """(output path, bytes) of every copy of ``picture``, from the cache where possible."""
    info, fallback = picture.source, picture.fallback_ext
    pixels = None
    for variant in picture.variants:
        for ext, out in (("webp", variant.webp), (fallback, variant.fallback)):
            data = cache.get(info.digest, variant.width, ext)
            if data is None:
                if pixels is None:
                    pixels = clean_pixels(info)
                data = encode_variant(pixels, variant, ext)
                cache.put(info.digest, variant.width, ext, data)
            yield out, data


class ImageSet:
    """The guide's images: checked and planned on first use, encoded for the output."""

    def __init__(self, images_dir: Path, cache_dir: Path, root: Path):
        self.images_dir = Path(images_dir)
        self.cache = ImageCache(cache_dir)
        self.root = Path(root)
        self._pictures: dict[tuple[str, str], Picture] = {}

    def picture(self, name: str | None, field: str = "image") -> Picture | None:
        """The planned picture for an image field value, or None without an image."""
        if not name:
            return None
        key = (name, field)
        if key not in self._pictures:
            self._pictures[key] = plan(name, self._inspect(name, field), field)
        return self._pictures[key]

    def _inspect(self, name: str, field: str) -> ImageInfo:
        path = resolve_image(self.images_dir, name)
        result = inspect_image(path) if path is not None else ImageProblem("image-outside")
        if isinstance(result, ImageProblem):
            rel = f"{self._rel(self.images_dir)}/{name}"
            raise ImageFailed([finding(result.code, rel, field=field, value=name, **result.params)])
        return result

    def _rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def stamp(self, entries: Iterable) -> None:
        """Fold the bytes of each entry's images into its ``digest``.

        Incremental builds re-render a page when its entry's digest changes; an image
        replaced under the same name changes the page (its file names carry the hash).
        """
        for entry in entries:
            for field in WIDTHS:
                path = resolve_image(self.images_dir, entry.values.get(field) or "")
                if path is not None and path.is_file():
                    content = hashlib.sha256(path.read_bytes()).hexdigest()
                    entry.digest = hashlib.sha256(f"{entry.digest}:{field}:{content}".encode()).hexdigest()

    def files(self, used: Iterable[tuple[str, str]]) -> Iterator[tuple[str, bytes]]:
        """Every copy of the images ``used`` ((name, field) pairs), each path once, sorted."""
        seen = set()
        for name, field in sorted(set(used)):
            picture = self.picture(name, field)
            if picture is None:
                continue
            try:
                copies = list(encode_picture(picture, self.cache))
            except Exception as exc:  # noqa: BLE001 - reported with the file, never as a traceback
                rel = f"{self._rel(self.images_dir)}/{name}"
                raise ImageFailed([finding("unexpected", rel, field=field, value=f"{type(exc).__name__}: {exc}")]) from exc
            for path, data in copies:
                if path not in seen:
                    seen.add(path)
                    yield path, data
