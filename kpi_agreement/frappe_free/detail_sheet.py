"""What makes an indicator detail sheet (รายละเอียดตัวชี้วัด) complete. Plain Python, no Frappe import."""

from __future__ import annotations

from kpi_agreement.frappe_free import scoring

REQUIRED = ("definition", "unit_of_measure", "required_evidence", "indicator_owner", "data_collector")


def missing_fields(sheet: dict, level_count: int) -> list[str]:
	"""Fieldnames of the parts still empty; milestone indicators need no formula."""
	missing = [field for field in REQUIRED if not sheet.get(field)]
	if sheet.get("scoring_scheme") != scoring.MILESTONE and not sheet.get("formula"):
		missing.append("formula")
	if level_count != scoring.level_count(sheet.get("scoring_scheme")):
		missing.append("levels")
	return missing
