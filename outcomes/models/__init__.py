"""The outcomes app's models, one module per topic; import them from here."""

from .harvest import (
    ActorKind,
    Credit,
    HarvestMessage,
    HarvestMessageKind,
    HarvestMessageStatus,
    OutcomeSubmission,
    SubmissionStatus,
)
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
    "ActorKind",
    "ChallengeCategory",
    "ChallengeLesson",
    "Credit",
    "EvidenceKind",
    "Framework",
    "FrameworkCommitment",
    "HarvestMessage",
    "HarvestMessageKind",
    "HarvestMessageStatus",
    "Outcome",
    "OutcomeEvidence",
    "OutcomeKind",
    "OutcomeSubmission",
    "ReportFailure",
    "ReportFormat",
    "ReportKind",
    "ReportStatus",
    "StoredReport",
    "SubmissionStatus",
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
