"""One short transaction over the store, with a repository per aggregate."""

from __future__ import annotations

import uuid
from functools import cached_property

from sqlalchemy.orm import Session

from .hlc import HybridClock
from .repositories.base import Context
from .repositories.bulk import BulkLoader
from .repositories.case_reviews import CaseReviewRepository, ReviewCaseRepository
from .repositories.documents import LocalDocumentRepository
from .repositories.evaluations import EvaluationRepository
from .repositories.events import AuditRepository, FollowUpEventRepository
from .repositories.immersions import EmployerRepository, ImmersionRepository
from .repositories.interviews import AnswerRepository, InterviewRepository
from .repositories.meta import MetaRepository
from .repositories.offer_catalogue import OfferCatalogueRepository
from .repositories.organisation import CounsellorRepository, StructureRepository
from .repositories.outbox import OutboxRepository
from .repositories.people import ConsentRepository, PersonRepository
from .repositories.plans import PlanRepository
from .repositories.signing_keys import SigningKeyRepository
from .repositories.sync_base import MergeBaseRepository
from .repositories.sync_inbox import SyncInboxRepository


class UnitOfWork:
    """Everything done through one unit of work commits together or not at all.

    ``actor_id`` is the counsellor doing the work: it stamps ``updated_by`` and the audit trail.
    """

    def __init__(self, session: Session, actor_id: uuid.UUID | None, clock: HybridClock) -> None:
        self.session = session
        self.actor_id = actor_id
        self._ctx = Context(session, actor_id, clock)

    @cached_property
    def meta(self) -> MetaRepository:
        return MetaRepository(self._ctx)

    @cached_property
    def structures(self) -> StructureRepository:
        return StructureRepository(self._ctx)

    @cached_property
    def counsellors(self) -> CounsellorRepository:
        return CounsellorRepository(self._ctx)

    @cached_property
    def people(self) -> PersonRepository:
        return PersonRepository(self._ctx)

    @cached_property
    def consents(self) -> ConsentRepository:
        return ConsentRepository(self._ctx)

    @cached_property
    def interviews(self) -> InterviewRepository:
        return InterviewRepository(self._ctx)

    @cached_property
    def answers(self) -> AnswerRepository:
        return AnswerRepository(self._ctx)

    @cached_property
    def plans(self) -> PlanRepository:
        return PlanRepository(self._ctx)

    @cached_property
    def events(self) -> FollowUpEventRepository:
        return FollowUpEventRepository(self._ctx)

    @cached_property
    def case_reviews(self) -> CaseReviewRepository:
        """Multi-agency case review sessions."""
        return CaseReviewRepository(self._ctx)

    @cached_property
    def review_cases(self) -> ReviewCaseRepository:
        """People's situations flagged for a case review."""
        return ReviewCaseRepository(self._ctx)

    @cached_property
    def immersions(self) -> ImmersionRepository:
        """PMSMP conventions of plan actions."""
        return ImmersionRepository(self._ctx)

    @cached_property
    def employers(self) -> EmployerRepository:
        """Companies that hosted an immersion (entreprises accueillantes)."""
        return EmployerRepository(self._ctx)

    @cached_property
    def evaluations(self) -> EvaluationRepository:
        """The people's own evaluations. Written with no actor: they name no counsellor."""
        return EvaluationRepository(Context(self.session, None, self._ctx.clock))

    @cached_property
    def offer_catalogue(self) -> OfferCatalogueRepository:
        """The territory's offer catalogue (data·inclusion records; local only: no outbox)."""
        return OfferCatalogueRepository(self._ctx)

    @cached_property
    def audit(self) -> AuditRepository:
        return AuditRepository(self._ctx)

    @cached_property
    def outbox(self) -> OutboxRepository:
        """Local changes waiting to be pushed, and their statuses."""
        return OutboxRepository(self._ctx)

    @cached_property
    def signing_keys(self) -> SigningKeyRepository:
        """Counsellors' signing identities (local only: no outbox)."""
        return SigningKeyRepository(self._ctx)

    @cached_property
    def bulk(self) -> BulkLoader:
        """Many new records in one statement per table, without outbox: demo stores only."""
        return BulkLoader(self)

    @cached_property
    def documents(self) -> LocalDocumentRepository:
        """Any synchronised record as its document: what sync stores and reads (no outbox)."""
        return LocalDocumentRepository(self._ctx)

    @cached_property
    def merge_base(self) -> MergeBaseRepository:
        """The last version of each record the server confirmed: the base of a merge."""
        return MergeBaseRepository(self._ctx)

    @cached_property
    def inbox(self) -> SyncInboxRepository:
        """Conflicts and parked records waiting, and the pull checkpoint."""
        return SyncInboxRepository(self._ctx)
