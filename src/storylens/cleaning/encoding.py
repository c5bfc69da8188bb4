"""Bytes → text: a BOM, then UTF-8, then the page's declared charset if the bytes fit it, else the bytes decide.

A page that declares utf-8 but holds Latin-1/cp1252 bytes (a common mistake of old CMSs) fails strict UTF-8;
the declaration is then wrong and charset-normalizer reads the bytes. Among its equally clean readings
windows-1252 is taken: it is what browsers use for Latin-1 declarations and the web's usual legacy charset,
and on short pages the detector's coherence score can otherwise prefer a Baltic code page ("Cafķ fire").
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">, in the head.
_DECLARED = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{2,40})", re.IGNORECASE)
DECLARATION_BYTES = 4096  # HTML puts the declaration in the first 1,024 bytes; some pages a little later
_C1_CONTROLS = re.compile("[\x80-\x9f]")
WEB_LATIN = "cp1252"
CHAOS_MARGIN = 0.02  # readings this close to the cleanest count as equally clean


def declared_charset(data: bytes) -> str | None:
    """The Python codec name of the charset a page declares in a <meta> tag, or None (unknown or absent)."""
    match = _DECLARED.search(data, 0, DECLARATION_BYTES)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    # A "latin-1" / "iso-8859-1" declaration means windows-1252 on the web (the HTML standard says so).
    return WEB_LATIN if name in ("iso8859-1", "latin-1", "ascii") else name


def decode_bytes(data: bytes) -> str:
    """Decode bytes: BOM, strict UTF-8, a declared charset the bytes fit, else charset-normalizer; never raises."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    # UTF-8 with a few broken bytes (a file cut mid-character) stays UTF-8: a guessed legacy charset
    # would turn every accent and curly quote in it into mojibake. Valid multi-byte characters are the
    # evidence; Latin-1 text has none and goes on.
    if bad <= max(2, len(text) // 1000) and any(ord(c) > 127 and c != "\ufffd" for c in text):
        return text
    declared = declared_charset(data)
    if declared and declared != "utf-8":
        fitted = _strict(data, declared)
        if fitted is not None:
            return fitted
    return _detected(data) or text


def _strict(data: bytes, encoding: str) -> str | None:
    """`data` in `encoding` if every byte decodes and no C1 control character results (those mean misfit)."""
    try:
        decoded = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _C1_CONTROLS.search(decoded) else decoded


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading, windows-1252 preferred among the equally clean ones."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    clean = [m for m in matches if m.chaos <= best.chaos + CHAOS_MARGIN]
    return str(next((m for m in clean if m.encoding == WEB_LATIN), best))
