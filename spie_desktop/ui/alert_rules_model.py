"""The alert thresholds dialog's state: the thresholds in force, whose they are, saving.

When the territory set them on its server they are shown read-only (the next sync would put
them back anyway); otherwise they are this device's own and saved on it.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.alert_rules import MAX_DAYS, AlertRules
from spie_desktop.services.alert_rules import RulesInForce, rules_in_force, save_rules
from spie_desktop.services.changes import Change, changes

from .i18n import tr

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

#: Each threshold: its label and what it means, in the order the dialog shows them.
#: Each threshold's label (with its Alt+letter) and what it means.
THRESHOLDS: dict[str, tuple[str, str]] = {
    "not_seen_after_orientation_days": (
        "&Orientée, pas encore vue",
        "Alerte quand une personne orientée vers le SPIE n'a eu ni premier contact ni "
        "diagnostic ce nombre de jours après son orientation.",
    ),
    "no_contact_days": (
        "&Sans contact",
        "Alerte quand aucun contact (appel, rendez-vous, message) n'a eu lieu depuis ce "
        "nombre de jours.",
    ),
    "action_overdue_days": (
        "Action du &plan en retard",
        "Alerte quand une action prévue au plan signé a dépassé sa date de ce nombre de jours.",
    ),
    "gap_between_steps_days": (
        "A&ttente entre deux étapes",
        "Alerte quand plus de ce nombre de jours sépare la fin d'une étape du début de la "
        "suivante (par exemple une immersion et l'entrée en formation).",
    ),
}
assert list(THRESHOLDS) == [f.name for f in fields(AlertRules)]

LOWEST_DAYS, HIGHEST_DAYS = 1, MAX_DAYS


class AlertRulesModel(QObject):
    """Loads the thresholds in force; :meth:`submit` saves edited ones (never the
    territory's)."""

    changed = Signal()
    saved = Signal(object)  # AlertRules

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rules = AlertRules()
        self.from_territory = False
        self.loaded = False
        self.busy = False
        self.dirty = False  # edited and not saved yet
        self.message = ""
        context.changed.connect(self._on_changes)

    @property
    def editable(self) -> bool:
        return self.loaded and not self.from_territory and not self.busy

    @property
    def origin(self) -> str:
        if not self.loaded:
            return tr("Lecture des seuils…")
        if self.from_territory:
            return tr(
                "Seuils fixés par le territoire : ils s'appliquent à tous ses postes et seul "
                "son administrateur peut les changer, sur le serveur."
            )
        return tr(
            "Seuils de cet ordinateur : le territoire n'a pas fixé les siens. S'il le fait, "
            "ils remplaceront ceux-ci à la prochaine synchronisation."
        )

    def load(self) -> None:
        self.context.query(rules_in_force, self._on_loaded, self._on_failed, owner=self)

    def set_days(self, name: str, days: int) -> None:
        if not self.editable or getattr(self.rules, name) == days:
            return
        self.rules = replace(self.rules, **{name: days})
        self.dirty, self.message = True, ""
        self.changed.emit()

    def submit(self) -> None:
        if not self.editable:
            return
        rules = self.rules

        def save(session: Session) -> AlertRules:
            save_rules(session, rules)
            return rules

        if self.context.change(
            save, changes(Change.ALERT_RULES), self._on_saved, self._on_failed, owner=self
        ):
            self.busy, self.message = True, ""
            self.changed.emit()

    def _on_loaded(self, in_force: RulesInForce) -> None:
        self.from_territory = in_force.from_territory
        if self.from_territory or not self.dirty:  # edits in progress survive a reload
            self.rules, self.dirty = in_force.rules, False
        self.loaded = True
        self.changed.emit()

    def _on_saved(self, rules: AlertRules) -> None:
        self.busy = self.dirty = False
        self.changed.emit()
        self.saved.emit(rules)

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.busy, self.message = False, message
        self.changed.emit()

    def _on_changes(self, written: frozenset[Change]) -> None:
        # A sync run may have brought the territory's thresholds while the dialog is open.
        if Change.ALERT_RULES in written and not self.busy:
            self.load()
