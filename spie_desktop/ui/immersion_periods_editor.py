"""The periods of an immersion, picked on calendars: one row a period (« du … au … »), rows
added and removed, and under them the total days and the one-month rule as the domain
states it (:func:`period_problems`), live. Saving still goes through the domain's check."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.immersion import MAX_DAYS, Period, period_problems

from .feedback import InlineMessage
from .i18n import tr, tr_said
from .reflow_box import ReflowBox

#: A new period is a working week: Monday to Friday.
NEW_PERIOD_DAYS = 5


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7 or 7)


class PeriodRow(QWidget):
    """« du [date] au [date] — 5 jours [Retirer] »."""

    edited = Signal()
    remove_requested = Signal(object)  # this row

    def __init__(self, period: Period, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = self._date_edit(period.start, tr("Début de la période {n}", n=number))
        self.end = self._date_edit(period.end, tr("Fin de la période {n}", n=number))
        self.days = QLabel(self)
        self.remove_button = QPushButton(tr("Retirer"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.setAccessibleName(tr("Retirer la période {n}", n=number))
        dates = QHBoxLayout()
        dates.addWidget(QLabel(tr("du"), self))
        dates.addWidget(self.start)
        dates.addWidget(QLabel(tr("au"), self))
        dates.addWidget(self.end)
        dates.addStretch(1)
        count = QHBoxLayout()
        count.addWidget(self.days, 1)
        count.addWidget(self.remove_button)
        # The days and « Retirer » go under the dates when the text is large.
        layout = ReflowBox(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(dates)
        layout.addLayout(count, 1)
        self.start.dateChanged.connect(self._start_changed)
        self.end.dateChanged.connect(self._changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._show_days()

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        return edit

    def period(self) -> Period:
        return Period(_day(self.start.date()), _day(self.end.date()))

    def _start_changed(self, start: QDate) -> None:
        if self.end.date() < start:  # moving the start past the end carries the end along
            self.end.setDate(start)
        self._changed()

    def _changed(self) -> None:
        self._show_days()
        self.edited.emit()

    def _show_days(self) -> None:
        days = self.period().days
        self.days.setText(tr("{n} jour", n=days) if days == 1 else tr("{n} jours", n=max(days, 0)))


class PeriodsEditor(QWidget):
    """The list of periods; ``changed`` after every edit, addition or removal."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Périodes"))
        self.today = date.today()
        self.rows: list[PeriodRow] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(tr("Ajouter une période"), self)
        self.add_button.setAutoDefault(False)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.problem = InlineMessage(self)
        foot = QHBoxLayout()
        foot.addWidget(self.add_button)
        foot.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        layout.addLayout(foot)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        self.add_button.clicked.connect(lambda: self.add_period().start.setFocus())
        self.set_periods(())

    def tab_widgets(self) -> list[QWidget]:
        """The rows' dates and buttons, then « Ajouter une période »: in reading order. (No
        focus proxy on the editor or its rows: Tab went from a row's last button back to the
        proxy, round and round the periods.)"""
        rows = [w for row in self.rows for w in (row.start, row.end, row.remove_button)]
        return [*rows, self.add_button]

    def periods(self) -> tuple[Period, ...]:
        return tuple(row.period() for row in self.rows)

    def set_periods(self, periods: tuple[Period, ...]) -> None:
        for row in self.rows:
            self._rows.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for period in periods:
            self._add_row(period)
        self._refresh()

    def add_period(self) -> PeriodRow:
        """A week after the last period (or from next Monday), to adjust on the calendar."""
        last = max((p.end for p in self.periods()), default=None)
        start = _next_monday(last or self.today)
        row = self._add_row(Period(start, start + timedelta(days=NEW_PERIOD_DAYS - 1)))
        self._refresh()
        return row

    def _add_row(self, period: Period) -> PeriodRow:
        row = PeriodRow(period, len(self.rows) + 1, self)
        row.edited.connect(self._refresh)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self._rows.addWidget(row)
        return row

    def _remove(self, row: PeriodRow) -> None:
        self.rows.remove(row)
        self._rows.removeWidget(row)
        row.deleteLater()
        self._refresh()

    def _refresh(self) -> None:
        periods = self.periods()
        days = sum(p.days for p in periods if p.end >= p.start)
        total = tr("Total : {n} jour", n=days) if days == 1 else tr("Total : {n} jours", n=days)
        self.summary.setText(
            total + tr(" — un mois au plus par convention ({most} jours).", most=MAX_DAYS)
        )
        problems = [p for p in period_problems(periods) if not p.warning] if periods else []
        self.problem.show_message(tr_said(problems[0].said) if problems else "")
        self.changed.emit()
