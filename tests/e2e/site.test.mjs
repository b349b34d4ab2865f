// The repository's fact sheet in a real browser: Debian's chromium driven by playwright-core.
//
// Builds the site in both themes under a sub-path (http://127.0.0.1:PORT/sheet/), serves it
// from a local static server, and checks every page type at desktop and phone widths: no
// console error, no failed request, no request leaving localhost, no horizontal scrolling;
// citations lead to the highlighted passage and back; axe-core finds no WCAG 2.1 AA violation
// in light or dark mode; the Nu HTML checker finds no error in any generated page. Saves the
// README's screenshots to docs/screenshots/.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, statSync, existsSync, mkdirSync, rmSync, cpSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, dirname, resolve, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const binary = process.env.FACTSHEET_BIN || join(repo, "target", "debug", "factsheet");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const SUB = "/sheet/";

/** Page types and a representative of each, as paths under the site root. */
const PAGES = {
  home: "",
  facts: "facts/",
  fact: "facts/aliyev-claims-us-arms-deliveries/",
  articles: "articles/",
  article: "articles/us-rejects-aliyev-arms-claims/",
  entities: "entities/",
  entity: "entities/aliyev/",
  topics: "topics/",
  topic: "topics/arms-supplies/",
  timeline: "timeline/",
  comparisons: "comparisons/",
  comparison: "comparisons/defense-budgets/",
  search: "search/",
  data: "data/",
  notFound: "404.html",
};

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".xml": "application/xml; charset=utf-8", ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml" };

/** A static server for `dir`, mounted at SUB, like a host serving a sub-folder. */
function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith(SUB)) { res.writeHead(404).end(); return; }
    let file = normalize(join(dir, decodeURIComponent(url.pathname.slice(SUB.length))));
    if (!file.startsWith(dir + sep) && file !== dir) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(readFileSync(join(dir, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

const sites = {};
let browser;
let work;

function build(theme, out, base, root = repo) {
  execFileSync(binary, ["build", "--root", root, "--output", out, "--theme", theme, "--base-url", base], {
    stdio: "pipe",
  });
}

/** The repository's site as factsheet writes it by default, unminified (the
 * repository's own site.yaml turns it on): a copy of the site with that line taken out. */
function unminifiedCopy() {
  const root = join(work, "unminified");
  for (const dir of ["content", "themes", "templates", "static"]) {
    if (existsSync(join(repo, dir))) cpSync(join(repo, dir), join(root, dir), { recursive: true });
  }
  const settings = join(root, "content", "site.yaml");
  const text = readFileSync(settings, "utf8");
  assert.match(text, /^minify: true$/m);
  writeFileSync(settings, text.replace(/^minify: true\n/m, ""));
  return root;
}

before(async () => {
  assert.ok(existsSync(binary), `build factsheet first (cargo build): ${binary}`);
  work = mkdtempSync(join(tmpdir(), "factsheet-e2e-"));
  for (const theme of ["default", "brief"]) {
    const dir = join(work, theme);
    const server = await serve(dir);
    const base = `http://127.0.0.1:${server.address().port}${SUB}`;
    build(theme, dir, base);
    sites[theme] = { dir, server, base };
  }
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) site.server.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens `path` of `site` and records every problem the browser reports. */
async function open(site, path, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1280, height: 900 },
    colorScheme: options.colorScheme || "light" });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on("request", (r) => {
    const host = new URL(r.url()).hostname;
    if (!["127.0.0.1", "localhost"].includes(host) && !r.url().startsWith("data:")) {
      problems.push(`left localhost: ${r.url()}`);
    }
  });
  await page.goto(site.base + path, { waitUntil: "load" });
  return { page, context, problems };
}

/** Every figure shown (cards, lists, timeline, topic numbers, the sheet) whose fact's entry
 * (the nearest list item, card or fact page) has no status in words: "Reported", "Claim by …",
 * "Disputed claim by …". Runs in the page. */
function figuresWithoutStatus() {
  const words = /^(Reported|Reported response|Claim|Disputed claim|Response)(\b.*)?$|^.+ reported, (from anonymous sources|at second hand), .+$/;
  return [...document.querySelectorAll(".figure, .card-figure, .figure-large, .figure-claimed, .number, .figures .value")]
    .filter((figure) => figure.getClientRects().length > 0)
    .filter((figure) => {
      const entry = figure.closest("li, article");
      const statuses = entry ? [...entry.querySelectorAll(".status")] : [];
      return !statuses.some((s) => words.test(s.textContent.trim()) && s.getClientRects().length > 0);
    })
    .map((figure) => figure.textContent.trim());
}

/** Back-links, citation numbers and note links smaller than 24×24 CSS px (WCAG 2.2 target
 * size). Runs in the page. */
function smallTargets() {
  return [...document.querySelectorAll("a.backref, a.cite-ref, a.ref, .passages a, .filters a")]
    .filter((a) => a.getClientRects().length > 0)
    .map((a) => [a, a.getBoundingClientRect()])
    .filter(([, r]) => r.width < 24 || r.height < 24)
    .map(([a, r]) => `${a.className || a.textContent} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
}

for (const theme of ["default", "brief"]) {
  for (const [name, path] of Object.entries(PAGES)) {
    for (const width of [1280, 390, 360]) {
      test(`${theme}: ${name} page at ${width}px loads cleanly, fits, and says the status of every figure`, async () => {
        for (const colorScheme of ["light", "dark"]) {
          const { page, context, problems } = await open(sites[theme], path, { viewport: { width, height: 800 }, colorScheme });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          const unstated = await page.evaluate(figuresWithoutStatus);
          const small = await page.evaluate(smallTargets);
          await context.close();
          assert.deepEqual(problems, []);
          assert.ok(overflow <= 0, `${overflow}px of horizontal scrolling (${colorScheme})`);
          assert.deepEqual(unstated, [], "figures with no status in words beside them");
          assert.deepEqual(small, [], "back-links and citation numbers smaller than 24×24 px");
        }
      });
    }
  }
}

test("default: a citation leads to the highlighted passage, and its back-link returns", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.fact);
  const cite = page.locator("#src-1 .cite a").first();
  const href = await cite.getAttribute("href");
  assert.match(href, /^\.\.\/\.\.\/articles\/us-rejects-aliyev-arms-claims\/#q-aliyev-claims-us-arms-deliveries-1$/);
  await cite.click();
  await page.waitForURL(/#q-aliyev-claims-us-arms-deliveries-1$/);
  const passage = page.locator("mark#q-aliyev-claims-us-arms-deliveries-1");
  assert.equal(await passage.evaluate((e) => e.matches(":target")), true);
  // The landing note names the fact and leads back to it.
  const landing = page.locator(".landing[data-passage='q-aliyev-claims-us-arms-deliveries-1']");
  assert.ok(await landing.isVisible(), "the landing note shows at the target");
  assert.match(await landing.innerText(), /^Quoted by the fact Aliyev said military transport planes delivered American weapons to Armenia$/);
  assert.match(await passage.textContent(), /^Aliyev claimed last week that military transport planes/);
  const background = await passage.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(background, "rgba(0, 0, 0, 0)", "the passage is highlighted");
  await assert.doesNotReject(passage.evaluate((e) => {
    const r = e.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) throw new Error(`passage out of view: ${r.top}..${r.bottom}`);
  }));
  const back = page.locator("a.backref[href$='facts/aliyev-claims-us-arms-deliveries/#src-1']");
  await back.click();
  await page.waitForURL(/facts\/aliyev-claims-us-arms-deliveries\/#src-1$/);
  const note = page.locator("#src-1");
  assert.equal(await note.evaluate((e) => e.matches(":target")), true);
  const inView = await note.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  assert.ok(inView, "the source note is in view");
  await context.close();
  assert.deepEqual(problems, []);
});

for (const colorScheme of ["light", "dark"]) {
  test(`default: only the passage a citation leads to is marked, all of it across overlaps (${colorScheme})`, async () => {
    // This passage overlaps another fact's quote, whose marks nest inside its own.
    const id = "q-karabakh-armenians-displaced-2023-1";
    const { page, context, problems } = await open(sites.default,
      "articles/aliyev-cautions-armenia-against-armament/#" + id, { colorScheme });
    const marked = await page.evaluate(() => {
      const strong = (e) => getComputedStyle(e).backgroundColor !== "rgba(0, 0, 0, 0)";
      const all = [...document.querySelectorAll("mark.quote")];
      return {
        strong: [...new Set(all.filter(strong).map((e) => e.dataset.passage))],
        // The target's text: every piece of it, in order, each piece strongly marked.
        pieces: all.filter((e) => e.dataset.passage === location.hash.slice(1)).map((e) => [e.textContent, strong(e)]),
        quiet: all.filter((e) => !strong(e)).length,
      };
    });
    const landing = await page.locator(`.landing[data-passage='${id}']`).innerText();
    const visibleLandings = await page.locator(".landing:visible").count();
    await context.close();
    assert.deepEqual(problems, []);
    assert.deepEqual(marked.strong, [id], "only the target is strongly marked");
    assert.ok(marked.pieces.every(([, strong]) => strong), "every piece of the target is marked");
    assert.equal(marked.pieces.map(([text]) => text).join(""),
      "More than 100,000 Karabakh Armenians, the region\u2019s virtually entire remaining population, fled to Armenia in the space of a week following Azerbaijan\u2019s September 2023 assault");
    assert.ok(marked.quiet > 10, "the other quoted passages stay quiet");
    assert.equal(visibleLandings, 1);
    assert.equal(landing, "Quoted by the fact Karabakh Armenians displaced after the September 2023 offensive");
  });
}

test("default: chart words stay at least 12 px on a 360 px phone, with title, subtitle, source and note", async () => {
  for (const path of [PAGES.home, PAGES.comparison, PAGES.topic.replace("arms-supplies", "defense-budgets")]) {
    const { page, context, problems } = await open(sites.default, path, { viewport: { width: 360, height: 800 } });
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll("figure.comparison .chart-label, figure.comparison .chart-value, figure.comparison figcaption, figure.comparison .chart-source")]
        .map((e) => parseFloat(getComputedStyle(e).fontSize)));
    const parts = await page.evaluate(() => [".chart-title", ".chart-subtitle", ".chart-source", ".chart-note"]
      .map((c) => document.querySelectorAll("figure.comparison " + c).length > 0));
    await context.close();
    assert.deepEqual(problems, []);
    assert.ok(sizes.length >= 5, `${path}: ${sizes.length} chart texts`);
    assert.ok(sizes.every((px) => px >= 12), `${path}: chart text sizes ${sizes}`);
    assert.deepEqual(parts, [true, true, true, true], path);
  }
});

test("brief: the sheet's note numbers lead to notes, and notes to the passages", async () => {
  const { page, context, problems } = await open(sites.brief, "");
  const ref = page.locator("#fact-azerbaijan-defense-budget-2025 a.ref").first();
  await ref.click();
  await page.waitForURL(/#note-\d+$/);
  const note = page.locator(":target");
  assert.match(await note.innerText(), /^\u201cU\.S\. Rejects Aliyev\u2019s Claims of Arms Supplies to Armenia\.\u201d oragark\.com, December 2024, via Azatutyun \(RFE\/RL Armenian Service\)\. oragark\.com\/u-s-rejects-aliyevs-claims-of-arms-supplies-to-armenia Passages: 1 2 /);
  await note.locator("a[href$='#q-azerbaijan-defense-budget-2025-1']").click();
  await page.waitForURL(/articles\/us-rejects-aliyev-arms-claims\/#q-azerbaijan-defense-budget-2025-1$/);
  assert.equal(await page.locator("mark#q-azerbaijan-defense-budget-2025-1").evaluate((e) => e.matches(":target")), true);
  await context.close();
  assert.deepEqual(problems, []);
});

for (const [paper, widthMm] of [["A4", 210], ["Letter", 215.9]]) {
  test(`brief: prints on two ${paper} pages at most, without anything cut off`, async () => {
    // The printable width: the paper less the 7 mm side margins of brief.css, at 96 px/inch.
    const printable = Math.floor(((widthMm - 14) / 25.4) * 96);
    const { page, context, problems } = await open(sites.brief, "", { viewport: { width: printable, height: 1000 } });
    await page.emulateMedia({ media: "print" });
    const wide = await page.evaluate((limit) =>
      [...document.querySelectorAll("body *")]
        .filter((e) => e.getBoundingClientRect().right > limit + 1)
        .map((e) => e.tagName + (e.id ? "#" + e.id : "")), printable);
    // Type sizes on paper, in points: the smallest anywhere, and the smallest on the front.
    const sizes = await page.evaluate(() => {
      const texts = (root) => [...root.querySelectorAll("*")]
        .filter((e) => e.getClientRects().length > 0 && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
      const pt = (e) => parseFloat(getComputedStyle(e).fontSize) * 0.75;
      const smallest = (list) => Math.min(...list.map(pt));
      const colophon = document.querySelector(".colophon").innerText;
      const passages = [...document.querySelectorAll(".notes .passages")].filter((e) => e.getClientRects().length > 0).length;
      return { all: smallest(texts(document.body)), front: smallest(texts(document.querySelector(".front"))), colophon, passages };
    });
    const pdf = await page.pdf({ format: paper, printBackground: false });
    await context.close();
    assert.ok(sizes.all >= 6.49, `the smallest type on paper is ${sizes.all.toFixed(2)} pt`);
    assert.ok(sizes.front >= 8.49, `the front's smallest type is ${sizes.front.toFixed(2)} pt`);
    assert.ok(sizes.colophon.includes(sites.brief.base), "the site's address is printed");
    assert.ok(!/facts · sources · data/.test(sizes.colophon), "no dead link words on paper");
    assert.equal(sizes.passages, 0, "passage numbers become a count on paper");
    assert.deepEqual(problems, []);
    assert.deepEqual(wide, [], "elements wider than the printable area");
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    // Dated, attributed sources and every fact's when and status make the seed sheet longer
    // than one page at these type sizes: two at most.
    assert.ok(pages >= 1 && pages <= 2, `the seed sheet prints on two ${paper} pages at most, not ${pages}`);
  });
}

/** The relative luminance of a CSS `rgb()`/`rgba()` colour (WCAG 2). */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two CSS colours. */
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const theme of ["default", "brief"]) {
  test(`${theme}: every page type prints dark ink on white, even from a dark colour scheme`, async () => {
    const found = [];
    for (const [name, path] of Object.entries(PAGES)) {
      const { page, context } = await open(sites[theme], path, { colorScheme: "dark" });
      await page.emulateMedia({ media: "print", colorScheme: "dark" });
      const seen = await page.evaluate(() => {
        const style = (e) => getComputedStyle(e);
        const text = [document.body, ...document.querySelectorAll("main h1, .claim, .article-body p, .fact-line, .facts li")]
          .filter((e) => e.getClientRects().length > 0)
          .slice(0, 12)
          .map((e) => style(e).color);
        return { text, backgrounds: [style(document.documentElement).backgroundColor, style(document.body).backgroundColor] };
      });
      await context.close();
      for (const color of seen.text) {
        if (luminance(color) > luminance("rgb(68, 68, 68)")) found.push(`${name}: text ${color}`);
      }
      for (const bg of seen.backgrounds) {
        const transparent = /rgba\(.*, 0\)$/.test(bg);
        if (!transparent && luminance(bg) < 0.95) found.push(`${name}: background ${bg}`);
      }
    }
    assert.deepEqual(found, [], "printed from a dark scheme, text must be darker than #444 on white");
  });
}

test("default: search highlights read at 4.5:1 or better in dark mode", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.search, { colorScheme: "dark" });
  await page.fill("#q", "Aliyev");
  await page.locator(".search-results mark").first().waitFor();
  const pairs = await page.evaluate(() => [...document.querySelectorAll(".search-results mark")].slice(0, 20)
    .map((m) => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor]));
  await context.close();
  assert.deepEqual(problems, []);
  const low = pairs.filter(([fg, bg]) => contrast(fg, bg) < 4.5).map(([fg, bg]) => `${fg} on ${bg}: ${contrast(fg, bg).toFixed(2)}`);
  assert.deepEqual(low, []);
});

test("both themes: on a 360 px phone the facts index and the timeline are each under 10 screens, light and dark", async () => {
  for (const [theme, path, colorScheme] of [["default", PAGES.facts, "light"], ["default", PAGES.timeline, "dark"], ["brief", PAGES.facts, "dark"], ["brief", PAGES.timeline, "light"]]) {
    const { page, context, problems } = await open(sites[theme], path, { viewport: { width: 360, height: 800 }, colorScheme });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await context.close();
    assert.deepEqual(problems, []);
    assert.ok(height < 10 * 800, `${path}: ${height} px, ${(height / 800).toFixed(1)} screens`);
  }
});

test("both themes: on a 360 px phone a disputed claim's response shows in the first screen, light and dark", async () => {
  for (const [theme, colorScheme] of [["default", "light"], ["brief", "dark"]]) {
    const { page, context, problems } = await open(sites[theme], PAGES.fact, { viewport: { width: 360, height: 800 }, colorScheme });
    const response = await page.evaluate(() => {
      const a = document.querySelector(".response-row a");
      return a && { text: a.textContent, bottom: a.getClientRects()[0].bottom };
    });
    await context.close();
    assert.deepEqual(problems, []);
    assert.ok(response, `${theme}: a disputed claim shows its response beside it`);
    assert.ok(response.bottom <= 800, `${theme}: the response's first line ends at ${response.bottom} px`);
  }
});

test("default: the small things — disputes on the home page, pressed filters with a count, short statuses on a speaker's page, 40 px nav targets", async () => {
  const home = await open(sites.default, PAGES.home);
  const disputes = await home.page.evaluate(() => ({
    items: document.querySelectorAll("section.disputes li").length,
    link: document.querySelector("section.disputes a[href$='facts/#only-disputed']") !== null,
  }));
  await home.context.close();
  assert.ok(disputes.items > 0 && disputes.link, "the home page leads to the claims in dispute");

  const facts = await open(sites.default, PAGES.facts + "#only-disputed");
  const filter = await facts.page.evaluate(() => {
    const chip = document.querySelector(".filters .filter-disputed");
    const shown = document.querySelector(".filters .shown-disputed");
    return { outline: getComputedStyle(chip).outlineStyle, shown: shown.getClientRects().length > 0 ? shown.textContent : null,
      all: getComputedStyle(document.querySelector(".filters .filter-all")).outlineStyle };
  });
  await facts.context.close();
  assert.equal(filter.outline, "solid", "the filter in force looks pressed");
  assert.equal(filter.all, "none", "the others do not");
  assert.match(filter.shown, /^Showing \d+ of \d+ facts: the disputed claims\.$/);

  const entity = await open(sites.default, PAGES.entity);
  const statuses = await entity.page.evaluate(() => [...document.querySelectorAll("section[aria-labelledby=claims] .fact-status .status:not(.status-historical)")].map((s) => s.textContent));
  await entity.context.close();
  assert.ok(statuses.length > 0);
  assert.deepEqual(statuses.filter((s) => s.includes("Ilham Aliyev")), [], "the speaker's own page does not repeat the speaker's name");

  const phone = await open(sites.default, PAGES.home, { viewport: { width: 360, height: 800 } });
  const small = await phone.page.evaluate(() => [...document.querySelectorAll(".site-header nav ul a")]
    .map((a) => a.getBoundingClientRect().height).filter((h) => h < 40));
  await phone.context.close();
  assert.deepEqual(small, [], "nav links are at least 40 px tall on a phone");
  assert.deepEqual([...home.problems, ...facts.problems, ...entity.problems, ...phone.problems], []);
});

test("default: a citation previews its passage on focus and on hover, with no JavaScript", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(sites.default.base, { waitUntil: "load" });
  const cite = page.locator(".card .cite").first();
  const preview = cite.locator(".cite-preview");
  assert.equal(await preview.isVisible(), false, "hidden until asked for");
  await cite.locator("a.cite-ref").focus();
  assert.equal(await preview.isVisible(), true, "focus shows it");
  const text = await preview.innerText();
  assert.match(text, /^\u201cAliyev highlighted Azerbaijan\u2019s projected \$5 billion/);
  assert.match(text, /oragark\.com, December 2024, via Azatutyun/);
  assert.match(await preview.locator("a", { hasText: "original" }).getAttribute("href"), /^https:\/\/oragark\.com\/.*#:~:text=/);
  await page.keyboard.press("Tab");
  assert.equal(await preview.isVisible(), true, "it stays open while its own links are focused");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Go to the passage");
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.activeElement.blur());
  assert.equal(await preview.isVisible(), false, "it closes when focus and pointer leave");
  await cite.hover();
  assert.equal(await preview.isVisible(), true, "hovering shows it");
  await context.close();
});

test("default: search knows the site's topics and entities: \"arms supplies\" and \"Aliyev arms\" find the topic and its facts", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.search);
  await page.fill("#q", "arms supplies");
  const topic = page.locator(".search-topics li").first();
  await topic.waitFor();
  assert.match(await topic.innerText(), /^Topic: Arms supplies \u2014 \d+ facts$/);
  assert.match(await topic.locator("a").getAttribute("href"), /topics\/arms-supplies\/$/);
  const facts = () => page.evaluate(() => [...document.querySelectorAll(".search-results li")]
    .filter((li) => li.querySelector(".kind").textContent.trim() === "Fact").length);
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length >= 10);
  assert.ok(await facts() >= 10, "the facts filed under the topic are found");
  await page.fill("#q", "Aliyev arms");
  await page.waitForFunction(() => /results? for \u201cAliyev arms\u201d/.test(document.querySelector("#results h2")?.textContent || ""));
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length >= 5);
  assert.ok(await facts() >= 5, "Aliyev's facts on arms are found");
  await context.close();
  assert.deepEqual(problems, []);
});

test("search.js stems words as the build does: the pairs of tests/stems.txt", () => {
  const source = readFileSync(join(repo, "themes", "default", "static", "search.js"), "utf8");
  const body = source.match(/function stem\(word\) \{[\s\S]*?\n  \}\n/);
  assert.ok(body, "search.js has a stem function");
  const stem = new Function(`${body[0]}; return stem;`)();
  const wrong = readFileSync(join(repo, "tests", "stems.txt"), "utf8").split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => line.split(" "))
    .filter(([word, expected]) => stem(word) !== expected)
    .map(([word, expected]) => `${word}: ${stem(word)}, not ${expected}`);
  assert.deepEqual(wrong, []);
});

test("default: a search finds the other forms of a word: \"arming\" finds the facts on arms", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.search);
  await page.fill("#q", "arming");
  await page.waitForFunction(() => /results? for \u201carming\u201d/.test(document.querySelector("#results h2")?.textContent || ""));
  const facts = await page.evaluate(() => [...document.querySelectorAll(".search-results li")]
    .filter((li) => li.querySelector(".kind").textContent.trim() === "Fact").length);
  await context.close();
  assert.deepEqual(problems, []);
  assert.ok(facts >= 10, `"arming" found ${facts} facts`);
});

test("default: search finds the right fact first, and follows it", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.search);
  assert.ok(await page.locator("#everything").isVisible(), "everything is listed before a search");
  await page.fill("#q", "400 tons");
  const first = page.locator(".search-results li a").first();
  await first.waitFor();
  assert.equal(await first.textContent(), "Aliyev said Moscow had supplied about 400 tons of military supplies to Armenia");
  assert.equal(await page.locator("#everything").isVisible(), false);
  await page.fill("#q", "hajiyev");
  await page.locator(".search-results li a", { hasText: "Hikmet Hajiyev" }).first().waitFor();
  assert.equal(await page.locator(".search-results li a").first().textContent(), "Hikmet Hajiyev");
  await page.fill("#q", "displaced");
  await page.locator(".search-results li a", { hasText: "displaced" }).first().waitFor();
  await page.locator(".search-results li a").first().click();
  await page.waitForURL(/facts\/karabakh-armenians-displaced-2023\/$/);
  await context.close();
  assert.deepEqual(problems, []);
});

test("default: search finds words only an article or an alias has, highlights them, says each fact's status, and helps when nothing matches", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.search);
  await page.fill("#q", "forced displacement");
  const source = page.locator(".search-results li", { hasText: "Source" }).first();
  await source.waitFor();
  // The excerpt is cut from the source's page: its words, not the notes and links back to the
  // facts that quote it.
  const excerpt = await source.locator("p").innerText();
  assert.match(excerpt, /forced displacement/);
  assert.doesNotMatch(excerpt, /Quoted by the fact|\u21a9/);
  assert.deepEqual(await source.locator("p mark").allInnerTexts(), ["forced", "displacement"]);
  await page.fill("#q", "Aliev");
  await page.locator(".search-results li a", { hasText: "Ilham Aliyev" }).first().waitFor();
  assert.equal(await page.locator(".search-results li a").first().innerText(), "Ilham Aliyev");
  // A near spelling says what it was taken for.
  assert.equal(await page.locator(".near-spelling").innerText(), "Showing matches for Aliyev.");
  await page.fill("#q", "400 tons");
  const fact = page.locator(".search-results li").first();
  await fact.waitFor();
  assert.equal(await fact.locator(".status").innerText(), "Claim by Ilham Aliyev");
  assert.ok(await fact.locator("mark").count() > 0, "the matched words are highlighted");
  const statuses = await page.evaluate(() => [...document.querySelectorAll(".search-results li")]
    .filter((li) => li.querySelector(".kind").textContent.trim() === "Fact")
    .every((li) => /^(Reported|Reported response|Claim|Disputed claim|Response)(\b.*)?$|^.+ reported, (from anonymous sources|at second hand), .+$/.test(li.querySelector(".status")?.textContent || "")));
  assert.ok(statuses, "every fact in the results says its status");
  await page.fill("#q", "zzqx unicorn");
  const none = page.locator(".no-results");
  await none.waitFor();
  assert.ok(await none.locator("a[href$='facts/']").count() === 1, "no result offers a way on");
  assert.ok(await none.locator("a", { hasText: "Topic: Arms supplies" }).count() === 1, "and the largest topics");
  assert.ok(await none.locator("a[href$='entities/aliyev/']").count() >= 1, "and the main entities");
  await context.close();
  assert.deepEqual(problems, []);
});

test("default: a search fetches only the shards of its words and the results it shows, and finds results in later shards", async () => {
  const { page, context, problems } = await open(sites.default, PAGES.search);
  const fetched = [];
  page.on("requestfinished", (r) => { const m = r.url().match(/\/data\/search\/(.+)$/); if (m) fetched.push(m[1]); });
  const dir = join(sites.default.dir, "data", "search");
  const manifest = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
  const docsFile = (path) => {
    for (let n = 0; ; n++) {
      const at = JSON.parse(readFileSync(join(dir, "docs", `${n}.json`), "utf8")).findIndex((d) => d[6] === path);
      if (at >= 0) return `docs/${n}.json`;
    }
  };
  const results = () => page.locator(".search-results li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));

  await page.fill("#q", "hajiyev");
  await page.locator(".search-results li", { hasText: "Fact" }).first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 1);
  await page.waitForLoadState("networkidle");
  const hajiyev = (await results()).map((href) => href.replace(sites.default.base, "").replace(/^(\.\.\/)+/, ""));
  assert.equal(hajiyev[0], "entities/hajiyev/");
  assert.deepEqual(fetched.filter((f) => /^(terms|body)\//.test(f)).sort(), ["body/ha.json", "terms/ha.json"],
    "only the shards of the word searched");
  const needed = [...new Set(hajiyev.map(docsFile))].sort();
  assert.deepEqual(fetched.filter((f) => f.startsWith("docs/")).sort(), needed, "only the documents of the results shown");
  assert.ok(needed.some((f) => f !== "docs/0.json"), `results from a later file of documents: ${needed}`);
  const everything = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".json"));
  assert.ok(fetched.length < everything.length / 4, `${fetched.length} of ${everything.length} files fetched`);

  // Another word, in another shard: fetched when searched, with what it shows.
  fetched.length = 0;
  await page.fill("#q", "400 tons");
  await page.locator(".search-results li a", { hasText: "400 tons" }).first().waitFor();
  await page.waitForLoadState("networkidle");
  assert.deepEqual(fetched.filter((f) => f.startsWith("terms/")).sort(), ["terms/40.json", "terms/to.json"]);

  // More results than a page: the rest come on request, and focus moves to the first of them.
  await page.fill("#q", "armenia");
  await page.locator(".more-results").waitFor();
  await page.waitForLoadState("networkidle");
  const total = Number((await page.locator("#results h2").innerText()).match(/^(\d+) results/)[1]);
  assert.ok(total > 20, `${total} results`);
  assert.equal(await page.locator(".search-results li").count(), 20);
  await page.locator(".more-results").click();
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 20);
  assert.equal(await page.locator(".search-results li").count(), Math.min(40, total));
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelectorAll(".search-results li a")[20]), true);
  assert.equal(await page.locator("#search-status").textContent(), `Showing ${Math.min(40, total)} of ${total} results`);
  await context.close();
  assert.deepEqual(problems, []);
});

test("default: search looks for a misspelt word in the shards split off beside its own, and for X's as X", async () => {
  // The seed site's search page over a small index made by hand, whose "al" words are split
  // into the shards "alie" and "aliy", as a large site's would be.
  const dir = join(work, "split-index");
  cpSync(sites.default.dir, dir, { recursive: true });
  const index = join(dir, "data", "search");
  rmSync(index, { recursive: true, force: true });
  const write = (path, value) => {
    mkdirSync(dirname(join(index, path)), { recursive: true });
    writeFileSync(join(index, path), JSON.stringify(value));
  };
  write("index.json", { entities: 1, facts: 2, articles: 0, docs_per_file: 16,
    terms: ["alie", "aliy", "az"], body: [] });
  write("terms/alie.json", { aliens: [[1], [], []] });
  write("terms/aliy.json", { aliyev: [[0], [], []] });
  write("terms/az.json", { azerbaijan: [[], [], [0, 0]] });
  write("docs/0.json", [
    ["entity", "Ilham Aliyev", null, "President of Azerbaijan", null, null, "entities/aliyev/"],
    ["fact", "Aliens landed", null, "Azerbaijan's claim", "claimed", "Claim by Ilham Aliyev", "facts/aliyev-claims-us-arms-deliveries/"],
    ["fact", "Something else", null, "Nothing to find", "reported", "Reported", "facts/aliyev-claims-us-arms-deliveries/"],
  ]);
  const server = await serve(dir);
  try {
    const site = { base: `http://127.0.0.1:${server.address().port}${SUB}` };
    const { page, context, problems } = await open(site, PAGES.search);
    const fetched = [];
    page.on("requestfinished", (r) => { const m = r.url().match(/\/data\/search\/(terms\/.+)$/); if (m) fetched.push(m[1]); });
    const titles = () => page.locator(".search-results li a").allInnerTexts();
    await page.fill("#q", "aliev");
    await page.locator(".search-results li a", { hasText: "Ilham Aliyev" }).waitFor();
    assert.deepEqual(await titles(), ["Ilham Aliyev"]);
    assert.deepEqual(fetched.sort(), ["terms/alie.json", "terms/aliy.json"], "its own shard and the one beside it, no other");
    await page.fill("#q", "Azerbaijan\u2019s");
    await page.locator(".search-results li a", { hasText: "Aliens landed" }).waitFor();
    assert.deepEqual(await titles(), ["Ilham Aliyev", "Aliens landed"]);
    await context.close();
    assert.deepEqual(problems, []);
  } finally {
    server.close();
  }
});

test("default: search without JavaScript still lists every fact", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(sites.default.base + PAGES.search);
  const links = await page.locator("#everything a[href*='facts/']").count();
  await context.close();
  assert.ok(links >= 30, `${links} fact links`);
});

test("serve: an edit reloads open pages; a bad edit shows its errors over the page until fixed", async () => {
  const root = join(work, "serve");
  cpSync(join(repo, "content"), join(root, "content"), { recursive: true });
  const server = spawn(binary, ["serve", "--port", "0", "--root", root], { env: { ...process.env, NO_COLOR: "1" } });
  try {
    const base = await new Promise((ok, fail) => {
      let seen = "";
      server.stdout.on("data", (d) => {
        seen += d;
        const m = seen.match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) ok(m[0]);
      });
      server.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + "facts/war-2020-soldiers-killed/");
    assert.equal(await page.locator(".figure-large").innerText(), "nearly 7,000 soldiers");
    await page.evaluate(() => { window.notReloaded = true; });
    const fact = join(root, "content", "facts", "war-2020-soldiers-killed.md");
    const original = readFileSync(fact, "utf8");

    writeFileSync(fact, original.replace("qualifier: nearly", "qualifier: about"));
    await page.waitForFunction(() => !window.notReloaded && document.querySelector(".figure-large"), null, { timeout: 15000 });
    assert.equal(await page.locator(".figure-large").innerText(), "about 7,000 soldiers");

    writeFileSync(fact, original.replace("article: aliyev-cautions-armenia-against-armament", "article: no-such-article"));
    const overlay = page.locator("#factsheet-errors");
    await overlay.waitFor({ timeout: 15000 });
    assert.match(await overlay.innerText(), /content\/facts\/war-2020-soldiers-killed\.md:\d+:\d+/);
    assert.match(await overlay.innerText(), /unknown article `no-such-article`/);
    assert.equal(await page.locator(".figure-large").innerText(), "about 7,000 soldiers", "the last good page stays");

    await page.evaluate(() => { window.notReloaded = true; });
    writeFileSync(fact, original);
    await page.waitForFunction(() => !window.notReloaded && document.querySelector(".figure-large"), null, { timeout: 15000 });
    assert.equal(await page.locator("#factsheet-errors").count(), 0);
    assert.equal(await page.locator(".figure-large").innerText(), "nearly 7,000 soldiers");
    await context.close();
  } finally {
    server.kill();
  }
});

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

for (const theme of ["default", "brief"]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`${theme}: no WCAG 2.2 AA violation on any page type (${colorScheme})`, async () => {
      const found = [];
      for (const [name, path] of Object.entries(PAGES)) {
        const { page, context } = await open(sites[theme], path, { colorScheme });
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() =>
          window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
        for (const v of result.violations) {
          found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        }
        await context.close();
      }
      assert.deepEqual(found, []);
    });
  }
}

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(".html"))
    .map((f) => join(dir, f))
    .sort();
}

test("every generated page of both themes passes the Nu HTML checker, minified or not", () => {
  const root = unminifiedCopy();
  const unminified = ["default", "brief"].map((theme) => {
    const out = join(work, `unminified-${theme}`);
    build(theme, out, "https://example.org/sheet/", root);
    return out;
  });
  const page = readFileSync(join(unminified[0], "index.html"), "utf8");
  assert.ok(page.startsWith("<!DOCTYPE html>\n"), "the copy is built unminified");
  assert.ok(readFileSync(join(sites.default.dir, "index.html"), "utf8").startsWith("<!DOCTYPE html><html lang=\"en\"><head>"),
    "the repository's site is minified");
  const files = [sites.default.dir, sites.brief.dir, ...unminified].flatMap(htmlFiles);
  assert.ok(files.length > 400, `only ${files.length} pages`);
  const vnu = require.resolve("vnu-jar/build/dist/vnu.jar");
  let report;
  try {
    execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "json", ...files], { stdio: "pipe" });
    report = { messages: [] };
  } catch (e) {
    report = JSON.parse(e.stderr.toString() || e.stdout.toString());
  }
  const errors = report.messages
    .filter((m) => m.type === "error" || m.subType === "fatal")
    .map((m) => `${m.url.replace(/^file:/, "")}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(errors, []);
});

test("a site from init looks right in both themes: no overflow, a status by every figure, no console error", async () => {
  const root = join(work, "init-site");
  execFileSync(binary, ["init", root], { stdio: "pipe" });
  for (const theme of ["default", "brief"]) {
    const dir = join(work, `init-${theme}`);
    const server = await serve(dir);
    const base = `http://127.0.0.1:${server.address().port}${SUB}`;
    build(theme, dir, base, root);
    const facts = readdirSync(join(dir, "facts")).filter((f) => !f.endsWith(".html"));
    const articles = readdirSync(join(dir, "articles")).filter((f) => !f.endsWith(".html"));
    try {
      for (const path of ["", "facts/", `facts/${facts[0]}/`, `articles/${articles[0]}/`, "timeline/", "topics/", "entities/"]) {
        for (const [width, colorScheme] of [[1280, "light"], [360, "dark"]]) {
          const { page, context, problems } = await open({ base }, path, { viewport: { width, height: 800 }, colorScheme });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          const unstated = await page.evaluate(figuresWithoutStatus);
          await context.close();
          assert.deepEqual(problems, [], `${theme} ${path}`);
          assert.ok(overflow <= 0, `${theme} ${path} at ${width}px: ${overflow}px of horizontal scrolling`);
          assert.deepEqual(unstated, [], `${theme} ${path}`);
        }
      }
    } finally {
      server.close();
    }
  }
});

test("search finds a word in another form on any site: \"ceasefire\" finds a fact about ceasefires", async () => {
  const root = join(work, "ceasefire-site");
  execFileSync(binary, ["init", root], { stdio: "pipe" });
  writeFileSync(join(root, "content", "articles", "talks.md"), "---\ntitle: Talks resume\npublisher: The Example Gazette\npublished: 2024-11-06\nurl: https://example.org/talks\n---\n\nThe council said two ceasefires between the districts had held since October.\n");
  writeFileSync(join(root, "content", "facts", "ceasefires-held.md"), "---\ntitle: The council said two ceasefires had held\nclaim: The council said two ceasefires between the districts had held since October.\nsources:\n  - article: talks\n    quote: The council said two ceasefires between the districts had held since October.\n---\n");
  const dir = join(work, "ceasefire-out");
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}${SUB}`;
  try {
    build("default", dir, base, root);
    const { page, context, problems } = await open({ base }, "search/");
    await page.fill("#q", "ceasefire");
    const first = page.locator(".search-results li a").first();
    await first.waitFor();
    assert.equal(await first.innerText(), "The council said two ceasefires had held");
    await context.close();
    assert.deepEqual(problems, []);
  } finally {
    server.close();
  }
});

test("screenshots for the README", async () => {
  // Text anti-aliasing varies by a few pixels from run to run, so the committed screenshots
  // are refreshed only on request (SCREENSHOTS=update) or when one is missing; otherwise they
  // are taken into a temporary folder, so a test run never dirties the work tree.
  const committed = join(repo, "docs", "screenshots");
  const shotsOf = [
    ["default", PAGES.home, "home"],
    ["default", "facts/aliyev-claims-russian-supplies/", "claim"],
    ["default", "articles/aliyev-cautions-armenia-against-armament/#q-karabakh-armenians-displaced-2023-1", "passage"],
    ["brief", "", "brief"],
  ];
  const looks = [["", 1280, 900, "light"], ["-dark", 1280, 900, "dark"], ["-phone", 390, 844, "light"], ["-phone-dark", 390, 844, "dark"]];
  const files = shotsOf.flatMap(([, , name]) => looks.map(([suffix]) => `${name}${suffix}.png`));
  const update = process.env.SCREENSHOTS === "update" || files.some((f) => !existsSync(join(committed, f)));
  const shots = update ? committed : join(work, "screenshots");
  mkdirSync(shots, { recursive: true });
  for (const [theme, path, name] of shotsOf) {
    for (const [suffix, width, height, colorScheme] of looks) {
      const { page, context, problems } = await open(sites[theme], path, { viewport: { width, height }, colorScheme });
      await page.screenshot({ path: join(shots, `${name}${suffix}.png`) });
      await context.close();
      assert.deepEqual(problems, []);
    }
  }
  for (const f of files) {
    assert.ok(statSync(join(shots, f)).size > 10000, f);
  }
});

test("a paginated list reads well on a phone and passes axe, and its pages lead on to the end", async () => {
  const root = unminifiedCopy();
  const settings = join(root, "content", "site.yaml");
  writeFileSync(settings, readFileSync(settings, "utf8") + "page_size: 20\n");
  const dir = join(work, "paged");
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}${SUB}`;
  build("default", dir, base, root);
  try {
    const { page, context, problems } = await open({ base }, "facts/", { viewport: { width: 360, height: 800 }, colorScheme: "dark" });
    const seen = new Set();
    for (let n = 1; ; n++) {
      for (const href of await page.locator("a.fact-title").evaluateAll((as) => as.map((a) => a.href))) seen.add(href);
      assert.equal(await page.locator("nav.pager [aria-current=page]").innerText(), `Page ${n} of 4`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page ${n}: ${overflow}px of horizontal scrolling`);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
      assert.deepEqual(result.violations.map((v) => v.id), [], `page ${n}`);
      const next = page.locator("nav.pager a[rel=next]");
      if (await next.count() === 0) break;
      await next.click();
      await page.waitForURL(new RegExp(`facts/page/${n + 1}/$`));
    }
    await context.close();
    assert.deepEqual(problems, []);
    assert.equal(seen.size, readdirSync(join(root, "content", "facts")).length, "every fact on one of the pages");
  } finally {
    server.close();
  }
});
