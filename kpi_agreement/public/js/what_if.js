// What-if dialog for KPI Agreement (negotiation) and KPI Assessment: trial results and the result needed.
frappe.provide("kpi_agreement");

kpi_agreement.what_if = function (frm) {
	const lines = frm.doc.lines || [];
	const dialog = new frappe.ui.Dialog({
		title: __("What-if"),
		size: "extra-large",
		fields: [
			{
				fieldname: "target_score",
				fieldtype: "Float",
				label: __("Score to reach (1-5)"),
				description: __("Shows the result each five-level indicator needs for this score"),
			},
			{
				fieldname: "round_months",
				fieldtype: "Select",
				label: __("Round (months)"),
				options: ["", "6", "9", "12"],
				hidden: frm.doctype !== "KPI Agreement",
				description: __("The lines and targets of one round; empty for every line with its own targets"),
				change: () => dialog.primary_action(),
			},
			{ fieldtype: "Column Break" },
			{ fieldname: "composite", fieldtype: "HTML" },
			{ fieldtype: "Section Break" },
			{
				fieldname: "trial",
				fieldtype: "Table",
				label: __("Trial results"),
				cannot_add_rows: true,
				cannot_delete_rows: true,
				in_place_edit: true,
				data: lines.map((l) => ({
					indicator: l.indicator,
					indicator_name: l.indicator_name,
					weight: l.weight,
					result: l.committee_result || l.self_result || "",
				})),
				fields: [
					{ fieldname: "indicator", fieldtype: "Data", hidden: 1 },
					{ fieldname: "indicator_name", fieldtype: "Data", label: __("Indicator"), in_list_view: 1, read_only: 1, columns: 4 },
					{ fieldname: "weight", fieldtype: "Float", label: __("Weight (%)"), in_list_view: 1, read_only: 1, columns: 1 },
					{ fieldname: "result", fieldtype: "Data", label: __("Result"), in_list_view: 1, columns: 2 },
					{ fieldname: "score", fieldtype: "Data", label: __("Score"), in_list_view: 1, read_only: 1, columns: 1 },
					{ fieldname: "needed", fieldtype: "Data", label: __("Result Needed"), in_list_view: 1, read_only: 1, columns: 2 },
				],
			},
		],
		primary_action_label: __("Calculate"),
		primary_action() {
			const values = dialog.get_values();
			const results = {};
			(values.trial || []).forEach((row) => (results[row.indicator] = row.result));
			frappe
				.xcall("kpi_agreement.kpi_agreement.what_if.run", {
					doctype: frm.doctype,
					name: frm.doc.name,
					results,
					target_score: values.target_score || null,
					round_months: values.round_months || null,
				})
				.then((r) => {
					const rows = dialog.fields_dict.trial.df.data;
					r.lines.forEach((line, i) => {
						rows[i].score = line.error || line.score || "";
						rows[i].needed = line.needed || "";
					});
					dialog.fields_dict.trial.grid.refresh();
					dialog.fields_dict.composite.$wrapper.html(
						`<div class="h4">${__("Weighted Average Score")}: <b>${r.composite || "-"}</b></div>`
					);
				});
		},
	});
	dialog.show();
	dialog.primary_action();
};
