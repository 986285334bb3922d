"""How an offer reads on screen: a result's line and its detail (French, plain text)."""

from __future__ import annotations

from spie_desktop.domain.offers import OfferResult
from spie_desktop.services import offer_vocabulary as vocabulary

from .i18n import tr


def distance_text(result: OfferResult) -> str:
    if result.distance_km is None:
        return ""
    return tr("{km} km", km=f"{result.distance_km:.1f}".replace(".", ","))


def result_line(result: OfferResult) -> str:
    """« 3,2 km · Auto-école sociale — Mission locale »: the distance first, never cut."""
    line = f"{result.name} — {result.structure}" if result.structure else result.name
    distance = distance_text(result)
    return f"{distance} · {line}" if distance else line


def _labels(values: tuple[str, ...], labels: dict[str, str]) -> str:
    return ", ".join(labels.get(v, v) for v in values)


def detail_text(result: OfferResult) -> str:
    """The detail pane: what it is, how to get in, whom to contact, how fresh it is."""
    lines = [result.name, result.structure, ""]
    if result.description:
        lines += [result.description, ""]
    facts = [
        (tr("Thématiques"), _labels(result.thematiques, vocabulary.sub_thematiques())),
        (tr("Type"), vocabulary.types().get(result.type, result.type)),
        (tr("Publics"), _labels(result.publics, vocabulary.publics())),
        (tr("Frais"), vocabulary.frais().get(result.frais, result.frais)),
        (tr("Accueil"), _labels(result.modes_accueil, vocabulary.modes_accueil())),
        (tr("Distance"), distance_text(result)),
        (tr("Pour y accéder"), _labels(result.modes_mobilisation, vocabulary.modes_mobilisation())),
        (tr("Précisions"), result.mobilisation_details),
        (tr("Adresse"), ", ".join(p for p in (result.address, result.commune) if p)),
        (tr("Contact"), result.snapshot().contact_line()),
        (
            tr("Mise à jour par la source"),
            result.updated_on.strftime("%d/%m/%Y") if result.updated_on else "",
        ),
    ]
    lines += [f"{label} : {value}" for label, value in facts if value]
    return "\n".join(lines)
