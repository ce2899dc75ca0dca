"""The annual progress report and the five-year summary: figures, charts, PDF, CSV and XLSX."""

import logging

# WeasyPrint logs every parsing and layout step at INFO (some while it is imported); a
# worker's log needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
