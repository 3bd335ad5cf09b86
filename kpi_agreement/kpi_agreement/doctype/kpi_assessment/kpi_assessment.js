frappe.ui.form.on("KPI Assessment", {
	setup(frm) {
		frm.set_query("agreement", () => ({ filters: { docstatus: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("What-if"), () => kpi_agreement.what_if(frm));
		}
	},
	agreement(frm) {
		if (frm.doc.agreement && frm.doc.round_months && frm.is_new()) frm.save();
	},
	round_months(frm) {
		if (frm.doc.agreement && frm.doc.round_months && frm.is_new()) frm.save();
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
