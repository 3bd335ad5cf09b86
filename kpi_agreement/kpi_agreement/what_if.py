"""What-if for negotiation (step 3) and assessment: scores for trial results, and the result an indicator
needs for a chosen score. Shared by KPI Agreement and KPI Assessment lines."""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.frappe_free import scoring


def lower_is_better(line) -> bool:
	return scoring.is_lower_better(line.get("direction"))


def thresholds(line) -> list:
	return [line.get(f"level_{k}") or 0 for k in range(1, scoring.level_count(line.scoring_scheme) + 1)]


def what_if(lines, results: dict, target_score: str | None = None) -> dict:
	"""Per line: trial score (or the reason it cannot be scored) and the result needed; the composite."""
	rows, scored = [], []
	for line in lines:
		row = {"indicator": line.indicator, "indicator_name": line.indicator_name, "weight": line.weight}
		result = results.get(line.indicator)
		try:
			if result not in (None, ""):
				score = scoring.score_line(
					line.scoring_scheme, result, thresholds(line), lower_is_better=lower_is_better(line)
				)
				row["score"] = str(score)
				scored.append((score, line.weight or 0))
			if target_score and line.scoring_scheme == scoring.FIVE_LEVEL:
				needed = scoring.score_needed(
					target_score, thresholds(line), lower_is_better=lower_is_better(line)
				)
				row["needed"] = str(needed.normalize())
		except (TypeError, ValueError) as error:
			row["error"] = _("Cannot score: {0}").format(error)
		rows.append(row)
	composite = scoring.composite(scored) if scored else None
	return {"lines": rows, "composite": str(composite) if composite is not None else ""}


@frappe.whitelist()
def run(doctype: str, name: str, results: str | dict | None = None, target_score: str | None = None) -> dict:
	"""What-if on a saved agreement or assessment the user can read."""
	if doctype not in ("KPI Agreement", "KPI Assessment"):
		frappe.throw(_("What-if works on KPI Agreement and KPI Assessment only."))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return what_if(doc.lines, frappe.parse_json(results) or {}, target_score or None)
