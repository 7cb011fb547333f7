"""Small steps the browser tests share."""

from __future__ import annotations

from typing import Any


def switch_language(page: Any, language: str) -> None:
    """Click the language switch in the header and wait for the page in that language."""
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")


def submit(page: Any, selector: str) -> None:
    """Click a button that posts a form, and wait for the page the server sends back."""
    with page.expect_navigation(wait_until="load", timeout=60_000):
        page.click(selector)
