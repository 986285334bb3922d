"""The Qt binding must not leak references to None/True/False.

PySide6-Essentials 6.12.0 on CPython 3.11 drops one reference to ``None`` on every call of a
void method (``QLabel.setText``...): after a few thousand calls the interpreter aborts with
``none_dealloc``. pyproject pins a version below it; this test catches a regression.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_the_reference_counts_of_singletons(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(500):
        label.setText("x")
        label.setEnabled(True)
        label.setWordWrap(False)
    assert none_before - sys.getrefcount(None) < 50
    assert true_before - sys.getrefcount(True) < 50
