"""Server import of a data·inclusion export of 20,000 services (JSON, as the national dumps
publish it) into a fresh SQLite database, then the same file again (everything unchanged):
wall time and the command's peak memory (its own process, as an administrator runs it).

Target (bench/targets.toml): the first import under 10 s. Returns figures, asserts nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, figure, print_figures

SERVICES = 20_000
THEMES = (
    "mobilite--preparer-un-permis",
    "se-former--trouver-sa-formation",
    "numerique--acceder-a-une-connexion-internet",
    "logement-hebergement--louer-un-logement",
)


def service(n: int) -> dict[str, Any]:
    """A service as the national exports publish it: most fields filled."""
    return {
        "source": "dora",
        "id": f"dora--{n}",
        "structure_id": f"dora--s{n % 2000}",
        "nom": f"Accompagnement vers l'emploi n°{n}",
        "description": "Un accompagnement individuel pour préparer son projet. " * 6,
        "date_maj": "2025-02-14",
        "type": "accompagnement",
        "thematiques": [THEMES[n % 4], THEMES[(n + 1) % 4]],
        "publics": ["jeunes", "demandeurs-emploi"],
        "frais": "gratuit",
        "modes_accueil": ["en-presentiel"],
        "modes_mobilisation": ["telephoner", "envoyer-un-courriel"],
        "mobilisable_par": ["professionnels"],
        "commune": "Saint-Laurent-du-Maroni",
        "code_insee": "97311",
        "code_postal": "97320",
        "adresse": f"{n % 200} avenue du Général de Gaulle",
        "latitude": 5.5 + n % 100 / 1000,
        "longitude": -54.0 - n % 100 / 1000,
        "telephone": "+594594000000",
        "courriel": f"contact{n}@exemple.fr",
        "lien_source": f"https://dora.inclusion.beta.gouv.fr/services/s-{n}",
        "zone_eligibilite": ["973"],
    }


def run_measured(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[3:5]} failed")
    return elapsed, usage.ru_maxrss / 1024


MEASURES = ("offers_import.import_20000_services_s",)


def figures(quick: bool) -> list[Figure]:
    """Each repeat: a fresh server data folder, the export imported, then imported again."""
    repeats = 1 if quick else 3
    first: list[float] = []
    again: list[float] = []
    peak: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        export = data / "services.json"
        export.write_text(json.dumps([service(n) for n in range(SERVICES)], ensure_ascii=False))
        cli = [sys.executable, "-m", "spie_server.admin.cli"]
        for n in range(repeats):
            where = ["--data-dir", str(data / f"server{n}")]
            run_measured([*cli, "territory", "add", "973", *where])
            seconds, mb = run_measured([*cli, "offers", "import", str(export), *where])
            first.append(seconds)
            peak.append(mb)
            again.append(run_measured([*cli, "offers", "import", str(export), *where])[0])
    return [
        figure("offers_import.import_20000_services_s", "s", first),
        figure("offers_import.reimport_unchanged_s", "s", again, informational=True),
        figure("offers_import.peak_mb", "MB", peak, informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
