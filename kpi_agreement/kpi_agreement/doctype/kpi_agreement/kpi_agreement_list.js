// Colours and the final step come from the process definition on the server (frappe.boot.kpi_agreement).
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
		const overdue = doc.step_due_on && frappe.datetime.now_datetime() > doc.step_due_on;
		if (overdue && state !== process.final_state && state !== process.cancelled_state) {
			return [__("{0} (overdue)", [__(state)]), "red", `workflow_state,=,${state}`];
		}
		return [__(state), colors[state] || "gray", `workflow_state,=,${state}`];
	},
	formatters: {
		step_due_on(value, df, doc) {
			if (!value) return "";
			const final = frappe.boot.kpi_agreement?.final_state;
			const overdue = frappe.datetime.now_datetime() > value && doc.workflow_state !== final;
			const text = kpi_agreement.format_datetime(value);
			return overdue ? `<span class="text-danger">${text}</span>` : text;
		},
	},
};
