"""SQLModel tables and pydantic schemas. Importing this registers every table."""

from models.outcome import Outcome
from models.records import (
    AuditEvent,
    CatalogState,
    RequirementRecord,
    ShortlistRun,
    WeightProfileRecord,
)
from models.supplier import Supplier, SupplierCreate, SupplierPublic, SupplierUpdate

__all__ = [
    "AuditEvent",
    "CatalogState",
    "Outcome",
    "RequirementRecord",
    "ShortlistRun",
    "Supplier",
    "SupplierCreate",
    "SupplierPublic",
    "SupplierUpdate",
    "WeightProfileRecord",
]
