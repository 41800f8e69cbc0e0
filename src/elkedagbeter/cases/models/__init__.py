from .case import Case, new_case_reference
from .history import CaseTransfer, ChangeRecord, EmergencyAccess, TransferKind
from .household import AgeBand, HouseholdMember, MemberRole
from .plan import (
    AnalysisVersion,
    Goal,
    Intervention,
    Involvement,
    InvolvementMode,
    LifeDomain,
    Party,
    PlanVersion,
)
from .timeline import (
    AGREEMENT_FIELDS,
    Agreement,
    Event,
    EventKind,
    LegalBasis,
    ResidenceType,
    placement_against_will,
)

__all__ = [
    "AGREEMENT_FIELDS",
    "AgeBand",
    "Agreement",
    "AnalysisVersion",
    "Case",
    "CaseTransfer",
    "ChangeRecord",
    "EmergencyAccess",
    "Event",
    "EventKind",
    "Goal",
    "HouseholdMember",
    "Intervention",
    "Involvement",
    "InvolvementMode",
    "LegalBasis",
    "LifeDomain",
    "MemberRole",
    "Party",
    "PlanVersion",
    "ResidenceType",
    "TransferKind",
    "new_case_reference",
    "placement_against_will",
]
