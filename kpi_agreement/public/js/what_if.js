// What-if dialog for KPI Agreement (negotiation) and KPI Assessment: trial results and the result needed.
// The server scores the lines by the agreement's rules and names the scale the score to reach is asked on.
frappe.provide("kpi_agreement");

kpi_agreement.what_if = function (frm) {
	const trial = (frm.doc.lines || []).map((l) => ({
		indicator: l.indicator,
		indicator_name: l.indicator_name,
		weight: l.weight,
		result: l.committee_result || l.self_result || "",
	}));
	const calculate = (rows, values = {}) => {
		const results = {};
		rows.forEach((row) => (results[row.indicator] = row.result));
		return frappe.xcall("kpi_agreement.api.what_if.run", {
			doctype: frm.doctype,
			name: frm.doc.name,
			results,
			target_score: values.target_score ?? null,
			round_months: values.round_months || null,
		});
	};
	calculate(trial).then((first) => {
		const dialog = new frappe.ui.Dialog({
			title: __("What-if"),
			size: "extra-large",
			fields: [
				{
					fieldname: "target_score",
					fieldtype: "Float",
					label: first.target_label,
					description: __("Shows the result each five-level and tier indicator needs for this score"),
					change: () => recompute(),
				},
				{
					fieldname: "round_months",
					fieldtype: "Select",
					label: __("Round (months)"),
					options: ["", ...kpi_agreement.rounds().options],
					hidden: frm.doctype !== "KPI Agreement",
					description: __("The lines and targets of one round; empty for every line with its own targets"),
					change: () => recompute(),
				},
				{ fieldtype: "Column Break" },
				{ fieldname: "total_score", fieldtype: "HTML" },
				{ fieldtype: "Section Break" },
				{
					fieldname: "trial",
					fieldtype: "Table",
					label: __("Trial results"),
					cannot_add_rows: true,
					cannot_delete_rows: true,
					in_place_edit: true,
					data: trial,
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
			primary_action: () => recompute(),
		});
		// every change recomputes; only the agreement's own lines are trial rows (Tab adds none)
		const recompute = frappe.utils.debounce(() => {
			const field = dialog.fields_dict.trial;
			const values = dialog.get_values(true) || {};
			field.df.data = (values.trial || field.df.data || []).filter((row) => row.indicator);
			calculate(field.df.data, values).then(show);
		}, 300);
		$(dialog.fields_dict.trial.grid.wrapper).on("change", "input", () => recompute());
		const show = (r) => {
			const rows = dialog.fields_dict.trial.df.data;
			r.lines.forEach((line, i) => {
				if (!rows[i]) return;
				rows[i].score = line.error || line.score || "";
				rows[i].needed = line.needed || "";
			});
			dialog.fields_dict.trial.grid.refresh();
			dialog.fields_dict.total_score.$wrapper.html(
				`<div class="h4">${__("Weighted Average Score")}: <b>${r.total_score || "-"}</b></div>`
			);
		};
		dialog.show();
		show(first);
	});
};
