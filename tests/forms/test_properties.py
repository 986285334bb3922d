"""Random answer sequences never crash the engine; progress stays within 0–100 %."""

from __future__ import annotations

import json
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spie_desktop.domain.errors import SpieError
from spie_desktop.forms import InterviewState, builtin_definition, builtin_registry

SOCLE = builtin_definition("socle-commun", 1)
KEYS = sorted(SOCLE.fields)
CHOICES = sorted({c for spec in SOCLE.fields.values() for c in spec.choices})
AUTHORS = [uuid.UUID(int=1), uuid.UUID(int=2), None]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
values = st.one_of(
    json_scalars,
    st.sampled_from(CHOICES),
    st.lists(st.sampled_from(CHOICES), max_size=5),
    st.lists(st.text(max_size=10), max_size=4),
    st.sampled_from(["31/12/2024", "2024-02-30", "oui", "non", "3", "12,5", "-1", "nan"]),
    st.dictionaries(st.text(max_size=3), json_scalars, max_size=2),
    st.builds(object),
)
keys = st.sampled_from(KEYS) | st.text(max_size=20)
steps = st.lists(
    st.tuples(st.sampled_from(["set", "advance", "back"]), keys, values, st.sampled_from(AUTHORS)),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_random_answers_never_crash(
    actions: list[tuple[str, str, object, uuid.UUID | None]],
) -> None:
    state = InterviewState(SOCLE)
    for action, key, value, author in actions:
        try:
            if action == "set":
                errors = state.set_answer(key, value, author)
                assert all(error.message for error in errors)
            elif action == "advance":
                state.advance()
            else:
                state.go_back()
        except SpieError:
            pass  # typed errors (unknown key) are allowed; nothing else is
        for pane in ("volet_social", "volet_professionnel"):
            assert 0 <= state.progress(pane) <= 100
        assert 0 <= state.progress_overall() <= 100
    state.errors()
    state.synthesis()
    state.synthesis(for_print=True)
    state.printable_answers()
    stored = json.loads(json.dumps(state.to_payload(), allow_nan=False))  # really JSON
    again = InterviewState.from_payload(builtin_registry(), stored)
    assert again.answers == state.answers
    assert again.progress_overall() == state.progress_overall()
