frappe.listview_settings["KPI Agreement"] = {
	add_fields: ["workflow_state", "step_due_on", "docstatus"],
	has_indicator_for_draft: 1,
	get_indicator(doc) {
		const overdue = doc.step_due_on && frappe.datetime.now_datetime() > doc.step_due_on;
		const colors = {
			"Framework Review": "blue",
			"Indicator Drafting": "orange",
			Negotiation: "yellow",
			"Ready for Signing": "cyan",
			Signed: "green",
			"Booklet Compiled": "green",
			Assessed: "purple",
			"Scores Summarized": "purple",
			Presented: "gray",
			Cancelled: "red",
		};
		const state = doc.workflow_state || "Framework Review";
		if (overdue && state !== "Presented") {
			return [__("{0} (overdue)", [__(state)]), "red", `workflow_state,=,${state}`];
		}
		return [__(state), colors[state] || "gray", `workflow_state,=,${state}`];
	},
	formatters: {
		step_due_on(value, df, doc) {
			if (!value) return "";
			const overdue = frappe.datetime.now_datetime() > value && doc.workflow_state !== "Presented";
			const text = kpi_agreement.format_datetime(value);
			return overdue ? `<span class="text-danger">${text}</span>` : text;
		},
	},
};
