// The My Work block at the top of the KPI workspace: what waits on the signed-in user, earliest due first.
// The rows are those of the KPI My Work report (the same permissions); the block shows the most urgent and
// links to the report for the rest. Work past its due time is red. The workspace's Custom HTML Block
// "KPI My Work" only calls render(root_element); everything it draws is here.
frappe.provide("kpi_agreement.my_work");

kpi_agreement.my_work.REPORT = "KPI My Work";
kpi_agreement.my_work.SHOWN = 8;

kpi_agreement.my_work.STYLE = `
	.kpi-my-work { padding: var(--padding-sm, 8px) 0; }
	.kpi-my-work-head { display: flex; align-items: baseline; gap: 10px; margin-bottom: 8px; }
	.kpi-my-work-title { font-size: var(--text-lg, 16px); font-weight: 600; color: var(--heading-color); }
	.kpi-my-work-count { color: var(--text-muted); }
	.kpi-my-work-late { color: var(--red-600, #e03636); font-weight: 600; }
	.kpi-my-work-all { margin-left: auto; }
	.kpi-my-work table { width: 100%; font-size: var(--text-sm, 13px); border-collapse: collapse; }
	.kpi-my-work th { color: var(--text-muted); font-weight: 500; text-align: left; padding: 4px 8px;
		border-bottom: 1px solid var(--border-color); white-space: nowrap; }
	.kpi-my-work td { padding: 6px 8px; border-bottom: 1px solid var(--border-color); vertical-align: top; }
	.kpi-my-work td.num { text-align: right; }
	.kpi-my-work td.num, .kpi-my-work td.nowrap { white-space: nowrap; }
	.kpi-my-work tr.overdue td.due { color: var(--red-600, #e03636); font-weight: 600; }
	.kpi-my-work-empty { color: var(--text-muted); padding: 8px 0; }
`;

kpi_agreement.my_work.render = function (root) {
	const box = root.querySelector(".kpi-my-work") || root.appendChild(document.createElement("div"));
	box.classList.add("kpi-my-work");
	const style = document.createElement("style");
	style.textContent = kpi_agreement.my_work.STYLE;
	root.appendChild(style);
	box.innerHTML = `<div class="kpi-my-work-empty">${__("Loading...")}</div>`;
	return frappe
		.xcall("frappe.desk.query_report.run", {
			report_name: kpi_agreement.my_work.REPORT,
			filters: {},
			ignore_prepared_report: 1,
		})
		.then((data) => {
			box.innerHTML = kpi_agreement.my_work.html((data && data.result) || []);
			kpi_agreement.my_work.route_links(box);
		})
		.catch(() => {
			box.innerHTML = "";
		});
};

kpi_agreement.my_work.html = function (rows) {
	const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
	const late = rows.filter((row) => row.overdue).length;
	const report = `/app/query-report/${encodeURIComponent(kpi_agreement.my_work.REPORT)}`;
	const head = `
		<div class="kpi-my-work-head">
			<span class="kpi-my-work-title">${esc(__("My Work"))}</span>
			${rows.length ? `<span class="kpi-my-work-count">${esc(__("{0} waiting on you", [rows.length]))}</span>` : ""}
			${late ? `<span class="kpi-my-work-late">${esc(__("{0} overdue", [late]))}</span>` : ""}
			<a class="kpi-my-work-all" href="${report}">${esc(__("Open the full list"))}</a>
		</div>`;
	if (!rows.length) {
		return `${head}<div class="kpi-my-work-empty">${esc(__("Nothing waits on you."))}</div>`;
	}
	const days = (row) => {
		if (row.days_left == null) return "";
		return row.days_left < 0 ? __("{0} days late", [-row.days_left]) : String(row.days_left);
	};
	const body = rows
		.slice(0, kpi_agreement.my_work.SHOWN)
		.map(
			(row) => `
			<tr class="${row.overdue ? "overdue" : ""}">
				<td>${esc(row.what)}</td>
				<td class="nowrap"><a
					href="/app/${frappe.router.slug(row.document_type)}/${encodeURIComponent(row.document)}"
					>${esc(row.document)}</a></td>
				<td>${esc(row.unit)}</td>
				<td class="num">${esc(row.fiscal_year)}</td>
				<td>${esc(row.state)}</td>
				<td class="due nowrap">${esc(kpi_agreement.format_datetime(row.due_on))}</td>
				<td class="num due">${esc(days(row))}</td>
			</tr>`
		)
		.join("");
	const labels = ["Work", "Document", "Unit", "Fiscal Year (B.E.)", "State", "Due On", "Working Days Left"];
	return `${head}
		<table>
			<thead><tr>${labels.map((label) => `<th>${esc(__(label))}</th>`).join("")}</tr></thead>
			<tbody>${body}</tbody>
		</table>`;
};

// Links inside the block's shadow root go through the desk's router (its click handler cannot see them).
kpi_agreement.my_work.route_links = function (box) {
	box.querySelectorAll("a[href^='/app/']").forEach((link) => {
		link.addEventListener("click", (event) => {
			if (event.ctrlKey || event.metaKey || event.shiftKey) return;
			event.preventDefault();
			frappe.set_route(link.getAttribute("href"));
		});
	});
};
