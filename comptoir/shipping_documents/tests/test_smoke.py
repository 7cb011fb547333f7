import pytest

from comptoir.shipping_documents import selectors, services

pytestmark = pytest.mark.django_db


def test_issue_everything(casa, tokyo):  # type: ignore[no-untyped-def]
    items = selectors.checklist(casa)
    print([(i.kind, i.status) for i in items])
    for item in items:
        if item.ours and item.kind != "commercial_invoice":
            doc = services.issue_document(shipment=casa, kind=item.kind, user=None)
            open(f"/tmp/sd-{doc.kind}.pdf", "wb").write(bytes(doc.pdf))
    print(selectors.consistency(casa))
    items = selectors.checklist(tokyo)
    print([(i.kind, i.status) for i in items])
    for item in items:
        if item.ours and item.kind != "commercial_invoice":
            doc = services.issue_document(shipment=tokyo, kind=item.kind, user=None)
            open(f"/tmp/sd-{doc.kind}.pdf", "wb").write(bytes(doc.pdf))
    print(selectors.consistency(tokyo))
