"""Immersions (PMSMP conventions) and the employers that host them (both synchronised)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row

from spie_desktop.domain.immersion import (
    HostCompany,
    Immersion,
    ImmersionObjective,
    Tutor,
    assessment_from_json,
    periods_from_json,
)
from spie_desktop.domain.immersion_employer import Employer

from ..models import EmployerRow, ImmersionRow, table_of
from .base import RecordRepository, meta_columns


class ImmersionRepository(RecordRepository[Immersion]):
    table = table_of(ImmersionRow)

    def _to_row(self, item: Immersion) -> dict[str, Any]:
        c, t = item.company, item.tutor
        hours = item.weekly_hours
        return {
            "person_id": item.person_id,
            "action_id": item.action_id,
            "company_name": c.name,
            "siret": c.siret,
            "company_address": c.address,
            "company_commune": c.commune,
            "sector": c.sector,
            "tutor_name": t.name,
            "tutor_function": t.function,
            "tutor_phone": t.phone,
            "tutor_email": t.email,
            "periods": [p.as_json() for p in item.periods],
            "weekly_minutes": None if hours is None else round(hours * 60),
            "objective": item.objective.value,
            "trade_code": item.trade_code,
            "trade_label": item.trade_label,
            "activities": item.activities,
            "skills": item.skills,
            "renewal_of": item.renewal_of,
            "assessment": item.assessment.as_json() if item.assessment else None,
        }

    def _from_row(self, row: Row[Any]) -> Immersion:
        m = row._mapping
        minutes = m["weekly_minutes"]
        return Immersion(
            **meta_columns(row),
            person_id=m["person_id"],
            action_id=m["action_id"],
            company=HostCompany(
                m["company_name"],
                m["siret"],
                m["company_address"],
                m["company_commune"],
                m["sector"],
            ),
            tutor=Tutor(m["tutor_name"], m["tutor_function"], m["tutor_phone"], m["tutor_email"]),
            periods=periods_from_json(m["periods"]),
            weekly_hours=None if minutes is None else minutes / 60,
            objective=_objective(m["objective"]),
            trade_code=m["trade_code"],
            trade_label=m["trade_label"],
            activities=m["activities"],
            skills=m["skills"],
            renewal_of=m["renewal_of"],
            assessment=assessment_from_json(m["assessment"]),
        )

    def list_for_person(self, person_id: uuid.UUID) -> list[Immersion]:
        c = self.table.c
        return self._select_where(c.person_id == person_id, order_by=(c.hlc, c.id))

    def list_for_action(self, action_id: uuid.UUID) -> list[Immersion]:
        c = self.table.c
        return self._select_where(c.action_id == action_id, order_by=(c.hlc, c.id))

    def list_all(self) -> list[Immersion]:
        return self._select_where(order_by=(self.table.c.id,))


class EmployerRepository(RecordRepository[Employer]):
    table = table_of(EmployerRow)

    def _to_row(self, item: Employer) -> dict[str, Any]:
        return {
            "key": item.key,
            "name": item.name,
            "siret": item.siret,
            "sector": item.sector,
            "commune": item.commune,
            "trades": list(item.trades),
            "contact_name": item.contact_name,
            "contact_phone": item.contact_phone,
            "contact_email": item.contact_email,
        }

    def _from_row(self, row: Row[Any]) -> Employer:
        m = row._mapping
        return Employer(
            **meta_columns(row),
            key=m["key"],
            name=m["name"],
            siret=m["siret"],
            sector=m["sector"],
            commune=m["commune"],
            trades=tuple(str(t) for t in m["trades"] or []),
            contact_name=m["contact_name"],
            contact_phone=m["contact_phone"],
            contact_email=m["contact_email"],
        )

    def by_key(self, key: str) -> Employer | None:
        """The employer with this key (the smallest id if twins are still both here)."""
        c = self.table.c
        found = self._select_where(c.key == key, order_by=(c.id,))
        return found[0] if found else None

    def list_all(self) -> list[Employer]:
        c = self.table.c
        return self._select_where(order_by=(c.name, c.id))


def _objective(value: str) -> ImmersionObjective:
    try:
        return ImmersionObjective(value)
    except ValueError:  # an objective from a newer version
        return ImmersionObjective.DISCOVER
