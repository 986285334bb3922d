"""The action plan in the UI: editor and its suggestions, review before signing, signing
step, PDF preview.

``steps`` wires them into the interview workspace (:func:`plan_models_for`, handed to
:func:`plan_editor_for`, :func:`review_page_for` and :func:`signing_page_for`) and into the
person file (:func:`open_plan_preview`).
"""

from __future__ import annotations

from .pdf_preview import PdfPreview, pdf_file_name
from .plan_editor import PlanEditor
from .plan_model import PlanModel, Problem
from .review_model import ReviewModel
from .review_page import ReviewPage
from .signing_model import Account, Refusal, SigningModel
from .signing_page import SigningPage
from .steps import (
    PlanModels,
    open_plan_preview,
    plan_editor_for,
    plan_models_for,
    review_page_for,
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
    "ReviewModel",
    "ReviewPage",
    "SigningModel",
    "SigningPage",
    "open_plan_preview",
    "pdf_file_name",
    "plan_editor_for",
    "plan_models_for",
    "review_page_for",
    "signing_page_for",
]
