"""Deleting a target list: a manager's; a list behind a draft campaign is refused, a list a
campaign was started to is archived (kept with its targets, no longer offered), an unused
one is deleted with its targets. Service, page and API."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from comptoir.prospecting import selectors, services
from comptoir.prospecting.forms import CampaignForm
from comptoir.prospecting.models import Campaign, Target, TargetList

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _campaign(target_list: TargetList, status: str) -> Campaign:
    campaign = services.create_campaign(
        name="Germany — Ambiente invitation",
        channel="email",
        target_list=target_list,
        subject_en="Cookware for {{ company }}",
        body_en="Hello {{ first_name }}",
        user=None,
    )
    # as the sending job leaves it (sending itself is tested with the campaigns)
    Campaign.objects.filter(pk=campaign.pk).update(status=status)
    campaign.refresh_from_db()
    return campaign


def test_delete_archive_or_refuse(crm_list: Any, assistant: Any, manager: Any) -> None:
    assert crm_list.targets.count() == 4
    with pytest.raises(PermissionDenied):
        services.delete_list(target_list=crm_list, user=assistant)
    draft = _campaign(crm_list, Campaign.Status.DRAFT)
    with pytest.raises(ValidationError) as exc:
        services.delete_list(target_list=crm_list, user=manager)
    assert "target_list" in exc.value.error_dict and draft.name in str(exc.value)
    assert TargetList.objects.filter(pk=crm_list.pk).exists()
    Campaign.objects.filter(pk=draft.pk).update(status=Campaign.Status.SENT)
    assert services.delete_list(target_list=crm_list, user=manager) == "archived"
    crm_list.refresh_from_db()
    assert crm_list.archived_at is not None and crm_list.targets.count() == 4
    assert crm_list not in selectors.target_lists()
    assert crm_list in selectors.target_lists(archived=True)
    form = CampaignForm()
    assert crm_list not in form.fields["target_list"].queryset  # type: ignore[attr-defined]
    # an unused list goes with its targets
    empty = services.create_list(
        values=services.ListValues(name="Austrian retailers"), user=assistant
    )
    assert services.delete_list(target_list=empty, user=manager) == "deleted"
    assert not TargetList.objects.filter(pk=empty.pk).exists()
    assert Target.objects.filter(target_list=crm_list).count() == 4


def test_delete_button_and_page(client: Any, crm_list: Any, assistant: Any, manager: Any) -> None:
    client.force_login(assistant)
    page = client.get(crm_list.get_absolute_url()).content.decode()
    assert 'id="delete-list"' not in page
    assert client.post(f"/prospecting/lists/{crm_list.pk}/delete/").status_code == 403
    client.force_login(manager)
    client.cookies["comptoir_language"] = "en"
    page = client.get(crm_list.get_absolute_url()).content.decode()
    assert 'id="delete-list"' in page and "data-confirm" in page
    _campaign(crm_list, Campaign.Status.DRAFT)
    refused = client.post(f"/prospecting/lists/{crm_list.pk}/delete/", follow=True)
    assert "choose another list for it first" in refused.content.decode()
    Campaign.objects.update(status=Campaign.Status.SENT)
    archived = client.post(f"/prospecting/lists/{crm_list.pk}/delete/", follow=True)
    assert "it is archived, not deleted" in archived.content.decode()
    assert client.get("/prospecting/?archived=1").content.decode().count(crm_list.name) >= 1


def test_api_delete(client: Any, crm_list: Any, assistant: Any, manager: Any) -> None:
    client.force_login(assistant)
    assert client.delete(f"/api/prospecting/lists/{crm_list.pk}/").status_code == 403
    client.force_login(manager)
    _campaign(crm_list, Campaign.Status.DRAFT)
    refused = client.delete(f"/api/prospecting/lists/{crm_list.pk}/")
    assert refused.status_code == 400 and "target_list" in refused.json()
    Campaign.objects.update(status=Campaign.Status.CLOSED)
    archived = client.delete(f"/api/prospecting/lists/{crm_list.pk}/")
    assert archived.status_code == 200 and archived.json()["archived_at"]
    other = services.create_list(values=services.ListValues(name="Spare"), user=manager)
    assert client.delete(f"/api/prospecting/lists/{other.pk}/").status_code == 204
    assert not TargetList.objects.filter(pk=other.pk).exists()
