"""The outcomes app's models, one module per topic; import them from here."""

from .outcomes import (
    ChallengeCategory,
    ChallengeLesson,
    EvidenceKind,
    Framework,
    FrameworkCommitment,
    Outcome,
    OutcomeEvidence,
    OutcomeKind,
    ReportFailure,
    ReportFormat,
    ReportKind,
    ReportStatus,
    StoredReport,
    Verification,
    period_label,
)

__all__ = [
    "ChallengeCategory",
    "ChallengeLesson",
    "EvidenceKind",
    "Framework",
    "FrameworkCommitment",
    "Outcome",
    "OutcomeEvidence",
    "OutcomeKind",
    "ReportFailure",
    "ReportFormat",
    "ReportKind",
    "ReportStatus",
    "StoredReport",
    "Verification",
    "period_label",
]

# Substantiation (issue 17 §2, §3).
from .substantiation import (
    Agreement,
    SubstantiationMailStatus,
    Substantiator,
)

__all__ += ["Agreement", "SubstantiationMailStatus", "Substantiator"]
