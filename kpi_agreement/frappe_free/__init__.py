"""The Frappe-free core: scoring, Thai dates and digits, the nine steps and their due dates, unit ranking,
digest content, detail-sheet completeness and the unit scope. Nothing here imports Frappe (a test checks it);
the Frappe shell (kpi_agreement/kpi_agreement) imports from here, never the other way round."""
