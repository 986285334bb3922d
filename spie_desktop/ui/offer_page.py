"""« Offre locale »: a search box, the filters, the results and the detail of the one chosen
(layout only; the model searches). Opened from a plan action, it also links the offer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.offers import OfferResult
from spie_desktop.services import offer_vocabulary as vocabulary

from .choice_combo import ChoiceCombo
from .flow_layout import FlowLayout
from .i18n import tr
from .offer_model import PERSON_ORIGIN, OfferSearchModel
from .offer_texts import detail_text, result_line

PRESET = "preset"


def _combo(parent: QWidget, name: str, anything: str, items: dict[str, str]) -> QComboBox:
    combo = ChoiceCombo(parent)
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    combo.addItem(anything, "")
    for value, label in items.items():
        combo.addItem(label, value)
    return combo


class OfferPage(QWidget):
    """The search; with ``picking``, a « Lier cette offre » button sends the chosen result."""

    picked = Signal(object)  # OfferResult

    def __init__(
        self, model: OfferSearchModel, parent: QWidget | None = None, *, picking: bool = False
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Chercher : mobilité, permis, formation…"))
        self.search.setAccessibleName(tr("Recherche dans l'offre locale"))
        self.search.setClearButtonEnabled(True)
        self.thematique = _combo(
            self, tr("Thématique"), tr("Toutes les thématiques"), vocabulary.THEMATIQUE_LABELS
        )
        if model.preset_thematiques:
            self.thematique.insertItem(1, tr("Thème de l'action"), PRESET)
            self.thematique.setCurrentIndex(1)
        self.sub_thematique = _combo(
            self, tr("Sous-thématique"), tr("Toutes les sous-thématiques"), {}
        )
        self.type = _combo(self, tr("Type"), tr("Tous les types"), vocabulary.types())
        self.public = _combo(self, tr("Public"), tr("Tous les publics"), vocabulary.publics())
        self.frais = _combo(self, tr("Frais"), tr("Gratuit ou payant"), vocabulary.frais())
        self.accueil = _combo(
            self, tr("Mode d'accueil"), tr("Tout mode d'accueil"), vocabulary.modes_accueil()
        )
        self.origin = _combo(self, tr("Distance depuis"), tr("Sans distance"), {})
        if model.person_id is not None:
            self.origin.addItem(tr("Commune de la personne"), PERSON_ORIGIN)
            self.origin.setCurrentIndex(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setAccessibleName(tr("Offres trouvées"))
        # The distance leads each line; a long structure name is cut at the end, whole in
        # its tooltip and in the detail, never behind a sideways scroll bar.
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail_area = QScrollArea(self)
        detail_area.setWidgetResizable(True)
        detail_area.setWidget(self.detail)
        self.link_button = QPushButton(tr("Lier cette offre"), self)
        self.link_button.setVisible(picking)
        self.link_button.setEnabled(False)

        filters = FlowLayout(spacing=6)  # on as many lines as the width needs (200 %)
        for combo in (
            self.thematique,
            self.sub_thematique,
            self.type,
            self.public,
            self.frais,
            self.accueil,
            self.origin,
        ):
            filters.addWidget(combo)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.results)
        split.addWidget(detail_area)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 3)  # the results get the room; the detail wraps
        split.setStretchFactor(1, 2)
        split.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignRight)

        self.search.textChanged.connect(model.set_text)
        self.thematique.currentIndexChanged.connect(self._thematique_chosen)
        self.sub_thematique.currentIndexChanged.connect(self._thematique_chosen)
        for combo, name in (
            (self.type, "types"),
            (self.public, "publics"),
            (self.frais, "frais"),
            (self.accueil, "modes_accueil"),
        ):
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, n=name: model.set_filter(n, str(c.currentData()))
            )
        self.origin.currentIndexChanged.connect(
            lambda _i: model.set_origin(str(self.origin.currentData()))
        )
        self.results.currentRowChanged.connect(model.select)
        self.results.itemActivated.connect(lambda _item: self._pick())
        self.link_button.clicked.connect(self._pick)
        model.changed.connect(self._render)
        self._render()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_on_screen(False)

    def _thematique_chosen(self) -> None:
        top = str(self.thematique.currentData())
        if self.sender() is self.thematique:
            self.sub_thematique.blockSignals(True)
            self.sub_thematique.clear()
            self.sub_thematique.addItem(tr("Toutes les sous-thématiques"), "")
            for value, label in vocabulary.sub_thematiques().items():
                if top and top != PRESET and value.startswith(f"{top}--"):
                    self.sub_thematique.addItem(label, value)
            self.sub_thematique.setEnabled(self.sub_thematique.count() > 1)
            self.sub_thematique.blockSignals(False)
        sub = str(self.sub_thematique.currentData() or "")
        if sub:
            self.model.set_thematiques((sub,))
        elif top == PRESET:
            self.model.set_thematiques(self.model.preset_thematiques)
        else:
            self.model.set_thematiques((top,) if top else ())

    def _pick(self) -> None:
        if self.model.selected is not None and self.link_button.isVisible():
            self.picked.emit(self.model.selected)

    def _render(self) -> None:
        model = self.model
        self._render_communes()
        shown = [(r.source, r.id) for r in model.results]
        if shown != getattr(self, "_shown", None):
            self._shown = shown
            self.results.blockSignals(True)
            self.results.clear()
            for result in model.results:
                line = result_line(result)
                item = QListWidgetItem(line, self.results)
                item.setToolTip(line)
            self.results.blockSignals(False)
        selected = model.selected
        row = next(
            (i for i, r in enumerate(model.results) if selected is not None and r is selected), -1
        )
        if self.results.currentRow() != row:
            self.results.blockSignals(True)
            self.results.setCurrentRow(row)
            self.results.blockSignals(False)
        self.detail.setText(self._detail_text())
        self.link_button.setEnabled(selected is not None)
        self.status.setText(self._status_text())

    def _detail_text(self) -> str:
        selected = self.model.selected
        if selected is not None:
            return detail_text(selected)
        if self.model.catalogue_empty:
            return tr(
                "L'offre locale arrive avec la synchronisation : une fois ce poste "
                "synchronisé avec le serveur du territoire, les services d'insertion y sont "
                "consultables, même sans réseau. Tapez ensuite un mot (mobilité, permis, "
                "formation…) ou choisissez une thématique."
            )
        if self.model.results:
            return tr("Choisissez une offre.")
        return ""

    def _status_text(self) -> str:
        model = self.model
        if model.error:
            return model.error
        if model.catalogue_empty:
            return tr("Aucune offre sur ce poste pour l'instant.")
        if model.origin_unknown:
            return tr("Position de la commune inconnue : pas de distance.")
        if not model.results:
            return tr("Aucune offre trouvée.")
        if len(model.results) >= model.query.limit:
            return tr("Les {n} premières offres : tapez un mot pour affiner.", n=len(model.results))
        return tr("{n} offre(s)", n=len(model.results))

    def _render_communes(self) -> None:
        known = {str(self.origin.itemData(i)) for i in range(self.origin.count())}
        missing = [(code, name) for code, name in self.model.communes if code not in known]
        if not missing:
            return
        self.origin.blockSignals(True)
        for code, name in missing:
            self.origin.addItem(f"{name} ({code})", code)
        self.origin.blockSignals(False)

    def chosen(self) -> OfferResult | None:
        return self.model.selected
