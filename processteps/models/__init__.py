from .audit import AuditEntry
from .domains import Domain, Horizon, PartyKind
from .method import MethodChecklistItem, MethodStep
from .project import Membership, Project, Role, TeamAgreement
from .steps import (
    ChecklistItem,
    DataSource,
    Decision,
    ProcessStep,
    StepStatus,
    Task,
    TaskStatus,
    UncertaintyStatus,
)

__all__ = [
    "AuditEntry",
    "ChecklistItem",
    "DataSource",
    "Domain",
    "Horizon",
    "PartyKind",
    "Decision",
    "Membership",
    "MethodChecklistItem",
    "MethodStep",
    "ProcessStep",
    "Project",
    "Role",
    "StepStatus",
    "Task",
    "TaskStatus",
    "TeamAgreement",
    "UncertaintyStatus",
]
