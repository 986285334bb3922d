"""Screenshots of the real window for the README, taken on a real X server (Xvfb).

    make screenshots
    # or: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

Builds a demo device in a temporary folder (see ``tools/screenshot_device.py``), starts the
application the way ``spie-desktop`` does (unlock window → main window), drives it like a
counsellor would on a 1366×768 laptop and writes these PNGs to ``docs/screenshots/``:

* ``people-list.png`` — the people list with a search typed;
* ``interview-workspace.png`` — a demo person's diagnostic, both panes, themes open;
* ``synthesis.png`` — the synthesis strip, unfolded, after the priorities step;
* ``plan.png`` — the plan step with three objectives, each with an action, and the
  objectives the diagnostic suggests beside them;
* ``review.png`` — the plan read together before signing, as the PDF words it;
* ``signature.png`` — the signature pads: hers the whole width, the counsellors' below;
* ``presentation.png`` — the diagnostic in presentation mode (F11, larger text);
* ``offers.png`` — « Offre locale »: the demo catalogue searched for mobility, nearest
  first from a commune, one service's detail shown.

``--size WxH`` (default 1366x768) is the window's size; the X screen must be at least as
large. It refuses any Qt platform but ``xcb``: the point is to show the window as a real
display draws it. Exit status 0 when every file is written, else 1 with one line on stderr.
No real personal data is involved: every person comes from the demo generator.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from screenshot_device import (  # noqa: E402  (the repository must be importable first)
    JULIEN_PASSPHRASE,
    NADIA_PASSPHRASE,
    DemoDevice,
    ScreenshotError,
    _pane_themes,
    _showcase_theme,
    build_device,
)

WINDOW_SIZE = (1366, 768)  # the laptops counsellors carry
SEARCH = "mar"
OFFER_SEARCH = "mobilite"
MAX_PNG_BYTES = 300_000


# -- Qt ------------------------------------------------------------------------------------------


def wait_until(predicate: Callable[[], bool], what: str, timeout_s: float = 20.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QThread

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise ScreenshotError(f"timed out waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(10)


def settle(runner: object, ms: int = 300) -> None:
    """Wait until the database lane is idle, then let layouts and paints run."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtTest import QTest

    wait_until(lambda: runner.idle, "the database lane to be idle")  # type: ignore[attr-defined]
    QTest.qWait(ms)
    wait_until(lambda: runner.idle, "the database lane to be idle")  # type: ignore[attr-defined]
    QCoreApplication.processEvents()


def save_png(widget: object, path: Path, region: tuple[int, int, int, int] | None = None) -> None:
    """Grab the window as the X server shows it (or a region of it, in window coordinates)."""
    from PySide6.QtGui import QGuiApplication

    window = widget.window()  # type: ignore[attr-defined]
    screen = window.screen() or QGuiApplication.primaryScreen()
    geometry = window.geometry()
    if not screen.geometry().contains(geometry):
        raise ScreenshotError(
            f"the window ({geometry.width()}×{geometry.height()}, at least "
            f"{window.minimumSizeHint().width()} wide) does not fit on the "
            f"{screen.geometry().width()}×{screen.geometry().height()} screen for {path.name}"
        )
    if geometry.width() > WINDOW_SIZE[0] or geometry.height() > WINDOW_SIZE[1]:
        print(
            f"  note: for {path.name} the window needs {geometry.width()}×{geometry.height()}, "
            f"more than the {WINDOW_SIZE[0]}×{WINDOW_SIZE[1]} asked for",
            file=sys.stderr,
        )
    x, y, w, h = region if region else (0, 0, geometry.width(), geometry.height())
    pixmap = screen.grabWindow(0, geometry.x() + x, geometry.y() + y, w, h)
    if pixmap.isNull() or pixmap.width() == 0:
        raise ScreenshotError(f"grabbing the screen for {path.name} gave an empty image")
    image = pixmap.toImage()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG", 0):  # 0: smallest file (zlib level 9)
        raise ScreenshotError(f"could not write {path}")
    size = path.stat().st_size
    print(
        f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: "
        f"{image.width()}×{image.height()}, {size // 1024} KB"
    )
    if size > MAX_PNG_BYTES:
        print(f"  warning: {path.name} is larger than {MAX_PNG_BYTES // 1000} KB", file=sys.stderr)


def type_ascii(widget: object, text: str) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClicks(widget, text)  # ASCII only: QTest aborts on other characters


def application() -> object:
    """The application exactly as ``spie-desktop`` builds it, on a real X display only."""
    display = os.environ.get("DISPLAY", "")
    if not display:
        raise ScreenshotError(
            "no X display (DISPLAY is unset): run under Xvfb, e.g. `make screenshots`"
        )
    local = display.startswith(":") and display[1:].split(".")[0].isdigit()
    if local and not Path(f"/tmp/.X11-unix/X{display[1:].split('.')[0]}").exists():
        raise ScreenshotError(f"no X server answers on DISPLAY={display}: run under Xvfb")
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # never offscreen: the point is a real display
    from PySide6.QtGui import QGuiApplication

    from spie_desktop.app import _application

    app = _application([sys.argv[0]])
    if QGuiApplication.platformName() != "xcb":
        raise ScreenshotError(
            f"Qt platform is {QGuiApplication.platformName()!r}, not 'xcb': run under Xvfb"
        )
    return app


# -- the three screens ---------------------------------------------------------------------------


def take(demo: DemoDevice, out_dir: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from spie_desktop.forms import StepKind
    from spie_desktop.ui.interview import InterviewWorkspace
    from spie_desktop.ui.interview.diagnostic_page import DiagnosticPage
    from spie_desktop.ui.interview.step_pages import QuestionsPage
    from spie_desktop.ui.main_window import MainWindow
    from spie_desktop.ui.navigator import Navigator
    from spie_desktop.ui.tasks import TaskRunner
    from spie_desktop.ui.unlock_window import UnlockWindow

    app = QApplication.instance()
    runner = TaskRunner(app)  # type: ignore[arg-type]
    navigator = Navigator(demo.data_dir, runner, app)  # type: ignore[arg-type]
    try:
        # Unlock as Nadia, through the unlock window.
        unlock = navigator.start()
        if not isinstance(unlock, UnlockWindow):
            raise ScreenshotError(f"expected the unlock window, got {type(unlock).__name__}")
        unlock.select_account(demo.nadia_id)
        type_ascii(unlock.passphrase, NADIA_PASSPHRASE)
        QTest.keyClick(unlock.passphrase, Qt.Key.Key_Return)
        wait_until(lambda: isinstance(navigator.window, MainWindow), "the main window", 30)
        main = navigator.window
        assert isinstance(main, MainWindow)
        main.move(0, 0)
        main.resize(*WINDOW_SIZE)
        main.raise_()
        main.activateWindow()
        section = main.people_section
        if section is None:
            raise ScreenshotError("the main window has no people section")
        wait_until(lambda: not section.people.loading, "the people list to load")

        # 1. The list, searched.
        page = section.list_page
        page.search.setFocus()
        type_ascii(page.search, SEARCH)
        settle(runner)
        if page.people.table.rowCount() == 0:
            raise ScreenshotError(f"searching {SEARCH!r} found nobody in the demo store")
        page.table.selectRow(0)
        page.search.setFocus()
        settle(runner)
        save_png(main, out_dir / "people-list.png")
        take_offers(main, runner, out_dir)

        # 2. The person's file, then the interview: Julien joins for the employment pane.
        section.open_person(demo.person_id)
        settle(runner)
        section.file_page.interview_button.click()
        wait_until(
            lambda: (
                isinstance(section.currentWidget(), InterviewWorkspace)
                and hasattr(section.currentWidget(), "strip")
            ),
            "the interview workspace",
        )
        workspace = section.currentWidget()
        assert isinstance(workspace, InterviewWorkspace)
        model = workspace.model
        joined: list[bool] = []
        model.owners_changed.connect(lambda: joined.append(True))
        model.join_failed.connect(lambda message: joined.append(False))
        model.join(demo.julien_id, JULIEN_PASSPHRASE)
        wait_until(lambda: bool(joined), "Julien R. to join the interview", 30)
        if not joined[0]:
            raise ScreenshotError("Julien R. could not join the interview")
        diagnostic_id = next(
            s.id for s in model.state.definition.steps if s.kind is StepKind.DIAGNOSTIC
        )
        if model.state.current_step.id != diagnostic_id:
            workspace.go_to(diagnostic_id)
        settle(runner)
        diagnostic = workspace.page(diagnostic_id)
        assert isinstance(diagnostic, DiagnosticPage)
        answers = {key: record.value for key, record in model.state.answers.items()}
        pane_themes = _pane_themes()
        opened: list[object] = []
        for pane in diagnostic.panes:
            theme = _showcase_theme(answers, pane_themes[pane.pane.id])
            for panel in pane.panels:
                if panel.theme.id == theme:
                    panel.set_expanded(True)
                    opened.append((pane, panel))
        settle(runner)
        for pane, panel in opened:  # type: ignore[misc]
            bar = pane.scroll_area.verticalScrollBar()
            index = pane.panels.index(panel)
            above = pane.panels[max(0, index - 2)]  # two closed themes above, with their chips
            bar.setValue(above.y())
        settle(runner)
        save_png(main, out_dir / "interview-workspace.png")

        # 3. The priorities step filled in with her, then the synthesis strip below it.
        priorities_id = next(
            s.id for s in model.state.definition.steps if s.kind is StepKind.PRIORITIES
        )
        errors = workspace.model.go_to(priorities_id)
        if errors:
            raise ScreenshotError(
                f"the priorities step is blocked: {', '.join(e.key for e in errors[:3])}"
            )
        settle(runner)
        questions = workspace.page(priorities_id)
        assert isinstance(questions, QuestionsPage)
        fill_priorities(questions)
        settle(runner)
        strip = workspace.strip
        strip.set_expanded(True)
        settle(runner)
        top_left = strip.mapTo(main, strip.rect().topLeft())
        save_png(
            main,
            out_dir / "synthesis.png",
            (top_left.x(), top_left.y(), strip.width(), strip.height()),
        )
        strip.set_expanded(False)

        # 4–6. The plan, the signature step, presentation mode.
        take_plan_and_signature(workspace, runner, out_dir)
        workspace.go_to(diagnostic_id)
        settle(runner)
        main.set_presentation_mode(True)
        settle(runner)
        save_png(main, out_dir / "presentation.png")
        main.set_presentation_mode(False)
        workspace.flush()
    finally:
        navigator.shutdown()


def take_offers(main: object, runner: object, out_dir: Path) -> None:
    """« Offre locale »: « mobilite » typed, distances from the territory's main commune."""
    from spie_desktop.ui.offer_section import OfferSection

    navigation, pages = main.navigation, main.pages  # type: ignore[attr-defined]
    index = next((i for i in range(pages.count()) if isinstance(pages.widget(i), OfferSection)), -1)
    if index < 0:
        raise ScreenshotError("the main window has no « Offre locale » section")
    navigation.setCurrentRow(index)
    offers = pages.widget(index).offers
    settle(runner)
    wait_until(lambda: offers.model.catalogue_size is not None, "the offer catalogue")
    if offers.model.catalogue_empty:
        raise ScreenshotError("the demo device has no offer catalogue")
    if offers.origin.count() > 1:
        offers.origin.setCurrentIndex(1)  # the first commune of the catalogue
    offers.search.setFocus()
    type_ascii(offers.search, OFFER_SEARCH)
    settle(runner)
    if offers.results.count() == 0:
        raise ScreenshotError(f"searching {OFFER_SEARCH!r} found no offer in the demo catalogue")
    offers.results.setCurrentRow(0)
    settle(runner)
    save_png(main, out_dir / "offers.png")
    offers.search.clear()
    navigation.setCurrentRow(0)
    settle(runner)


def take_plan_and_signature(workspace: object, runner: object, out_dir: Path) -> None:
    """The plan step with three objectives, one action each; then the signature step."""
    from datetime import timedelta

    from spie_desktop.ui.i18n import format_date
    from spie_desktop.ui.interview.step_pages import PlanPage

    model = workspace.model  # type: ignore[attr-defined]
    if model.go_to("plan"):  # the welcome step's two questions, as she answers them
        model.set_answer("accueil.partage_partenaires", True)
        model.set_answer("accueil.donnees_sensibles", False)
    errors = model.go_to("plan")
    if errors:
        raise ScreenshotError(f"the plan step is blocked: {', '.join(e.key for e in errors[:3])}")
    page = workspace.page("plan")  # type: ignore[attr-defined]
    assert isinstance(page, PlanPage) and page.editor is not None
    editor = page.editor
    plan_model = editor.model
    wait_until(lambda: plan_model.plan is not None, "the draft plan")
    strong = [
        b.theme
        for b in model.synthesis().barriers
        if b.weight and b.weight.value in ("strong", "blocking")
    ]
    for theme in strong + ["logement", "mobilite", "emploi"]:
        if len(plan_model.plan.objectives) >= 3:
            break
        if theme not in {o.theme for o in plan_model.plan.objectives}:
            plan_model.add_objective(theme)
    due = format_date(plan_model.today + timedelta(days=90))
    for objective in plan_model.plan.objectives[:3]:
        if not objective.actions:
            action = plan_model.add_action(objective.id)
            plan_model.set_action_date(action.id, "due_date", due)
    settle(runner)
    editor.scroll_area.verticalScrollBar().setValue(0)
    settle(runner)
    save_png(editor, out_dir / "plan.png")
    if model.go_to("signature"):
        raise ScreenshotError("the signature step is blocked")
    signature = workspace.page("signature")  # type: ignore[attr-defined]
    wait_until(lambda: signature.review.model.current, "the plan read before signing")
    settle(runner)
    save_png(editor, out_dir / "review.png")
    if not signature.review.model.pass_review():
        raise ScreenshotError("the review keeps the pads closed")
    wait_until(lambda: signature.pads_shown, "the signature pads")
    settle(runner)
    save_png(editor, out_dir / "signature.png")


def fill_priorities(page: object) -> None:
    """What the counsellor writes with the person at the priorities step (demo phrases)."""
    from spie_desktop.services import demo_names

    editors = page.editors  # type: ignore[attr-defined]
    model = page.model  # type: ignore[attr-defined]
    answers = {
        "priorites.projet": demo_names.PROJECTS[0],
        "priorites.atouts": list(demo_names.STRENGTHS[:3]),
    }
    strong = [
        b.theme
        for b in model.synthesis().barriers
        if b.weight and b.weight.value in ("strong", "blocking")
    ]
    if strong:
        answers["priorites.ordre"] = strong[:3]
    for key, value in answers.items():
        editor = editors[key]
        editor.set_value(value)
        editor.edited.emit(key, value)  # as if typed: the page saves it and the strip follows


# -- entry point ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--keep", action="store_true", help="keep the demo device folder")
    parser.add_argument("--size", default="1366x768", help="the window's size, WxH")
    args = parser.parse_args(argv)
    global WINDOW_SIZE
    width, _, height = args.size.partition("x")
    WINDOW_SIZE = (int(width), int(height))
    work = Path(tempfile.mkdtemp(prefix="spie-screenshots-"))
    try:
        application()  # first: no point building the device without a display
        demo = build_device(work / "device")
        take(demo, args.out.resolve())
    except ScreenshotError as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"demo device kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
