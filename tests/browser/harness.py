"""Playwright driving Debian's Chromium against the live test server, for every browser test of the suite.

Loaded once by `tests/conftest.py` as a plugin, so that the session-wide browser is one instance wherever the
browser tests live (a second `sync_playwright()` in the same thread refuses to start).

Playwright's sync API runs an event loop in the test thread, which makes Django refuse ORM calls there unless
told that this is safe — it is: the loop only talks to the browser.
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def keep_serialized_rollback(browser: Browser) -> None:
    """Keep `serialized_rollback` working once Playwright runs.

    Playwright's sync API leaves an asyncio loop "running" in this thread, so Django's thread-critical
    connection storage hands out other connection objects than the ones the test database was set up and
    serialized on. Without the serialized data, a transactional test's flush would leave the next test
    without the vocabularies the migrations loaded; give the current connections the original's data.
    """
    for alias in connections:
        current = connections[alias]
        original = getattr(connections._connections._storage, alias, None)  # the no-event-loop storage
        if (
            original is not None
            and original is not current
            and hasattr(original, "_test_serialized_contents")
        ):
            current._test_serialized_contents = original._test_serialized_contents


@pytest.fixture
def new_page(browser: Browser, keep_serialized_rollback: None):
    contexts = []

    def make(locale: str = "ar") -> Page:
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shoot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def submit(page: Page, selector: str) -> None:
    """Press a button that posts a form and wait for the answer page to load.

    `page.click` returns once the navigation has committed, before the new page is parsed; a test
    that then counts elements (`locator.count()`, `.all()`) can read the old page or a half-built one.
    """
    with page.expect_navigation():
        page.click(selector)
