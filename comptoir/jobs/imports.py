"""Large imports as jobs: the page answers at once, the worker imports, the page shows the
report when it is there. The import itself is the one of the screens
(:func:`comptoir.parties.services.import_table`): all rows or none, the same checks."""

from __future__ import annotations

import dataclasses
import io
import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ImportJob

log = logging.getLogger(__name__)
#: Files up to this size are imported in the request; larger ones become a job.
INLINE_MAX_BYTES = 512 * 1024


def queue_import(
    kind: str, upload: Any, user: User, language: str, *, allow_duplicates: bool = False
) -> ImportJob:
    from .tasks import import_file  # the task module imports this one

    job = ImportJob.objects.create(
        kind=kind,
        filename=upload.name[:255],
        content=b"".join(upload.chunks()),
        language=language,
        allow_duplicates=allow_duplicates,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    import_file.enqueue(job.pk)
    return job


def confirm_duplicates(job: ImportJob, user: User) -> ImportJob:
    """Import again, rows like records already there included, a job that stopped on them.

    Only its author may, only while the file is still kept (it is kept for that reason), and
    only once: the job goes back to the queue, the worker imports all rows or none again.
    """
    from django.core.exceptions import PermissionDenied, ValidationError

    from .tasks import import_file

    if job.created_by_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the person who sent the file may confirm its import."))
    report = job.report or {}
    waiting = job.status == ImportJob.Status.DONE and not report.get("errors")
    if not (waiting and report.get("duplicates") and job.content and not job.allow_duplicates):
        raise ValidationError(_("This import has nothing waiting for a confirmation."))
    claimed = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.DONE, allow_duplicates=False
    ).update(status=ImportJob.Status.QUEUED, allow_duplicates=True, report=None)
    if claimed:
        import_file.enqueue(job.pk)
    job.refresh_from_db()
    return job


#: What imports a queued file (registered by parties when Django starts: the queue knows no
#: area). Called with keyword arguments kind, stream, filename, user, allow_duplicates; returns
#: a dataclass report with ``needs_confirmation``.
Importer = Callable[..., Any]

_importer: list[Importer] = []


def register_importer(importer: Importer) -> None:
    _importer[:] = [importer]


def run_import(job_id: int) -> None:
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.language):
        try:
            report = _importer[0](
                kind=job.kind,
                stream=io.BytesIO(bytes(job.content or b"")),
                filename=job.filename,
                user=job.created_by,
                allow_duplicates=job.allow_duplicates,
            )
            result = dataclasses.asdict(report)
            status = ImportJob.Status.DONE
            # Kept only while a confirmation can still import it (rows like existing ones).
            keep = report.needs_confirmation and not job.allow_duplicates
        except Exception:  # the user must see an end, never "importing" forever
            log.exception("import %s failed", job_id)
            result = {"errors": [{"row": 0, "column": "", "message": _("The import failed.")}]}
            status = ImportJob.Status.FAILED
            keep = False
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        report=result,
        finished_at=timezone.now(),
        **({} if keep else {"content": None}),
    )
