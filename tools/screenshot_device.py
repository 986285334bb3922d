"""The demo device the README's screenshots are taken on (see ``tools/screenshots.py``).

Aveyron, Nadia B. for the social field and Julien R. for employment, a demo store of
synthetic people (fixed seed) and the territory's demo offer catalogue (« Offre locale »);
the person shown is chosen for what her diagnostic shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

PEOPLE = 300
SEED = 7
NADIA_PASSPHRASE = "demo-aveyron-nadia-2026"
JULIEN_PASSPHRASE = "demo-aveyron-julien-2026"


class ScreenshotError(Exception):
    """A step failed; the message is the one line printed on stderr."""


@dataclass(frozen=True)
class DemoDevice:
    data_dir: Path
    nadia_id: uuid.UUID
    julien_id: uuid.UUID
    person_id: uuid.UUID


# -- the device --------------------------------------------------------------------------------


def build_device(data_dir: Path) -> DemoDevice:
    """A set-up device with two accounts and a demo store; the person to show is chosen here."""
    from spie_desktop.domain.organisation import Field, StructureKind
    from spie_desktop.services import device
    from spie_desktop.services.demo import populate_demo
    from spie_desktop.services.demo_offers import populate_demo_offers

    setup = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Conseil départemental de l'Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        julien = device.add_counsellor(
            session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
        )
        populate_demo(session, PEOPLE, SEED)
        if not populate_demo_offers(session, SEED).services:
            raise ScreenshotError("the demo offer catalogue of the territory is empty")
        person_id = pick_person(session)
    return DemoDevice(data_dir, setup.counsellor_id, julien.id, person_id)


def pick_person(session: object) -> uuid.UUID:
    """The diagnostic under way that shows the most at a glance: in each pane, an assessed
    theme with situations ticked and a note; a strong barrier somewhere (suggested
    objectives); short themes rather than long ones."""
    from spie_desktop.domain.interview import InterviewStatus

    best: tuple[float, uuid.UUID] | None = None
    with session.uow(read_only=True) as uow:  # type: ignore[attr-defined]
        for person in uow.people.list_all():
            interview = uow.interviews.latest_open_for_person(person.id)
            if interview is None or interview.status is not InterviewStatus.IN_PROGRESS:
                continue
            answers = {a.key: a.value for a in uow.answers.list_for(interview.id)}
            score = sum(_pane_score(answers, themes) for themes in _pane_themes().values())
            if any(
                v in ("strong", "blocking") for k, v in answers.items() if k.endswith(".barrier")
            ):
                score += 1
            if best is None or score > best[0]:
                best = (score, person.id)
    if best is None or best[0] < 4:
        raise ScreenshotError("no demo person with a diagnostic under way in both panes")
    return best[1]


def _pane_themes() -> dict[str, dict[str, int]]:
    """Pane id -> theme id -> how many situations the theme lists."""
    from spie_desktop.forms import builtin_registry

    definition = builtin_registry().get("socle-commun", 1)
    return {p.id: {t.id: len(t.situations) for t in p.themes} for p in definition.panes()}


def _showcase_theme(answers: dict[str, object], themes: dict[str, int]) -> str | None:
    """The pane's theme best worth opening: assessed, situations ticked, a note, short."""
    ranked = []
    for theme, situations in themes.items():
        weight = answers.get(f"{theme}.barrier")
        if not weight or weight == "none":
            continue
        ticked = bool(answers.get(f"{theme}.situations")) or situations == 0
        noted = bool(answers.get(f"{theme}.notes"))
        ranked.append((2 * ticked + 2 * noted - situations / 20, theme))
    return max(ranked)[1] if ranked else None


def _pane_score(answers: dict[str, object], themes: dict[str, int]) -> float:
    theme = _showcase_theme(answers, themes)
    if theme is None:
        return 0.0
    ticked = bool(answers.get(f"{theme}.situations")) or themes[theme] == 0
    noted = bool(answers.get(f"{theme}.notes"))
    return 2 * ticked + 2 * noted - themes[theme] / 20
