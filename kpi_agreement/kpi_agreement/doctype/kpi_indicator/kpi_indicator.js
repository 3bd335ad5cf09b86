frappe.ui.form.on("KPI Indicator", {
	setup(frm) {
		frm.set_query("unit", () => ({ filters: { is_group: 0 } }));
		// a parent is an indicator of the same framework that says how its children roll up
		frm.set_query("parent_indicator", () => ({
			filters: { framework: frm.doc.framework, rollup_rule: ["is", "set"], name: ["!=", frm.doc.name] },
		}));
	},
	refresh(frm) {
		frm.trigger("framework");
		frm.trigger("render_preview");
		if (frm.is_new() && !(frm.doc.levels || []).length) frm.trigger("add_levels");
	},
	framework(frm) {
		if (!frm.doc.framework) return;
		frappe.db.get_doc("KPI Framework", frm.doc.framework).then((fw) => {
			const options = (fw.dimensions || []).map((d) => d.dimension);
			frm.set_df_property("dimension", "options", [""].concat(options));
			const issues = (fw.strategic_issues || []).map((d) => d.issue);
			frm.set_df_property("strategic_issue", "options", [""].concat(issues));
			if (frm.is_new() && fw.scoring_scheme && !frm.doc.__scheme_set) {
				frm.doc.__scheme_set = 1;
				frm.set_value("scoring_scheme", fw.scoring_scheme);
			}
		});
	},
	scoring_scheme(frm) {
		frm.trigger("add_levels");
	},
	add_levels(frm) {
		const count = frappe.boot.kpi_agreement.level_counts[frm.doc.scoring_scheme] || 5;
		const have = (frm.doc.levels || []).map((r) => r.level);
		for (let level = 1; level <= count; level++) {
			if (!have.includes(level)) frm.add_child("levels", { level });
		}
		frm.refresh_field("levels");
	},
	direction(frm) {
		frm.trigger("render_preview");
	},
	render_preview(frm) {
		const field = frm.get_field("score_preview");
		if (!field) return;
		const esc = frappe.utils.escape_html;
		const milestone = frm.doc.scoring_scheme === "Milestone";
		const levels = (frm.doc.levels || []).slice().sort((a, b) => a.level - b.level);
		const draw = (problem) => {
			field.$wrapper.html(
				frappe.render_template("kpi_levels", {
					levels: levels.map((l) => ({
						label: esc(__("Level {0}", [l.level])),
						value: esc(milestone ? l.criterion || "-" : l.threshold ?? "-"),
					})),
					arrow: frm.doc.direction === "Lower is better" ? "↓" : "↑",
					direction: esc(__(frm.doc.direction || "")),
					problem: esc(problem || ""),
					sample: !milestone,
				})
			);
			field.$wrapper.find(".kpi-sample").on(
				"input change",
				frappe.utils.debounce((e) => {
					frm.call("preview_score", { result: e.target.value }).then((r) => {
						const text = r.message ? __("Score: {0}", [r.message]) : "";
						field.$wrapper.find(".kpi-sample-score").text(text);
					});
				}, 400)
			);
		};
		draw("");
		// The order rule is the server's: ask it rather than keep a copy here.
		frappe
			.xcall("kpi_agreement.kpi_agreement.doctype.kpi_indicator.kpi_indicator.check_levels", { doc: frm.doc })
			.then((problem) => problem && draw(problem));
	},
});

frappe.ui.form.on("KPI Indicator Level", {
	threshold: (frm) => frm.trigger("render_preview"),
	criterion: (frm) => frm.trigger("render_preview"),
	levels_remove: (frm) => frm.trigger("render_preview"),
});
