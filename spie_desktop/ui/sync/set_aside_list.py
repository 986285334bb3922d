"""Records received from the server that this laptop could not store: a read-only list in the
conflict inbox, with why (in French). Nothing to decide: a corrected version from the server,
or an update of the application, stores them at a later sync."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from spie_desktop.services.parked import SetAsideView

from ..i18n import tr


def set_aside_text(view: SetAsideView) -> str:
    title = tr("{what} (fiche {id})", what=tr(view.entity_label_fr), id=str(view.entity_id)[:8])
    return tr("{what} — {why}", what=title, why=tr(view.reason_fr))


class SetAsideList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(tr("Fiches reçues mais mises de côté"), self)
        self.explanation = QLabel(
            tr(
                "Ces fiches envoyées par le serveur n'ont pas pu être enregistrées sur cet "
                "ordinateur. La synchronisation continue pour tout le reste ; signalez-les à "
                "l'administrateur du territoire si elles restent là."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Fiches reçues mais mises de côté"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.list)

    def show_views(self, views: list[SetAsideView]) -> None:
        self.list.clear()
        for view in views:
            item = QListWidgetItem(set_aside_text(view))
            item.setToolTip(set_aside_text(view))
            self.list.addItem(item)
        self.setVisible(bool(views))
