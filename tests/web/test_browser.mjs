// The front desk in a real browser: Debian's chromium driven by
// playwright-core against ogid over real HTTP and a real PostgreSQL (the
// test command's throwaway cluster).  Logs in, registers a request, records
// a correction and a reply, sees the queue change, checks an API error shown
// next to its field, and saves a screenshot of each page at 1280×800 and at
// a 390-wide phone size into build/test-logs/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
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
const ogictl = (db, args, input) => execFileSync(join(build, 'clients', 'cli', 'ogictl'), ['--database', conninfo(db), ...args], { input }).toString().trim();

const db = `ogi_web_${process.pid}`;
let ogid, base, browser;
const TODAY = '2025-06-20';

before(async () => {
  mkdirSync(shots, { recursive: true });
  psql(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  ogictl(db, ['migrate']);
  ogid = spawn(join(build, 'daemon', 'ogid'), ['--database', conninfo(db), '--data-dir', mkdtempSync(join(tmpdir(), 'ogiweb-')),
    '--listen', '127.0.0.1:0', '--threads', '4'], { env: { ...process.env, OGI_TODAY: TODAY }, stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    ogid.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    ogid.on('exit', (code) => reject(new Error(`ogid exited ${code}: ${out}`)));
  });
  const street = ogictl(db, ['body', 'add', '甲街道办事处', '--parent', '1']);
  ogictl(db, ['user', 'add', 'desk', '--role', 'handler', '--body', street, '--password-stdin'], 'front desk password\n');
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

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

test('a clerk registers, corrects and replies to a request; the queue follows', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // HTTP errors the test provokes (401 before login, the 409) are not script errors
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });

  await page.goto(base + '/');
  await page.waitForSelector('#login-form');
  await shot(page, 'login-1280');
  await page.fill('#username', 'desk');
  await page.fill('#password', 'wrong password');
  await page.click('#login-submit');
  await page.waitForSelector('#login-error:not([hidden])');
  assert.match(await page.textContent('#login-error'), /用户名或密码错误/);
  await page.fill('#password', 'front desk password');
  await page.click('#login-submit');
  await page.waitForSelector('#queue-search');
  assert.equal(await page.textContent('#band-overdue .n'), '0');
  await shot(page, 'queue-empty-1280');

  // intake, with the keyboard: an ID number checked as typed, then Ctrl+Enter
  await page.click('#nav-intake');
  await page.waitForSelector('#intake-form');
  await page.selectOption('#channel', 'post_registered');
  assert.match(await page.textContent('#channel-hint'), /签收之日/);
  await page.fill('#received_on', '2025-06-09');
  await page.waitForFunction(() => document.querySelector('#due-preview').textContent === '2025-07-07');
  await page.fill('#name', '张三');
  await page.fill('#id_number', '110105194912310021');
  assert.match(await page.textContent('#id-check'), /校验码/);
  await page.fill('#id_number', '11010519491231002X');
  assert.equal(await page.textContent('#id-check'), '');
  await page.fill('#description', '2023年本街道老旧小区改造项目的招标文件');
  await shot(page, 'intake-1280');
  await page.focus('#description');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#receipt');
  const receipt = await page.textContent('#receipt');
  assert.match(receipt, /受理回执/);
  assert.match(receipt, /2025-07-07/);
  const tracking = receipt.match(/\d+-2025-\d{5}/)[0];
  await shot(page, 'receipt-1280');

  // 2025-06-09 + 20 wd = 07-07 (06-10..13, 16..20, 23..27, 30, 07-01..04, 07-07);
  // from today 06-20 that is 11 working days: the later band
  await page.click('#nav-queue');
  await page.waitForSelector('#queue-table');
  assert.equal(await page.textContent('#band-later .n'), '1');
  await page.click(`#queue-table tr.row >> text=${tracking}`);
  await page.waitForSelector('#deadline-steps li');
  assert.match(await page.textContent('#deadline-steps'), /2025-06-09/);
  await shot(page, 'request-1280');

  // a correction: the clock stops
  await page.selectOption('#event-type', 'correction_requested');
  await page.fill('#ev-on', '2025-06-10');
  await page.fill('#ev-items', '请写明所需文件的项目名称');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="correction_requested"]');
  // an API error lands next to its field and keeps what was typed
  await page.selectOption('#event-type', 'correction_received');
  await page.fill('#ev-on', '2025-06-05');
  await page.click('#ev-submit');
  await page.waitForSelector('#event-card .problem:not([hidden])');
  assert.match(await page.textContent('#event-card .problem'), /日期早于/);
  await page.fill('#ev-on', '2025-06-12');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="correction_received"]');
  // restarted from 06-12: 06-13, 16..20, 23..27, 30, 07-01..04, 07-07..10 → 2025-07-10
  await page.waitForFunction(() => document.querySelector('#due-on').textContent.includes('2025-07-10'));

  // the reply closes it
  await page.selectOption('#event-type', 'replied');
  await page.fill('#ev-on', '2025-06-19');
  await page.selectOption('#ev-outcome', 'disclosed');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="replied"]');
  assert.match(await page.textContent('h1'), /已办结/);
  await shot(page, 'request-closed-1280');

  await page.click('#nav-queue');
  await page.waitForSelector('#band-later');
  assert.equal(await page.textContent('#band-later .n'), '0');
  await page.click('#nav-list');
  await page.waitForSelector('#list-table tr.row');
  await shot(page, 'list-1280');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('pages are usable on a 390-wide phone', async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
  const page = await ctx.newPage();
  await page.goto(base + '/');
  await page.fill('#username', 'desk');
  await page.fill('#password', 'front desk password');
  await page.click('#login-submit');
  await page.waitForSelector('#queue-search');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling on the queue (${overflow}px)`);
  await shot(page, 'queue-390');
  await page.click('#nav-intake');
  await page.waitForSelector('#intake-form');
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow2 <= 1, `no horizontal scrolling on the intake form (${overflow2}px)`);
  await shot(page, 'intake-390');
  await page.click('#lang');
  await page.waitForSelector('#nav a');
  assert.match(await page.textContent('#nav'), /Queue/);
  await ctx.close();
});

test('static files carry strict headers', async () => {
  const r = await fetch(base + '/js/app.js');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/javascript/);
  assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
  assert.ok(r.headers.get('etag'));
  const again = await fetch(base + '/js/app.js', { headers: { 'If-None-Match': r.headers.get('etag') } });
  assert.equal(again.status, 304);
});
