// Desk helpers shared by the KPI forms and lists.
frappe.provide("kpi_agreement");

kpi_agreement.THAI_MONTHS = frappe.boot.kpi_agreement?.thai_months.short || []; // from frappe_free/thai.py

// The one rule of lateness (frappe_free/process.py is_overdue): past its due time, in a state with work left.
kpi_agreement.is_overdue = function (state, due) {
	const closed = frappe.boot.kpi_agreement?.closed_states || [];
	return Boolean(due) && frappe.datetime.now_datetime() > due && !closed.includes(state);
};

// The rounds a round field offers and the usual one, from frappe_free/rounds.py by the boot.
kpi_agreement.rounds = () => frappe.boot.kpi_agreement?.rounds || { options: [], default: undefined };

// A report's round filter, the same in every report.
kpi_agreement.round_filter = () => ({
	fieldname: "round_months",
	label: __("Round (months)"),
	fieldtype: "Select",
	options: kpi_agreement.rounds().options,
	default: kpi_agreement.rounds().default,
	reqd: 1,
});

// A date (and time) the way the user reads it: "12 ธ.ค. 2569 23:59" (Buddhist era) for Thai users.
kpi_agreement.format_datetime = function (value) {
	if (!value) return "";
	if (frappe.boot.lang !== "th") return frappe.datetime.str_to_user(value);
	const [date, time] = String(value).split(" ");
	const [y, m, d] = date.split("-").map(Number);
	return `${d} ${kpi_agreement.THAI_MONTHS[m - 1]} ${y + 543}${time ? " " + time.slice(0, 5) : ""}`;
};

// Submit with a message that says what submitting this document does, in place of Frappe's
// "Permanently Submit {0}?" (the standard submit flow runs unchanged after it).
kpi_agreement.confirm_submit = function (frm, message) {
	const savesubmit = frm.savesubmit.bind(frm);
	frm.savesubmit = function (...args) {
		const confirm = frappe.confirm;
		frappe.confirm = (_standard, yes, no) => confirm(message(), yes, no);
		try {
			return savesubmit(...args);
		} finally {
			frappe.confirm = confirm;
		}
	};
};

// The Year's Workbook of a framework (kpi_agreement/api/workbook.py): a sheet per round, of the units the
// user may read; from the framework form and the Score Summary.
kpi_agreement.download_year_workbook = function (framework) {
	if (!framework) return frappe.msgprint(__("Choose a framework first."));
	window.open(`/api/method/kpi_agreement.api.workbook.download?framework=${encodeURIComponent(framework)}`);
};
