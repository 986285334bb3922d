"""Plan PDF benchmark: render + two PAdES signatures per plan, PDF size, and WeasyPrint for scale.

Returns figures (bench/figures.py); asserts nothing. Targets (bench/targets.toml): rendered and signed twice in
< 150 ms; PDF ≤ 60 KB. The WeasyPrint line renders the same content from HTML/CSS (same
fonts, chart and signatures as inline SVG) in the same run, to show what the reportlab
choice buys; it is skipped, with the reason, where WeasyPrint cannot run.
"""

from __future__ import annotations

import math
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import date
from html import escape

from bench.figures import Figure, figure, print_figures
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.plan import SignerRole
from spie_desktop.forms import BarrierWeight
from spie_desktop.plan.chart import WEIGHT_VALUES, weight_text
from spie_desktop.plan.document import (
    ActionLine,
    BarrierLine,
    CounsellorLine,
    ObjectiveBlock,
    PlanDocument,
    SignatureLine,
)
from spie_desktop.plan.keys import generate_signing_identity
from spie_desktop.plan.render import render_plan_pdf, short_date
from spie_desktop.plan.signing import SignerInput, sign_plan_pdf
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.resources import resource_path

ROUNDS = 15


def _strokes(seed: int) -> tuple[tuple[tuple[float, float], ...], ...]:
    wave = tuple((0.05 + 0.6 * i / 40, 0.5 + 0.25 * math.sin(i / 3 + seed)) for i in range(41))
    tick = tuple((0.7 + 0.2 * i / 10, 0.7 - 0.4 * i / 10) for i in range(11))
    return (wave, tick)


def sample_document() -> PlanDocument:
    """Scenario 1 (Mme L., Rodez): two objectives, 16 themes, three signatures."""
    weights = [
        BarrierWeight.NONE,
        BarrierWeight.BLOCKING,
        BarrierWeight.STRONG,
        None,
        None,
        None,
        BarrierWeight.NOT_DISCUSSED,
        BarrierWeight.LIGHT,
    ] + [None] * 8
    themes = [
        "Logement",
        "Mobilité",
        "Contraintes familiales",
        "Difficultés financières",
        "Difficultés administratives",
        "Maîtrise de la langue française",
        "Numérique",
        "Emploi",
        "Formation",
        "Choisir un métier",
        "Se former",
        "Préparer sa candidature",
        "Trouver un emploi",
        "Créer une entreprise",
        "S'ouvrir à l'international",
        "Santé",
    ]
    cd, ft = "Conseil départemental de l'Aveyron", "France Travail Rodez"
    return PlanDocument(
        plan_id=uuid.uuid4(), plan_version=1, person_name="Hélène LEFÈVRE",
        birth_date=date(1979, 4, 12),
        counsellors=(CounsellorLine("Nadia Benali", "Volet social", cd),
                     CounsellorLine("Julien Roux", "Volet professionnel", ft)),
        place="Rodez", day=date(2026, 11, 27),
        barriers=tuple(BarrierLine(t, w) for t, w in zip(themes, weights, strict=True)),
        situations=(("Mobilité", ("Aucun moyen de transport à disposition",)),),
        strengths=("10 ans d'aidante auprès de sa mère", "Motivée"),
        priorities=("Mobilité", "Contraintes familiales"),
        project_text="Devenir aide à domicile, près de chez moi : ça me tient à cœur.",
        objectives=(
            ObjectiveBlock("Mobilité", "Accéder à un véhicule", "En cours", (
                ActionLine("Bourse au permis", cd, "Nadia Benali", date(2026, 12, 1),
                           date(2027, 2, 27), "Prévue"),)),
            ObjectiveBlock("Choisir un métier", "Découvrir un métier", "En cours", (
                ActionLine("Réalisation d'une PMSMP en service d'aide à domicile", ft,
                           "Julien Roux", date(2027, 3, 1), date(2027, 3, 12), "Prévue"),)),
        ),
        contract_label="contrat d'engagements réciproques (CER)",
        commitments=("Je m'engage à réaliser les actions prévues dans ce plan.",
                     "Les structures signataires s'engagent à mettre en œuvre leurs actions."),
        consent_wording="Les informations que vous nous confiez servent à construire avec vous "
        "votre parcours vers l'emploi. " * 3,
        consent_version="2026-01",
        consent_scopes=("Conserver mon dossier dans l'outil de la structure",),
        next_review=date(2027, 1, 8),
        signatures=tuple(
            SignatureLine(role, label, name, _strokes(seed))
            for seed, (role, label, name) in enumerate((
                (SignerRole.PERSON, "La personne accompagnée", "Hélène LEFÈVRE"),
                (SignerRole.SOCIAL, "Conseiller·ère, volet social", "Nadia Benali"),
                (SignerRole.EMPLOI, "Conseiller·ère, volet professionnel", "Julien Roux"),
            ))
        ),
        sensitive_included=False,
    )  # fmt: skip


def samples_ms(action: Callable[[], object], rounds: int = ROUNDS) -> list[float]:
    action()  # warm up: imports, font parsing
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    return statistics.median(samples_ms(action, rounds))


def weasyprint_html(doc: PlanDocument) -> str:
    font = resource_path("fonts", "DejaVuSans.ttf").as_uri()
    bold = resource_path("fonts", "DejaVuSans-Bold.ttf").as_uri()
    bars = "".join(
        f'<text x="145" y="{14 + 13 * i}" text-anchor="end" font-size="8.5">{escape(b.theme_label)}</text>'
        + (f'<rect x="150" y="{5 + 13 * i}" width="{max(3, 80 * WEIGHT_VALUES[b.weight])}" height="9" fill="#e8833a"/>'
           if b.weight in WEIGHT_VALUES else "")
        + f'<text x="{160 + 80 * WEIGHT_VALUES.get(b.weight, 0) if b.weight else 152}" y="{14 + 13 * i}" font-size="8.5">{weight_text(b.weight)}</text>'
        for i, b in enumerate(doc.barriers)
    )  # fmt: skip
    rows = "".join(
        f'<tr><th colspan="5">Objectif : {escape(o.theme_label)} — {escape(o.label)}</th></tr>'
        + "".join(
            f"<tr><td>{escape(a.label)}</td><td>{escape(a.responsible_structure)}, {escape(a.referent)}</td>"
            f"<td>{short_date(a.start)}</td><td>{short_date(a.due)}</td><td>{a.status_label}</td></tr>"
            for a in o.actions
        )
        for o in doc.objectives
    )
    pads = "".join(
        f'<div class="pad"><b>{escape(s.role_label)}</b><svg viewBox="0 0 1 0.34" width="150" height="50">'
        + "".join(
            '<polyline fill="none" stroke="#1a237e" stroke-width="0.01" points="'
            + " ".join(f"{x:.3f},{y / 3:.3f}" for x, y in stroke) + '"/>'
            for stroke in s.strokes
        )
        + f"</svg>{escape(s.signer_name)}</div>"
        for s in doc.signatures
    )  # fmt: skip
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>{escape(doc.title)}</title><style>
@font-face {{ font-family: D; src: url({font}); }}
@font-face {{ font-family: D; font-weight: bold; src: url({bold}); }}
@page {{ size: A4; margin: 18mm; @bottom-center {{ content: "Plan {doc.short_id} · version 1 · page " counter(page) "/" counter(pages); font: 8pt D; }} }}
body {{ font: 10pt/1.35 D; }} h1 {{ font-size: 17pt; }} h2 {{ font-size: 12.5pt; color: #1f3a5f; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }} th {{ background: #e8eef6; text-align: left; }}
.pad {{ display: inline-block; width: 32%; border: 0.5pt solid #b5c3d6; }}
</style></head><body>
<h1>{escape(doc.title)}</h1><p>{escape(doc.person_name)} — Établi à {escape(doc.place)}.</p>
<h2>Votre situation aujourd'hui</h2><svg width="490" height="{13 * len(doc.barriers) + 10}">{bars}</svg>
<h2>Votre projet, avec vos mots</h2><p>« {escape(doc.project_text)} »</p>
<h2>Vos objectifs et les actions prévues</h2><table>{rows}</table>
<h2>Nos engagements</h2>{"".join(f"<p>{escape(c)}</p>" for c in doc.commitments)}
<h2>Vos données personnelles</h2><p>{escape(doc.consent_wording)}</p>
<h2>Signatures</h2>{pads}</body></html>"""


def weasyprint_samples_ms(doc: PlanDocument, rounds: int) -> tuple[list[float], str]:
    """WeasyPrint's render of the same content, or no samples and the reason."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except Exception as exc:  # not installed, or its system libraries (Pango) are missing
        return [], f"WeasyPrint unavailable: {type(exc).__name__}: {exc}"
    html = weasyprint_html(doc)
    try:
        pdf = weasyprint.HTML(string=html).write_pdf()
    except Exception as exc:
        return [], f"WeasyPrint failed to render: {type(exc).__name__}: {exc}"
    samples = samples_ms(lambda: weasyprint.HTML(string=html).write_pdf(), rounds)
    return samples, f"WeasyPrint {weasyprint.__version__}, {len(pdf) / 1024:.1f} KB unsigned"


MEASURES = ("plan.render_and_sign_twice_ms", "plan.pdf_kb")


def figures(quick: bool) -> list[Figure]:
    """Render and sign, render alone, verify, the PDF's size; the render is compared with
    WeasyPrint's render of the same content in the same run when WeasyPrint can run."""
    rounds = 3 if quick else ROUNDS
    doc = sample_document()
    render_and_sign = signing_action(doc)
    signed = render_and_sign()
    render = samples_ms(lambda: render_plan_pdf(doc), rounds)
    total = samples_ms(render_and_sign, rounds)
    verify = samples_ms(lambda: verify_pdf(signed), min(rounds, 5))
    weasy, note = weasyprint_samples_ms(doc, min(rounds, 5))
    return [
        figure("plan.render_and_sign_twice_ms", "ms", total),
        figure("plan.pdf_kb", "KB", [len(signed) / 1024], note="signed twice"),
        figure(
            "plan.render_ms",
            "ms",
            render,
            comparison=("WeasyPrint", weasy) if weasy else None,
            informational=True,
            note=note,
        ),
        figure("plan.verify_two_signatures_ms", "ms", verify, informational=True),
    ]


def signing_action(doc: PlanDocument) -> Callable[[], bytes]:
    """Render ``doc`` and sign it twice (social, then employment counsellor)."""
    nadia = generate_signing_identity(
        "Nadia Benali", "Conseil départemental de l'Aveyron", Field.SOCIAL
    )
    julien = generate_signing_identity("Julien Roux", "France Travail Rodez", Field.EMPLOI)

    def render_and_sign() -> bytes:
        rendered = render_plan_pdf(doc)
        signers = [
            SignerInput(f"Signature{role.value}", rendered.signature_boxes[role], ident.private_key,
                        ident.certificate, name, location="Rodez")
            for role, ident, name in ((SignerRole.SOCIAL, nadia, "Nadia Benali"),
                                      (SignerRole.EMPLOI, julien, "Julien Roux"))
        ]  # fmt: skip
        return sign_plan_pdf(rendered.pdf, signers)

    return render_and_sign


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
