"""The server withholds sensitive answers by their key (spie_protocol.sharing), since it
cannot read the method's definitions: that list must say exactly what every installed
definition marks sensitive, or a health answer would travel as an ordinary one."""

from __future__ import annotations

from spie_desktop.domain.people import ConsentScope
from spie_desktop.forms.registry import DefinitionRegistry
from spie_protocol import sharing


def test_the_protocol_knows_every_sensitive_answer_of_every_definition() -> None:
    registry = DefinitionRegistry()
    for definition_id, version in registry.available():
        definition = registry.get(definition_id, version)
        marked = {key for key, spec in definition.fields.items() if spec.sensitive}
        assert marked, (definition_id, version)
        listed = {key for key in definition.fields if sharing.is_sensitive_answer(key)}
        assert listed == marked, (definition_id, version)


def test_the_consent_scopes_the_server_reads_are_the_desktop_s() -> None:
    assert ConsentScope.SHARE_CONSORTIUM.value == sharing.SHARE_CONSORTIUM
    assert ConsentScope.SHARE_SENSITIVE.value == sharing.SHARE_SENSITIVE
