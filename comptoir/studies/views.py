"""Market studies screens: thematic files (clips, hand notes, key terms, summary), synthesis
notes (PDF, DOCX), market selections (weights, grid, ranking, chart, decision, PDF), SWOT and
PESTEL notes (PDF), and the "Clip into a file" section of the intelligence item page.
Views parse, forms validate, services write; no write on GET."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.roles import acting_user, require_edit
from comptoir.common import countries
from comptoir.common.pages import page_of
from comptoir.common.values import errors_on_form
from comptoir.documents.pdf import pdf_response
from comptoir.intelligence.models import Theme
from comptoir.trade import market_selection as ms

from . import documents, selectors, services
from .forms import (
    ClipForm,
    CommentForm,
    CountriesForm,
    DecisionForm,
    FileForm,
    GradesForm,
    HandNoteForm,
    NoteForm,
    StrategyForm,
    StudyForm,
    WeightsForm,
)
from .models import Clip, MarketStudy, StrategyNote, SynthesisNote, ThematicFile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _errors(
    request: HttpRequest, exc: ValidationError, form: Any = None, field_for: Any = None
) -> None:
    if form is not None and hasattr(exc, "error_dict"):
        errors_on_form(form, exc, field_for)
        return
    for message in exc.messages:
        messages.error(request, message)


def _lang() -> str:
    return (get_language() or "en")[:2]


def _file(request: HttpRequest, pk: int) -> ThematicFile:
    try:
        return selectors.file_for_page(pk, request.user)
    except ThematicFile.DoesNotExist:
        raise Http404 from None


# ----------------------------------------------------------------------------- files


def file_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.file_list(request.user, request.GET))
    return render(
        request,
        "studies/file_list.html",
        {"page": page, "themes": Theme.choices, "q": request.GET.get("q", "")},
    )


def file_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_edit(request.user)
    file = _file(request, pk) if pk else None
    initial = FileForm.initial_of(file) if file else {"shared": True}
    form = FileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if file is None:
                file = services.create_file(values=form.values(), user=acting_user(request))
                messages.success(request, _("File created: clip items into it from the watch."))
            else:
                services.update_file(file=file, values=form.values(), user=acting_user(request))
                messages.success(request, _("File saved."))
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            return HttpResponseRedirect(file.get_absolute_url())
    return render(request, "studies/file_form.html", {"form": form, "obj": file})


def file_detail(request: HttpRequest, pk: int) -> HttpResponse:
    file = _file(request, pk)
    sources = {c.pk: i for i, c in enumerate(selectors.sources_of(file), start=1)}
    clips = list(selectors.clips_of(file))
    for clip in clips:
        clip.number = sources.get(clip.pk)  # type: ignore[attr-defined]
    return render(
        request,
        "studies/file_detail.html",
        {
            "obj": file,
            "clips": clips,
            "notes": selectors.notes_of(file),
            "hand_form": HandNoteForm(),
            "digest": file.digest,
            "country_names": [countries.country_name(c, _lang()) for c in file.countries],
            "strategy_notes": file.strategy_notes.all(),
            "studies": file.studies.all(),
        },
    )


@require_POST
def file_delete(request: HttpRequest, pk: int) -> HttpResponse:
    file = _file(request, pk)
    try:
        services.delete_file(file=file, user=acting_user(request))
    except ValidationError as exc:
        _errors(request, exc)
        return HttpResponseRedirect(file.get_absolute_url())
    messages.success(request, _("File deleted."))
    return HttpResponseRedirect("/studies/")


@require_POST
def hand_note(request: HttpRequest, pk: int) -> HttpResponse:
    file = _file(request, pk)
    form = HandNoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_hand_note(file=file, values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Note added to the file."))
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(
                    request,
                    f"{form.fields[field].label}: {error}" if field in form.fields else str(error),
                )
    return HttpResponseRedirect(file.get_absolute_url())


def _clip(request: HttpRequest, pk: int, clip_pk: int) -> Clip:
    file = _file(request, pk)
    return get_object_or_404(file.clips.select_related("file"), pk=clip_pk)


@require_POST
def clip_comment(request: HttpRequest, pk: int, clip_pk: int) -> HttpResponse:
    clip = _clip(request, pk, clip_pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.set_comment(
                clip=clip, comment=form.cleaned_data["comment"], user=acting_user(request)
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Comment saved."))
    return HttpResponseRedirect(clip.file.get_absolute_url())


@require_POST
def clip_remove(request: HttpRequest, pk: int, clip_pk: int) -> HttpResponse:
    clip = _clip(request, pk, clip_pk)
    file = clip.file
    try:
        services.remove_clip(clip=clip, user=acting_user(request))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Taken out of the file."))
    return HttpResponseRedirect(file.get_absolute_url())


@require_POST
def clip_item(request: HttpRequest, item_pk: int) -> HttpResponse:
    """The "Clip into a file" form of the intelligence item page posts here."""
    item = selectors.item_or_none(item_pk)
    if item is None:
        raise Http404
    form = ClipForm(request.POST, user=request.user)
    back = request.POST.get("next") or ""
    if not back.startswith("/") or back.startswith("//"):
        back = ""
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            services.clip_item(file=file, values=form.values(item), user=acting_user(request))
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("Clipped into the file %(file)s.") % {"file": file.title})
            return HttpResponseRedirect(back or file.get_absolute_url())
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(back or "/studies/")


def item_panel(item: Any, request: HttpRequest) -> dict[str, Any]:
    """The section of the intelligence item page: key terms, summary, the files that hold
    the item, the "Clip into a file" form."""
    digest = selectors.item_digest(item)
    return {
        "item": item,
        "studies_digest": selectors.digest_dict(digest),
        "studies_files": selectors.files_with_item(item, request.user),
        "studies_form": ClipForm(user=request.user),
        "studies_next": request.get_full_path(),
    }


# ----------------------------------------------------------------------------- synthesis notes


def _note(request: HttpRequest, pk: int) -> SynthesisNote:
    try:
        return selectors.note_for_page(pk, request.user)
    except (SynthesisNote.DoesNotExist, ThematicFile.DoesNotExist):
        raise Http404 from None


def note_edit(
    request: HttpRequest, pk: int | None = None, file_pk: int | None = None
) -> HttpResponse:
    require_edit(request.user)
    note = _note(request, pk) if pk else None
    file = note.file if note is not None else _file(request, file_pk or 0)
    sources = selectors.sources_of(file)
    count = max(4, len(note.sections) + 1) if note else 4
    initial = NoteForm.initial_of(note) if note else {"language": _lang()}
    form = NoteForm(request.POST or None, initial=initial, sections=count)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.save_note(
                file=file, values=form.values(), user=acting_user(request), note=note
            )
        except ValidationError as exc:
            _errors(request, exc, form, NoteForm.field_for)
        else:
            messages.success(request, _("Note saved (version %(n)d).") % {"n": note.version})
            return HttpResponseRedirect(note.get_absolute_url())
    return render(
        request,
        "studies/note_form.html",
        {"form": form, "obj": note, "file": file, "sources": sources},
    )


def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(request, pk)
    return render(
        request,
        "studies/note_detail.html",
        {
            "obj": note,
            "doc": documents.note_document(note),
            "versions": note.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


def note_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(request, pk)
    return pdf_response(documents.note_pdf(note), f"note-{note.pk}-v{note.version}.pdf")


def note_docx(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(request, pk)
    response = HttpResponse(documents.note_docx(note), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="note-{note.pk}-v{note.version}.docx"'
    return response


# ----------------------------------------------------------------------------- market selection


def _study(pk: int) -> MarketStudy:
    return get_object_or_404(MarketStudy.objects.select_related("owner", "decided_by"), pk=pk)


def study_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.study_list(request.GET))
    return render(
        request,
        "studies/study_list.html",
        {"page": page, "statuses": MarketStudy.Status.choices, "q": request.GET.get("q", "")},
    )


def study_create(request: HttpRequest) -> HttpResponse:
    require_edit(request.user)
    form = StudyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            study = services.create_study(values=form.values(), user=acting_user(request))
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(
                request, _("Study created: grades proposed from the data where it exists.")
            )
            return HttpResponseRedirect(study.get_absolute_url())
    return render(request, "studies/study_form.html", {"form": form})


def _study_context(study: MarketStudy, **forms_: Any) -> dict[str, Any]:
    language = _lang()
    view = selectors.study_view(study)
    labels = documents.criterion_labels()
    rows: list[dict[str, Any]] = []
    ranks = {p.country: p for p in view.selection.ranking} if view.selection else {}
    grades = forms_.get("grades") or GradesForm(
        countries=[c.country for c in view.candidates],
        initial={
            f"g_{c.country}_{n}": g
            for c in view.candidates
            for n, g in view.grades[c.country].items()
        },
    )
    for candidate in view.candidates:
        placed = ranks.get(candidate.country)
        rows.append(
            {
                "candidate": candidate,
                "name": countries.country_name(candidate.country, language),
                "cells": [
                    {
                        "field": grades[f"g_{candidate.country}_{n}"],
                        "source": candidate.grade_sources.get(n, ""),
                        "grade": view.grades[candidate.country][n],
                    }
                    for n in ms.CRITERIA
                ],
                "placed": placed,
                "chosen": candidate.country in study.chosen,
            }
        )
    if view.selection is not None:
        order = {p.country: i for i, p in enumerate(view.selection.ranking)}
        rows.sort(key=lambda r: order[r["candidate"].country])
    choices = [(c.country, countries.country_name(c.country, language)) for c in view.candidates]
    return {
        "obj": study,
        "view": view,
        "rows": rows,
        "criteria": [(n, labels[n], view.weights[n]) for n in ms.CRITERIA],
        "grades_form": grades,
        "weights_form": forms_.get("weights")
        or WeightsForm(labels=labels, initial={f"weight_{n}": w for n, w in view.weights.items()}),
        "countries_form": forms_.get("countries")
        or CountriesForm(initial={"countries": ", ".join(c.country for c in view.candidates)}),
        "decision_form": forms_.get("decision")
        or DecisionForm(
            choices=choices,
            initial={"chosen": list(view.selection.first) if view.selection else []},
        ),
        "chart": mark_safe(documents.chart(study, language)),  # noqa: S308  # escaped SVG
        "first": ", ".join(countries.country_name(c, language) for c in view.selection.first)
        if view.selection
        else "",
        "chosen_names": ", ".join(countries.country_name(c, language) for c in study.chosen),
        "missing": len(view.missing),
    }


def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    return render(request, "studies/study_detail.html", _study_context(study))


@require_POST
def study_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    study = _study(pk)
    user = acting_user(request)
    labels = documents.criterion_labels()
    forms_: dict[str, Any] = {}
    try:
        if action == "weights":
            form: Any = WeightsForm(request.POST, labels=labels)
            forms_["weights"] = form
            if form.is_valid():
                services.set_weights(study=study, weights=form.values(), user=user)
                messages.success(request, _("Weights saved: the ranking is computed again."))
                return HttpResponseRedirect(study.get_absolute_url())
        elif action == "grades":
            form = GradesForm(request.POST, countries=[c.country for c in study.candidates.all()])
            forms_["grades"] = form
            if form.is_valid():
                services.set_grades(study=study, grades=form.values(), user=user)
                messages.success(request, _("Grades saved."))
                return HttpResponseRedirect(study.get_absolute_url())
        elif action == "propose":
            count = services.propose_grades(
                study=study, user=user, overwrite=request.POST.get("overwrite") == "1"
            )
            messages.success(request, _("%(n)d grades proposed from the data.") % {"n": count})
            return HttpResponseRedirect(study.get_absolute_url())
        elif action == "countries":
            form = CountriesForm(request.POST)
            forms_["countries"] = form
            if form.is_valid():
                services.set_countries(study=study, countries_=form.values(), user=user)
                messages.success(request, _("Candidate countries saved."))
                return HttpResponseRedirect(study.get_absolute_url())
        elif action == "decide":
            choices = [(c.country, c.country) for c in study.candidates.all()]
            form = DecisionForm(request.POST, choices=choices)
            forms_["decision"] = form
            if form.is_valid():
                services.decide(study=study, values=form.values(), user=user)
                messages.success(request, _("Decision recorded."))
                return HttpResponseRedirect(study.get_absolute_url())
        else:
            raise Http404
    except ValidationError as exc:
        _errors(
            request,
            exc,
            form if action != "propose" else None,
            lambda n: n.replace("grades.", "g_").replace(".", "_"),
        )
    context = _study_context(study, **forms_)
    return render(request, "studies/study_detail.html", context, status=400)


def study_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    return pdf_response(documents.selection_pdf(study, _lang()), f"market-selection-{study.pk}.pdf")


# ----------------------------------------------------------------------------- SWOT / PESTEL


def _strategy(pk: int) -> StrategyNote:
    try:
        return selectors.strategy_for_page(pk)
    except StrategyNote.DoesNotExist:
        raise Http404 from None


def strategy_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.strategy_list(request.GET))
    for note in page:
        note.subject = documents.subject_of(note, _lang())
    return render(
        request,
        "studies/strategy_list.html",
        {"page": page, "kinds": StrategyNote.Kind.choices, "q": request.GET.get("q", "")},
    )


def strategy_edit(request: HttpRequest, pk: int | None = None, kind: str = "") -> HttpResponse:
    require_edit(request.user)
    note = _strategy(pk) if pk else None
    kind = note.kind if note else kind
    if kind not in StrategyNote.Kind.values:
        raise Http404
    initial: dict[str, Any] = StrategyForm.initial_of(note) if note else {"language": _lang()}
    if note is None and request.GET.get("country"):
        initial["country"] = request.GET["country"].upper()[:2]
    form = StrategyForm(request.POST or None, initial=initial, kind=kind, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.save_strategy(
                values=form.values(), user=acting_user(request), note=note
            )
        except ValidationError as exc:
            _errors(request, exc, form)
        else:
            messages.success(request, _("Note saved."))
            return HttpResponseRedirect(note.get_absolute_url())
    return render(
        request,
        "studies/strategy_form.html",
        {"form": form, "obj": note, "kind_label": StrategyNote.Kind(kind).label},
    )


def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = _strategy(pk)
    return render(
        request,
        "studies/strategy_detail.html",
        {"obj": note, "doc": documents.strategy_document(note)},
    )


def strategy_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    note = _strategy(pk)
    return pdf_response(documents.strategy_pdf(note), f"{note.kind}-{note.pk}.pdf")
