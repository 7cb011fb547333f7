"""One module per dashboard; importing this package registers them all (see registry)."""

from . import (  # noqa: F401  # noqa: F401
    compliance,
    logistics,
    overview,
    purchasing,
    receivables,
    sales,
)
