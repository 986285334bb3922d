"""The plan in the interview workspace, and a signed plan's PDF from the person file.

The workspace's plan and signature steps share one :class:`PlanModel` (and one
:class:`SigningModel`), kept as children of the workspace's model so that both pages, built
lazily, see the same draft.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from spie_desktop.domain.organisation import Field
from spie_desktop.services.demo_plans import demo_signer_accounts
from spie_desktop.services.plans import PlanService

from ..i18n import tr
from .pdf_preview import PdfPreview, pdf_file_name
from .plan_editor import PlanEditor
from .plan_model import PlanModel
from .signing_model import Account, SigningModel
from .signing_page import SigningPage

if TYPE_CHECKING:
    from spie_desktop.domain.plan import ActionPlan
    from spie_desktop.services.device import Session

    from ..interview.workspace_model import WorkspaceModel
    from ..window_context import WindowContext


def plan_model_for(workspace: WorkspaceModel) -> PlanModel:
    """The workspace's plan model, made (and its plan loaded) the first time."""
    found = workspace.findChild(PlanModel)
    if isinstance(found, PlanModel):
        return found
    opened = workspace.opened_interview
    assert opened is not None, "the interview must be open"
    service = PlanService(workspace.service.session)
    model = PlanModel(
        service, workspace.runner, workspace.person_id, opened.interview.id, workspace
    )
    model.load()
    return model


def signing_model_for(workspace: WorkspaceModel) -> SigningModel:
    found = workspace.findChild(SigningModel)
    if isinstance(found, SigningModel):
        return found
    opened = workspace.opened_interview
    assert opened is not None, "the interview must be open"
    session = workspace.service.session
    me = session.counsellor
    accounts = [Account(me.id, me.display_name, Field(me.field))] + [
        Account(a.account_id, a.display_name, Field(a.field))
        for a in workspace.service.other_accounts()
    ]
    owners = {field: counsellor.id for field, counsellor in opened.owners.items()}
    place = opened.interview.place or session.territory.name
    model = SigningModel(
        plan_model_for(workspace), opened.person_name, accounts, owners, place, workspace
    )
    # A demo store's demo signers have no key slot: read from the store, on the lane.
    workspace.runner.run_db(
        lambda: [
            Account(c.id, c.display_name, Field(c.field)) for c in demo_signer_accounts(session)
        ],
        model.add_accounts,
        lambda _exc: None,
        owner=model,
    )
    return model


def plan_editor_for(workspace: WorkspaceModel, parent: QWidget) -> PlanEditor:
    editor = PlanEditor(plan_model_for(workspace), parent)
    editor.signing_requested.connect(workspace.next_step)
    signing = signing_model_for(workspace)
    editor.pdf_requested.connect(signing.load_pdf)
    return editor


def signing_page_for(workspace: WorkspaceModel, parent: QWidget) -> SigningPage:
    return SigningPage(signing_model_for(workspace), parent)


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
            context.runner,
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

    return context.run_db(read, show, failed, owner=parent)
