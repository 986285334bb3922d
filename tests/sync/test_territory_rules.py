"""A device takes its territory's alert thresholds at sync, against a real server: they are
then read-only on the device; without them (none set, cleared, or a server older than
territory settings) the device keeps what it has."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.services.alert_rules import (
    TerritoryRulesLocked,
    current_rules,
    rules_in_force,
    save_rules,
)
from spie_protocol.endpoints import CHANGES, TERRITORY_SETTINGS
from tests.server.helpers import Admin, RunningServer
from tests.sync import fault_proxy
from tests.sync.conftest import Laptop
from tests.sync.fault_proxy import FaultProxy

MakeLaptop = Callable[..., Laptop]


def test_a_device_receives_the_rules_its_territory_set_and_cannot_change_them(
    make_laptop: MakeLaptop, sync_admin: Admin, sync_territory: str
) -> None:
    laptop = make_laptop("guyane")
    save_rules(laptop.session, AlertRules(no_contact_days=20))  # its own, before the territory's
    sync_admin.set_alert_rules(sync_territory, no_contact_days=60, action_overdue_days=7)
    assert laptop.sync().ok
    assert rules_in_force(laptop.session).from_territory
    assert current_rules(laptop.session) == AlertRules(no_contact_days=60, action_overdue_days=7)
    with pytest.raises(TerritoryRulesLocked):
        save_rules(laptop.session, AlertRules(no_contact_days=10))
    assert current_rules(laptop.session).no_contact_days == 60


def test_without_territory_rules_the_device_keeps_its_own(
    make_laptop: MakeLaptop, sync_admin: Admin, sync_territory: str
) -> None:
    laptop = make_laptop("sans-regles")
    save_rules(laptop.session, AlertRules(gap_between_steps_days=21))
    assert laptop.sync().ok
    in_force = rules_in_force(laptop.session)
    assert in_force == type(in_force)(AlertRules(gap_between_steps_days=21), False)


def test_rules_the_territory_cleared_stay_and_become_editable_again(
    make_laptop: MakeLaptop, sync_admin: Admin, sync_territory: str
) -> None:
    laptop = make_laptop("efface")
    sync_admin.set_alert_rules(sync_territory, no_contact_days=90)
    assert laptop.sync().ok and rules_in_force(laptop.session).from_territory
    sync_admin.clear_alert_rules(sync_territory)
    assert laptop.sync().ok
    in_force = rules_in_force(laptop.session)
    assert not in_force.from_territory and in_force.rules.no_contact_days == 90
    save_rules(laptop.session, AlertRules(no_contact_days=30))
    assert current_rules(laptop.session).no_contact_days == 30


@pytest.fixture
def older_server(
    sync_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FaultProxy]:
    """The real server seen through a link that sends territory-settings requests to a path
    the server does not serve: it answers its own 404, like a server older than the endpoint
    (and, older than the pull's status too, its pages never carry one)."""
    forward = fault_proxy._forward
    asked = f"GET {TERRITORY_SETTINGS.path} ".encode("ascii")
    pull = f"GET {CHANGES.path}?".encode("ascii")

    def forward_as_older(upstream: tuple[str, int], request: bytes, wait: bool = True) -> bytes:
        if request.startswith(asked):
            request = request.replace(asked, b"GET /v1/not-served-by-this-server ", 1)
        if request.startswith(pull):
            request = request.replace(b"status=true", b"status=false", 1)
        return forward(upstream, request, wait)

    monkeypatch.setattr(fault_proxy, "_forward", forward_as_older)
    running = FaultProxy(int(sync_server.base_url.rsplit(":", 1)[1]))
    yield running
    running.close()


def test_a_server_without_territory_settings_is_no_error_and_local_rules_stay(
    make_laptop: MakeLaptop,
    older_server: FaultProxy,
    sync_admin: Admin,
    sync_territory: str,
) -> None:
    laptop = make_laptop("ancien-serveur", url=older_server.url)
    other = make_laptop("collegue")
    other.add_person("Ana", "Silva")
    assert other.sync().ok
    save_rules(laptop.session, AlertRules(not_seen_after_orientation_days=10))
    sync_admin.set_alert_rules(sync_territory, not_seen_after_orientation_days=50)
    report = laptop.sync()
    assert report.ok, report.error_en
    assert report.pulled.get("people") == 1  # the rest of the run went through
    assert older_server.bodies("GET", TERRITORY_SETTINGS.path) == [b""]  # asked, once
    in_force = rules_in_force(laptop.session)
    assert in_force.rules == AlertRules(not_seen_after_orientation_days=10)
    assert not in_force.from_territory
