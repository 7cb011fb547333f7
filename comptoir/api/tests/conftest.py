# The order-to-cash fixtures (our company, three clients, a product) shared with the API tests.
import pytest  # noqa: E402

from comptoir.purchasing.tests.conftest import lids, supplier  # noqa: F401
from comptoir.sales.tests.conftest import clients, product, seller, usd_rate  # noqa: F401


@pytest.fixture(autouse=True)
def _english_messages(client):  # type: ignore[no-untyped-def]
    # Users' profiles default to French; the assertions read the English source texts.
    client.cookies["comptoir_language"] = "en"
