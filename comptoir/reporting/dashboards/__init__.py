"""One module per dashboard; importing this package registers them all (see registry)."""

from . import receivables, sales  # noqa: F401
