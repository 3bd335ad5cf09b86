// Colours and the closed states come from the process definition on the server (frappe.boot.kpi_agreement).
frappe.listview_settings["KPI Agreement"] = {
	filters: kpi_agreement.fiscal_year_filters(), // opens on the current fiscal year
	onload: (listview) => kpi_agreement.keep_year_filter(listview),
	add_fields: ["workflow_state", "step_due_on", "docstatus"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const process = frappe.boot.kpi_agreement || { steps: [] };
		const colors = Object.fromEntries(process.steps.map((s) => [s.state, s.color]));
		colors[process.cancelled_state] = "red";
		const state = doc.workflow_state || process.steps[0]?.state;
		if (kpi_agreement.is_overdue(state, doc.step_due_on)) {
			return [__("{0} (overdue)", [__(state)]), "red", `workflow_state,=,${state}`];
		}
		return [__(state), colors[state] || "gray", `workflow_state,=,${state}`];
	},
	formatters: {
		step_due_on(value, df, doc) {
			if (!value) return "";
			const text = kpi_agreement.format_datetime(value);
			return kpi_agreement.is_overdue(doc.workflow_state, value)
				? `<span class="text-danger">${text}</span>`
				: text;
		},
	},
};
