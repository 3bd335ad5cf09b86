frappe.ui.form.on("KPI Appeal", {
	setup(frm) {
		frm.set_query("assessment", () => ({ filters: { docstatus: 1 } }));
	},
	assessment(frm) {
		// the lines of the appealed assessment, to choose from
		frm.set_query("indicator", "lines", () => ({
			query: "kpi_agreement.kpi_agreement.doctype.kpi_appeal.kpi_appeal.assessment_indicators",
			filters: { assessment: frm.doc.assessment },
		}));
	},
	refresh(frm) {
		frm.events.assessment(frm);
		if (frm.is_new()) return;
		// the moves open to this user come from the server (frappe_free/appeals.py), which checks them again
		const actions = frm.doc.__onload?.actions || [];
		const states = frappe.boot.kpi_agreement?.appeal_states || {};
		const call = (method) =>
			frm.call({ method, doc: frm.doc, freeze: true }).then(() => frm.reload_doc());
		if (frm.doc.status === states.draft) {
			frm.set_intro(
				__("File the appeal by {0}; once filed, what it asks no longer changes.", [
					frappe.datetime.str_to_user(frm.doc.appeal_due),
				]),
				"blue",
			);
		}
		if (frm.doc.status === states.filed) {
			frm.set_intro(
				__("Filed on {0}; the committee decides by {1}.", [
					frappe.datetime.str_to_user(frm.doc.filed_on),
					frappe.datetime.str_to_user(frm.doc.decision_due),
				]),
				"orange",
			);
		}
		if (actions.includes("file")) {
			frm.add_custom_button(__("File Appeal"), () =>
				frappe.confirm(
					__("File this appeal with the assessment committee? What it asks can no longer change."),
					() => call("file"),
				),
			).addClass("btn-primary");
		}
		const decisions = {
			accept: [
				__("Accept"),
				__(
					"Accept the appeal? The assessment is amended with the committee's new scores (the original kept) and the scorecard is revised.",
				),
			],
			reject: [__("Reject"), __("Reject the appeal? The published scores stand.")],
		};
		Object.entries(decisions).forEach(([method, [label, question]]) => {
			if (!actions.includes(method)) return;
			frm.add_custom_button(
				label,
				() => frappe.confirm(question, () => frm.save().then(() => call(method))),
				__("Decide"),
			);
		});
	},
});
