"""QR codes to the guide's pages, as SVG images for the brochure (segno)."""

from __future__ import annotations

import segno


def qr_image(url: str) -> str:
    """A ``data:`` URI of an SVG QR code for ``url`` (error correction M: still readable when a
    printed page is a little worn or folded)."""
    return segno.make(url, error="m", boost_error=False).svg_data_uri(border=0, dark="#000", omitsize=True)
