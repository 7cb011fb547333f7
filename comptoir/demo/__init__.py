"""The demo company: Maison Ferrand, a cookware manufacturer near Thiers (Auvergne, France).

It makes enamelled cast-iron casseroles, stainless-steel pans and kitchen knives, exports to
a dozen countries on four continents and buys components (knobs, handles, aluminium discs)
from suppliers in Asia and Europe. Later areas extend this module with their own records.
"""

from comptoir.demo.builder import DEMO_PASSWORD, DEMO_USERS, build_demo

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "build_demo"]
