"""From the person file: every version of the plan is in the timeline, and a signed one opens
its PDF in the preview (closed when the window locks)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spie_desktop.ui.person_file_model import PersonFileModel
from spie_desktop.ui.person_file_page import PersonFilePage
from spie_desktop.ui.plan import PdfPreview
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room


def test_a_signed_version_in_the_timeline_opens_its_pdf(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    signed = room.sign(room.ready_draft()).plan
    draft = room.plans.new_version(signed.id)
    context = WindowContext(room.session, runner)
    model = PersonFileModel(context)
    page = PersonFilePage(model)
    qtbot.addWidget(page)
    page.show()
    model.open(room.person_id)
    qtbot.waitUntil(lambda: model.file is not None, timeout=20_000)

    items = [page.timeline.topLevelItem(i) for i in range(page.timeline.topLevelItemCount())]
    plans = {item.text(1): item for item in items if item.text(1).startswith("Plan d'action")}
    assert set(plans) == {"Plan d'action v1", "Plan d'action v2"}
    assert plans["Plan d'action v2"].text(2).startswith("Brouillon")
    assert [r.plan_id for r in model.timeline() if r.plan_id] == [signed.id]

    page.timeline.itemActivated.emit(plans["Plan d'action v2"], 0)  # a draft has no PDF
    page.timeline.itemActivated.emit(plans["Plan d'action v1"], 0)
    qtbot.waitUntil(lambda: bool(page.findChildren(PdfPreview)), timeout=20_000)
    (preview,) = page.findChildren(PdfPreview)
    assert preview.windowTitle() == "Plan d'action v1 signé — aperçu"
    assert preview.file_name == f"plan-{signed.id.hex[:8]}-v1.pdf"
    qtbot.waitUntil(lambda: not preview.rendering, timeout=30_000)
    assert preview.page_labels and preview.isVisible()
    assert draft.plan_version == 2

    context.lock()  # the preview shows personal data: it goes with the lock
    assert not preview.isVisible()
