frappe.ui.form.on("KPI Agreement", {
	setup(frm) {
		frm.set_query("indicator", "lines", () => ({ filters: { framework: frm.doc.framework } }));
		// a round's targets are for the agreement's own lines
		frm.set_query("indicator", "round_targets", () => ({
			filters: { name: ["in", (frm.doc.lines || []).map((l) => l.indicator)] },
		}));
		// units of the levels that sign agreements under the chosen framework
		frm.set_query("unit", () => ({
			filters: frm.kpi_signing_levels ? { unit_type: ["in", frm.kpi_signing_levels] } : {},
		}));
	},

	framework(frm) {
		frm.kpi_signing_levels = null;
		if (!frm.doc.framework) return;
		const fields = Object.values(frappe.boot.kpi_agreement?.signing_fields || {});
		frappe.db.get_value("KPI Framework", frm.doc.framework, fields).then(({ message }) => {
			const levels = frappe.boot.kpi_agreement.signing_fields;
			frm.kpi_signing_levels = Object.keys(levels).filter((level) => message?.[levels[level]]);
		});
	},

	onload(frm) {
		if (frm.is_new() && frm.doc.framework) frm.events.framework(frm);
	},

	executive_user(frm) {
		// the receiving executive's name from the chosen user (the position is filled on save)
		if (!frm.doc.executive_user) return;
		frappe.db.get_value("User", frm.doc.executive_user, "full_name").then(({ message }) => {
			if (message?.full_name) frm.set_value("executive_name", message.full_name);
		});
	},

	refresh(frm) {
		kpi_agreement.render_progress(frm);
		kpi_agreement.signing_needs(frm);
		if (frm.doc.__onload?.can_generate_booklet) {
			frm.add_custom_button(__("Generate Booklet"), () =>
				frm.call("generate_booklet").then(() => frm.reload_doc())
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("What-if"), () => kpi_agreement.what_if(frm));
			frm.add_custom_button(
				__("Assessments"),
				() => frappe.set_route("List", "KPI Assessment", { agreement: frm.doc.name }),
				__("View")
			);
		}
	},

	before_workflow_action(frm) {
		const consequence = kpi_agreement.ACTION_CONSEQUENCES[frm.selected_workflow_action];
		if (consequence) {
			frappe.dom.unfreeze();
			return new Promise((resolve, reject) =>
				frappe.confirm(
					consequence(frm.doc),
					() => {
						frappe.dom.freeze();
						resolve();
					},
					reject
				)
			);
		}
		if (frm.selected_workflow_action !== "Return for Revision") return;
		// The reason is saved first: the workflow action reloads the document from the database.
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			const dialog = frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Revision"), reqd: 1 },
				({ reason }) => {
					frappe.dom.freeze();
					frappe
						.xcall("frappe.client.set_value", {
							doctype: frm.doctype,
							name: frm.doc.name,
							fieldname: "revision_reason",
							value: reason,
						})
						.then(resolve, reject);
				},
				__("Return for Revision"),
				__("Return")
			);
			dialog.onhide = () => !dialog.primary_action_fulfilled && reject();
		});
	},
});

frappe.provide("kpi_agreement");

// Say early what signing will need, not only when Sign is refused.
kpi_agreement.signing_needs = function (frm) {
	const before_signing = (frappe.boot.kpi_agreement?.before_signing || []).includes(frm.doc.workflow_state);
	const missing = ["executive_name", "executive_position", "unit_head_name", "unit_head_position"]
		.filter((field) => !frm.doc[field])
		.map((field) => __(frappe.meta.get_label(frm.doctype, field)));
	if (before_signing && missing.length) {
		frm.set_intro(__("Before this agreement can be signed, enter: {0}.", [missing.join(", ")]), "orange");
	}
};

// What an action does, said before it is taken (the workflow's action names are its own constants).
kpi_agreement.ACTION_CONSEQUENCES = {
	Approve: (doc) =>
		__(
			"Approve the indicators, targets and weights of {0}? The agreement moves to Ready for Signing and the unit can no longer change its lines.",
			[doc.unit]
		),
	Sign: (doc) =>
		__(
			"Sign the agreement of {0} for fiscal year {1}? Signing locks it: the indicators, their detail sheets, targets, weights and scoring rules are kept as signed and change only by amendment.",
			[doc.unit, doc.fiscal_year]
		),
	"Present to Director-General": (doc) =>
		__(
			"Record that the scores of {0} were presented to the Director-General? This is the last step of the cycle.",
			[doc.unit]
		),
};

// The nine-step tracker: steps and their order come from the server (boot), never from this file.
kpi_agreement.render_progress = function (frm) {
	const steps = frappe.boot.kpi_agreement?.steps || [];
	const wrapper = frm.get_field("process_html").$wrapper;
	if (!steps.length || frm.is_new()) {
		wrapper.empty();
		return;
	}
	const esc = frappe.utils.escape_html;
	const current = steps.findIndex((s) => s.state === frm.doc.workflow_state);
	const overdue = kpi_agreement.is_overdue(frm.doc.workflow_state, frm.doc.step_due_on);
	const when = kpi_agreement.format_datetime(frm.doc.step_due_on);
	const due = frm.doc.step_due_on
		? (overdue ? __("Overdue since {0}", [when]) : __("Due {0}", [when])) +
		  (frm.doc.responsible_role ? " · " + __(frm.doc.responsible_role) : "")
		: "";
	wrapper.html(
		frappe.render_template("kpi_steps", {
			steps: steps.map((s, i) => ({
				number: s.number,
				label: esc(__(s.state)),
				css: i < current ? "done" : i === current ? (overdue ? "current overdue" : "current") : "",
			})),
			due: esc(due),
			overdue,
		})
	);
};
