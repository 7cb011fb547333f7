"""Our company: the seller's profile printed on every document."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.accounts.roles import (
    Action,
    Record,
    acting_user,
    require,
)

from .. import services
from ..forms import (
    SellerProfileForm,
)
from ..models import SellerProfile

# --------------------------------------------------------------------------- our company


def seller_edit(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.ADMINISTER, Record.SELLER_PROFILE)
    form = SellerProfileForm(request.POST or None, instance=SellerProfile.current())
    if request.method == "POST":
        if form.is_valid():
            services.save_seller_profile(seller=form.save(commit=False), user=acting_user(request))
            messages.success(request, _("Our company saved."))
            return HttpResponseRedirect(reverse("sales:seller"))
        messages.error(request, _("Not saved: correct the fields marked in red."))
    return render(request, "sales/seller_form.html", {"form": form})
