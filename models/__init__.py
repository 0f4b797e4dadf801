"""SQLModel tables and pydantic schemas. Importing this registers every table."""

from models.event import (
    ContactRelease,
    EventParticipant,
    EventRecord,
    MeetingRequest,
    ScheduleJob,
    ShortlistOverride,
)
from models.outcome import Outcome
from models.records import (
    AuditEvent,
    CatalogState,
    RequirementRecord,
    ShortlistRun,
    WeightProfileRecord,
)
from models.supplier import Supplier, SupplierCreate, SupplierPublic, SupplierUpdate
from models.user import ApiKey, User

__all__ = [
    "ApiKey",
    "AuditEvent",
    "CatalogState",
    "ContactRelease",
    "EventParticipant",
    "EventRecord",
    "MeetingRequest",
    "Outcome",
    "RequirementRecord",
    "ScheduleJob",
    "ShortlistOverride",
    "ShortlistRun",
    "Supplier",
    "SupplierCreate",
    "SupplierPublic",
    "SupplierUpdate",
    "User",
    "WeightProfileRecord",
]
