"""What-if for negotiation (step 3) and assessment: scores for trial results, and the result an indicator
needs for a chosen score. Shared by KPI Agreement and KPI Assessment lines."""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.frappe_free import rounds, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import rules_of
from kpi_agreement.utils.validation import fail


def lower_is_better(line) -> bool:
	return scoring.is_lower_better(line.get("direction"))


def thresholds(line) -> list:
	return [line.get(f"level_{k}") or 0 for k in range(1, scoring.level_count(line.scoring_scheme) + 1)]


def target_scheme(lines) -> str:
	"""The scale the score to reach is asked on: the tiers' 0-100 when every line is a tier line, else 1-5."""
	tiers = [line.scoring_scheme == scoring.TIER for line in lines]
	return scoring.TIER if tiers and all(tiers) else scoring.FIVE_LEVEL


def target_label(scheme: str) -> str:
	return _("Score to reach (0-100)") if scheme == scoring.TIER else _("Score to reach (1-5)")


def wanted_score(target_score: str | None, scheme: str):
	"""The score to reach as a Decimal on the scheme's scale (None when none is asked), refused outside it."""
	lowest, best = scoring.target_range(scheme)
	try:
		wanted = scoring.parse_number(target_score, "target score")
		if wanted is None or lowest <= wanted <= best:
			return wanted
	except ValueError:
		pass
	frappe.throw(
		_("{0}: {1} is outside {2} to {3}.").format(target_label(scheme), target_score, lowest, best)
	)


def what_if(
	lines,
	results: dict,
	target_score: str | None = None,
	*,
	rules: dict | None = None,
	scheme: str | None = None,
) -> dict:
	"""Per line: trial score (or the reason it cannot be scored) and the result needed; the weighted total.

	Lines are scored by ``rules`` (the agreement's, as an assessment of it is scored). The score to reach is on
	the scale of ``scheme`` (:func:`target_scheme` of the lines by default) and is carried to each line's own
	scale: 4 of 5 is 80 points of a tier line."""
	arguments = scoring.rule_arguments(rules or {})
	scheme = scheme or target_scheme(lines)
	wanted = wanted_score(target_score, scheme)
	rows, scored = [], []
	for line in lines:
		row = {"indicator": line.indicator, "indicator_name": line.indicator_name, "weight": line.weight}
		result = results.get(line.indicator)
		lower = lower_is_better(line)
		try:
			if result not in (None, ""):
				score = scoring.score_line(
					line.scoring_scheme, result, thresholds(line), lower_is_better=lower, **arguments
				)
				row["score"] = str(score)
				scored.append((score, line.weight or 0))
			if wanted is not None and line.scoring_scheme in (scoring.FIVE_LEVEL, scoring.TIER):
				needed = scoring.score_needed(
					wanted * scoring.scheme_scale(line.scoring_scheme) / scoring.scheme_scale(scheme),
					thresholds(line),
					lower_is_better=lower,
					scheme=line.scoring_scheme,
					tier_points=arguments["tier_points"],
				)
				row["needed"] = format(scoring.result_to_show(needed, lower_is_better=lower).normalize(), "f")
		except (TypeError, ValueError) as error:
			row["error"] = _("Cannot score: {0}").format(error)
		rows.append(row)
	total = scoring.weighted_average(scored) if scored else None
	return {
		"lines": rows,
		"total_score": str(total) if total is not None else "",
		"target_label": target_label(scheme),
	}


@frappe.whitelist()
def run(
	doctype: str,
	name: str,
	results: str | dict | None = None,
	target_score: str | None = None,
	round_months: str | None = None,
) -> dict:
	"""What-if on a saved agreement or assessment the user can read; on an agreement, optionally for one
	round: its lines with that round's targets, the others left out of the weighted total."""
	if doctype not in ("KPI Agreement", "KPI Assessment"):
		frappe.throw(_("What-if works on KPI Agreement and KPI Assessment only."))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	trial = frappe.parse_json(results) or {}
	# the rules an assessment of the agreement is scored by: as signed, or the framework's while a draft
	rules = doc.rules() if doctype == "KPI Assessment" else rules_of(doc)
	scale = {"rules": rules, "scheme": target_scheme(doc.lines)}  # the whole document's, as the dialog asks
	if doctype == "KPI Assessment" or not round_months:
		return what_if(doc.lines, trial, target_score, **scale)
	if not rounds.months_of(round_months):
		fail(_("Round (months): choose one of {0}, or none.").format(", ".join(rounds.OPTIONS)))
	targets = doc.round_targets_of(round_months)
	applicable = [
		frappe._dict(
			line.as_dict(),
			**{f"level_{k}": targets[line.indicator].get(f"level_{k}") for k in scoring.LEVELS},
		)
		for line in doc.lines
		if doc.applies(line, round_months)
	]
	answer = what_if(applicable, trial, target_score, **scale)
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
