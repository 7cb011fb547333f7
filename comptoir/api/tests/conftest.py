# The order-to-cash fixtures (our company, three clients, a product) shared with the API tests.
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401
