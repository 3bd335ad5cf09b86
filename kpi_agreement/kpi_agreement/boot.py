"""What the desk's scripts need to know of the process, sent once with the boot: the steps in order with
their list colours, and the level count of each scoring scheme. The browser holds no copy of its own."""

from __future__ import annotations

from kpi_agreement.frappe_free import process, scoring, units


def boot_session(bootinfo) -> None:
	bootinfo.kpi_agreement = {
		"steps": [{"state": s.state, "number": s.number, "color": s.color} for s in process.STEPS],
		"final_state": process.FINAL_STATE,
		"cancelled_state": process.CANCELLED,
		"level_counts": scoring.LEVEL_COUNTS,
		"signing_fields": units.SIGNING_FIELDS,
	}
