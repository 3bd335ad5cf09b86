"""Give sites installed before the email digests the digest defaults of KPI Settings."""

import frappe

DEFAULTS = {
	"digest_frequency": "Weekly",
	"digest_weekday": "Monday",
	"digest_hour": 8,
	"owner_digest": 1,
	"coordinator_digest": 1,
	"executive_digest": 1,
}


def execute() -> None:
	for field, value in DEFAULTS.items():
		if frappe.db.get_single_value("KPI Settings", field) in (None, "", 0) and not frappe.db.exists(
			"Singles", {"doctype": "KPI Settings", "field": field}
		):
			frappe.db.set_single_value("KPI Settings", field, value)
