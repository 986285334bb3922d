"""The action plan in the UI: editor, signing step, PDF preview .

``steps`` wires them into the interview workspace (:func:`plan_models_for`, handed to
:func:`plan_editor_for` and :func:`signing_page_for`) and into the person file
(:func:`open_plan_preview`).
"""

from __future__ import annotations

from .pdf_preview import PdfPreview, pdf_file_name
from .plan_editor import PlanEditor
from .plan_model import PlanModel, Problem
from .signing_model import Account, Refusal, SigningModel
from .signing_page import SigningPage
from .steps import (
    PlanModels,
    open_plan_preview,
    plan_editor_for,
    plan_models_for,
    signing_page_for,
)

__all__ = [
    "Account",
    "PdfPreview",
    "PlanEditor",
    "PlanModel",
    "PlanModels",
    "Problem",
    "Refusal",
    "SigningModel",
    "SigningPage",
    "open_plan_preview",
    "pdf_file_name",
    "plan_editor_for",
    "plan_models_for",
    "signing_page_for",
]
