frappe.ui.form.on("KPI Assessment", {
	setup(frm) {
		frm.set_query("agreement", () => ({ filters: { docstatus: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("What-if"), () => kpi_agreement.what_if(frm));
		}
	},
	onload(frm) {
		if (frm.is_new() && frm.doc.agreement) frm.events.agreement(frm);
	},
	agreement(frm) {
		// the agreement's rounds, the round now due proposed; nothing is saved until the user saves
		if (!frm.is_new() || !frm.doc.agreement) return;
		frappe
			.xcall("kpi_agreement.kpi_agreement.doctype.kpi_assessment.kpi_assessment.round_choices", {
				agreement: frm.doc.agreement,
			})
			.then((choices) => {
				frm.kpi_assessed_rounds = choices.assessed;
				frm.set_df_property("round_months", "options", ["", ...choices.rounds]);
				if (!frm.doc.round_months || choices.assessed.includes(frm.doc.round_months)) {
					frm.set_value("round_months", choices.suggested || "");
				}
				frm.events.round_months(frm);
			});
	},
	round_months(frm) {
		if (!frm.is_new()) return;
		const assessed = (frm.kpi_assessed_rounds || []).includes(frm.doc.round_months);
		frm.set_intro(
			assessed
				? __("The {0}-month round of this agreement already has an assessment: open it from the list instead.", [frm.doc.round_months])
				: __("Choose the round, then save: the agreement's indicators for that round fill the table."),
			assessed ? "red" : "blue"
		);
	},
	recompute(frm) {
		// totals follow every result the committee or the unit types, before saving
		if (frm.doc.docstatus !== 0 || frm.is_new()) return;
		frappe.xcall("kpi_agreement.kpi_agreement.doctype.kpi_assessment.kpi_assessment.preview", {
			doc: frm.doc,
		}).then((r) => {
			r.lines.forEach((line, i) => {
				const row = frm.doc.lines[i];
				Object.assign(row, line);
			});
			Object.assign(frm.doc, r.totals);
			frm.refresh_field("lines");
			["total_score", "self_total", "total_weight"].forEach((f) => frm.refresh_field(f));
		});
	},
});

frappe.ui.form.on("KPI Assessment Line", {
	self_result: (frm) => frm.trigger("recompute"),
	committee_result: (frm) => frm.trigger("recompute"),
	committee_score: (frm) => frm.trigger("recompute"),
});
