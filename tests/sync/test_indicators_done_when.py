"""Issue 17, "done when", end to end: in territory A, two counsellors' laptops enrolled with
a real server on 127.0.0.1 record this quarter's people (orientation, first contact, a joint
diagnostic and a signed plan) and the people's own evaluations, and sync; territories B and C
are pushed faster as a device's raw changes. A manager of A, created with ``spie-server
manager add``, logs in to the dashboard in a real headless Chromium over HTTPS and sees this
quarter's delays and the evaluations of A, nothing of B or C. ``spie-server indicators
export`` then writes each territory's table, which names no one and hides its small cells,
and ``spie-server indicators merge`` adds the three up into one national table."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from spie_protocol.indicators.definitions import DEFINITIONS
from spie_server.dashboard.periods import choose_period
from spie_server.dashboard.table_source import today
from spie_server.settings import RateLimit, Settings, sqlite_url
from tests.server.dashboard.browser import headless_chromium
from tests.server.dashboard.helpers import Dashboard, start_dashboard
from tests.server.helpers import Admin, RunningServer, enrolled, start_server
from tests.sync.conftest import Laptop
from tests.sync.indicator_territories import (
    Identities,
    delay_days,
    evaluate_everyone,
    push_territory,
    record_on_device,
    sign_a_joint_plan,
)

SPIE_SERVER = str(Path(sys.executable).with_name("spie-server"))
PASSWORD = "un mot de passe de gestionnaire"
DELAYS = "Délais du parcours (médianes)"
FIRST_CONTACT = "Délai entre l'orientation et le premier contact"
NUMBER = re.compile(r"\d+(,\d+)?")


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The devices' server (HTTP); the dashboard below serves the same database over HTTPS."""
    data_dir = tmp_path_factory.mktemp("done-when-server")
    running = start_server(Settings(data_dir, sqlite_url(data_dir), RateLimit(100_000, 100_000)))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def dashboard(sync_server: RunningServer) -> Iterator[Dashboard]:
    data_dir = sync_server.settings.data_dir
    (data_dir / "tls").mkdir(exist_ok=True)
    running = start_dashboard(sync_server.settings, data_dir / "tls", fake=False)
    try:
        yield running
    finally:
        running.stop()


def spie_server(settings: Settings, *args: str, stdin: str = "") -> str:
    """Run the administrator's command; its standard output (a failure fails the test)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_SERVER_")}
    location = ["--data-dir", str(settings.data_dir), "--database-url", settings.database_url]
    done = subprocess.run(
        [SPIE_SERVER, *args, *location],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _submit(browser: WebDriver, button: str) -> None:
    element = browser.find_element(By.CSS_SELECTOR, button)
    element.click()
    WebDriverWait(browser, 120).until(expected_conditions.staleness_of(element))
    WebDriverWait(browser, 120).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


def _row(browser: WebDriver, section: str, label: str) -> list[str]:
    """The figures of one indicator's row in the table of a section (months, then period)."""
    group = browser.find_element(
        By.XPATH, f'(//section[h2[normalize-space()="{section}"]]//table)[1]'
    )
    row = group.find_element(By.XPATH, f'.//tr[th[normalize-space()="{label}"]]')
    return [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]


def _manager_sees(
    dashboard: Dashboard, login: str, profile: Path
) -> tuple[list[str], list[str], str]:
    """What the manager reads after logging in: the first-contact delays' row, the
    evaluations' row, and the whole page's source."""
    browser = headless_chromium(dashboard.tls, profile)
    try:
        browser.get(dashboard.base_url + "/indicators")
        browser.find_element(By.ID, "login").send_keys(login)
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        _submit(browser, "form.connexion button")
        assert browser.current_url == dashboard.base_url + "/indicators"
        assert browser.find_elements(By.CSS_SELECTOR, "figure svg.chart rect[height]")
        delays = _row(browser, DELAYS, FIRST_CONTACT)
        evaluations = _row(browser, "L'évaluation par les personnes", "Évaluations remplies")
        return delays, evaluations, browser.page_source
    finally:
        browser.quit()


def _cells(path: Path) -> list[dict[str, Any]]:
    document = json.loads(path.read_text(encoding="utf-8"))
    cells: list[dict[str, Any]] = document["cells"]
    return cells


def _people_counts_published_small(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Published counts of people below 5 (each would be a small cell left in)."""
    return [
        c
        for c in cells
        if not c["suppressed"]
        and DEFINITIONS[str(c["indicator"])].unit == "personnes"
        and DEFINITIONS[str(c["indicator"])].kind == "count"
        and isinstance(c["value"], int | float)
        and 0 < c["value"] < 5
    ]


@pytest.mark.slow
@pytest.mark.needs_tool
def test_a_manager_sees_the_quarter_and_the_state_merges_three_published_exports(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_territory: str,
    sync_server: RunningServer,
    dashboard: Dashboard,
    tmp_path: Path,
) -> None:
    a = sync_territory
    period = choose_period(None, today())
    assert period is not None
    ids = Identities()
    oriented, step = delay_days(period.start, today())

    # Territory A: two counsellors' laptops, the people's path, then their evaluations.
    north, south = make_laptop("nord"), make_laptop("sud")
    delays = record_on_device(north, 4, oriented, step, ids)
    delays += record_on_device(south, 2, oriented, step, ids)
    sign_a_joint_plan(north, ids)
    for laptop in (north, south):
        assert laptop.sync().ok
    evaluated = evaluate_everyone(north) + evaluate_everyone(south)
    assert evaluated == 6
    for laptop in (north, south):
        report = laptop.sync()
        assert report.ok, report.error_en

    # Territories B and C, faster: a device's raw pushes.
    b, c = sync_admin.territory("B"), sync_admin.territory("C")
    with enrolled(sync_server.base_url, sync_admin, b, "Maison B") as device:
        push_territory(device, "Maison B", "mb", (7, 5), (oriented, step), ids)
    with enrolled(sync_server.base_url, sync_admin, b, "Petite B") as device:
        push_territory(device, "Petite B", "pb", (2, 0), (oriented, step), ids)
    with enrolled(sync_server.base_url, sync_admin, c, "Maison C") as device:
        push_territory(device, "Maison C", "mc", (9, 3), (oriented, step), ids)

    # The manager of A, created as an administrator does, in Chromium.
    settings = dashboard.settings
    login = "chef-" + uuid.uuid4().hex[:8]
    added = spie_server(
        settings, "manager", "add", "--territory", a, login, "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert login in added
    seen_delays, seen_evaluations, page = _manager_sees(dashboard, login, tmp_path / "profile")
    assert f"Indicateurs du territoire {a}" in page
    for elsewhere in (b, c, "Maison B", "Petite B", "Maison C"):
        assert elsewhere not in page
    assert ids.found_in(page) == []
    assert NUMBER.fullmatch(seen_delays[-1]), seen_delays  # the quarter's, in days
    median = statistics.median(delays)
    assert seen_delays[-1] == f"{median:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    assert seen_evaluations[-1] == "6", seen_evaluations

    # Each territory's export: no identity, small cells hidden.
    exports = tmp_path / "exports"
    exports.mkdir()
    span = ["--from", period.start.isoformat(), "--to", period.end.isoformat()]
    files = []
    for code in (a, b, c):
        out = exports / f"indicateurs-{code}.json"
        spie_server(settings, "indicators", "export", "--territory", code, *span, "--out", str(out))
        csv = out.with_suffix(".csv")
        spie_server(settings, "indicators", "export", "--territory", code, *span, "--out", str(csv))
        for written in (out, csv):
            assert ids.found_in(written.read_text(encoding="utf-8")) == [], written.name
        cells = _cells(out)
        assert cells and _people_counts_published_small(cells) == []
        files.append(out)
    by_territory = {code: _cells(path) for code, path in zip((a, b, c), files, strict=True)}
    assert _suppressed(by_territory[b], "people_oriented", structure="Petite B")
    assert _suppressed(by_territory[c], "evaluations")  # three evaluations only
    assert _suppressed(by_territory[a], "plans_signed")  # one plan
    assert _value(by_territory[a], "evaluations") == 6
    assert _value(by_territory[b], "people_oriented") == 9

    # The State's table.
    national = exports / "national.json"
    merged = spie_server(settings, "indicators", "merge", *map(str, files), "--out", str(national))
    assert "3 export(s) merged" in merged
    checked = _check_national_totals(_cells(national), by_territory)
    assert "people_oriented" in checked
    assert ids.found_in(national.read_text(encoding="utf-8")) == []


def _cell(cells: list[dict[str, Any]], indicator: str, *, structure: str = "") -> dict[str, Any]:
    [found] = [
        c
        for c in cells
        if c["indicator"] == indicator
        and c["month"] == ""
        and c["structure"] == structure
        and c["category"] == ""
    ]
    return found


def _suppressed(cells: list[dict[str, Any]], indicator: str, *, structure: str = "") -> bool:
    return bool(_cell(cells, indicator, structure=structure)["suppressed"])


def _value(cells: list[dict[str, Any]], indicator: str) -> object:
    return _cell(cells, indicator)["value"]


def _check_national_totals(
    national: list[dict[str, Any]], by_territory: dict[str, list[dict[str, Any]]]
) -> set[str]:
    """Every national count equals the sum of the territories' published counts when none of
    them is suppressed, and is suppressed when one is; the indicators checked so."""
    checked = set()
    for cell in national:
        if cell["territory"] != "" or cell["structure"] != "":
            continue
        indicator = str(cell["indicator"])
        if DEFINITIONS[indicator].kind != "count":
            continue
        key = (indicator, cell["month"], cell["category"])
        parts = [
            c
            for cells in by_territory.values()
            for c in cells
            if (c["indicator"], c["month"], c["category"]) == key and c["structure"] == ""
        ]
        if any(p["suppressed"] for p in parts):
            assert cell["suppressed"], key
        elif not cell["suppressed"]:
            assert cell["value"] == sum(float(p["value"] or 0) for p in parts), key
            if parts:
                checked.add(indicator)
    return checked
