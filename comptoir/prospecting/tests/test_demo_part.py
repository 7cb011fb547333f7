"""The demo's prospecting part, alone: German retailers, a campaign sent with its results,
a call campaign with outcomes and tasks."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from comptoir.demo.prospecting import build
from comptoir.parties.models import Task
from comptoir.prospecting import selectors
from comptoir.prospecting.models import Campaign

pytestmark = pytest.mark.django_db


def test_demo_part(assistant: Any, manager: Any) -> None:
    assistant.email = "claire@maison-ferrand.example"
    assistant.save()
    made = build({"claire": assistant, "julien": manager})
    assert made["prospects"] == 10
    email = Campaign.objects.get(channel="email")
    result = selectors.results(email)
    # the private GMX mailbox without consent is left out
    assert result.sent == 9 and result.excluded == 1 and made["campaign_emails"] == 9
    assert (result.replies, result.hard_bounces, result.opt_outs) == (2, 1, 1)
    assert len(mail.outbox) == 9
    calls = selectors.results(Campaign.objects.get(channel="call"))
    assert calls.called == 6 and calls.meetings == 1
    assert Task.objects.filter(title__startswith="Meeting with").count() == 1
    assert Task.objects.filter(title__startswith="Call back").count() == 1
