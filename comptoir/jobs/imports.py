"""Large imports as jobs: the page answers at once, the worker imports, the page shows the
report when it is there. The import itself is the one of the screens
(:func:`comptoir.parties.services.import_table`): all rows or none, the same checks."""

from __future__ import annotations

import dataclasses
import io
import logging
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ImportJob

log = logging.getLogger(__name__)
#: Files up to this size are imported in the request; larger ones become a job.
INLINE_MAX_BYTES = 512 * 1024


def queue_import(kind: str, upload: Any, user: Any, language: str) -> ImportJob:
    from .tasks import import_file  # the task module imports this one

    job = ImportJob.objects.create(
        kind=kind,
        filename=upload.name[:255],
        content=b"".join(upload.chunks()),
        language=language,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    import_file.enqueue(job.pk)
    return job


def run_import(job_id: int) -> None:
    from comptoir.parties import services

    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            report = services.import_table(
                job.kind, io.BytesIO(bytes(job.content or b"")), job.filename, job.created_by
            )
            result = dataclasses.asdict(report)
            status = ImportJob.Status.DONE
        except Exception:  # the user must see an end, never "importing" forever
            log.exception("import %s failed", job_id)
            result = {"errors": [{"row": 0, "column": "", "message": _("The import failed.")}]}
            status = ImportJob.Status.FAILED
    ImportJob.objects.filter(pk=job_id).update(
        status=status, report=result, content=None, finished_at=timezone.now()
    )
