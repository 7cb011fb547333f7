"""What every sales screen reads from a request: posted quantities and dates, a service's
refusal shown as messages; and the one edit page of an offer or an order with its lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    FieldPermissionDenied,
    acting_user,
)
from comptoir.common.dates import today

from ..models import Offer, Order

D = TypeVar("D", Offer, Order)


def post_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def posted_quantities(request: HttpRequest, lines: Iterable[models.Model]) -> dict[int, Decimal]:
    """The ``qty_<line id>`` fields of a delivery or credit-note form (comma or point)."""
    quantities = {}
    for line in lines:
        raw = request.POST.get(f"qty_{line.pk}", "").strip().replace(",", ".")
        if raw:
            try:
                quantities[line.pk] = Decimal(raw)
            except InvalidOperation:
                raise ValidationError(_("%(v)s is not a quantity.") % {"v": raw}) from None
    return quantities


def posted_date(request: HttpRequest, name: str) -> dt.date:
    """A posted date (today when left empty); a wrong one is said, not a server error."""
    raw = request.POST.get(name, "").strip()
    if not raw:
        return today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(_("%(v)s is not a date.") % {"v": raw}) from None


def edit_document(
    request: HttpRequest,
    document: D | None,
    blank: D,
    form_class: type[forms.ModelForm[D]],
    formset_class: type[forms.BaseInlineFormSet[Any, D, Any]],
    save: Callable[[D | None, Any, Any, User], D],
    template: str,
    saved_message: Callable[[D], str],
) -> HttpResponse:
    """Create or edit an offer or an order with its lines: one form and one line formset
    validate, then ``save`` hands their values to the service (one transaction); the
    client's terms come in when ``?client=`` is given."""
    initial = {"client": request.GET.get("client")} if request.GET.get("client") else None
    form = form_class(request.POST or None, instance=document or blank, initial=initial)
    lines = formset_class(request.POST or None, instance=document or blank, prefix="lines")
    if request.method == "POST":
        if form.is_valid() and lines.is_valid():
            try:
                document = save(document, form, lines, acting_user(request))
            except ValidationError as exc:
                post_errors(request, exc)
            except FieldPermissionDenied as exc:
                # terms only a manager may set: the form stays as typed, with the reason
                for name in exc.fields:
                    if name in form.fields:
                        form.add_error(name, str(exc))
                messages.error(request, str(exc))
            else:
                messages.success(request, saved_message(document))
                warning = getattr(form, "term_warning", "")
                if warning:
                    messages.warning(request, warning)
                return HttpResponseRedirect(document.get_absolute_url())
        else:
            messages.error(request, _("Not saved: correct the fields marked in red."))
    key = "offer" if isinstance(blank, Offer) else "order"
    return render(request, template, {"form": form, "lines": lines, key: document})
