"""A combo box of this device's counsellor accounts ("Nadia B. — Volet social")."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QWidget

from spie_desktop.services.device import SlotInfo

from .unlock_model import account_label


class AccountCombo(QComboBox):
    def __init__(
        self, accounts: list[SlotInfo], selected: uuid.UUID | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        for index, account in enumerate(accounts):
            self.addItem(account_label(account), account.account_id)
            if account.account_id == selected:  # by value: findData compares by identity
                self.setCurrentIndex(index)

    def account_id(self) -> uuid.UUID | None:
        value = self.currentData()
        return value if isinstance(value, uuid.UUID) else None
