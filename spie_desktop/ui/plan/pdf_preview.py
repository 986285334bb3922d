"""The signed plan on screen: its pages rendered in memory, export and print on request.

PySide6-Essentials has no Qt PDF module, so the pages are rendered by pdfium into images
(off the GUI thread) and shown one under the other, scaled to the window's width. Nothing
is written to disk unless the counsellor exports the PDF (to a folder they choose, under a
name that does not reveal the person) or prints it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.plan import ActionPlan

from ..feedback import BusyIndicator, InlineMessage
from ..i18n import tr
from .pdf_pages import PRINT_DPI, render_pages

if TYPE_CHECKING:
    from ..window_context import WindowContext

log = logging.getLogger(__name__)
ExportFn = Callable[[Path], Path]


PREFERRED_SIZE = (820, 900)
TITLE_BAR = 40  # px the window manager's frame may add above the window


def pdf_file_name(plan: ActionPlan) -> str:
    """A name that does not reveal whose plan it is: plan-<8 hex of its id>-v<n>.pdf."""
    return f"plan-{plan.id.hex[:8]}-v{plan.plan_version}.pdf"


class PdfPreview(QDialog):
    def __init__(
        self,
        data: bytes,
        file_name: str,
        context: WindowContext,
        export: ExportFn | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Plan d'action signé — aperçu"))
        self.resize(self._first_size(parent))
        self.data = data
        self.file_name = file_name
        self.context = context
        self.runner = context.runner  # the pool: rendering touches no database
        self._export = export
        self.images: list[QImage] = []
        self.page_labels: list[QLabel] = []
        self.printer: QPrinter | None = None

        self.pages_label = QLabel(self)
        self.busy = BusyIndicator(self)
        self.message = InlineMessage(self, error=False)
        self.error = InlineMessage(self)
        self.pages_host = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages_host)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.pages_host)
        self.scroll_area.setAccessibleName(tr("Pages du plan"))
        self.export_button = QPushButton(tr("&Exporter le PDF…"), self)
        self.export_button.setEnabled(export is not None)
        self.print_button = QPushButton(tr("&Imprimer…"), self)
        self.close_button = QPushButton(tr("&Fermer"), self)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pages_label, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.export_button.clicked.connect(self.choose_export_path)
        self.print_button.clicked.connect(self.choose_printer)
        self.close_button.clicked.connect(self.accept)
        self.print_button.setEnabled(False)
        self.busy.start(tr("Mise en page de l'aperçu…"))
        self.runner.run(
            lambda: render_pages(data), self._show_pages, self._render_failed, owner=self
        )

    @staticmethod
    def _first_size(parent: QWidget | None) -> QSize:
        """An A4 page's proportions, within the screen (a 768 px laptop screen included): the
        pages scroll inside the window, the window never runs off the screen."""
        screen = (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        if free is None:
            return QSize(*PREFERRED_SIZE)
        return QSize(
            min(PREFERRED_SIZE[0], free.width()),
            min(PREFERRED_SIZE[1], free.height() - TITLE_BAR),
        )

    # -- pages -----------------------------------------------------------------------------------

    @property
    def rendering(self) -> bool:
        return self.busy.isVisible()

    def _show_pages(self, images: list[QImage]) -> None:
        self.busy.stop()
        self.images = images
        for number in range(1, len(images) + 1):
            label = QLabel(self.pages_host)
            label.setFrameShape(QFrame.Shape.Box)
            label.setAccessibleName(tr("Page {n} sur {total}", n=number, total=len(images)))
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)
        self.pages_label.setText(
            tr("{n} page", n=len(images)) if len(images) == 1 else tr("{n} pages", n=len(images))
        )
        self.print_button.setEnabled(bool(images))
        self._scale_pages()

    def _render_failed(self, exc: BaseException) -> None:
        self.busy.stop()
        log.warning("plan preview could not be rendered: %s", type(exc).__name__)
        self.error.show_message(
            tr("L'aperçu n'a pas pu être affiché ; le PDF peut toujours être exporté.")
        )

    def _scale_pages(self) -> None:
        viewport = self.scroll_area.viewport()
        width = max(viewport.width() - 40, 200) if viewport is not None else 600
        for label, image in zip(self.page_labels, self.images, strict=True):
            pixmap = QPixmap.fromImage(image)
            if pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.page_labels:
            self._scale_pages()

    # -- export ----------------------------------------------------------------------------------

    def choose_export_path(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Exporter le plan signé"),
            str(Path(folder or Path.home()) / self.file_name),
            tr("Document PDF (*.pdf)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the signed PDF to ``path`` through the service (on the database lane)."""
        export = self._export
        if export is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.error.clear_message()
        self.message.show_message(tr("Export en cours…"))
        self.export_button.setEnabled(False)
        started = self.context.query(
            lambda _s: export(path), self._exported, self._export_failed, owner=self
        )
        if started is None:  # locked: the preview is closing
            self.export_button.setEnabled(True)
            self.message.clear_message()

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.message.show_message(tr("PDF exporté : {path}", path=str(path)))

    def _export_failed(self, message: str, _exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.message.clear_message()
        self.error.show_message(message)

    # -- print -----------------------------------------------------------------------------------

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.printer = printer
        dialog.setModal(True)
        dialog.show()

    def print_to(self, printer: QPrinter) -> None:
        """Render the pages for the printer (off the GUI thread), then paint them."""
        self.printer = printer
        dpi = min(float(printer.resolution()), PRINT_DPI)
        self.message.show_message(tr("Impression en préparation…"))
        self.runner.run(
            lambda: render_pages(self.data, dpi),
            lambda images: self._paint(printer, images),
            self._print_failed,
            owner=self,
        )

    def _paint(self, printer: QPrinter, images: list[QImage]) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            self._print_failed(RuntimeError("printer"))
            return
        try:
            for number, image in enumerate(images):
                if number:
                    printer.newPage()
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(area.topLeft(), size), image)
        finally:
            painter.end()
        self.message.show_message(tr("Plan envoyé à l'impression."))

    def _print_failed(self, exc: BaseException) -> None:
        log.warning("plan printing failed: %s", type(exc).__name__)
        self.message.clear_message()
        self.error.show_message(tr("L'impression a échoué."))
