// The annual report as a reviewer prints it: Debian's chromium (playwright-core) opens the
// HTML report ogid serves, in print media at the A4 printable width (170 mm), and checks that it
// reads like the published tables — the stylesheet applies under the report's own CSP, the
// merged cells span what the form spans, no table or cell overflows the page, the header rows
// repeat, the checks box is not printed when every check passes — then prints it to PDF and
// saves the PDF and a screenshot in build/test-logs/screenshots/ for people to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const build = process.env.OGI_BUILD_DIR || join(import.meta.dirname, '..', '..', 'build');
const shots = join(build, 'test-logs', 'screenshots');
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIP: playwright-core is not installed (scripts/test installs it with npm)');
  process.exit(77);
}
if (!process.env.PGHOST && !process.env.PGPORT) {
  console.log('SKIP: no PostgreSQL test cluster (run through scripts/test)');
  process.exit(77);
}

function conninfo(db) {
  const parts = [`dbname=${db}`];
  for (const [env, key] of [['PGHOST', 'host'], ['PGPORT', 'port'], ['PGUSER', 'user'], ['PGPASSWORD', 'password']])
    if (process.env[env]) parts.push(`${key}=${process.env[env]}`);
  return parts.join(' ');
}
const psql = (sql, db = 'postgres') => execFileSync('psql', ['-X', '-q', '-t', '-A', '-d', conninfo(db), '-c', sql]).toString().trim();
const ogictl = (db, args) => execFileSync(join(build, 'clients', 'cli', 'ogictl'), ['--database', conninfo(db), ...args]).toString().trim();

const db = `ogi_print_${process.pid}`;
const A4_CONTENT_PX = Math.floor((170 / 25.4) * 96); // 210 mm less the page's 2 × 20 mm margins
let ogid, base, browser, token, street;

async function api(method, path, body) {
  const r = await fetch(base + path, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  psql(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  ogictl(db, ['migrate']);
  ogid = spawn(join(build, 'daemon', 'ogid'), ['--database', conninfo(db), '--data-dir', mkdtempSync(join(tmpdir(), 'ogiprint-')),
    '--listen', '127.0.0.1:0', '--threads', '2'], { env: { ...process.env, OGI_TODAY: '2025-03-10' }, stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    ogid.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    ogid.on('exit', (code) => reject(new Error(`ogid exited ${code}: ${out}`)));
  });
  street = Number(ogictl(db, ['body', 'add', '某某街道办事处', '--parent', '1']));
  token = ogictl(db, ['token', 'create', 'admin']);
  const kinds = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other_org'];
  const outcomes = ['disclosed', 'partial', 'withheld_third_party', 'not_held_not_exist', 'rejected_repeat', 'withdrawn'];
  for (let i = 0; i < 12; i++) {
    const req = await api('POST', '/api/v1/requests', {
      body_id: street, channel: 'in_person', received_on: `2024-${String(i + 1).padStart(2, '0')}-08`,
      applicant: { kind: kinds[i % 6], name: '申请人' }, description: '某项政府信息',
    });
    if (i < 11) {
      const outcome = outcomes[i % 6];
      await api('POST', `/api/v1/requests/${req.id}/events`, outcome === 'withdrawn'
        ? { type: 'withdrawn', on: `2024-${String(i + 1).padStart(2, '0')}-20` }
        : { type: 'replied', on: `2024-${String(i + 1).padStart(2, '0')}-20`, outcome });
    }
  }
  await api('PUT', `/api/v1/reports/annual/2024/${street}/inputs`, {
    proactive: { regulations: { issued: 0, repealed: 0, in_force: 0 }, normative_documents: { issued: 3, repealed: 1, in_force: 12 },
      licensing: { decisions: 86 }, penalty: { decisions: 14 }, enforcement: { decisions: 2 }, administrative_fees: { amount: 0 } },
    text: { overview: '2024年，我街道认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。',
      problems: '一是依申请公开答复的规范性有待提高；二是工作人员业务培训不足。下一步将加强培训。', other: '无。' },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  ogid?.kill('SIGTERM');
  await new Promise((r) => (ogid ? ogid.on('exit', r) : r()));
  psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
});

test('the HTML report prints like the published tables', async () => {
  const ctx = await browser.newContext({
    viewport: { width: A4_CONTENT_PX, height: 1000 }, locale: 'zh-CN',
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const resp = await page.goto(`${base}/api/v1/reports/annual?year=2024&body_id=${street}&type=html`);
  assert.equal(resp.status(), 200);
  await page.emulateMedia({ media: 'print' });
  const m = await page.evaluate(() => {
    const cell = (t) => [...document.querySelectorAll('table.form td, table.form th')].find((c) => c.textContent === t);
    const rect = (e) => e.getBoundingClientRect();
    const apps = document.querySelector('table.form[data-table="applications"]');
    const rows = [...apps.querySelectorAll('tr')];
    const s3 = cell('三、本年度办理结果');
    const s3rows = rows.slice(5, 5 + 22); // after 3 header rows and 一, 二
    const withheld = cell('（三）不予公开');
    const note = cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    const overflowing = [...document.querySelectorAll('table.form td, table.form th')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent);
    const style = getComputedStyle(apps.querySelector('td'));
    return {
      tables: [...document.querySelectorAll('table.form')].map((t) => ({ name: t.dataset.table, width: rect(t).width })),
      docWidth: document.documentElement.scrollWidth,
      s3: { top: rect(s3).top, bottom: rect(s3).bottom, rowsTop: rect(s3rows[0]).top, rowsBottom: rect(s3rows[21]).bottom, rowSpan: s3.rowSpan },
      withheld: { height: rect(withheld).height, rows: rows.slice(7, 15).reduce((h, r) => h + rect(r).height, 0) },
      note: { height: rect(note).height, head: rows.slice(0, 3).reduce((h, r) => h + rect(r).height, 0) },
      labelLeftOfValues: rect(cell('1.属于国家秘密')).right <= rect(apps.querySelector('td.value[data-key="withheld_state_secret"][data-col="0"]')).left + 1,
      overflowing,
      border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`,
      checksShown: getComputedStyle(document.querySelector('section.checks')).display !== 'none',
      checksOk: document.querySelector('section.checks').classList.contains('ok'),
      theadRows: apps.querySelectorAll('thead tr').length,
      h1: document.querySelector('h1').textContent,
      h1Align: getComputedStyle(document.querySelector('h1')).textAlign,
    };
  });
  assert.equal(m.h1, '某某街道办事处2024年政府信息公开工作年度报告');
  assert.equal(m.h1Align, 'center');
  assert.equal(m.border, '1px solid rgb(0, 0, 0)', 'the inline stylesheet applies under the report CSP');
  assert.ok(m.docWidth <= A4_CONTENT_PX + 1, `nothing wider than the printable width (${m.docWidth}px)`);
  for (const t of m.tables) assert.ok(t.width <= A4_CONTENT_PX + 1, `table ${t.name} fits the page (${t.width}px)`);
  assert.deepEqual(m.overflowing, [], 'every label and figure wraps inside its cell');
  assert.equal(m.s3.rowSpan, 22);
  assert.ok(Math.abs(m.s3.top - m.s3.rowsTop) < 1.5 && Math.abs(m.s3.bottom - m.s3.rowsBottom) < 1.5,
    `三、本年度办理结果 covers its 22 rows (${JSON.stringify(m.s3)})`);
  assert.ok(Math.abs(m.withheld.height - m.withheld.rows) < 2, `（三）不予公开 covers its 8 rows (${JSON.stringify(m.withheld)})`);
  assert.ok(Math.abs(m.note.height - m.note.head) < 2, 'the note spans the three header rows');
  assert.ok(m.labelLeftOfValues, 'labels to the left of the figures');
  assert.equal(m.theadRows, 3, 'the three header rows repeat on each printed page');
  assert.ok(m.checksOk, 'every check passes for this report');
  assert.equal(m.checksShown, false, 'the checks box is not printed when every check passes');
  await page.screenshot({ path: join(shots, 'report-2024-print.png'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(shots, 'report-2024.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
  assert.ok(pages >= 2 && pages <= 6, `an A4 report of a few pages (${pages})`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a failing check is printed, its cells in red', async () => {
  // the report of 2023 has no section 二 figures: its check fails and stays on the printout
  const ctx = await browser.newContext({ viewport: { width: A4_CONTENT_PX, height: 1000 }, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const page = await ctx.newPage();
  await page.goto(`${base}/api/v1/reports/annual?year=2023&body_id=${street}&type=html`);
  await page.emulateMedia({ media: 'print' });
  const m = await page.evaluate(() => ({
    shown: getComputedStyle(document.querySelector('section.checks')).display !== 'none',
    red: getComputedStyle(document.querySelector('td.value.fail')).backgroundColor,
    failing: document.querySelectorAll('td.value.fail').length,
  }));
  assert.ok(m.shown);
  assert.equal(m.red, 'rgb(255, 208, 208)');
  assert.equal(m.failing, 10, 'the ten blank figures of section 二');
  await page.screenshot({ path: join(shots, 'report-2023-failing.png'), fullPage: true });
  await ctx.close();
});
