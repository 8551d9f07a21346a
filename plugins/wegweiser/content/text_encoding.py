"""The text of a file an office hands in — a list to import, a statistics table — when it is Unicode.

Spreadsheet programs write UTF-8 with a BOM, or UTF-16 („Unicode-Text“, with its BOM or, from some
programs, without: then every other byte of Latin text is zero). What is neither is left to the caller,
who knows its fallback (UTF-8 without BOM, then an 8-bit code page).
"""

from __future__ import annotations

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def marked_unicode(raw: bytes) -> tuple[str, str] | None:
    """(text, name of the encoding) of UTF-8 with a BOM or of UTF-16; None for anything else."""
    if raw.startswith(UTF8_BOM):
        return raw.decode("utf-8-sig", errors="replace"), "UTF-8 mit BOM"
    with_bom = raw[:2] in UTF16_BOMS
    if with_bom or (len(raw) > 3 and raw[1::2].count(0) > len(raw) // 4):
        try:
            return raw.decode("utf-16" if with_bom else "utf-16-le"), "UTF-16"
        except UnicodeDecodeError:
            return None
    return None
