"""Writes of the reporting area: saved pivot views (save, rename, delete one's own; a
manager shares one with everyone). Each service checks the role first and writes in a
transaction with the audit stamp."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from comptoir.accounts.roles import Action, Actor, Record, require
from comptoir.audit import delete_instance, save_instance

from .models import PivotView
from .pivot.spec import PivotSpec

MAX_VIEWS_PER_USER = 200


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if len(name) > 120:
        raise ValidationError({"name": _("A name has at most 120 characters.")})
    return name


def _own(view: PivotView, user: Actor) -> None:
    if user is not None and view.owner_id != user.pk:
        raise PermissionDenied(_("Only its owner may change or delete a saved view."))


def save_view(*, owner: User, name: str, spec: PivotSpec, user: Actor) -> PivotView:
    """A new saved view of ``owner`` (the acting user, or anyone for the system)."""
    require(user, Action.CREATE, Record.PIVOT_VIEW)
    if user is not None and owner.pk != user.pk:
        raise PermissionDenied(_("A view is saved for oneself."))
    clean = _name(name)
    if PivotView.objects.filter(owner=owner).count() >= MAX_VIEWS_PER_USER:
        raise ValidationError(
            {"name": _("At most %(max)s saved views: delete some.") % {"max": MAX_VIEWS_PER_USER}}
        )
    return save_instance(
        PivotView(owner=owner, name=clean, spec=spec.to_data()), user, "saved pivot view"
    )


def rename_view(*, view: PivotView, name: str, user: Actor) -> PivotView:
    require(user, Action.CHANGE, Record.PIVOT_VIEW)
    _own(view, user)
    view.name = _name(name)
    return save_instance(view, user, "renamed")


def delete_view(*, view: PivotView, user: Actor) -> None:
    require(user, Action.DELETE, Record.PIVOT_VIEW)
    _own(view, user)
    delete_instance(view, user, "deleted")


def share_view(*, view: PivotView, shared: bool, user: Actor) -> PivotView:
    """Show the view to everyone (or stop): a manager's."""
    require(user, Action.ADMINISTER, Record.PIVOT_VIEW)
    view.shared = shared
    return save_instance(view, user, "shared" if shared else "no longer shared")
