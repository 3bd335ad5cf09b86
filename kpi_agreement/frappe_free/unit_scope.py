"""Which DocTypes belong to one unit, and where each finds its unit. No Frappe import: hooks.py and the
static tests read it; kpi_agreement/permissions/unit_access.py enforces it."""

UNIT_SCOPED = {
	"KPI Agreement": None,
	"KPI Assessment": None,
	"KPI Indicator": None,
	"KPI Scorecard Row": None,
	"KPI Agreement Line": "KPI Agreement",
	"KPI Agreement Step": "KPI Agreement",
	"KPI Agreement Round Target": "KPI Agreement",
	"KPI Assessment Line": "KPI Assessment",
	"KPI Assessment Evidence": "KPI Assessment",
	"KPI Assessment Event": "KPI Assessment",
	"KPI Appeal": None,
	"KPI Result Entry": None,
	"KPI Appeal Line": "KPI Appeal",
	"KPI Indicator Level": "KPI Indicator",
	"KPI Indicator Baseline": "KPI Indicator",
}
"""Every DocType whose rows belong to one unit: None when the row holds the ``unit`` field itself, else the
parent DocType that holds it."""

UNIT_DOCUMENTS = ("KPI Agreement", "KPI Assessment", "KPI Indicator", "KPI Appeal", "KPI Result Entry")
"""The documents (not table rows) that belong to one unit: checked against the unit stored in the database,
and searched for links with User Permissions always applied."""
