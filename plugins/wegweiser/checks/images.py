"""Check that an image file is a real, complete, reasonably sized JPEG, PNG or WebP.

Images come from providers and are untrusted: a file may be huge, truncated,
something else with an image name, or a decompression bomb (a few kilobytes
that unpack to gigabytes of pixels). :func:`inspect_image` reads the whole
image once, guarded, and returns either what the site needs to know about it
or a problem code for a finding — never an exception.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from contextlib import contextmanager
from threading import Lock

from PIL import Image, ImageFile, UnidentifiedImageError

#: largest image file accepted (bytes)
MAX_IMAGE_BYTES = 8_000_000
#: largest image accepted (pixels, width × height): a 40-megapixel photo
MAX_IMAGE_PIXELS = 40_000_000
#: Pillow format name -> what the finding calls it
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
#: EXIF orientations that swap width and height (rotated by 90° or 270°)
_TRANSPOSED = {5, 6, 7, 8}
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class ImageInfo:
    """A checked image: size as displayed (EXIF rotation applied), format, content hash."""

    path: Path
    width: int
    height: int
    format: str
    has_alpha: bool
    digest: str


@dataclass(frozen=True)
class ImageProblem:
    """Why an image cannot be used: a finding code and the detail for its message."""

    code: str
    detail: str = ""

    @property
    def params(self) -> dict:
        """Parameters of the finding's German message."""
        limit = (f"{MAX_IMAGE_BYTES // 1_000_000} MB" if self.code == "image-too-large"
                 else f"{MAX_IMAGE_PIXELS // 1_000_000} Millionen Bildpunkte")
        return {"detail": self.detail, "limit": limit}


def inspect_image(path: Path, max_bytes: int = MAX_IMAGE_BYTES,
                  max_pixels: int = MAX_IMAGE_PIXELS) -> ImageInfo | ImageProblem:
    """Check ``path`` completely; limits are per call (Pillow's global limit is not touched)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ImageProblem("image-too-large", f"{size / 1_000_000:.1f} MB")
        data = path.read_bytes()
    except OSError as exc:
        return ImageProblem("image-unreadable", exc.strerror or str(exc))
    return inspect_bytes(data, path, max_pixels)


_STRICT = Lock()


@contextmanager
def _truncated_images_refused():
    """Pillow's switch for loading truncated files is global, and WeasyPrint (the brochure) turns it on
    when imported; a check must refuse truncated images whatever else ran in the process before."""
    with _STRICT:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def inspect_bytes(data: bytes, path: Path, max_pixels: int = MAX_IMAGE_PIXELS) -> ImageInfo | ImageProblem:
    try:
        with warnings.catch_warnings(), _truncated_images_refused():
            # Pillow warns above its own limit and raises above twice that: both are bombs here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only these decoders ever see the data: nothing exotic is parsed.
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as im:
                fmt = im.format
                width, height = im.size
                if width < 1 or height < 1 or width * height > max_pixels:
                    return ImageProblem("image-too-many-pixels", f"{width} × {height} Bildpunkte")
                im.verify()  # structure and checksums; the image cannot be used afterwards
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as im:
                im.load()  # decodes every pixel: finds truncated and corrupt data
                orientation = im.getexif().get(_EXIF_ORIENTATION)
                has_alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return ImageProblem("image-too-many-pixels", _declared_size(exc))
    except UnidentifiedImageError:
        other = sniff_format(data)
        if other:
            return ImageProblem("image-format", other)
        return ImageProblem("image-unreadable", "kein JPEG-, PNG- oder WebP-Bild")
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError,
            ZeroDivisionError, MemoryError, RuntimeError) as exc:
        # Pillow's decoders report damaged files with many exception types.
        return ImageProblem("image-damaged", _damage(exc))
    if orientation in _TRANSPOSED:
        width, height = height, width
    return ImageInfo(path=path, width=width, height=height, format=fmt, has_alpha=has_alpha,
                     digest=hashlib.sha256(data).hexdigest())


#: file signatures of formats people often use instead, for a helpful message
_SIGNATURES = (
    (b"GIF8", "GIF"), (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
)


def sniff_format(data: bytes) -> str | None:
    """Name of a known non-allowed format (GIF, SVG, HEIC, …) by its first bytes."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "AVIF" if data[8:12] == b"avif" else "HEIC"
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") and b"<svg" in head or head.startswith(b"<svg"):
        return "SVG"
    return None


def _declared_size(exc: Exception) -> str:
    """The size a bomb claims, from Pillow's message (its pixels are never decoded)."""
    match = re.search(r"\((\d+) pixels\)", str(exc))
    return f"{int(match.group(1)) / 1_000_000:.0f} Millionen Bildpunkte" if match else "unbekannt"


def _damage(exc: Exception) -> str:
    text = str(exc).lower()
    if "truncated" in text or isinstance(exc, EOFError):
        return "die Datei endet vorzeitig"
    if "checksum" in text or "crc" in text:
        return "eine Prüfsumme stimmt nicht"
    return f"technische Meldung: {_short(exc)}"


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"
