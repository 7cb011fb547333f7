# The order-to-cash fixtures (our company, three clients, a product) for the role matrix.
from comptoir.sales.tests.conftest import clients, product, seller  # noqa: F401
