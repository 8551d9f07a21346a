"""QR codes to the guide's pages, as SVG images for the brochure (segno)."""

from __future__ import annotations

import segno


def qr_image(url: str) -> str:
    """A ``data:`` URI of a PNG QR code for ``url`` (error correction M: still readable when a printed
    page is a little worn or folded). One pixel a module, printed without smoothing (the brochure's
    stylesheet says ``image-rendering: pixelated``): as sharp as a vector image, and WeasyPrint embeds a tiny
    image much faster than it draws an SVG of many paths."""
    return segno.make(url, error="m", boost_error=False).png_data_uri(scale=1, border=0)
