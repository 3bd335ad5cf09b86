frappe.ui.form.on("KPI Assessment", {
	setup(frm) {
		frm.set_query("agreement", () => ({ filters: { docstatus: 1 } }));
	},
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("What-if"), () => kpi_agreement.what_if(frm));
		}
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		kpi_agreement.certification_actions(frm);
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
				? __(
						"The {0}-month round of this agreement already has an assessment: open it from the list instead.",
						[frm.doc.round_months],
					)
				: __(
						"Choose the round, then save: the agreement's indicators for that round fill the table.",
					),
			assessed ? "red" : "blue",
		);
	},
	recompute(frm) {
		// totals follow every result the committee or the unit types, before saving
		if (frm.doc.docstatus !== 0 || frm.is_new()) return;
		frappe
			.xcall("kpi_agreement.kpi_agreement.doctype.kpi_assessment.kpi_assessment.preview", {
				doc: frm.doc,
			})
			.then((r) => {
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

frappe.provide("kpi_agreement");

// Who stands behind each result: the owner certifies or returns a line, the unit head names deputies and
// endorses, the committee sends a line back. The server decides which moves are open to this user
// (frappe_free/certification.py, sent with the form's onload) and checks every move again.
kpi_agreement.certification_actions = function (frm) {
	const allowed = frm.doc.__onload?.certification || { lines: {}, assessment: [] };
	const move = frappe.boot.kpi_agreement?.certification_moves || {}; // method -> move, from the core
	const lines = frm.doc.lines || [];
	const open_for = (action) => lines.filter((l) => (allowed.lines[l.name] || []).includes(action));
	const call = (method, args) =>
		frm.call({ method, doc: frm.doc, args, freeze: true }).then(() => frm.reload_doc());
	const line_field = (rows) => ({
		fieldname: "row",
		fieldtype: "Select",
		label: __("Indicator"),
		reqd: 1,
		options: rows.map((l) => ({ value: l.name, label: l.indicator_name })),
		default: rows[0]?.name,
	});
	const reason_field = { fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 };
	const deputy_field = {
		fieldname: "user",
		fieldtype: "Link",
		options: "User",
		label: __("Deputy Data Collector"),
	};
	frm.set_intro(
		frm.doc.endorsed_on
			? __("Endorsed by the unit head on {0}: waiting for the committee.", [
					frappe.datetime.str_to_user(frm.doc.endorsed_on),
				])
			: __("{0} of {1} lines certified by their indicator owners; results due {2}.", [
					frm.doc.lines_certified || 0,
					lines.length,
					frm.doc.results_due_on ? frappe.datetime.str_to_user(frm.doc.results_due_on) : "-",
				]),
		frm.doc.endorsed_on ? "green" : "blue",
	);
	// each line move: its button, the fields it asks for, and the method that makes it
	const line_moves = [
		["certify_line", __("Certify a Line"), []],
		["return_line", __("Return a Line"), [reason_field]],
		["name_deputy", __("Name a Deputy"), [deputy_field], { user: "" }],
		["send_back_line", __("Send a Line Back"), [reason_field]],
	];
	line_moves.forEach(([method, label, fields, defaults]) => {
		const rows = open_for(move[method]);
		if (!rows.length) return;
		frm.add_custom_button(
			label,
			() =>
				frappe.prompt(
					[line_field(rows), ...fields],
					(values) => call(method, { ...defaults, ...values }),
					label,
					label,
				),
			__("Certification"),
		);
	});
	if (allowed.assessment.includes(move.endorse)) {
		frm.add_custom_button(
			__("Endorse"),
			() =>
				frappe.confirm(
					__(
						"Endorse the assessment of {0}? Every line is certified; it goes to the assessment committee and the unit can no longer change it, except a line the committee sends back.",
						[frm.doc.unit],
					),
					() => call("endorse", {}),
				),
			__("Certification"),
		);
	}
};
