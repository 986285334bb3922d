"""The plan's contract: the contrat d'engagement on each of its pathways (the first, the
default of a new plan), or none. A former contract (PPAE, CER) is listed only for a plan
that has one, named as such, and is never offered otherwise (``domain.contracts``)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QWidget

from spie_desktop.domain.contracts import CURRENT_CONTRACTS, DEFAULT_CONTRACT, Contract

from .inputs import EnumChoice
from .labels import contract_label


class ContractChoice(EnumChoice):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CURRENT_CONTRACTS, contract_label, DEFAULT_CONTRACT, parent)

    def show_contract(self, contract: Contract) -> None:
        """Show the plan's contract: the choices of today, after the plan's former contract
        when it has one."""
        contracts = [contract, *CURRENT_CONTRACTS] if contract.is_former else [*CURRENT_CONTRACTS]
        if contracts != self._values:
            self._values = list[Enum](contracts)
            self.clear()
            for value in contracts:
                self.addItem(contract_label(value))
        self.set_value(contract)

    def offered(self) -> list[Enum]:
        """The contracts listed, in order."""
        return list(self._values)
