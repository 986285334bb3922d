"""``spie-desktop --self-check``: does this installation have everything it needs?

Run by administrators after a (silent) install, and by the bundle tests. One line per check,
``<what>: OK`` or ``<what>: FAILED — <why>``; exit status 0 only if every check passed.
Needs no display (Qt runs on the offscreen platform here) and writes nothing to the user's
data folder: the test store lives in a temporary folder deleted afterwards and holds no
personal data; the test PDF and its key live in memory.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, TextIO

#: The characters French plans print; a font missing one of them would drop letters.
FRENCH_SAMPLE = "àâçéèêëîïôûùüÿœæ’«»€ÀÇÉÈŒ"
#: French words as a dictionary sorts them; code-point order would put « école » last.
FRENCH_SORTED = ["école", "eric", "f", "zèbre"]
#: « salam »: its letters join when shaped, and lam + alef become one ligature.
ARABIC_SAMPLE = "سلام"
PLATFORM_PLUGINS = {"linux": ("offscreen", "xcb"), "win32": ("offscreen", "windows")}
DARWIN_PLUGINS = ("offscreen", "cocoa")


@dataclass(frozen=True)
class CheckResult:
    label: str
    ok: bool
    detail: str = ""

    def line(self) -> str:
        if self.ok:
            return f"{self.label}: OK"
        return f"{self.label}: {self.detail or 'FAILED'}"


class CheckFailed(Exception):
    """A check found a problem; the message says which (English, for administrators)."""


# -- the checks -------------------------------------------------------------------------------


def check_sqlcipher() -> CheckResult:
    """An encrypted store made with the app's own code (migrations included), reopened."""
    import sqlcipher3

    from spie_desktop.storage.schema import SCHEMA_HEAD
    from spie_desktop.storage.store import Store

    key = secrets.token_bytes(32)
    with tempfile.TemporaryDirectory(prefix="spie-self-check-") as tmp:
        path = Path(tmp) / "self-check.db"
        Store.create(path, key).close()
        if path.read_bytes()[:16].startswith(b"SQLite format 3"):
            raise CheckFailed("the test store was written unencrypted")
        with Store.open(path, key):
            pass
        conn = sqlcipher3.connect(":memory:")
        try:
            version = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        finally:
            conn.close()
    if not version.startswith("4."):
        raise CheckFailed(f"SQLCipher {version} found, version 4 needed")
    return CheckResult(f"SQLCipher {version} (encrypted store, schema {SCHEMA_HEAD})", True)


def check_qt_platforms() -> CheckResult:
    """The platform plugins load (with their system libraries); Qt starts offscreen."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # this check never needs a display
    from spie_desktop.ui import qt_checks  # Qt lives in the UI package only

    names = DARWIN_PLUGINS if sys.platform == "darwin" else PLATFORM_PLUGINS.get(sys.platform, ())
    problems = qt_checks.platform_plugin_problems(names)
    if problems:
        raise CheckFailed("; ".join(problems))
    return CheckResult(f"Qt {qt_checks.qt_version()} platform plugins ({', '.join(names)})", True)


def check_fonts() -> CheckResult:
    """The shipped DejaVu faces load in reportlab (PDF) and Qt, with every French letter."""
    from spie_desktop.plan.fonts import BOLD, REGULAR, font_face
    from spie_desktop.resources import resource_path

    for name in (REGULAR, BOLD):
        face = font_face(name)
        missing = [c for c in FRENCH_SAMPLE if ord(c) not in face.charToGlyph]
        if missing:
            raise CheckFailed(f"{name} lacks {''.join(missing)}")
    from spie_desktop.ui import qt_checks

    path = resource_path("fonts", "DejaVuSans.ttf")
    if not qt_checks.application_font_loads(path):
        raise CheckFailed(f"Qt cannot load {path}")
    return CheckResult(f"Fonts ({REGULAR}, {BOLD})", True)


def check_text_on_screen() -> CheckResult:
    """What the bundle's Qt needs beyond its platform plugins: ICU's collation data (French
    words sort as in a dictionary), HarfBuzz shaping (an Arabic word joined, right to left,
    in the shipped font) and QtSvg (a theme's pictogram paints)."""
    from spie_desktop.domain.pictograms import pictogram_svg
    from spie_desktop.domain.referential import themes
    from spie_desktop.resources import resource_path
    from spie_desktop.ui import qt_checks

    problems = []
    collated = qt_checks.collated(list(reversed(FRENCH_SORTED)), "fr_FR")
    if collated != FRENCH_SORTED:
        problems.append(f"French words sort as {collated} (no ICU collation data?)")
    font = resource_path("fonts", "DejaVuSans.ttf")
    glyphs, right_to_left = qt_checks.shaped_glyphs(ARABIC_SAMPLE, font)
    letters = [g for letter in ARABIC_SAMPLE for g in qt_checks.shaped_glyphs(letter, font)[0]]
    if not right_to_left or sorted(glyphs) == sorted(letters):
        problems.append("Arabic text is not shaped right to left")
    theme = next(iter(themes()))
    if not qt_checks.svg_inked_pixels(pictogram_svg(theme) or b""):
        problems.append(f"the pictogram of {theme!r} does not paint (QtSvg)")
    if problems:
        raise CheckFailed("; ".join(problems))
    return CheckResult("Text on screen (French collation, Arabic shaping, SVG pictograms)", True)


def check_pdf_signing() -> CheckResult:
    """A one-page PDF signed with a throw-away key through the app's code, then verified."""
    from pyhanko.version import __version__ as pyhanko_version
    from reportlab.pdfgen.canvas import Canvas

    from spie_desktop.domain.organisation import Field
    from spie_desktop.plan.fonts import REGULAR, register_fonts
    from spie_desktop.plan.keys import generate_signing_identity
    from spie_desktop.plan.signing import SignerInput, sign_plan_pdf
    from spie_desktop.plan.verify import verify_pdf

    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, initialFontName=REGULAR)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(72, 760, f"Autocontrôle spie-desktop : {FRENCH_SAMPLE}")
    canvas.showPage()
    canvas.save()
    identity = generate_signing_identity("Autocontrôle", "spie-desktop", Field.SOCIAL)
    signer = SignerInput(
        field_name="Autocontrole",
        box=(0, 72.0, 600.0, 272.0, 660.0),
        private_key=identity.private_key,
        certificate=identity.certificate,
        name="Autocontrôle",
    )
    signed = sign_plan_pdf(buffer.getvalue(), [signer])
    # One throw-away key as its own root: checks the machinery, not a plan's two counsellors.
    report = verify_pdf(signed, trust_roots=[identity.certificate], required_fields=())
    if not report.ok:
        raise CheckFailed(f"the test signature does not verify: {report.verdict_en}")
    from spie_desktop.ui import qt_checks

    if qt_checks.rendered_pdf_pages(signed) != 1:
        raise CheckFailed("the plan preview does not render the test PDF (pdfium)")
    return CheckResult(
        f"PDF signing (pyHanko {pyhanko_version}, test signature verified, preview rendered)",
        True,
    )


def check_provisioning() -> CheckResult:
    from spie_desktop.provisioning import ProvisioningRefused, bundled_provisioning

    try:
        provisioning = bundled_provisioning()
    except ProvisioningRefused as exc:
        return CheckResult("Provisioning", False, f"REFUSED — {exc.reason_en}")
    if provisioning is None:
        return CheckResult("Provisioning: none (unprovisioned bundle)", True)
    name = f" ({provisioning.bundle_name})" if provisioning.bundle_name else ""
    return CheckResult(
        f"Provisioning{name}: territory {provisioning.territory_code}, "
        f"server {provisioning.server_url}",
        True,
    )


def check_reference_data() -> CheckResult:
    """The data files read at run time: the method's referential, the first names the
    redaction step looks for, the offer catalogue's vocabulary, the theme mapping and the
    person-facing language files (a broken one raises LanguageFileError, naming it)."""
    from spie_desktop.domain.offer_themes import theme_thematiques
    from spie_desktop.domain.person_texts import shipped_files
    from spie_desktop.domain.redaction import first_names
    from spie_desktop.domain.referential import themes
    from spie_desktop.services.offer_vocabulary import modes_accueil, publics, sub_thematiques

    counts = {
        "themes": len(themes()),
        "first names": len(first_names()),
        "sub-themes": len(sub_thematiques()),
        "publics": len(publics()),
        "reception modes": len(modes_accueil()),
        "theme mappings": len(theme_thematiques()),
        # Each shipped language file, validated against the French one (keys, placeholders).
        "person languages": len(shipped_files()),
    }
    empty = [name for name, count in counts.items() if not count]
    if empty:
        raise CheckFailed(f"empty reference data: {', '.join(empty)}")
    from spie_desktop.domain.pictograms import pictogram_path

    paths = {name: pictogram_path(name) for name in themes()}
    unpictured = [name for name, path in paths.items() if path is None or not path.is_file()]
    if unpictured:
        raise CheckFailed(f"themes without their pictogram file: {', '.join(unpictured)}")
    return CheckResult(
        f"Reference data ({counts['themes']} themes, {counts['first names']} first names, "
        f"{counts['sub-themes']} offer sub-themes, their pictograms, "
        f"{counts['person languages']} person languages)",
        True,
    )


CHECKS: tuple[tuple[str, Callable[[], CheckResult]], ...] = (
    ("SQLCipher", check_sqlcipher),
    ("Qt platform plugins", check_qt_platforms),
    ("Fonts", check_fonts),
    ("Text on screen", check_text_on_screen),
    ("Reference data", check_reference_data),
    ("PDF signing", check_pdf_signing),
    ("Provisioning", check_provisioning),
)


# -- running them -----------------------------------------------------------------------------


def run_checks() -> list[CheckResult]:
    results = []
    for label, check in CHECKS:
        try:
            results.append(check())
        except CheckFailed as exc:
            results.append(CheckResult(label, False, f"FAILED — {exc}"))
        except Exception as exc:  # an import or library failure is exactly what we look for
            results.append(CheckResult(label, False, f"FAILED — {type(exc).__name__}: {exc}"))
    return results


def run_self_check(out: TextIO | None = None) -> int:
    """Print one line per check; 0 if all passed, else 1."""
    from spie_desktop import __version__

    stream = out or sys.stdout
    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"spie-desktop {__version__} self-check ({frozen}, {sys.platform})", file=stream)
    results = run_checks()
    for result in results:
        print(result.line(), file=stream, flush=True)
    return 0 if all(r.ok for r in results) else 1


class SelfCheckAction(argparse.Action):
    """``--self-check`` for the command line: runs the checks, then exits like ``--version``."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "check this installation (no display needed) and exit")
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, **kwargs
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        parser.exit(run_self_check())
