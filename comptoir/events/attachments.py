"""What a budget line keeps as receipts: photos (JPEG, PNG, WebP) and PDF documents, checked
from their bytes, 10 MB at most (the same check as the transport claims' files)."""

from __future__ import annotations

from comptoir.claims.attachments import MAX_ATTACHMENT_BYTES, check_upload

__all__ = ["MAX_ATTACHMENT_BYTES", "check_upload"]
