frappe.ui.form.on("KPI Agreement", {
	setup(frm) {
		frm.set_query("indicator", "lines", () => ({ filters: { framework: frm.doc.framework } }));
		// a round's targets are for the agreement's own lines
		frm.set_query("indicator", "round_targets", () => ({
			filters: { name: ["in", (frm.doc.lines || []).map((l) => l.indicator)] },
		}));
		frm.set_query("unit", () => ({ filters: { is_group: 0 } }));
	},

	refresh(frm) {
		kpi_agreement.render_progress(frm);
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
	const overdue = frm.doc.step_due_on && frappe.datetime.now_datetime() > frm.doc.step_due_on;
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
