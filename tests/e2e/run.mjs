// End-to-end tests of runcare's web app in headless Chromium (Debian's),
// driven by playwright-core, with axe-core checking every page.
//
// usage: node run.mjs RUNCARE_BINARY SHOT_DIR
//
// Starts its own server on 127.0.0.1 with a free port and a fresh
// database, fills the intake to each of the three decisions (with and
// without JavaScript, at phone and desktop widths), saves a screenshot of
// each page under SHOT_DIR and fails on any axe violation. A watchdog ends
// the run after a bounded time, whatever happens.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [binary, shotDir] = process.argv.slice(2);
if (!binary || !shotDir) {
	console.error("usage: node run.mjs RUNCARE_BINARY SHOT_DIR");
	process.exit(64);
}
mkdirSync(shotDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "runcare-e2e-"));
let server = null;
let browser = null;
const failures = [];

const watchdog = setTimeout(() => {
	console.error("e2e: took longer than 180 s, stopping");
	cleanup();
	process.exit(1);
}, 180000);

function cleanup() {
	if (server && server.exitCode === null) server.kill("SIGTERM");
	rmSync(work, { recursive: true, force: true });
}

function check(cond, what) {
	if (!cond) failures.push(what);
	console.log(`${cond ? "ok" : "FAIL"}: ${what}`);
}

function startServer() {
	return new Promise((resolve, reject) => {
		server = spawn(binary, ["serve", "--listen", "127.0.0.1:0", "--db",
			join(work, "journal.db")], { stdio: ["ignore", "pipe", "inherit"] });
		let out = "";
		server.stdout.on("data", (d) => {
			out += d;
			const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
			if (m) resolve(m[0]);
		});
		server.on("exit", (code) => reject(new Error(`server exited ${code}`)));
	});
}

async function axe(page, name) {
	await page.evaluate(axeSource);
	const res = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
	}));
	for (const v of res.violations)
		console.log(`  axe ${name}: ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0].target}`);
	check(res.violations.length === 0, `${name}: axe reports no violation`);
}

async function shot(page, name) {
	await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true });
}

// Pages of a PDF, as poppler's pdfinfo counts them (null: no pdfinfo).
function pdfPages(file) {
	const r = spawnSync("pdfinfo", [file], { encoding: "utf8" });
	if (r.error) return null;
	const m = r.stdout.match(/^Pages:\s+(\d+)/m);
	return m ? Number(m[1]) : null;
}

// Text in the page smaller than 8 pt once printed: for text of an inline
// SVG, its font size scaled from the viewBox to the drawn width.
async function smallText(page) {
	return page.evaluate(() => {
		const small = [];
		const minPx = 8 * 96 / 72 - 0.05;
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!n.textContent.trim() || !el || el.getClientRects().length === 0) continue;
			let px = parseFloat(getComputedStyle(el).fontSize);
			const svg = el.closest("svg");
			if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0)
				px *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
			if (px < minPx) small.push(`${n.textContent.trim().slice(0, 30)} (${(px * 0.75).toFixed(1)} pt)`);
		}
		return small;
	});
}

// The brief of each story of tests/cli/stories.sh, as `runcare brief`
// writes it, printed to A4 by the browser: one page, no text under 8 pt
// (charts included), signed, with the climb chart when hills are warned on.
async function briefStories(ctx) {
	const stories = join(dirname(fileURLToPath(import.meta.url)), "..", "cli", "stories.sh");
	const page = await ctx.newPage();
	for (const story of ["four-weeks", "twelve-weeks", "assess-first"]) {
		const db = join(work, `${story}.db`);
		const made = spawnSync("sh", [stories, binary, db, story], { encoding: "utf8" });
		check(made.status === 0, `${story}: journal built ${made.stderr || ""}`);
		const html = join(work, `${story}.html`);
		const out = spawnSync(binary, ["brief", "--db", db, "--by", "Sam <Lee>", "--output", html],
			{ encoding: "utf8" });
		check(out.status === 0, `${story}: runcare brief ${out.stderr || ""}`);
		await page.goto(`file://${html}`);
		await page.setViewportSize({ width: 718, height: 1000 });
		await page.emulateMedia({ media: "print" });
		const small = await smallText(page);
		check(small.length === 0, `${story}: no text under 8 pt in print (${small.slice(0, 3).join("; ")})`);
		const text = await page.textContent("body");
		check(/Prepared on \d{4}-\d\d-\d\d by Sam <Lee>/.test(text), `${story}: signed with the date and who prepared it`);
		check(text.includes("Warning signs") && text.includes("Where to work") &&
			text.includes("Return-to-run rules") && text.includes("Plan"), `${story}: every section there`);
		await page.screenshot({ path: join(shotDir, `brief-${story}.png`), fullPage: true });
		const pdf = join(shotDir, `brief-${story}.pdf`);
		await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
		const pages = pdfPages(pdf);
		check(pages === 1, `${story}: brief prints on one A4 page (pdfinfo: ${pages})`);
		if (story === "twelve-weeks")
			check(await page.locator('svg[aria-label^="Weekly climb"]').isVisible(),
				"twelve-weeks: the hills warning comes with the climb chart");
		if (story === "four-weeks")
			check(!(await page.locator('svg[aria-label^="Weekly climb"]').isVisible()),
				"four-weeks: no climb chart without a warning about it");
		if (story === "assess-first")
			check((await page.locator("table.signs .yes").count()) >= 1 &&
				text.includes("No pressure range"), "assess-first: the sign is yes, no pressure given");
	}
	await page.close();
}

// A small GPX run of two hours ago: 600 points, about 3 km.
function makeGpx() {
	const t0 = Date.now() - 2 * 3600 * 1000;
	let pts = "";
	for (let i = 0; i < 600; i++) {
		const lat = (51.5 + i * 0.00004).toFixed(6), lon = (-0.12 + i * 0.00002).toFixed(6);
		const t = new Date(t0 + i * 2000).toISOString().replace(/\.\d+Z$/, "Z");
		pts += `<trkpt lat="${lat}" lon="${lon}"><ele>${(20 + (i % 50) / 5).toFixed(1)}</ele><time>${t}</time></trkpt>`;
	}
	return `<?xml version="1.0"?><gpx version="1.1" creator="e2e" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>${pts}</trkseg></trk></gpx>`;
}

// An attacker's page on another port of the same host. Cookies do not
// keep ports apart, so it first gets a cookie and form token of its own
// from runcare, plants the cookies in the visitor's browser and posts a
// form that would add a person. runcare must refuse it by its Origin.
async function crossOriginAttack(page, url) {
	const first = await fetch(url);
	const html = await first.text();
	const token = (html.match(/name="csrf" value="([^"]+)"/) || [])[1];
	const cookies = first.headers.getSetCookie().map((c) => c.split(";")[0]);
	const attacker = createServer((req, res) => {
		// Set by the response, which (unlike a script) may replace the
		// visitor's own HttpOnly cookies of the same host.
		res.writeHead(200, { "Content-Type": "text/html",
			"Set-Cookie": cookies.map((c) => `${c}; Path=/; HttpOnly; SameSite=Strict`) });
		res.end(`<!doctype html><title>win a prize</title><form id="f" method="post" action="${url}people">
<input name="csrf" value="${token}"><input name="name" value="Mallory">
</form><script>document.getElementById("f").submit();</script>`);
	});
	await new Promise((ok) => attacker.listen(0, "127.0.0.1", ok));
	const evil = `http://127.0.0.1:${attacker.address().port}/`;
	try {
		const answer = page.waitForResponse((r) => r.url() === `${url}people` &&
			r.request().method() === "POST");
		await page.goto(evil);
		const res = await answer;
		check(token && cookies.length > 0, "cross-origin: the attacker holds a real token and cookie");
		check(res.status() === 403, `cross-origin: a form from another port is refused (${res.status()})`);
		await page.goto(`${url}people`);
		check(!(await page.textContent("main")).includes("Mallory"),
			"cross-origin: no person was added");
	} finally {
		attacker.close();
	}
}

// DNS rebinding: a name the attacker controls resolves to 127.0.0.1 (the
// browser is told so by its resolver rules). Its pages must get no data.
async function rebinding(page, url) {
	const port = new URL(url).port;
	const res = await page.goto(`http://rebind.attacker.example:${port}/people`);
	check(res.status() === 421, `rebinding: a foreign Host gets 421 (${res.status()})`);
	check(!(await page.content()).includes("Anna"), "rebinding: no health data in the answer");
}

// The three decisions, each as the answers a person gives.
const intakes = [
	{ name: "massage_ok", region: "calf", area: "other", ticks: ["tight", "improves_with_warmup"],
	  scores: { pain_run: "2" }, expect: "decision-massage_ok" },
	{ name: "massage_with_load_change", region: "patellar_tendon", area: "knee",
	  ticks: ["load_pattern"], scores: { pain_rest: "4", pain_run: "5" },
	  trend: "worse", expect: "decision-massage_with_load_change" },
	{ name: "assess_first", region: "shin_bone_edge", area: "shin",
	  ticks: [], unsure: ["focal_shin_pain"], scores: {}, expect: "decision-assess_first" },
];

async function fillIntake(page, url, c, js) {
	await page.goto(url);
	// Every warning sign and run question three ways: yes for the ticks,
	// not sure for c.unsure, no for the rest.
	const asked = await page.$$eval("fieldset.q3", (fs) => fs.map((f) => f.id.slice(2)));
	check(asked.length === 10, `${c.name}: ten three-way questions (${asked.length})`);
	const answer = (q) => c.ticks.includes(q) ? "yes" : (c.unsure || []).includes(q) ? "unsure" : "no";
	for (const q of asked) await page.check(`#q-${q}-${answer(q)}`);
	// Then the body map: with JavaScript the click chooses in place;
	// without it, the region's button sends the form back to be shown
	// again, and every answer given must still be there.
	await page.locator(`button.bm-r[data-region="${c.region}"] path`).first().click();
	if (!js) await page.waitForURL(/\/check/);
	check(await page.isChecked(`#area-${c.area}`),
		`${c.name}${js ? "" : " (no JS)"}: the map chose ${c.area}`);
	let kept = 0;
	for (const q of asked) if (await page.isChecked(`#q-${q}-${answer(q)}`)) kept++;
	check(kept === asked.length,
		`${c.name}${js ? "" : " (no JS)"}: the map kept the answers (${kept}/${asked.length})`);
	for (const s of c.ticks) if (!asked.includes(s)) await page.check(`#s-${s}`);
	for (const [k, v] of Object.entries(c.scores)) await page.selectOption(`#${k}`, v);
	if (c.trend) await page.check(`#trend-${c.trend}`);
	await page.click("button.primary");
	await page.waitForSelector("section.decision");
	check(await page.$(`section.${c.expect}`) !== null, `${c.name}: decision shown`);
}

async function main() {
	const url = await startServer();
	const userDir = join(work, "chromium-profile");
	const args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--host-resolver-rules=MAP rebind.attacker.example 127.0.0.1"];
	browser = await chromium.launchPersistentContext(userDir, {
		executablePath: "/usr/bin/chromium", args, headless: true,
		viewport: { width: 1280, height: 900 },
	});
	const page = browser.pages()[0] || await browser.newPage();
	page.setDefaultTimeout(10000);

	await page.goto(url);
	await shot(page, "intake-desktop");
	await axe(page, "intake");

	// Keyboard alone: Tab reaches a body-map region, Enter chooses it.
	await page.goto(url);
	let found = false;
	for (let i = 0; i < 40 && !found; i++) {
		await page.keyboard.press("Tab");
		found = await page.evaluate(() => document.activeElement &&
			document.activeElement.matches(".bm-pick .bm-r"));
	}
	check(found, "keyboard: Tab reaches the body map");
	if (found) {
		const area = await page.evaluate(() => document.activeElement.getAttribute("data-area"));
		await page.keyboard.press("Enter");
		check(await page.isChecked(`#area-${area}`), "keyboard: Enter on a region chooses its area");
	}

	for (const c of intakes) {
		await fillIntake(page, url, c, true);
		await shot(page, `result-${c.name}-desktop`);
		await axe(page, `result ${c.name}`);
	}

	// A phone: 375 px wide, nothing wider than the screen.
	await page.setViewportSize({ width: 375, height: 800 });
	await page.goto(url);
	await shot(page, "intake-375");
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	check(wide <= 375, `375 px: page is ${wide} px wide`);
	// Every place on the map is a target of at least 24 x 24 px on a phone.
	const targets = await page.$$eval(".bm-pick button.bm-r path", (ps) => ps.map((e) => {
		const r = e.getBoundingClientRect();
		return { what: e.closest("button").value, w: r.width, h: r.height };
	}));
	const small = targets.filter((t) => t.w < 24 || t.h < 24);
	check(targets.length === 36 && small.length === 0,
		`375 px: ${targets.length} map targets, none under 24 px (${small.map((t) => `${t.what} ${t.w.toFixed(0)}x${t.h.toFixed(0)}`).join(", ")})`);
	// The words of a place show on hover.
	await page.locator('.bm-pick button.bm-r[data-region="achilles_tendon"] path').first().hover();
	const tip = await page.evaluate(() => {
		const b = document.querySelector('.bm-pick button.bm-r[data-region="achilles_tendon"]:hover');
		return b ? getComputedStyle(b, "::after").content : "";
	});
	check(tip.includes("Achilles tendon"), `375 px: a map place shows its words on hover (${tip})`);
	await fillIntake(page, url, intakes[0], true);
	await shot(page, "result-375");
	await axe(page, "result at 375 px");

	// Without JavaScript the same intake works through plain links and forms.
	await page.setViewportSize({ width: 1280, height: 900 });
	const ctx2 = await chromium.launchPersistentContext(join(work, "profile-nojs"), {
		executablePath: "/usr/bin/chromium", args, headless: true,
		javaScriptEnabled: false, viewport: { width: 1280, height: 900 },
	});
	const p2 = ctx2.pages()[0] || await ctx2.newPage();
	p2.setDefaultTimeout(10000);
	await fillIntake(p2, url, intakes[1], false);
	await shot(p2, "result-nojs");
	await ctx2.close();

	// The error page.
	await page.goto(url + "nowhere");
	await shot(page, "error-404");
	await axe(page, "error page");

	// People: a therapist adds a client; the choice follows on every page.
	await page.goto(url + "people");
	await axe(page, "people");
	await page.fill("#name", "Anna <Berg>");
	await page.click("form.card button.primary");
	await page.waitForURL(/journal\?person=Anna/);
	check((await page.textContent("h1")).includes("Anna <Berg>"), "people: the new person's journal opens");

	// Journal: log pain, a run and a massage; edit one; delete one.
	await page.selectOption("#pain-area", "knee");
	await page.selectOption("#pain-run", "4");
	await page.selectOption("#pain-morning", "3");
	await page.locator("form.entry").nth(0).locator("button.primary").click();
	await page.waitForSelector("table.entries");
	await page.fill("#run-km", "8.4");
	await page.fill("#run-minutes", "46");
	await page.fill("#run-climb", "120");
	await page.fill("#run-note", "easy <loop>");
	await page.locator("form.entry").nth(2).locator("button.primary").click();
	await page.selectOption("#massage-pressure", "6");
	await page.fill("#massage-flare", "30");
	await page.locator("form.entry").nth(1).locator("button.primary").click();
	await page.waitForSelector("table.entries");
	let rows = await page.locator("table.entries tbody tr").count();
	check(rows === 3, `journal: three entries listed (${rows})`);
	check((await page.textContent("table.entries")).includes("easy <loop>"), "journal: a note is shown as text");
	await page.locator("table.entries a", { hasText: "Edit" }).first().click();
	await page.waitForURL(/journal\/edit/);
	await axe(page, "journal edit");
	await page.selectOption("#massage-pressure", "5");
	await page.click("form.entry button.primary");
	await page.waitForSelector("table.entries");
	check((await page.textContent("table.entries")).includes("pressure 5/10"), "journal: the edit is saved");
	// Every save names the entry and scrolls to its marked row.
	check(/#entry-\d+$/.test(page.url()), `journal: the save scrolls to its row (${page.url()})`);
	let said = await page.textContent("p[role=status]");
	check(said.includes("Saved:") && said.includes("massage entry"), `journal: ${said.trim()}`);
	check(await page.locator("tr.saved").count() === 1, "journal: the saved row is marked");
	await shot(page, "journal");
	await axe(page, "journal");

	// A pain as `runcare log pain` takes it: side, a symptom, answers.
	await page.selectOption("#pain-area", "shin");
	await page.selectOption("#pain-side", "right");
	await page.check("#pain-s-tight");
	await page.check("#q-night_pain-no");
	await page.check("#q-stride_change-yes");
	await page.locator("#form-pain button.primary").click();
	await page.waitForSelector("p[role=status]");
	said = await page.textContent("p[role=status]");
	check(said.includes("side: right") && said.includes("answered no: 1 question"),
		`journal pain: ${said.trim()}`);
	// A massage's regions on the map: with JavaScript a click ticks the
	// region in the list in place.
	await page.locator('#form-massage button.bm-r[data-region="calf"] path').first().click();
	check(await page.isChecked("#massage-region-calf"), "journal: a map click ticks the region");
	await page.check("#massage-region-glutes");
	await page.selectOption("#massage-type", "sports");
	await page.selectOption("#massage-pressure", "7");
	await page.selectOption("#massage-felt", "lighter_smoother");
	await page.locator("#form-massage button.primary").click();
	await page.waitForSelector("p[role=status]");
	said = await page.textContent("p[role=status]");
	check(said.includes("worked on: Calf") && said.includes("pressure 7/10"), `journal massage: ${said.trim()}`);
	await shot(page, "journal-saved");

	// Delete asks first and can be undone.
	rows = await page.locator("table.entries tbody tr").count();
	await page.locator("table.entries a", { hasText: "Delete" }).first().click();
	await page.waitForURL(/journal\/delete/);
	await axe(page, "journal delete asks");
	await shot(page, "journal-delete-ask");
	await page.click("form.confirm button.primary");
	await page.waitForSelector("form.undo");
	await shot(page, "journal-deleted");
	await axe(page, "journal deleted");
	await page.click("form.undo button.primary");
	await page.waitForSelector("p[role=status]");
	said = await page.textContent("p[role=status]");
	check(said.includes("Restored:") && said.includes("worked on: Calf"), `journal undo: ${said.trim()}`);
	check(await page.locator("table.entries tbody tr").count() === rows, "journal: undo brings the entry back");
	await page.locator("table.entries a", { hasText: "Delete" }).last().click();
	await page.click("form.confirm button.primary");
	await page.waitForSelector("form.undo");
	await page.click('main a[href^="/journal"]');
	await page.waitForSelector("table.entries");
	const left = await page.locator("table.entries tbody tr").count();
	check(left === rows - 1, `journal: one entry deleted (${left} left)`);

	// The check of a person starts from the journal and its result is
	// kept in the journal in one click, on a desktop and on a phone.
	const who = encodeURIComponent("Anna <Berg>");
	for (const width of [1280, 375]) {
		await page.setViewportSize({ width, height: width > 400 ? 900 : 800 });
		await page.goto(`${url}?person=${who}`);
		check(await page.$("#prefilled") !== null, `${width} px: the intake says what came from the journal`);
		check(await page.inputValue("#lm_pressure") === "7", `${width} px: the last massage's pressure is filled in`);
		// The first round's map click (the calf, first leg drawn on the
		// back view: the left) saved a left-leg pain for the second.
		const lastSide = width > 400 ? "right" : "left";
		check(await page.isChecked(`#side-${lastSide}`), `${width} px: the last pain's side (${lastSide}) is filled in`);
		const open = await page.$$eval("fieldset.q3 input:checked", (x) => x.length);
		check(open === 0, `${width} px: no warning sign answered in advance (${open})`);
		await shot(page, `intake-prefilled-${width}`);
		await fillIntake(page, `${url}?person=${who}`, intakes[0], true);
		await page.click("form.save button.primary");
		await page.waitForSelector("p[role=status]");
		said = await page.textContent("p[role=status]");
		check(said.includes("pain entry") && said.includes("feels tight"), `${width} px: result kept: ${said.trim()}`);
		await shot(page, `journal-kept-${width}`);
		await axe(page, `journal after keeping a result at ${width} px`);
	}
	await page.setViewportSize({ width: 1280, height: 900 });

	// Without JavaScript a click on the massage map keeps the form.
	const ctx3 = await chromium.launchPersistentContext(join(work, "profile-nojs2"), {
		executablePath: "/usr/bin/chromium", args, headless: true,
		javaScriptEnabled: false, viewport: { width: 1280, height: 900 },
	});
	const p3 = ctx3.pages()[0] || await ctx3.newPage();
	p3.setDefaultTimeout(10000);
	await p3.goto(`${url}journal?person=${who}`);
	await p3.selectOption("#massage-pressure", "4");
	await p3.fill("#massage-flare", "12");
	await p3.locator('#form-massage button.bm-r[data-region="hamstrings"] path').first().click();
	await p3.waitForSelector("#massage-region-hamstrings:checked");
	check(await p3.inputValue("#massage-pressure") === "4" && await p3.inputValue("#massage-flare") === "12",
		"journal (no JS): the map click kept the form");
	await p3.locator('#form-massage button.bm-r[data-region="calf"] path').first().click();
	await p3.waitForSelector("#massage-region-calf:checked");
	check(await p3.isChecked("#massage-region-hamstrings"), "journal (no JS): a second click keeps the first region");
	await shot(p3, "journal-map-nojs");
	await p3.locator("#form-massage button.primary").click();
	await p3.waitForSelector("p[role=status]");
	said = await p3.textContent("p[role=status]");
	check(said.includes("Back of the thigh") && said.includes("flared 12 h"), `journal (no JS): ${said.trim()}`);
	await ctx3.close();

	// Import: two GPX files uploaded at once (one of them broken).
	await page.click('nav a[href^="/import"]');
	await axe(page, "import");
	const gpx = makeGpx();
	await page.setInputFiles("#files", [
		{ name: "morning.gpx", mimeType: "application/gpx+xml", buffer: Buffer.from(gpx) },
		{ name: "broken.gpx", mimeType: "application/gpx+xml", buffer: Buffer.from("<gpx><trk>") },
	]);
	await page.click("form.upload button.primary");
	await page.waitForSelector("p[role=status]");
	said = await page.textContent("p[role=status]");
	check(said.includes("1 imported") && said.includes("1 refused"), `import: ${said.trim()}`);
	await shot(page, "import");
	await axe(page, "import result");

	// Status with its charts, then the brief, printed to A4.
	await page.click('nav a[href^="/status"]');
	await page.waitForSelector("svg.chart");
	check(await page.locator("svg.chart").count() >= 3, "status: charts drawn");
	await shot(page, "status");
	await axe(page, "status");
	await page.click('a[href^="/brief"]');
	await page.waitForSelector("h1");
	check((await page.textContent("h1")).includes("Anna <Berg>"), "brief: about the chosen person");
	await shot(page, "brief");
	await axe(page, "brief");
	// Every page at 375 px: nothing wider than a phone's screen.
	await page.setViewportSize({ width: 375, height: 800 });
	for (const path of ["journal", "status", "import", "people", "brief"]) {
		await page.goto(`${url}${path}?person=${encodeURIComponent("Anna <Berg>")}`);
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		check(w <= 375, `375 px: ${path} is ${w} px wide`);
		await shot(page, `${path}-375`);
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`${url}brief?person=${encodeURIComponent("Anna <Berg>")}`);
	await page.setViewportSize({ width: 718, height: 1000 });
	await page.emulateMedia({ media: "print" });
	await shot(page, "brief-print");
	// page.pdf prints with the emulated media: print, as a browser does.
	await page.pdf({ path: join(shotDir, "brief.pdf"), format: "A4", printBackground: true });
	await page.emulateMedia({ media: "screen" });
	await page.setViewportSize({ width: 1280, height: 900 });
	const pages = pdfPages(join(shotDir, "brief.pdf"));
	check(pages === 1, `brief: prints on one A4 page (pdfinfo: ${pages})`);
	await briefStories(browser);

	await crossOriginAttack(page, url);
	await rebinding(page, url);
}

main().catch((err) => {
	failures.push(String(err && err.stack || err));
	console.error(err);
}).finally(async () => {
	if (browser) await browser.close().catch(() => {});
	cleanup();
	clearTimeout(watchdog);
	console.log(failures.length ? `e2e: ${failures.length} failed` : "e2e: all passed");
	process.exit(failures.length ? 1 : 0);
});
