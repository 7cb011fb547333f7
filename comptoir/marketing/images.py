"""Pictures uploaded for the communication materials: checked by decoding them, bounded,
re-encoded (which drops hidden content and metadata), and SVG logos reduced to plain shapes.

A picture is only ever shown as a ``data:`` URL in our documents and e-mails, or served
by our own view with its checked content type: nothing is fetched from elsewhere.
"""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: bytes of an upload, before decoding
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: pixels of a decoded picture (a decompression bomb is refused before it fills the memory)
MAX_PIXELS = 40_000_000
#: the longest side kept: enough for print at A4 width, small in the database and the PDF
MAX_SIDE = 1600
MAX_SVG_BYTES = 200 * 1024


@dataclass(frozen=True)
class Picture:
    data: bytes
    content_type: str
    width: int
    height: int

    def data_url(self) -> str:
        return data_url(self.data, self.content_type)


def data_url(data: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"


def _too_big(field: str, limit: int) -> ValidationError:
    return ValidationError(
        {field: _("The file is too big: %(limit)s MB at most.") % {"limit": limit // 1024 // 1024}}
    )


def raster(raw: bytes, field: str = "image") -> Picture:
    """A PNG or JPEG (or WebP/GIF, converted) decoded with Pillow, reduced to
    :data:`MAX_SIDE` and re-encoded: PNG when it has transparency, JPEG otherwise."""
    from PIL import Image, UnidentifiedImageError

    if len(raw) > MAX_UPLOAD_BYTES:
        raise _too_big(field, MAX_UPLOAD_BYTES)
    not_a_picture = ValidationError(
        {field: _("This file is not a picture Comptoir can read: send a PNG or JPEG file.")}
    )
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in {"PNG", "JPEG", "WEBP", "GIF"}:
                raise not_a_picture
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    {
                        field: _("The picture is too large: %(max)s million pixels at most.")
                        % {"max": MAX_PIXELS // 1_000_000}
                    }
                )
            probe.load()
            image = probe.copy()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_a_picture from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    transparent = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    out = io.BytesIO()
    if transparent:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        content_type = "image/png"
    else:
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        content_type = "image/jpeg"
    return Picture(out.getvalue(), content_type, image.width, image.height)


def thumbnail(data: bytes, content_type: str, side: int) -> Picture:
    """A stored picture reduced to ``side`` pixels at most (for e-mails and catalogues)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if max(image.size) <= side:
            return Picture(data, content_type, image.width, image.height)
        image.thumbnail((side, side))
        out = io.BytesIO()
        if content_type == "image/png":
            image.save(out, "PNG", optimize=True)
        else:
            image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
        return Picture(out.getvalue(), content_type, image.width, image.height)


# --------------------------------------------------------------------------- SVG

SVG_NS = "http://www.w3.org/2000/svg"
_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "defs", "lineargradient", "radialgradient", "stop", "title", "desc", "clippath",
    "use",
}  # fmt: skip
_ATTRIBUTES = {
    "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
    "ry", "d", "points", "fill", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "opacity", "fill-opacity", "stroke-opacity", "transform", "font-size",
    "font-family", "font-weight", "text-anchor", "offset", "stop-color", "stop-opacity",
    "id", "clip-path", "gradientunits", "gradienttransform", "fill-rule", "clip-rule",
    "preserveaspectratio", "href", "dx", "dy", "letter-spacing",
}  # fmt: skip
_URL = re.compile(r"url\(\s*(?!#)", re.IGNORECASE)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def svg(raw: bytes, field: str = "logo") -> Picture:
    """An SVG logo kept as drawing only: no script, no event handler, no style sheet, no
    link or picture from elsewhere (only ``#id`` references), no DOCTYPE or entities.
    Anything else is removed; a file that is not SVG at all is refused."""
    if len(raw) > MAX_SVG_BYTES:
        raise ValidationError(
            {field: _("An SVG logo is %(limit)s kB at most.") % {"limit": MAX_SVG_BYTES // 1024}}
        )
    refused = ValidationError({field: _("This SVG file cannot be read as a drawing.")})
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise refused
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        raise refused from None
    if _local(root.tag) != "svg":
        raise refused
    _clean(root)
    ET.register_namespace("", SVG_NS)
    data = ET.tostring(root, encoding="utf-8")
    return Picture(data, "image/svg+xml", 0, 0)


def _clean(element: ET.Element) -> None:
    for child in list(element):
        if not isinstance(child.tag, str) or _local(child.tag) not in _ELEMENTS:
            element.remove(child)
        else:
            _clean(child)
    for name in list(element.attrib):
        local = _local(name)
        value = element.attrib[name]
        if (
            local not in _ATTRIBUTES
            or (local == "href" and not value.startswith("#"))
            or _URL.search(value)
        ):
            del element.attrib[name]


def logo(raw: bytes, filename: str) -> Picture:
    """A logo: SVG (cleaned) when it looks like one, else a picture."""
    head = raw[:512].lstrip().lower()
    if filename.lower().endswith(".svg") or head.startswith((b"<?xml", b"<svg")):
        return svg(raw)
    return raster(raw, "logo")
