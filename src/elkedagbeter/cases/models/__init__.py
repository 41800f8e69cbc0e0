from .case import Case, TriageMarker, new_case_reference
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
from .registration import FormTiming
from .timeline import Event, EventKind, LegalBasis, ResidenceType

__all__ = [
    "AgeBand",
    "AnalysisVersion",
    "Case",
    "CaseTransfer",
    "ChangeRecord",
    "EmergencyAccess",
    "Event",
    "EventKind",
    "FormTiming",
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
    "TriageMarker",
    "new_case_reference",
]
