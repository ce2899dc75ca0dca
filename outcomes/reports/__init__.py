"""The annual progress report and the five-year summary: figures, charts, PDF, CSV and XLSX."""
