"""The dashboard in a real headless Chromium over HTTPS: log in, see this quarter's charts and
tables of one's own territory only, log out, and be sent back to the login form."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from tests.server.dashboard.browser import headless_chromium
from tests.server.dashboard.helpers import PASSWORD, Dashboard, quarter_table
from tests.server.helpers import Admin


def _submit(browser: WebDriver, button: str) -> None:
    """Click a form's button and wait until the page it leads to has replaced this one (a
    click returns before the navigation ends)."""
    element = browser.find_element(By.CSS_SELECTOR, button)
    element.click()
    WebDriverWait(browser, 60).until(expected_conditions.staleness_of(element))
    WebDriverWait(browser, 60).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


@pytest.mark.slow
@pytest.mark.needs_tool
def test_login_charts_own_territory_only_logout(
    dashboard: Dashboard, admin: Admin, tmp_path: Path
) -> None:
    a, b = admin.territory(), admin.territory()
    dashboard.figures.tables[a] = quarter_table(a, 101, "Maison de A")
    dashboard.figures.tables[b] = quarter_table(b, 901, "Maison de B")
    manager = dashboard.manager(a, "m-" + uuid.uuid4().hex[:10])
    dashboard.manager(b, "m-" + uuid.uuid4().hex[:10])
    browser = headless_chromium(dashboard.tls, tmp_path / "profile")
    try:
        browser.get(dashboard.base_url + "/indicators")
        assert browser.current_url == dashboard.base_url + "/indicators/login"
        browser.find_element(By.ID, "login").send_keys(manager)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        _submit(browser, "form.connexion button")

        assert browser.current_url == dashboard.base_url + "/indicators"
        assert browser.find_element(By.TAG_NAME, "h1").text == f"Indicateurs du territoire {a}"
        charts = browser.find_elements(By.CSS_SELECTOR, "figure svg.chart")
        assert len(charts) >= 5 and all(c.size["height"] > 100 for c in charts)
        assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect[height]")
        tables = browser.find_elements(By.CSS_SELECTOR, "table caption")
        assert len(tables) >= len(charts)
        text = browser.find_element(By.TAG_NAME, "body").text
        assert "Maison de A" in text and "101" in text
        assert b not in browser.page_source and "Maison de B" not in text
        # B's figures as whole numbers: territory A's random code (« T3A903F1 ») may hold them.
        assert not re.findall(r"\b(?:901|902|903|2706)\b", text)
        cookies = {c["name"]: c for c in browser.get_cookies()}
        session = cookies["__Secure-spie_indicateurs"]
        assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Strict"

        _submit(browser, "form.deconnexion button")
        assert browser.current_url == dashboard.base_url + "/indicators/login"
        browser.get(dashboard.base_url + "/indicators")
        assert browser.current_url == dashboard.base_url + "/indicators/login"
        assert "__Secure-spie_indicateurs" not in {c["name"] for c in browser.get_cookies()}
    finally:
        browser.quit()
