"""PDF pages as images, rendered in memory with pdfium (no temporary file holds the plan).

PDFium is not thread-safe: every call goes through one lock. Call :func:`render_pages` off
the GUI thread (``TaskRunner.run``); a :class:`QImage` may be made in any thread.

pdfium is imported by the first page rendered, not with the windows that may show one.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

if TYPE_CHECKING:
    import pypdfium2 as pdfium

PREVIEW_DPI = 110.0
PRINT_DPI = 300.0
_PDFIUM = threading.Lock()


def render_pages(data: bytes, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """Every page of the PDF in ``data`` as an image at ``dpi``."""
    import pypdfium2 as pdfium

    images: list[QImage] = []
    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    bitmap = page.render(scale=dpi / 72.0, prefer_bgrx=True)
                    try:
                        images.append(_to_image(bitmap))
                    finally:
                        bitmap.close()
                finally:
                    page.close()
        finally:
            document.close()
    return images


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            return len(document)
        finally:
            document.close()


def _to_image(bitmap: pdfium.PdfBitmap) -> QImage:
    # BGRX bytes are what QImage calls RGB32 on little-endian machines (0xffRRGGBB words);
    # the copy detaches the image from pdfium's buffer before the bitmap is freed.
    buffer = bytes(bitmap.buffer)
    image = QImage(buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32)
    return image.copy()
