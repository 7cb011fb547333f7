"""One module per dashboard; importing this package registers them all (see registry)."""

from . import compliance, logistics, purchasing  # noqa: F401
