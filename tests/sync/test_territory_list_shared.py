"""The desktop and the server know the same territories, under the same codes and zones."""

from __future__ import annotations

from spie_desktop.domain.territory import TERRITORIES, territory_by_code
from spie_protocol.territories import territory_list
from spie_server.retention.local_calendar import territory_zone
from spie_server.territory.territories import listed_territory


def test_both_sides_resolve_every_code_and_former_code_alike() -> None:
    listed = territory_list()
    assert dict(TERRITORIES) == dict(listed.territories)
    codes = [*listed.territories, *listed.aliases]
    assert {"69M", "20R", "75C", "CTG", "CTM", "973", "972"} <= set(codes)
    for code in codes:
        desktop = territory_by_code(code)
        assert listed_territory(code) == desktop, code
        assert territory_zone(code) == desktop.timezone, code
