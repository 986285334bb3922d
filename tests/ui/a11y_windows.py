"""How the accessibility walk opens each dialog and window of ``spie_desktop.ui`` on a demo
store: one opener per class, from the unlocked main window (``OPENERS``), and the classes
walked elsewhere or not opened by the walk, each with its reason (``ELSEWHERE``)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

from PySide6.QtWidgets import QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

import spie_desktop.ui
from spie_desktop.domain.case_review import Participant
from spie_desktop.services import case_reviews as reviews
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

Opener = Callable[[QtBot, TaskRunner, MainWindow], QWidget | None]

ELSEWHERE = {
    "MainWindow": "walked section by section by the section and interview tests",
}


def window_classes() -> set[str]:
    """Every QDialog or QMainWindow subclass, and every class named ``*Window``, of the UI."""
    found: set[str] = set()
    for info in pkgutil.walk_packages(spie_desktop.ui.__path__, "spie_desktop.ui."):
        module = importlib.import_module(info.name)
        for name, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ != module.__name__:
                continue
            is_window = issubclass(value, QDialog | QMainWindow) or (
                issubclass(value, QWidget) and name.endswith("Window")
            )
            if is_window:
                found.add(name)
    return found


def _person(main: MainWindow) -> uuid.UUID:
    session = main.context.session
    assert session is not None
    with session.uow(read_only=True) as uow:
        return uow.people.list_all()[0].id


def _file_open(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> Any:
    section = main.people_section
    assert section is not None
    section.open_person(_person(main))
    qtbot.waitUntil(lambda: section.person_file.title != "", timeout=10_000)
    return section


def _pdf() -> bytes:
    import io

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Plan d'accompagnement")
    canvas.save()
    return out.getvalue()


def _unlock(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.unlock_model import UnlockModel
    from spie_desktop.ui.unlock_window import UnlockWindow

    session = main.context.session
    assert session is not None
    return UnlockWindow(UnlockModel(session.data_dir, runner), "Aveyron (12)")


def _setup(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.setup_model import SetupModel
    from spie_desktop.ui.setup_window import SetupWindow

    session = main.context.session
    assert session is not None
    return SetupWindow(SetupModel(session.data_dir.parent / "fresh", runner))


def _problem(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.problem_window import ProblemWindow

    session = main.context.session
    assert session is not None
    return ProblemWindow("Les données sont illisibles.", session.data_dir)


def _recovery(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    unlock = _unlock(qtbot, runner, main)
    qtbot.addWidget(unlock)
    return unlock.open_recovery()  # type: ignore[attr-defined, no-any-return]


def _list_import(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.list_import_dialog import ListImportDialog

    outcome: Any = SimpleNamespace(
        title="Liste importée", summary="1 ligne refusée", rejection_lines=["ligne 3 : date"]
    )
    return ListImportDialog(cast(Any, outcome))


def _close_support(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    return _file_open(qtbot, runner, main).file_page.open_close_dialog()  # type: ignore[no-any-return]


def _reason(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    return _file_open(qtbot, runner, main).file_page.open_restrict_dialog()  # type: ignore[no-any-return]


def _section_call(method: str, *args: object) -> Opener:
    def opener(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
        section = _file_open(qtbot, runner, main)
        call = getattr(section, method)
        return call(*[_person(main) if a is _PERSON else a for a in args])  # type: ignore[no-any-return]

    return opener


_PERSON = object()


def _offer_link(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.offer_link_dialog import OfferLinkDialog

    return OfferLinkDialog(main.context, "mobilite", _person(main), main)


def _action_id(main: MainWindow) -> uuid.UUID:
    session = main.context.session
    assert session is not None
    with session.uow(read_only=True) as uow:
        for person in uow.people.list_all():
            for plan in uow.plans.list_for_person(person.id):
                for objective in plan.objectives:
                    for action in objective.actions:
                        return cast(uuid.UUID, action.id)
    raise AssertionError("the demo store has no action")


def _immersion(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    from spie_desktop.ui.immersion_dialog import open_immersion_dialog

    return open_immersion_dialog(main.context, _person(main), _action_id(main), main)


def _assessment(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.immersion_dialog import AssessmentDialog
    from spie_desktop.ui.immersion_model import ImmersionModel

    return AssessmentDialog(ImmersionModel(main.context, _person(main), _action_id(main)))


def _flag(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    from spie_desktop.ui.case_flag_dialog import open_flag_dialog

    return open_flag_dialog(main.context, _person(main), "Chloé MARTIN", main)


def _case(main: MainWindow) -> Any:
    from spie_desktop.services.case_presentation import latest_open_case

    session = main.context.session
    person = _person(main)
    reviews.flag_case(session, person, "Freins cumulés", "Quelle solution de garde ?")  # type: ignore[arg-type]
    return latest_open_case(session, person)  # type: ignore[arg-type]


def _summary(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    from spie_desktop.ui.case_summary_dialog import open_case_summary

    return open_case_summary(main.context, _case(main), main)


def _presentation(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    from spie_desktop.ui.case_presentation_window import open_presentation

    session = main.context.session
    review = reviews.save_review(
        session,  # type: ignore[arg-type]
        datetime.now(UTC) + timedelta(days=3),
        "Rodez, Maison des solidarités",
        [Participant("Sylvie M.", "Conseil départemental de l'Aveyron", "Référente")],
    )
    reviews.schedule_case(session, _case(main).case_id, review.id)  # type: ignore[arg-type]
    return open_presentation(main.context, review.id, main)


def _join(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.interview.join_dialog import JoinDialog
    from spie_desktop.ui.interview.workspace_model import WorkspaceModel

    model = WorkspaceModel(main.context, _person(main))
    return JoinDialog(model, model.service.other_accounts())


def _preview(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.ui.plan.pdf_preview import PdfPreview

    return PdfPreview(_pdf(), "plan.pdf", main.context, None)


def _evaluation(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
    from spie_desktop.domain.people import ConsentScope
    from spie_desktop.ui.evaluation_window import open_evaluation
    from spie_protocol.indicators.facts import EvaluationStep

    session = main.context.session
    assert session is not None
    with session.uow(read_only=True) as uow:
        agreed = [
            person.id
            for person in uow.people.list_all()
            if (consent := uow.consents.latest_for(person.id)) is not None
            and ConsentScope.EVALUATION in consent.scopes
        ]
    assert agreed, "the demo store has someone who agreed to be asked"
    return open_evaluation(
        main.context, agreed[0], EvaluationStep.INTERVIEW, main, full_screen=False
    )


def _read_aloud(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget:
    from spie_desktop.domain.person_texts import person_texts
    from spie_desktop.plan.spoken_summary import spoken_summary
    from spie_desktop.services.read_aloud import ReadAloudMaterial
    from spie_desktop.ui.plan.read_aloud_dialog import ReadAloudDialog
    from spie_desktop.ui.plan.read_aloud_model import ReadAloudModel
    from tests.plan.conftest import plan_document
    from tests.ui.plan.speech_fakes import FRENCH_VOICE, PORTUGUESE_VOICE, FakeEngine

    document = plan_document()
    texts = person_texts("pt-BR")
    material = ReadAloudMaterial(
        spoken_summary(document, texts),
        spoken_summary(document, person_texts("fr")),
        texts.language.name,
    )
    engine = FakeEngine([FRENCH_VOICE, PORTUGUESE_VOICE])
    return ReadAloudDialog(ReadAloudModel(material, lambda: engine), main)


def _parcours(kind: str) -> Opener:
    def opener(qtbot: QtBot, runner: TaskRunner, main: MainWindow) -> QWidget | None:
        section = _file_open(qtbot, runner, main)
        return section.add_event() if kind == "event" else section.record_check_in(1)  # type: ignore[no-any-return]

    return opener


OPENERS: dict[str, Opener] = {
    "AddCounsellorDialog": lambda q, r, m: m.add_counsellor(),
    "AlertRulesDialog": lambda q, r, m: m.show_alert_rules(),
    "AssessmentDialog": _assessment,
    "CasePresentationWindow": _presentation,
    "CaseFlagDialog": _flag,
    "CaseSummaryDialog": _summary,
    "CheckInDialog": _parcours("check-in"),
    "CloseSupportDialog": _close_support,
    "ConsentDialog": _section_call("ask_consent", _PERSON),
    "EraseDialog": _section_call("erase_file", _PERSON),
    "EvaluationWindow": _evaluation,
    "EventDialog": _parcours("event"),
    "ImmersionDialog": _immersion,
    "JoinDialog": _join,
    "ListImportDialog": _list_import,
    "NewPersonDialog": lambda q, r, m: m.new_person(),
    "OfferLinkDialog": _offer_link,
    "PdfPreview": _preview,
    "ProblemWindow": _problem,
    "ReadAloudDialog": _read_aloud,
    "ReasonDialog": _reason,
    "RecoveryDialog": _recovery,
    "SetupWindow": _setup,
    "UnlockWindow": _unlock,
}
__all__ = ["ELSEWHERE", "OPENERS", "date", "window_classes"]
