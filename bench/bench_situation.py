"""The point de situation over 10,000 people and 100,000 timeline events (plus 5,000
completed diagnostics and 3,000 signed plans of four actions): the store read (one query per
table) and the computation of every line, alerts and the summary strip.

Then the screen, built as the main window builds it (status bar and section on one
window context): opening the section until its first paint, one person's event recorded
until the status bar and the shown section both have the new report (wall, and the CPU
of the database lane: one computation or two), and a filter keystroke in its search (filter + repaint).

Targets (bench/targets.toml): compute under 200 ms, compute + first paint under 200 ms, a
keystroke under 30 ms. The store is a demo store filled through the bulk loader (nothing
journalled). Returns figures (bench/figures.py), asserts nothing.
"""

from __future__ import annotations

import gc
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.figures import Figure, figure, percentile, print_figures

PEOPLE = 10_000
EVENTS = 100_000
DIAGNOSED = 5_000
PLANNED = 3_000
PASSPHRASE = "banc d'essai du Lévézou"
ROUNDS = 7


def _fill(session: Any, people: list[Any], today: date) -> None:
    from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
    from spie_desktop.domain.interview import Interview, InterviewStatus
    from spie_desktop.domain.plan import Action, ActionPlan, ActionStatus, Objective, PlanStatus
    from spie_desktop.storage.repositories.bulk import BulkLoader

    rng = random.Random(14)
    kinds = [k for k in FollowUpKind if k is not FollowUpKind.CHECK_IN]
    start = datetime.combine(today - timedelta(days=730), datetime.min.time(), tzinfo=UTC)
    events = []
    for index in range(EVENTS):
        kind = rng.choice(kinds) if index % 10 else FollowUpKind.CHECK_IN
        details: dict[str, Any] = {}
        if kind is FollowUpKind.CHECK_IN:
            details = {"month": rng.choice((1, 3, 6)), "still_in_work": rng.random() < 0.8}
        elif kind is FollowUpKind.CONTACT:
            details = {"channel": "phone", "planned": rng.random() < 0.1}
        events.append(
            FollowUpEvent(
                person_id=people[index % PEOPLE].id,
                kind=kind,
                occurred_at=start + timedelta(minutes=rng.randrange(730 * 24 * 60)),
                details=details,
            )
        )
    interviews = [
        Interview(
            person_id=people[i].id,
            definition_id="socle-commun",
            definition_version=2,
            status=InterviewStatus.COMPLETED,
        )
        for i in range(DIAGNOSED)
    ]
    plans = []
    for i in range(PLANNED):
        plan = ActionPlan(
            person_id=people[i].id, interview_id=interviews[i].id, status=PlanStatus.SIGNED
        )
        for theme in ("emploi", "mobilite"):
            objective = Objective(plan_id=plan.id, theme=theme, label="Objectif")
            plan.objectives.append(objective)
            for n in range(2):
                first = today - timedelta(days=rng.randrange(300))
                objective.actions.append(
                    Action(
                        objective_id=objective.id,
                        label=f"Action {n}",
                        start_date=first,
                        due_date=first + timedelta(days=60),
                        status=rng.choice(list(ActionStatus)),
                    )
                )
        plans.append(plan)
    with session.uow() as uow:
        uow.meta.mark_demo_store()
        loader = BulkLoader(uow)
        loader.insert_people(people)
        loader.insert_events(events)
        loader.insert_interviews(interviews)
        loader.insert_plans(plans)


MEASURES = (
    "situation.compute_10000_people_ms",
    "situation.first_paint_10000_people_ms",
    "situation.filter_keystroke_ms",
)


def figures(quick: bool) -> list[Figure]:
    """The computation (one sample per round), then the screen: opening to the first paint
    (one sample per round) and the filter keystroke (the p95 of each round of typing)."""
    from bench.devices import bench_device
    from spie_desktop.domain.local_calendar import local_day
    from spie_desktop.services.alert_rules import current_rules
    from spie_desktop.services.demo import DemoBuilder
    from spie_desktop.services.path_facts import read_paths
    from spie_desktop.services.situation import compute_situation, situation_report
    from spie_desktop.storage import path_reads

    with tempfile.TemporaryDirectory(prefix="spie-bench-situation-") as tmp:
        started = time.perf_counter()
        _setup, session = bench_device(Path(tmp), PASSPHRASE)
        today = date.today()
        builder = DemoBuilder(session.territory, 1, today, session.counsellor.id)
        people = [builder.person().person for _ in range(PEOPLE)]
        _fill(session, people, today)
        print(
            f"set-up: {PEOPLE} people, {EVENTS} events, {DIAGNOSED} diagnostics, "
            f"{PLANNED} signed plans in {time.perf_counter() - started:.1f} s"
        )
        rules = current_rules(session)
        timezone = session.territory.timezone
        now = datetime.now(UTC)
        day = local_day(now, timezone)
        reads, computes, totals, cpu = [], [], [], []
        report = None
        # As in the application (ui/gui_gc.py): no automatic cycle collection on the lanes.
        gc.collect()
        gc.disable()
        rounds = 2 if quick else ROUNDS
        for _ in range(rounds):
            t0 = time.perf_counter()
            with session.uow(read_only=True) as uow:
                lines = path_reads.person_lines(uow.session)
                paths = read_paths(uow.session, timezone, day)
                names = path_reads.counsellor_names(uow.session)
            t1 = time.perf_counter()
            situation_report(lines, paths, names, rules, day)
            t2 = time.perf_counter()
            c2 = time.thread_time()
            report = compute_situation(session, now=now)
            t3 = time.perf_counter()
            cpu.append((time.thread_time() - c2) * 1000)
            reads.append((t1 - t0) * 1000)
            computes.append((t2 - t1) * 1000)
            totals.append((t3 - t2) * 1000)
        assert report is not None
        gc.enable()
        screen = _screen(session, report, now, rounds)
        session.close()
    return [
        figure("situation.compute_10000_people_ms", "ms", totals, note="compute_situation"),
        figure("situation.store_read_ms", "ms", reads, informational=True),
        figure("situation.lines_alerts_summary_ms", "ms", computes, informational=True),
        figure("situation.first_paint_10000_people_ms", "ms", screen["opens"]),
        figure("situation.filter_keystroke_ms", "ms", screen["keys"], note="p95 of each round"),
        figure("situation.compute_cpu_ms", "ms", cpu, informational=True),
        figure("situation.first_paint_lane_cpu_ms", "ms", screen["opens_cpu"], informational=True),
        figure(
            "situation.event_to_status_bar_and_section_ms",
            "ms",
            screen["updates"],
            informational=True,
        ),
        figure(
            "situation.event_update_lane_cpu_ms", "ms", screen["updates_cpu"], informational=True
        ),
        figure("situation.add_event_lane_cpu_ms", "ms", screen["writes"], informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


def _wait(app: Any, done: Any, timeout_s: float = 120.0) -> None:
    """Let the GUI thread run its events (the lane's callbacks) until ``done()``."""
    deadline = time.perf_counter() + timeout_s
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the point de situation did not arrive in time")
        time.sleep(0.001)


def _lane_cpu_s() -> float:
    """CPU seconds used so far by the database lane's thread (Linux; 0 elsewhere)."""
    import threading

    lane = next((t for t in threading.enumerate() if t.name.startswith("spie-db")), None)
    if lane is None or lane.ident is None or not hasattr(time, "pthread_getcpuclockid"):
        return 0.0
    return time.clock_gettime(time.pthread_getcpuclockid(lane.ident))


def _screen(session: Any, report: Any, now: datetime, rounds: int) -> dict[str, list[float]]:
    """The window's parts as the application builds them (status bar and section on one
    window context): opening the section, then one person's event recorded elsewhere until
    both the status bar and the shown section have the new report, then keystrokes in the
    search. Written against the models' public surface only, so it measures the code before
    the shared report too (where the section computed on open and each computed its own)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from spie_desktop.domain.events import FollowUpKind
    from spie_desktop.services.changes import Change, changes
    from spie_desktop.services.file_guard import file_state
    from spie_desktop.services.timeline import TimelineService
    from spie_desktop.ui.situation_model import SituationModel
    from spie_desktop.ui.situation_page import SituationPage
    from spie_desktop.ui.status_bar import StatusBar
    from spie_desktop.ui.status_model import StatusModel
    from spie_desktop.ui.tasks import TaskRunner
    from spie_desktop.ui.window_context import WindowContext

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    context = WindowContext(session, runner)
    status = StatusModel(context)
    bar = StatusBar(status)
    model = SituationModel(context)
    page = SituationPage(model)
    page.resize(1366, 700)
    _wait(app, lambda: status.alerts is not None and runner.idle)  # after unlock
    opens, opens_cpu = [], []
    gc.collect()
    gc.disable()  # as in the application (ui/gui_gc.py)
    for _ in range(rounds):
        page.hide()
        model.clear()  # as if never shown since the report was made
        app.processEvents()
        _wait(app, lambda: runner.idle)
        c0, t0 = _lane_cpu_s(), time.perf_counter()
        page.show()
        _wait(app, lambda: model.report is not None)
        page.repaint()
        app.processEvents()
        opens.append((time.perf_counter() - t0) * 1000)
        opens_cpu.append((_lane_cpu_s() - c0) * 1000)

    # Someone whose file takes new events (not closed, not restricted).
    with session.uow(read_only=True) as uow:
        someone = next(
            row.person_id for row in report.rows[4321:] if not file_state(uow, row.person_id).frozen
        )
    day = TimelineService(session).today(now)

    writes: list[float] = []

    def contact(s: Any) -> None:  # on the lane: its CPU time apart from the report's
        c0 = time.thread_time()
        TimelineService(s).add_event(someone, FollowUpKind.CONTACT, day)
        writes.append((time.thread_time() - c0) * 1000)

    updates, updates_cpu = [], []
    refused: list[str] = []
    for _ in range(rounds):
        _wait(app, lambda: runner.idle)
        shown = model.report
        c0, t0 = _lane_cpu_s(), time.perf_counter()
        context.change(contact, changes(Change.TIMELINE), on_error=lambda m, _e: refused.append(m))
        _wait(app, lambda shown=shown: refused or (model.report is not shown and runner.idle))
        if refused:
            raise RuntimeError(f"the event was refused: {refused[0]}")
        updates.append((time.perf_counter() - t0) * 1000)
        updates_cpu.append((_lane_cpu_s() - c0) * 1000)

    name = report.rows[1234].last_name.lower()
    keys: list[float] = []
    for _ in range(rounds):
        page.search.clear()
        app.processEvents()
        typed: list[float] = []
        for end in range(1, len(name) + 1):
            t0 = time.perf_counter()
            page.search.setText(name[:end])
            page.table.viewport().repaint()
            app.processEvents()
            typed.append((time.perf_counter() - t0) * 1000)
        keys.append(percentile(typed, 95))
    gc.enable()
    page.close()
    bar.close()
    runner.shutdown(wait=True)
    return {
        "opens": opens,
        "opens_cpu": opens_cpu,
        "updates": updates,
        "updates_cpu": updates_cpu,
        "writes": writes,
        "keys": keys,
    }


if __name__ == "__main__":
    main()
