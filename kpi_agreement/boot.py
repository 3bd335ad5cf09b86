"""What the desk's scripts need to know of the process, sent once with the boot: the steps in order with
their list colours, the level count of each scoring scheme, and the rounds a round field offers. The
browser holds no copy of its own."""

from __future__ import annotations

import frappe

from kpi_agreement.frappe_free import appeals, certification, process, rounds, scoring, thai, units


def boot_session(bootinfo) -> None:
	bootinfo.kpi_agreement = {
		"steps": [{"state": s.state, "number": s.number, "color": s.color} for s in process.STEPS],
		"cancelled_state": process.CANCELLED,
		"closed_states": process.CLOSED_STATES,
		"level_counts": scoring.LEVEL_COUNTS,
		"signing_fields": units.SIGNING_FIELDS,
		"before_signing": [process.NEGOTIATION, process.READY_FOR_SIGNING],
		"thai_months": {"long": thai.MONTHS, "short": thai.SHORT_MONTHS},
		"rounds": rounds.boot(),
		"new_framework": {"dimensions": process.DIMENSIONS, "rounds": rounds.OPTIONS},
		"certification_moves": {method: move for move, method in certification.METHODS.items()},
		"appeal_states": {"draft": appeals.DRAFT, "filed": appeals.FILED},
	}


def extend_bootinfo(bootinfo) -> None:
	"""Added on every page load, the cached boot included, so a new fiscal year or framework shows at once."""
	bootinfo.setdefault("kpi_agreement", {}).update(current_year())


def current_year() -> dict:
	"""The Thai fiscal year of today, the default of the app's lists, cards and reports, and its framework
	as the user sees it, with its title (None when there is none, or the user may not read frameworks)."""
	fiscal_year = thai.fiscal_year_of(frappe.utils.getdate())
	found = None
	if frappe.has_permission("KPI Framework", "read"):
		found = frappe.get_list(
			"KPI Framework",
			filters={"fiscal_year": fiscal_year},
			fields=["name", "title"],
			order_by="creation asc",
			limit=1,
		)
	framework = found[0] if found else frappe._dict()
	return {"fiscal_year": fiscal_year, "framework": framework.name, "framework_title": framework.title}
