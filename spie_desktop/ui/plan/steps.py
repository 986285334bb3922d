"""The plan in the interview workspace, and a signed plan's PDF from the person file.

The workspace's plan and signature steps share one :class:`PlanModel`, one
:class:`ReviewModel` and one :class:`SigningModel`: the workspace makes them once
(:func:`plan_models_for`) and hands them to both pages, built lazily, so that both see the
same draft. The signature step opens on the review; a problem's "Corriger dans le plan"
goes back to the plan step, to what the problem is about.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from spie_desktop.domain.organisation import Field
from spie_desktop.services.demo_plans import demo_signer_accounts
from spie_desktop.services.plans import PlanService

from ..i18n import tr
from .large_print_opening import open_large_print
from .pdf_preview import PdfPreview, pdf_file_name
from .plan_editor import PlanEditor
from .plan_model import PlanModel
from .review_model import ReviewModel
from .review_page import ReviewPage
from .signing_model import Account, SigningModel
from .signing_page import SigningPage

if TYPE_CHECKING:
    from spie_desktop.domain.plan import ActionPlan
    from spie_desktop.services.device import Session

    from ..interview.workspace_model import WorkspaceModel
    from ..window_context import WindowContext


@dataclass(frozen=True)
class PlanModels:
    """The plan, its review and its signing, for one open interview."""

    plan: PlanModel
    signing: SigningModel
    review: ReviewModel


def plan_models_for(workspace: WorkspaceModel) -> PlanModels:
    """Make the plan model (its plan loading) and the signing model of an open interview;
    children of the workspace's model."""
    opened = workspace.opened_interview
    assert opened is not None, "the interview must be open"
    context, service = workspace.context, workspace.service
    plan = PlanModel(context, workspace.person_id, opened.interview.id, workspace)
    plan.load()
    me = service.session.counsellor
    accounts = [Account(me.id, me.display_name, Field(me.field))] + [
        Account(a.account_id, a.display_name, Field(a.field)) for a in service.other_accounts()
    ]
    owners = {field: counsellor.id for field, counsellor in opened.owners.items()}
    place = opened.interview.place or service.session.territory.name
    signing = SigningModel(plan, opened.person_name, accounts, owners, place, workspace)

    def demo_signers(session: Session) -> list[Account]:
        return [
            Account(c.id, c.display_name, Field(c.field)) for c in demo_signer_accounts(session)
        ]

    # A demo store's demo signers have no key slot: read from the store, on the lane.
    context.query(demo_signers, signing.add_accounts, owner=signing)
    review = ReviewModel(plan, workspace)
    plan_step = workspace.plan_step_id()
    if plan_step is not None:
        review.fix_requested.connect(lambda _problem: workspace.go_to(plan_step))
    return PlanModels(plan, signing, review)


def plan_editor_for(workspace: WorkspaceModel, models: PlanModels, parent: QWidget) -> PlanEditor:
    editor = PlanEditor(models.plan, parent)
    editor.signing_requested.connect(workspace.next_step)
    editor.pdf_requested.connect(models.signing.load_pdf)
    models.review.fix_requested.connect(editor.reveal_problem)

    def large_print() -> None:
        plan = models.plan.plan
        if plan is not None:
            open_large_print(
                models.plan.context, plan, editor, on_error=editor.message.show_message
            )

    editor.large_print_requested.connect(large_print)
    return editor


def review_page_for(models: PlanModels, parent: QWidget) -> ReviewPage:
    return ReviewPage(models.review, parent)


def signing_page_for(models: PlanModels, parent: QWidget) -> SigningPage:
    return SigningPage(models.signing, parent)


def open_plan_preview(
    context: WindowContext,
    plan_id: uuid.UUID,
    parent: QWidget,
    on_open: Callable[[PdfPreview], None] | None = None,
    on_error: Callable[[str], None] | None = None,
) -> bool:
    """Read a signed plan's PDF and show it (read-only); the preview closes if the window
    locks. ``False`` if nothing could be started (the window is locked)."""

    def read(session: Session) -> tuple[ActionPlan, bytes]:
        service = PlanService(session)
        return service.get(plan_id), service.pdf(plan_id)

    def show(result: tuple[ActionPlan, bytes]) -> None:
        plan, data = result
        session = context.session
        if session is None:
            return
        service = PlanService(session)
        preview = PdfPreview(
            data,
            pdf_file_name(plan),
            context,
            lambda path: service.export_pdf(plan_id, path),
            parent,
        )
        preview.setWindowTitle(tr("Plan d'action v{n} signé — aperçu", n=plan.plan_version))
        context.locked.connect(preview.reject)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.open()
        if on_open is not None:
            on_open(preview)

    def failed(message: str, _exc: BaseException) -> None:
        if on_error is not None:
            on_error(message)

    return context.query(read, show, failed, owner=parent) is not None
