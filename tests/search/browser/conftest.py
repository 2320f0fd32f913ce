"""The browser harness of tests/browser (Chromium through Playwright, screenshots in var/screenshots/)."""

from tests.browser.conftest import browser, new_page, shoot

__all__ = ["browser", "new_page", "shoot"]
