"""What a budget line may keep as receipts: photos (JPEG, PNG, WebP) and PDF documents, checked from their bytes
(not from the name or the browser's word), 10 MB at most each."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

#: Largest file kept (bytes).
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
#: Largest picture (pixels): a bigger one is refused before it is decoded.
MAX_PIXELS = 60_000_000

_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def check_upload(upload: UploadedFile) -> str:
    """The file's content type, or a ValidationError naming the ``file`` field."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(mb)d MB.")
                % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)}
            }
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    try:
        with Image.open(upload) as image:
            kind = image.format or ""
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({"file": _("The picture is too large.")})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        kind = ""
    finally:
        upload.seek(0)
    if kind not in _IMAGE_TYPES:
        raise ValidationError(
            {"file": _("Only photos (JPEG, PNG, WebP) and PDF documents can be attached.")}
        )
    return _IMAGE_TYPES[kind]
