"""The studies section of the intelligence item page reads its values from the section (the
page includes it ``with section=section``): the key terms and the "Clip into a file" form
appear, and the files holding the item are named."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.studies import services
from comptoir.studies.inputs import ClipValues

pytestmark = pytest.mark.django_db


def test_item_page_offers_the_clip_form(
    client: Any, assistant: Any, items: Any, gulf_file: Any
) -> None:
    client.force_login(assistant)
    client.cookies["comptoir_language"] = "en"
    item = items[1]
    html = client.get(f"/intelligence/items/{item.pk}/").content.decode()
    section = html[html.index('id="studies-clip"') :]
    assert 'id="clip-form"' in section and f'value="{gulf_file.pk}"' in section
    assert "No thematic file yet." not in section
    services.clip_item(file=gulf_file, values=ClipValues(item=item, comment=""), user=assistant)
    html = client.get(f"/intelligence/items/{item.pk}/").content.decode()
    section = html[html.index('id="studies-clip"') :]
    assert "In the files" in section and gulf_file.title in section
