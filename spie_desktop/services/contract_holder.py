"""The person as the contract rules see them: birth date and RQTH (``domain.contracts``).

The RQTH (reconnaissance de la qualité de travailleur handicapé) is the diagnostic's answer
``sante.rqth``; the newest interview of the person that answers it decides, and only a
granted recognition (« Oui ») counts. The answer is read for the rule, never printed.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from spie_desktop.domain.contracts import ContractHolder

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

RQTH_KEY = "sante.rqth"
RQTH_GRANTED = "oui"


def contract_holder(uow: UnitOfWork, person_id: uuid.UUID) -> ContractHolder:
    person = uow.people.get(person_id)
    return ContractHolder(person.birth_date, rqth=rqth_granted(uow, person_id))


def rqth_granted(uow: UnitOfWork, person_id: uuid.UUID) -> bool:
    for interview in reversed(uow.interviews.list_for_person(person_id)):
        answer = uow.answers.get(interview.id, RQTH_KEY)
        if answer is not None and answer.value is not None:
            return bool(answer.value == RQTH_GRANTED)
    return False
