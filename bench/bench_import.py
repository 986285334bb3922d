"""Import of an orientation list of 10,000 rows (CSV, Windows-1252, ``;``), then the same
list again (everything matched, nothing written), then the same rows as an Excel workbook
into a fresh store.

Target (bench/targets.toml): the first import under 5 s. Measured as the application runs it:
on the database lane, with no automatic cycle collection there (ui/gui_gc.py); before that
the collector's passes over the growing heap cost a third of the CPU time. Prints figures,
asserts nothing.
"""

from __future__ import annotations

import csv
import gc
import io
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.figures import Figure, figure, print_figures

ROWS = 10_000
PASSPHRASE = "banc d'essai du Lévézou"
HEADER = [
    "Nom de naissance",
    "Prénom",
    "Date naiss.",
    "Commune",
    "Code INSEE",
    "Téléphone",
    "E-mail",
    "Orienté par",
    "Date d'orientation",
    "Motif",
]
ORIENTEURS = ("Conseil départemental", "France Travail", "Mission locale de Rodez")
SYLLABLES = ("ber", "na", "dou", "li", "mar", "to", "ri", "sa", "ve", "lo", "qui", "chè")
FIRST_NAMES = ("Hélène", "Aïssatou", "François", "Noé", "Maëlys", "Kévin", "Inès")


def last_name(n: int) -> str:
    """A distinct made-up surname for every ``n`` below 12⁴."""
    return "".join(SYLLABLES[n // 12**k % 12] for k in range(4)).capitalize()


def birth_date(n: int) -> date:
    """Spread over 55 years, distinct for every ``n`` below 20,000 (7919 is prime)."""
    return date(1950, 1, 1) + timedelta(days=n * 7919 % 20_000)


def rows(count: int) -> list[list[str]]:
    """``count`` distinct people with every column filled, as a département's export."""
    out = []
    for n in range(count):
        out.append(
            [
                last_name(n),
                FIRST_NAMES[n % len(FIRST_NAMES)],
                f"{birth_date(n):%d/%m/%Y}",
                "Rodez",
                "12202",
                f"06 {n // 10000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d} 00",
                f"personne.{n}@exemple.fr",
                ORIENTEURS[n % 3],
                f"{1 + n % 28:02d}/{1 + n % 11:02d}/2026",
                "RSA – orientation socio-professionnelle",
            ]
        )
    return out


def write_csv(path: Path, body: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(body)
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


def write_xlsx(path: Path, body: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in body:
        sheet.append(row)
    workbook.save(path)
    return path


MEASURES = ("import.import_10000_rows_s",)


def figures(quick: bool) -> list[Figure]:
    """Each repeat imports the CSV of ROWS new people into a fresh device, then the same list
    again (all matched); one XLSX import of the same rows, informational (not in a quick run)."""
    from bench.devices import bench_device
    from spie_desktop.services.orientation_import import import_orientation_list

    repeats = 1 if quick else 3
    today = date(2026, 12, 31)
    body = rows(ROWS)
    first: list[float] = []
    first_cpu: list[float] = []
    again: list[float] = []
    xlsx: list[float] = []
    for n in range(repeats):
        with tempfile.TemporaryDirectory(prefix="spie-bench-import-") as tmp:
            folder = Path(tmp)
            listing = write_csv(folder / "liste.csv", body)
            _setup, session = bench_device(folder, PASSPHRASE)
            try:
                # As in the application (ui/gui_gc.py): the import runs on the database lane,
                # where no automatic cycle collection runs (the GUI thread collects).
                gc.collect()
                gc.disable()
                started, cpu = time.perf_counter(), time.process_time()
                import_orientation_list(session, listing, today=today)
                first.append(time.perf_counter() - started)
                first_cpu.append(time.process_time() - cpu)
                started = time.perf_counter()
                import_orientation_list(session, listing, today=today)
                again.append(time.perf_counter() - started)
            finally:
                gc.enable()
                session.close()
        if quick or n:
            continue
        with tempfile.TemporaryDirectory(prefix="spie-bench-import-xlsx-") as tmp:
            folder = Path(tmp)
            workbook = write_xlsx(folder / "liste.xlsx", body)
            _setup, session = bench_device(folder, PASSPHRASE)
            try:
                gc.collect()
                gc.disable()
                started = time.perf_counter()
                import_orientation_list(session, workbook, today=today)
                xlsx.append(time.perf_counter() - started)
            finally:
                gc.enable()
                session.close()
    found = [
        figure("import.import_10000_rows_s", "s", first, note="CSV, new people"),
        # CPU time of this process (the wall clock also counts other processes' turns).
        figure("import.import_10000_rows_cpu_s", "s", first_cpu, informational=True),
        figure("import.reimport_10000_rows_s", "s", again, informational=True),
    ]
    if xlsx:
        found.append(figure("import.import_10000_rows_xlsx_s", "s", xlsx, informational=True))
    return found


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
