"""Fixtures for the forms tests: the built-in definition and a small definition to break."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from spie_desktop.forms import FormDefinition, builtin_definition

#: A small but complete definition; tests replace parts of it to make it wrong.
MINIMAL = textwrap.dedent(
    """\
    id: essai
    version: 1
    title: Essai
    sensitive_consent: accueil.sensible
    steps:
      - id: accueil
        kind: consent
        title: Accueil
        advance_if: accueil.accord == true
        blocked_message: Consentement nécessaire.
        questions:
          - id: accord
            type: yes_no
            label: Accord
            required: true
          - id: sensible
            type: yes_no
            label: Accord sensible
      - id: situation
        kind: diagnostic
        title: Situation
        panes:
          - id: social
            field: social
            title: Volet social
            themes:
              - id: mobilite
                label: Mobilité
                situations:
                  - {id: permis-b, label: Permis B}
                  - {id: sans-vehicule, label: Aucun véhicule}
                objectives: [Accéder à un véhicule]
                questions:
                  - id: permis
                    type: yes_no
                    label: Permis
                  - id: vehicule
                    type: yes_no
                    label: Véhicule disponible
                    visible_if: mobilite.permis == true
              - id: sante
                label: Santé
                sensitive: true
                objectives: [Accéder aux soins]
          - id: emploi_pane
            field: emploi
            title: Volet professionnel
            themes:
              - id: emploi
                label: Emploi
                shared: true
                questions:
                  - id: duree
                    type: single_choice
                    label: Durée sans emploi
                    required: true
                    choices:
                      - {value: court, label: Moins d'un an}
                      - {value: long, label: Plus d'un an}
      - id: priorites
        kind: priorities
        title: Priorités
        questions:
          - id: projet
            type: long_text
            label: Projet
            role: project
          - id: ordre
            type: multiple_choice
            label: Priorités
            choices_from: themes
            ordered: true
            role: priorities
      - id: signature
        kind: signature
        title: Signature
    """
)


@pytest.fixture(scope="session")
def socle() -> FormDefinition:
    return builtin_definition("socle-commun", 1)


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing ``fragment``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return found[occurrence - 1]


def add_after(text: str, anchor: str, new: str, occurrence: int = 1) -> str:
    """Insert ``new`` as a sibling key after the n-th line that is ``anchor`` (list dash aside)."""
    lines = text.splitlines()
    index = [n for n, line in enumerate(lines) if line.strip(" -") == anchor][occurrence - 1]
    line = lines[index]
    indent = len(line) - len(line.lstrip(" -"))
    lines.insert(index + 1, " " * indent + new)
    return "\n".join(lines) + "\n"


def drop_line(text: str, content: str) -> str:
    """Remove the line that is ``content`` (indentation aside)."""
    return "".join(line for line in text.splitlines(True) if line.strip() != content)
