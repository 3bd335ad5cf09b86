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
def run(
	doctype: str,
	name: str,
	results: str | dict | None = None,
	target_score: str | None = None,
	round_months: str | None = None,
) -> dict:
	"""What-if on a saved agreement or assessment the user can read; on an agreement, optionally for one
	round: its lines with that round's targets, the others left out of the composite."""
	if doctype not in ("KPI Agreement", "KPI Assessment"):
		frappe.throw(_("What-if works on KPI Agreement and KPI Assessment only."))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	trial = frappe.parse_json(results) or {}
	if doctype == "KPI Assessment" or not round_months:
		return what_if(doc.lines, trial, target_score or None)
	targets = doc.round_targets_of(round_months)
	applicable = [
		frappe._dict(
			line.as_dict(),
			**{f"level_{k}": targets[line.indicator].get(f"level_{k}") for k in scoring.LEVELS},
		)
		for line in doc.lines
		if doc.applies(line, round_months)
	]
	answer = what_if(applicable, trial, target_score or None)
	rows = {row["indicator"]: row for row in answer["lines"]}
	outside = _("not assessed in the {0}-month round").format(round_months)
	answer["lines"] = [
		rows.get(line.indicator)
		or {
			"indicator": line.indicator,
			"indicator_name": line.indicator_name,
			"weight": line.weight,
			"error": outside,
		}
		for line in doc.lines
	]
	return answer
