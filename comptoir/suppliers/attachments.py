"""What a certification keeps: the certificate as a PDF or a photo (JPEG, PNG, WebP), checked
from its bytes, 10 MB at most (the same check as the transport claims' files)."""

from __future__ import annotations

from comptoir.claims.attachments import MAX_ATTACHMENT_BYTES, check_upload

__all__ = ["MAX_ATTACHMENT_BYTES", "check_upload"]
