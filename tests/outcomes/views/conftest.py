"""An outcome, a finished stored report with its file, and evidence with a file."""

from __future__ import annotations

import pytest

from outcomes.models import ReportStatus
from tests.outcomes import factories


@pytest.fixture
def outcome():
    return factories.OutcomeFactory()


@pytest.fixture
def done_report(admin_user):
    from django.core.files.base import ContentFile

    report = factories.StoredReportFactory(status=ReportStatus.DONE, generated_by=admin_user)
    report.file.save("annual-report-2023-en.pdf", ContentFile(b"%PDF-1.7 secret figures"))
    return report


@pytest.fixture
def file_evidence(outcome):
    from django.core.files.base import ContentFile

    from outcomes.models import OutcomeEvidence

    item = OutcomeEvidence(outcome=outcome, kind="file", description="Signed protocol")
    item.file.save("protocol.pdf", ContentFile(b"%PDF-1.7 protocol"), save=True)
    return item
