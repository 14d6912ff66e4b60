// The front desk in a real browser: Debian's chromium driven by
// playwright-core against ogid over real HTTP and a real PostgreSQL (the
// test command's throwaway cluster).  "Today" is fixed for ogid at
// 2025-06-20 (a Friday) with OGI_TODAY.
//
// Covered: logging in and out and the role's actions only; keyboard-only
// intake with the identity checks, an API error focused next to its field
// and the receipt; the due-date preview and the channel's receipt-date rule;
// a request's life (correction, restart, extension, reply) with the queue
// following; a stale version (412) that keeps what was typed; an expired
// session that keeps the draft; the calendar (view, edit a day and the due
// dates follow, import a file, the calculator); the audit log; the client's identity checks
// against the API's on a table of cases; and screenshots of every page at
// 1280×800 and 390 wide (build/test-logs/screenshots/), with no horizontal
// scrolling on the phone, no missing translation, no script error, no
// Content-Security-Policy violation and nothing loaded from another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
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
const ogidLog = join(build, 'test-logs', `ogid-web-${process.pid}.log`);
const TODAY = '2025-06-20';
const PASSWORD = 'front desk password';
let ogid, base, browser, street, tokens = {}, ids = {};

before(async () => {
  mkdirSync(shots, { recursive: true });
  const logFd = openSync(ogidLog, 'a');
  psql(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  ogictl(db, ['migrate']);
  ogid = spawn(join(build, 'daemon', 'ogid'), ['--database', conninfo(db), '--data-dir', mkdtempSync(join(tmpdir(), 'ogiweb-')),
    '--listen', '127.0.0.1:0', '--threads', '4'], { env: { ...process.env, OGI_TODAY: TODAY }, stdio: ['ignore', 'pipe', logFd] });
  closeSync(logFd);
  base = await new Promise((resolve, reject) => {
    let out = '';
    ogid.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    ogid.on('exit', (code) => reject(new Error(`ogid exited ${code}: ${out}`)));
  });
  street = Number(ogictl(db, ['body', 'add', '甲街道办事处', '--parent', '1']));
  for (const [user, role, body] of [['clerk1', 'clerk', street], ['hand1', 'handler', street], ['appr1', 'approver', street],
    ['audit1', 'auditor', street], ['boss', 'admin', 1], ['pw1', 'clerk', street], ['sadmin', 'admin', street],
    ['acct1', 'clerk', street]]) {
    ids[user] = Number(ogictl(db, ['user', 'add', user, '--role', role, '--body', String(body), '--password-stdin'], `${PASSWORD}\n`));
    tokens[user] = ogictl(db, ['token', 'create', user]).split(/\s+/).pop();
  }
  // the first body named as a deployment names it (an admin of 「本机关」 would be asked for the name
  // on login: tests/web/test_settings.mjs)
  assert.equal((await call('boss', 'PUT', '/api/v1/bodies/1', { name: '某区人民政府办公室' })).status, 200);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
  // one request in each band of the queue (today 2025-06-20):
  // 2025-05-06 + 20 wd = 06-04 (Labour Day 05-01..05 is before it): overdue by 12 working days;
  // 2025-05-23 + 20 wd = 06-23 (06-02 Dragon Boat Festival off): due in 1 working day;
  // 2025-06-09 + 20 wd = 07-07: 11 working days left, the later band
  for (const [received, name] of [['2025-05-06', '逾期样例'], ['2025-05-23', '将到期样例'], ['2025-06-09', '在办样例']])
    await seed({ received_on: received, name });
});

after(async () => {
  await browser?.close();
  const exited = ogid && ogid.exitCode === null ? new Promise((r) => ogid.on('exit', (code) => r(code))) : Promise.resolve(ogid?.exitCode);
  ogid?.kill('SIGTERM');
  const code = await exited;
  psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  // ogid stops cleanly, and under the sanitizers reports nothing
  const log = readFileSync(ogidLog, 'utf8');
  for (const mark of ['ERROR: AddressSanitizer', 'ERROR: LeakSanitizer', 'runtime error:'])
    assert.ok(!log.includes(mark), `sanitizer report in ${ogidLog}`);
  assert.equal(code, 0, `ogid exit status (log: ${ogidLog})`);
});

// The JSON API as a script would call it, with a user's bearer token.
async function call(user, method, path, body, headers = {}) {
  const r = await fetch(base + path, { method, headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, etag: r.headers.get('etag'), data: text ? JSON.parse(text) : null };
}
async function seed({ received_on = '2025-06-09', name = '张三', channel = 'in_person' } = {}) {
  const r = await call('appr1', 'POST', '/api/v1/requests', { body_id: street, channel, received_on,
    applicant: { kind: 'natural_person', name, id_type: 'resident_id_card', id_number: '11010519491231002X', phone: '13800000000' },
    description: '2023年本街道老旧小区改造项目的招标文件', form: { medium: 'electronic', delivery: 'email' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header belongs at the top of a full-page picture
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

// A browser context for one user (logged in through the login page), with
// the checks every page must pass collected as it goes.
async function open(user, { width = 1280, height = 800, lang } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', isMobile: width < 500, hasTouch: width < 500 });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  // HTTP errors the tests provoke (401 before login, 400, 409, 412) are not script errors
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base + '/')) problems.push(`loaded from elsewhere: ${r.url()}`); });
  if (lang === 'en') await ctx.addInitScript(() => localStorage.setItem('ogi.lang', 'en'));
  if (user) {
    await page.goto(base + '/');
    await page.waitForSelector('#login-form');
    await page.fill('#username', user);
    await page.fill('#password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#queue-list :is(table, p)');
  }
  return {
    ctx, page,
    async close() {
      await ctx.close();
      assert.deepEqual(problems, [], 'no script error, CSP violation, missing text or foreign request');
    },
  };
}

async function go(page, hash, selector) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(selector);
}
const text = (page, sel) => page.textContent(sel);
const options = (page, sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => o.value));
const focused = (page) => page.evaluate(() => document.activeElement?.id);
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('log in and out; each role sees its own actions only', async () => {
  const { page, close } = await open(null);
  await page.goto(base + '/');
  await page.waitForSelector('#login-form');
  assert.equal(await focused(page), 'username', 'the cursor starts in the username');
  await page.fill('#username', 'clerk1');
  await page.fill('#password', 'wrong password');
  await page.press('#password', 'Enter');
  await page.waitForSelector('#login-error:not([hidden])');
  assert.match(await text(page, '#login-error'), /用户名或密码错误/);
  await page.fill('#password', PASSWORD);
  await page.press('#password', 'Enter');
  await page.waitForSelector('#queue-list');
  assert.match(await text(page, '#who'), /clerk1 · 登记员/);
  assert.deepEqual(await page.$$eval('#nav a', (as) => as.map((a) => a.id)), ['nav-queue', 'nav-intake', 'nav-online', 'nav-list', 'nav-report', 'nav-calendar']);
  // the calendar: a clerk reads it, no editing
  await go(page, '#/calendar/2025', '#month-grid');
  assert.ok(await page.$('#cal-readonly'));
  assert.equal(await page.$('#day-editor'), null);
  assert.equal(await page.$('#importer'), null);
  assert.equal(await page.$('#month-grid button'), null, 'no day is editable');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  const after = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status));
  assert.equal(after, 401, 'the session ended on the server');
  assert.equal(await page.$$eval('#nav a', (as) => as.length), 0);

  // an auditor reads everything and records nothing
  await page.fill('#username', 'audit1');
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#queue-table');
  assert.deepEqual(await page.$$eval('#nav a', (as) => as.map((a) => a.id)), ['nav-queue', 'nav-online', 'nav-list', 'nav-report', 'nav-calendar', 'nav-audit']);
  assert.equal(await page.$('#queue-new'), null, 'no register button');
  await go(page, '#/intake', 'main .problem');
  assert.match(await text(page, 'main .problem'), /没有登记申请的权限/);
  const id = (await call('audit1', 'GET', '/api/v1/queue')).data.overdue[0].id;
  await go(page, `#/request/${id}`, '#deadline-steps');
  assert.equal(await page.$('#event-card'), null, 'an auditor gets no event form');
  assert.match(await text(page, '#no-actions'), /只能查阅/);
  assert.match(await text(page, 'main'), /110\*+002X/, 'an auditor sees the identity number masked');
  await close();
});

test('keyboard-only intake: checks as typed, the first error focused, a printable receipt; the queue follows', async () => {
  const { page, close } = await open('clerk1');
  const later = Number(await text(page, '#band-later .n'));
  await go(page, '#/intake', '#intake-form');
  assert.equal(await focused(page), 'channel', 'the form starts at the channel');
  // the preview asks the API: wait for its answer
  await page.waitForFunction(() => document.querySelector('#due-preview').textContent !== '—');
  assert.match(await text(page, '#due-preview'), /2025-07-18/, 'received today 06-20: 20 wd end on Friday 07-18 (no holiday between)');
  const kb = page.keyboard;
  await kb.press('Tab'); // the receipt date: today by default
  assert.equal(await focused(page), 'received_on');
  // Tab walks the date's year, month, day and picker, then on (in person: no separate submission date)
  for (let i = 0; i < 4 && (await focused(page)) === 'received_on'; i++) await kb.press('Tab');
  assert.equal(await focused(page), 'kind');
  await kb.press('Tab');
  await kb.type('李四');
  await kb.press('Tab'); // id type: resident ID card for a natural person
  await kb.press('Tab');
  assert.equal(await focused(page), 'id_number');
  await kb.type('11010519491231002');
  assert.match(await text(page, '#id-check'), /17\/18/, 'still typing: no error yet');
  await kb.type('1');
  assert.match(await text(page, '[data-field="applicant.id_number"] .error'), /校验码不符，请核对号码/, 'GB 11643: the check digit of 11010519491231002 is X');
  await kb.press('Backspace');
  await kb.type('x');
  assert.match(await text(page, '#id-check'), /号码校验通过/);
  await kb.press('Tab');
  await kb.type('12800000000');
  await kb.press('Tab'); // leaving the field shows its error
  assert.match(await text(page, '[data-field="applicant.phone"] .error'), /手机号码第二位应为3至9/);
  await kb.press('Shift+Tab');
  await kb.press('Control+A');
  await kb.type('13800000000');
  assert.equal(await text(page, '[data-field="applicant.phone"] .error'), '');
  await kb.press('Tab'); // e-mail
  await kb.press('Tab'); // address
  await kb.press('Tab'); // postcode
  await kb.press('Tab');
  assert.equal(await focused(page), 'description');
  // saving without the description: the error lands next to it and takes the focus
  await kb.press('Control+Enter');
  await page.waitForSelector('[data-field="description"].invalid');
  assert.match(await text(page, '[data-field="description"] .error'), /请填写/);
  assert.equal(await focused(page), 'description');
  assert.equal(await page.inputValue('#name'), '李四', 'nothing typed is lost');
  await kb.type('本街道2024年度财政预算执行情况');
  await shot(page, 'intake-filled-1280');
  await kb.press('Control+Enter');
  await page.waitForSelector('#receipt');
  assert.equal(await focused(page), 'print-receipt', 'the print button has the focus');
  const receipt = await text(page, '#receipt');
  assert.match(receipt, /政府信息公开申请受理回执/);
  assert.match(await text(page, '#receipt-due'), /2025-07-18/);
  assert.match(receipt, /李四/);
  const tracking = (await text(page, '#receipt-no')).trim();
  assert.match(tracking, /-2025-\d{5}$/);
  await shot(page, 'receipt-1280');
  await page.pdf({ path: join(shots, 'receipt.pdf'), format: 'A4' });

  await page.click('#nav-queue');
  await page.waitForSelector('#queue-table');
  assert.equal(Number(await text(page, '#band-later .n')), later + 1);
  assert.ok(await page.$(`#queue-table tbody[data-band="later"] >> text=${tracking}`));
  // Enter in a one-line field saves as well, and a draft survives a reload
  await go(page, '#/intake', '#intake-form');
  await page.fill('#name', '王五');
  await page.reload();
  await page.waitForSelector('#intake-form');
  assert.equal(await page.inputValue('#name'), '王五', 'the draft survives a reload');
  await page.fill('#description', '街道办事处机构设置');
  await page.press('#name', 'Enter');
  await page.waitForSelector('#receipt');
  await close();
});

test('the channel says which day is the receipt date; the due date is shown before saving', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/intake', '#intake-form');
  await page.selectOption('#channel', 'post_registered');
  assert.match(await text(page, '[data-field="channel"] .hint'), /签收之日为收到申请之日（第三十一条第二项）/);
  assert.match(await text(page, 'label[for="received_on"]'), /本机关签收之日/);
  assert.ok(await page.isVisible('#submitted_on'), 'a posted application may record when it was sent');
  await page.selectOption('#channel', 'online');
  assert.match(await text(page, '[data-field="channel"] .hint'), /双方确认之日/);
  // 2024-09-27 + 20 wd: 09-29 (Sun) worked, National Day 10-01..07 off, 10-12 (Sat) worked → 10-30
  await page.fill('#received_on', '2024-09-27');
  await page.waitForFunction(() => document.querySelector('#due-preview').textContent.includes('2024-10-30'));
  const skipped = await text(page, '#due-skipped');
  assert.match(skipped, /国庆节/);
  assert.match(skipped, /2024-09-29 国庆节调休上班，计入/);
  // 2019-05-10 is before 2019-05-15: the 2008 regulation's 15 wd, 05-13..17, 20..24, 27..31 → 05-31
  await page.fill('#received_on', '2019-05-10');
  await page.waitForFunction(() => document.querySelector('#due-preview').textContent.includes('2019-05-31'));
  assert.match(await text(page, '#due-note'), /2008年条例/);
  await page.selectOption('#kind', 'commercial_enterprise');
  assert.deepEqual(await options(page, '#id_type'), ['uscc', 'other'], 'an enterprise identifies by its credit code');
  await page.fill('#id_number', '91110000600037341M');
  await page.press('#id_number', 'Tab');
  assert.match(await text(page, '[data-field="applicant.id_number"] .error'), /校验码不符，请核对代码/, 'GB 32100: the check character is L');
  await page.fill('#id_number', '91110000600037341L');
  assert.match(await text(page, '#id-check'), /号码校验通过/);
  await shot(page, 'intake-online-1280');
  await page.click('#intake-clear');
  await page.waitForFunction(() => document.querySelector('#channel')?.value === 'in_person' && document.querySelector('#id_number')?.value === '');
  await close();
});

test("a request's life: correction, restart, extension and reply, each role its own actions; the queue follows", async () => {
  const r = await seed({ name: '赵六' });
  const clerk = await open('clerk1');
  let page = clerk.page;
  const later = Number(await text(page, '#band-later .n'));
  await go(page, `#/request/${r.id}`, '#deadline-steps');
  assert.match(await text(page, '#due-on'), /2025-07-07/, '06-09 + 20 wd: 06-10..13, 16..20, 23..27, 30, 07-01..04, 07-07');
  assert.match(await text(page, '#deadline-steps'), /收到申请 2025-06-09（当日不计）/);
  assert.match(await text(page, '#subdeadlines'), /补正告知期限.*2025-06-18/, '7 wd after 06-09');
  let types = await options(page, '#event-type');
  // 分办 (assigned) is a clerk's too (issue 16); 转办 is an approver's
  assert.deepEqual(types, ['correction_requested', 'consultation_started', 'withdrawn', 'note', 'assigned'], 'a clerk: no reply, no approver actions');

  await page.selectOption('#event-type', 'correction_requested');
  await page.fill('#ev-on', '2025-06-10');
  await page.fill('#ev-items', '请写明所需文件的项目名称');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="correction_requested"]');
  assert.match(await text(page, '#clock-state'), /停止计算/);
  assert.equal(await page.$('#gone-notice'), null, 'a recorded event is no draft left behind');
  types = await options(page, '#event-type');
  assert.deepEqual(types, ['correction_received', 'withdrawn', 'correction_lapsed', 'note', 'assigned'], 'while a correction is awaited');
  // a date before the receipt: the rule next to the date, with the date it refers to; the draft stays
  await page.selectOption('#event-type', 'correction_received');
  await page.fill('#ev-on', '2025-06-05');
  await page.click('#ev-submit');
  await page.waitForSelector('[data-field="on"].invalid');
  assert.match(await text(page, '[data-field="on"] .error'), /日期早于收到申请之日（收到申请日期为 2025-06-09）/);
  assert.equal(await focused(page), 'ev-on');
  await shot(page, 'request-error-1280');
  await page.fill('#ev-on', '2025-06-12');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="correction_received"]');
  // restarted from 06-12: 06-13, 16..20, 23..27, 30, 07-01..04, 07-07..10 → 07-10
  assert.match(await text(page, '#due-on'), /2025-07-10/);
  await clerk.close();

  // a handler may reply but not extend; an approver may extend
  const handler = await open('hand1');
  await go(handler.page, `#/request/${r.id}`, '#event-type');
  types = await options(handler.page, '#event-type');
  assert.ok(types.includes('replied') && !types.includes('extension_approved'), types.join());
  const approver = await open('appr1');
  page = approver.page;
  await go(page, `#/request/${r.id}`, '#event-type');
  await page.selectOption('#event-type', 'extension_approved');
  assert.equal(await page.inputValue('#ev-working_days'), '20');
  await page.fill('#ev-working_days', '5');
  // 07-10 + 5 wd = 07-11, 14, 15, 16, 17
  await page.waitForFunction(() => document.querySelector('#extension-preview').textContent.includes('2025-07-17'));
  await page.fill('#ev-reason', '需要调取档案');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="extension_approved"]');
  assert.match(await text(page, '#due-on'), /2025-07-17/);
  assert.ok(!(await options(page, '#event-type')).includes('extension_approved'), 'one extension only');
  await approver.close();

  page = handler.page;
  await page.reload();
  await page.waitForSelector('#event-type');
  await page.selectOption('#event-type', 'replied');
  await page.selectOption('#ev-outcome', 'not_held_other_body');
  assert.ok(await page.isVisible('#ev-referred_body'), 'the referred body is asked for');
  assert.match(await page.inputValue('#ev-basis'), /第三十六条第（五）项/);
  assert.match(await text(page, '#closing-warning'), /办结/);
  await page.click('#ev-submit');
  await page.waitForSelector('[data-field="referred_body"].invalid');
  assert.match(await text(page, '[data-field="referred_body"] .error'), /负责公开该信息的机关/);
  await page.fill('#ev-referred_body', '区住房和城乡建设局 010-12345678');
  await page.fill('#ev-delivered_on', '2025-06-20');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="replied"]');
  assert.match(await text(page, 'main h1 + .tag'), /已办结/);
  // delivered 06-20: reconsideration 60 days → 08-19; litigation 6 months → 12-20 (Sat) → 12-22
  assert.match(await text(page, '#subdeadlines'), /2025-08-19/);
  assert.match(await text(page, '#subdeadlines'), /2025-12-22/);
  // a closed request takes only a note (the reply form promises 「可以以后补记」)
  assert.deepEqual(await page.$$eval('#event-type option', (os) => os.map((o) => o.value)), ['note'],
    'only a note is recorded on a closed request');
  await shot(page, 'request-closed-1280');
  await page.click('#nav-queue');
  // a handler's queue opens on 「我的待办」 (issue 16): nothing is assigned to hand1 here
  await page.waitForSelector('#queue-empty');
  assert.match(await text(page, '#queue-title'), /我的待办/);
  await page.selectOption('#queue-who', 'all');
  await page.waitForSelector('#queue-table');
  assert.equal(Number(await text(page, '#band-later .n')), later - 1);
  await handler.close();
});

test('a stale version: someone else acted first; the page says so and keeps what was typed', async () => {
  const r = await seed({ name: '钱七' });
  const { page, close } = await open('hand1');
  await go(page, `#/request/${r.id}`, '#event-type');
  await page.selectOption('#event-type', 'replied');
  await page.selectOption('#ev-outcome', 'disclosed');
  await page.fill('#ev-notes', '已通过电子邮件提供招标文件');
  // meanwhile an approver records a note through the API
  const other = await call('appr1', 'POST', `/api/v1/requests/${r.id}/events`, { type: 'note', on: TODAY, text: '申请人来电询问' });
  assert.equal(other.status, 201);
  await page.click('#ev-submit');
  await page.waitForSelector('#stale-notice');
  assert.match(await text(page, '#stale-notice'), /其他人已登记了本申请的新事项/);
  assert.ok(await page.$('#timeline li[data-type="note"]'), 'the page shows the request as it is now');
  assert.equal(await page.inputValue('#event-type'), 'replied');
  assert.equal(await page.inputValue('#ev-outcome'), 'disclosed');
  assert.equal(await page.inputValue('#ev-notes'), '已通过电子邮件提供招标文件', 'what was typed is kept');
  await shot(page, 'request-stale-1280');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="replied"]');

  // typing a reply while the applicant withdraws: the request is closed, what was typed is shown to copy
  const w = await seed({ name: '吴十' });
  await go(page, `#/request/${w.id}`, '#event-type');
  await page.selectOption('#event-type', 'replied');
  await page.fill('#ev-notes', '拟予公开的答复要点');
  assert.equal((await call('clerk1', 'POST', `/api/v1/requests/${w.id}/events`, { type: 'withdrawn', on: TODAY })).status, 201);
  await page.click('#ev-submit');
  await page.waitForSelector('#stale-notice');
  assert.deepEqual(await page.$$eval('#event-type option', (os) => os.map((o) => o.value)), ['note']);
  assert.ok(await page.$('#gone-notice'), 'the reply typed is no longer possible: the page says so');
  assert.match(await text(page, '#draft-summary'), /拟予公开的答复要点/);
  await close();
});

test('a consultation pauses the clock: the due date as of today, the party\'s window in the queue', async () => {
  const r = await seed({ name: '冯十一' });
  const { page, close } = await open('clerk1');
  await go(page, `#/request/${r.id}`, '#event-type');
  await page.selectOption('#event-type', 'consultation_started');
  await page.fill('#ev-on', '2025-06-16');
  await page.selectOption('#ev-party', 'third_party');
  await page.fill('#ev-name', '某建设工程有限公司');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="consultation_started"]');
  // paused since 06-16; as of today 06-20 the 4 working days 06-17..20 do not count: 07-07 → 07-11
  assert.match(await text(page, '#due-on'), /2025-07-11/);
  assert.match(await text(page, '#clock-state'), /自 2025-06-16 起暂停计算/);
  // the company answers within 15 wd of 06-16: 06-17..20, 23..27, 30, 07-01..04, 07-07
  assert.match(await text(page, '#subdeadlines'), /被征求意见方答复期限.*2025-07-07/);
  await go(page, '#/queue', '#queue-table');
  const row = await page.$(`#queue-table tr.row[data-id="${r.id}"]`);
  assert.match(await row.textContent(), /征求意见中/);
  assert.match(await row.textContent(), /征求意见答复期限 2025-07-07/);
  await go(page, `#/request/${r.id}`, '#event-type');
  await page.selectOption('#event-type', 'consultation_ended');
  await page.selectOption('#ev-answer', 'agree');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="consultation_ended"]');
  assert.match(await text(page, '#due-on'), /2025-07-11/, 'ended today: the pause was 06-17..20');
  assert.match(await text(page, '#clock-state'), /正常计时中/);
  await close();
});

test('a user changes the password; an account without roles is told so', async () => {
  const { page, close } = await open('pw1');
  await page.click('#who');
  await page.waitForSelector('#password-form');
  assert.equal(await focused(page), 'current_password');
  await page.fill('#current_password', 'not the password');
  await page.fill('#new_password', 'a new desk password');
  await page.fill('#new_password_again', 'a new desk passwort');
  await page.press('#new_password_again', 'Enter');
  assert.match(await text(page, '[data-field="new_password_again"] .error'), /两次输入的新密码不一致/);
  await page.fill('#new_password_again', 'a new desk password');
  await page.click('#password-save');
  await page.waitForSelector('[data-field="current_password"].invalid');
  assert.match(await text(page, '[data-field="current_password"] .error'), /当前密码不正确/);
  await page.fill('#current_password', PASSWORD);
  await page.fill('#new_password', 'short');
  await page.fill('#new_password_again', 'short');
  await page.click('#password-save');
  await page.waitForSelector('[data-field="new_password"].invalid');
  assert.match(await text(page, '[data-field="new_password"] .error'), /至少 10 个字符/);
  await page.fill('#new_password', 'a new desk password');
  await page.fill('#new_password_again', 'a new desk password');
  await page.click('#password-save');
  await page.waitForSelector('#queue-list');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#username', 'pw1');
  await page.fill('#password', 'a new desk password');
  await page.click('#login-submit');
  await page.waitForSelector('#queue-list');
  // an administrator revokes the only role: the account may log in, and reads that it can do nothing
  assert.equal((await call('boss', 'DELETE', `/api/v1/users/${ids.pw1}/roles?body_id=${street}&role=clerk`)).status, 204);
  await page.reload();
  await page.waitForSelector('#no-roles');
  assert.match(await text(page, '#no-roles'), /没有任何角色/);
  assert.equal(await page.$$eval('#nav a', (as) => as.length), 0);
  await close();
});

test('the account page: a browser left signed in is signed out, a token revoked', async () => {
  const elsewhere = await open('acct1'); // another browser, left signed in
  const { page, close } = await open('acct1');
  await page.click('#who');
  await page.waitForSelector('#sessions-table tr.session[data-current="true"]');
  assert.equal((await page.$$('#sessions-table tr.session')).length, 2);
  assert.match(await text(page, '#sessions'), /已登录的设备/);
  assert.match(await text(page, '#sessions tr[data-current="true"]'), /本机（正在使用）/);
  await page.click('#sessions-table tr.session:not([data-current]) .session-end');
  await page.waitForFunction(() => document.querySelectorAll('#sessions-table tr.session').length === 1);
  // the other browser is signed out: its next page asks for the login
  await elsewhere.page.reload();
  await elsewhere.page.waitForSelector('#login-form');
  await elsewhere.close();
  // the token ogictl made for the user is listed without its secret, and revoked here
  assert.equal((await call('acct1', 'GET', '/api/v1/session')).status, 200);
  await page.waitForSelector('#tokens-table tr.token .token-revoke');
  assert.ok(!(await text(page, '#tokens')).includes(tokens.acct1), 'the token itself is never shown');
  await page.click('#tokens-table tr.token .token-revoke');
  await page.waitForSelector('#tokens-table tr.token[data-revoked="true"]');
  assert.match(await text(page, '#tokens-table tr.token'), /已于 .* 撤销/);
  assert.equal((await call('acct1', 'GET', '/api/v1/session')).status, 401);
  // a calendar subscription: the address shown once, fetched by a calendar with no session,
  // listed without it, and revoked here
  assert.match(await text(page, '#feeds'), /日历订阅/);
  await page.fill('#feed-label', '我的手机');
  await page.click('#feed-create');
  await page.waitForSelector('#feed-url');
  const url = await page.inputValue('#feed-url');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
  assert.match(await page.getAttribute('#feed-webcal', 'href'), /^webcal:\/\//);
  const ics = await fetch(url);
  assert.equal(ics.status, 200);
  assert.match(await ics.text(), /^BEGIN:VCALENDAR\r\n/);
  await page.waitForSelector('#feeds-table tr.feed');
  assert.match(await text(page, '#feeds-table tr.feed'), /我的手机.*分配给我的申请/);
  await page.reload();
  await page.waitForSelector('#feeds-table tr.feed');
  assert.ok(!(await text(page, '#feeds')).includes(url.split('/').pop()), 'the address is shown only once');
  await page.click('#feeds-table tr.feed .feed-revoke');
  await page.waitForSelector('#feeds-table tr.feed[data-revoked="true"]');
  assert.equal((await fetch(url)).status, 404);
  // one's name and the reminder e-mail: a bad address is refused at its field, a good one kept
  assert.match(await text(page, '#profile'), /姓名和邮件提醒/);
  await page.fill('#profile-name', '吴登记员');
  await page.check('#profile-reminders');
  await page.fill('#profile-email', '');
  await page.click('#profile-save');
  assert.match(await text(page, '#profile-email-error'), /请先填写电子邮箱/);
  await page.fill('#profile-email', 'wu@');
  await page.click('#profile-save');
  await page.waitForFunction(() => document.querySelector('#profile-email-error')?.textContent.includes('电子邮件地址'));
  await page.fill('#profile-email', 'wu@jiedao.example.org');
  await page.click('#profile-save');
  await page.waitForFunction(() => document.querySelector('#who')?.textContent.includes('吴登记员'));
  const me = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
  assert.deepEqual([me.display_name, me.email, me.reminders], ['吴登记员', 'wu@jiedao.example.org', true]);
  await page.reload();
  await page.waitForSelector('#profile-email');
  assert.equal(await page.inputValue('#profile-email'), 'wu@jiedao.example.org');
  assert.ok(await page.isChecked('#profile-reminders'));
  await shot(page, 'account');
  await close();
});

test('an expired session: log in again and the draft is still there', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/intake', '#intake-form');
  await page.fill('#name', '孙八');
  await page.fill('#description', '本街道垃圾分类收运合同');
  await page.evaluate(() => fetch('/api/v1/session', { method: 'DELETE' }));
  await page.press('#description', 'Control+Enter');
  await page.waitForSelector('#login-form');
  await page.fill('#username', 'clerk1');
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#intake-form');
  assert.equal(await page.inputValue('#name'), '孙八');
  assert.equal(await page.inputValue('#description'), '本街道垃圾分类收运合同');
  await close();
});

test('the calendar: a year on a month grid, a day edited and the due dates follow, a file imported', async () => {
  const r = await seed({ name: '周九' });
  const { page, close } = await open('boss');
  await go(page, '#/calendar/2025', '#month-grid');
  assert.match(await text(page, '#cal-status'), /2025年节假日安排已载入（来源：国办发明电〔2024〕12号），全年工作日 \d+ 天/);
  const kind = (date) => page.$eval(`#month-grid [data-date="${date}"]`, (b) => b.closest('td').className);
  assert.match(await kind('2025-10-01'), /off/, 'National Day');
  assert.match(await kind('2025-09-28'), /makeup/, 'Sunday 09-28 is worked');
  assert.match(await kind('2025-06-02'), /off/, 'Dragon Boat Festival');
  assert.match(await kind('2025-06-21'), /weekend/);
  assert.match(await text(page, '#cal-years'), /2008[\s\S]*2026/);
  assert.match(await page.$eval('#cal-years a[href="#/calendar/2027"]', (a) => a.className), /missing/, '2027 is not loaded');
  await shot(page, 'calendar-1280');

  // Monday 06-23 becomes a day off: 06-09 + 20 wd moves from 07-07 to 07-08
  await page.click('#month-grid [data-date="2025-06-23"]');
  assert.equal(await page.inputValue('#day-date'), '2025-06-23');
  assert.equal(await page.inputValue('#day-kind'), 'holiday');
  await page.fill('#day-name', '测试调休');
  await page.click('#day-save');
  await page.waitForSelector('#cal-result');
  assert.match(await text(page, '#cal-result'), /已保存 2025-06-23；\d+ 件在办申请的答复期限已重新计算/);
  assert.match(await kind('2025-06-23'), /off/);
  await go(page, `#/request/${r.id}`, '#due-on');
  assert.match(await text(page, '#due-on'), /2025-07-08/);
  assert.ok(await page.$('#timeline li[data-type="deadline_recomputed"]'));
  assert.match(await text(page, '#timeline'), /2025-07-07 → 2025-07-08/);
  // and back to the weekday rule
  await go(page, '#/calendar/2025', '#month-grid');
  await page.click('#month-grid [data-date="2025-06-23"]');
  await page.selectOption('#day-kind', 'rule');
  await page.click('#day-save');
  await page.waitForSelector('#cal-result');
  await go(page, `#/request/${r.id}`, '#due-on');
  assert.match(await text(page, '#due-on'), /2025-07-07/);

  // a holiday-cn file for 2027
  await go(page, '#/calendar/2027', '#month-grid');
  assert.match(await text(page, '#cal-status'), /尚未载入/);
  // a year the import takes for one (春节, 国庆节, 13 weekdays off); not the State Council's 2027 notice
  const off = (name, ...dates) => dates.map((date) => ({ name, date, isOffDay: true }));
  await page.setInputFiles('#import-file', { name: '2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({
    year: 2027, papers: [], days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true }, { name: '春节', date: '2027-02-05', isOffDay: true },
      { name: '春节', date: '2027-02-06', isOffDay: false },
      ...off('春节', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'), ...off('清明节', '2027-04-05'),
      ...off('国庆节', '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07')] })) });
  await page.click('#import-go');
  await page.waitForSelector('#cal-result');
  assert.match(await text(page, '#cal-result'), /已导入 2027 年/);
  assert.match(await text(page, '#cal-status'), /2027年节假日安排已载入/);
  assert.match(await kind('2027-02-06'), /makeup/, 'Saturday 02-06 worked');
  // a malformed file: the error next to the file field, nothing imported
  await page.setInputFiles('#import-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"year":2028,"days":[{"date":"2028-02-30"}]}') });
  await page.click('#import-go');
  await page.waitForSelector('[data-field="file"].invalid');
  assert.notEqual((await text(page, '[data-field="file"] .error')).trim(), '');

  // a well-formed file that is no year's arrangement: refused naming the rule, nothing imported
  await page.setInputFiles('#import-file', { name: 'empty.json', mimeType: 'application/json', buffer: Buffer.from('{"year":2028,"days":[]}') });
  await page.click('#import-go');
  await page.waitForSelector('[data-field="file"].invalid');
  assert.match(await text(page, '[data-field="file"] .error'), /春节/);
  assert.equal((await call('boss', 'GET', '/api/v1/calendar/2028')).data.loaded, false);

  // the desk calculator: 2024-09-27 + 20 wd = 2024-10-30 (National Day, two make-up days)
  await page.fill('#calc-from', '2024-09-27');
  await page.fill('#calc-days', '20');
  await page.click('#calc-go');
  await page.waitForSelector('#calc-result .due-big');
  assert.match(await text(page, '#calc-result'), /2024-10-30/);
  await close();
});

test("a street office's admin reads the calendar and changes nothing: it is the whole deployment's", async () => {
  const { page, close } = await open('sadmin');
  await go(page, '#/calendar/2025', '#month-grid');
  assert.match(await text(page, '#cal-readonly'), /顶级机关的管理员/);
  assert.equal(await page.$('#day-editor'), null);
  assert.equal(await page.$('#importer'), null);
  assert.equal(await page.$('#month-grid button'), null, 'no day is editable');
  await page.waitForSelector('#calculator');
  await close();
});

test('the audit log: the calendar edit above with who and the values before and after; the entity filter; more', async () => {
  // 30 grants and revokes of a role by boss: more entries than one page of 50
  for (let i = 0; i < 30; i++) {
    assert.equal((await call('boss', 'POST', `/api/v1/users/${ids.hand1}/roles`, { body_id: street, role: 'auditor' })).status, 204);
    assert.equal((await call('boss', 'DELETE', `/api/v1/users/${ids.hand1}/roles?body_id=${street}&role=auditor`)).status, 204);
  }
  const total = (await call('boss', 'GET', '/api/v1/audit?limit=200')).data.entries.length;
  assert.ok(total > 60 && total <= 100, `${total} entries`);
  const { page, close } = await open('boss');
  await page.click('#nav-audit');
  await page.waitForSelector('#audit-table tr.entry');
  assert.equal(await page.$$eval('#audit-table tr.entry', (rs) => rs.length), 50);
  assert.match(await text(page, '#audit-table tr.entry:first-child'), /boss[\s\S]*角色[\s\S]*撤销[\s\S]*角色：查阅人员/);
  await page.click('#audit-more');
  await page.waitForFunction((n) => document.querySelectorAll('#audit-table tr.entry').length === n, total);
  assert.ok(await page.isHidden('#audit-more'), 'the last page: no more');
  // the day boss edited in the calendar test: 2025-06-23 became a holiday (测试调休)
  const row = page.locator('#audit-table tr.entry[data-entity="calendar"]', { hasText: '2025-06-23' }).first();
  assert.match(await row.textContent(), /boss[\s\S]*工作日历 2025[\s\S]*修改日期[\s\S]*测试调休/);
  await shot(page, 'audit-1280');
  await page.selectOption('#audit-entity', 'user');
  await page.waitForFunction(() => [...document.querySelectorAll('#audit-table tr.entry')].every((r) => r.dataset.entity === 'user'));
  assert.match(page.url(), /#\/audit\?entity=user$/, 'the filter is kept in the address');
  assert.ok((await text(page, '#audit-table')).includes('用户名：clerk1'));
  await close();
  // a clerk has no such page
  const clerk = await open('clerk1');
  assert.equal(await clerk.page.$('#nav-audit'), null);
  await clerk.close();
});

test("the client's identity and contact checks give the API's answers, case by case", async () => {
  const { page, close } = await open('clerk1');
  const cases = [
    ['resident_id_card', '11010519491231002X'], ['resident_id_card', '11010519491231002x'], ['resident_id_card', '110105194912310021'],
    ['resident_id_card', '11010519490230002X'], ['resident_id_card', '11010520300101002X'], ['resident_id_card', '99010519491231002X'],
    ['resident_id_card', '1101051949123100'], ['resident_id_card', '1101051949123100A2'], ['resident_id_card', '11010519491231002Y'],
    ['resident_id_card', '11010518991231002X'], ['resident_id_card', '1101051949123100２X'],
    ['uscc', '91110000600037341L'], ['uscc', '91350100M000100Y43'], ['uscc', '91110000600037341M'], ['uscc', '91110000600037341'],
    ['uscc', '9111000060003734IL'], ['uscc', '911100006000373４1L'],
    ['passport', ' E12345678 '], ['passport', '<script>'], ['passport', 'AB1'], ['other', 'A'.repeat(64)], ['other', '   '],
    ['phone', '13800000000'], ['phone', '010-6512 3456'], ['phone', '12800000000'], ['phone', 'abc'], ['phone', '123'], ['phone', '１３８００００００００'],
    ['email', 'zhang@example.cn'], ['email', 'zhang@'], ['email', 'a b@x.cn'], ['email', '@x.cn'], ['email', 'a@b.'], ['email', 'a@.cn'], ['email', '张@例子.中国'],
  ];
  const results = await page.evaluate(async ({ cases, street }) => {
    const v = await import('/js/validate.js');
    const out = [];
    for (const [type, value] of cases) {
      const applicant = { kind: 'natural_person', name: '校验' };
      let mine, field;
      if (type === 'phone') { applicant.phone = value; mine = v.checkPhone(value); field = 'applicant.phone'; }
      else if (type === 'email') { applicant.email = value; mine = v.checkEmail(value); field = 'applicant.email'; }
      else { applicant.id_type = type; applicant.id_number = value; mine = v.checkId(type, value, '2025-06-20'); field = 'applicant.id_number'; }
      // a receipt date in the future makes every answer a 400 (nothing is
      // registered) after all the rules ran
      const r = await fetch('/api/v1/requests', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ body_id: street, channel: 'in_person', received_on: '2025-06-21', applicant, description: '校验' }) });
      const theirs = (await r.json()).errors.find((e) => e.field === field) || null;
      out.push({ type, value, mine: mine && [mine.code, mine.zh, mine.en], theirs: theirs && [theirs.code, theirs.message_zh, theirs.message_en] });
    }
    return out;
  }, { cases, street });
  for (const c of results) assert.deepEqual(c.mine, c.theirs, `${c.type} ${JSON.stringify(c.value)}`);
  await close();
});

test('every page at 1280×800 and 390 wide, in Chinese and English: screenshots, no sideways scrolling', async () => {
  const open_ = (await call('boss', 'GET', '/api/v1/queue')).data;
  const openId = open_.overdue[0].id;
  const closed = (await call('boss', 'GET', '/api/v1/requests?status=closed')).data.requests[0].id;
  const pages = [['queue', '#/queue', '#queue-table'], ['intake', '#/intake', '#intake-form'], ['receipt', `#/receipt/${openId}`, '#receipt'],
    ['request', `#/request/${openId}`, '#event-card'], ['request-closed', `#/request/${closed}`, '#timeline'],
    ['list', '#/list', '#list-table tr.row'], ['calendar', '#/calendar/2025', '#month-grid'], ['audit', '#/audit', '#audit-table tr.entry']];
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const lang of ['zh', 'en']) {
      const suffix = `${width}${lang === 'en' ? '-en' : ''}`;
      const { page, close } = await open(null, { width, height, lang });
      await page.goto(base + '/');
      await page.waitForSelector('#login-form');
      await shot(page, `login-${suffix}`);
      await page.fill('#username', 'boss');
      await page.fill('#password', PASSWORD);
      await page.click('#login-submit');
      await page.waitForSelector('#queue-table');
      for (const [name, hash, selector] of pages) {
        await go(page, hash, selector);
        const wide = await overflow(page);
        assert.ok(wide <= 1, `${name} at ${width}${lang}: ${wide}px of sideways scrolling`);
        await shot(page, `${name}-${suffix}`);
      }
      if (lang === 'en') {
        assert.match(await text(page, '#nav'), /Queue/);
        assert.doesNotMatch(await text(page, '#nav'), /[\u4e00-\u9fff]/, 'the navigation is in English');
      }
      if (width === 1280 && lang === 'zh') {
        // the queue on paper: overdue rows marked without colour
        await go(page, '#/queue', '#queue-table');
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.$eval('header.top', (e) => getComputedStyle(e).display), 'none');
        assert.equal(await page.$eval('tr.row.overdue td', (e) => getComputedStyle(e).fontWeight), '700');
        assert.match(await page.$eval('tr.row.overdue td:first-child', (e) => getComputedStyle(e).borderLeftStyle), /solid/);
        assert.match(await text(page, 'tr.row.overdue .overdue-mark'), /逾期/);
        await shot(page, 'queue-print-1280');
        await page.pdf({ path: join(shots, 'queue.pdf'), format: 'A4' });
        await page.emulateMedia({ media: 'screen' });
      }
      await close();
    }
  }
});

test('the queue: three bands with counts, filters and search kept in the address', async () => {
  const { page, close } = await open('clerk1');
  const count = async (b) => Number(await text(page, `#band-${b} .n`));
  assert.ok(await count('overdue') >= 1 && await count('due_soon') >= 1 && await count('later') >= 1);
  assert.match(await page.title(), /^\(\d+\) 待办申请/, 'the overdue count in the tab title');
  const overdueRow = await page.$('#queue-table tbody[data-band="overdue"] tr.row');
  assert.match(await overdueRow.textContent(), /逾期样例[\s\S]*逾期 12 个工作日/, 'due 06-04, today 06-20: 06-05..06, 09..13, 16..20 = 12 wd');
  const soonRow = await page.$('#queue-table tbody[data-band="due_soon"] tr.row');
  assert.match(await soonRow.textContent(), /将到期样例[\s\S]*剩 1 个工作日/);
  await page.click('#band-overdue');
  assert.equal(await page.getAttribute('#band-overdue', 'aria-pressed'), 'true');
  assert.deepEqual(await page.$$eval('#queue-table tbody', (tb) => tb.map((b) => b.dataset.band)), ['overdue']);
  assert.match(await page.evaluate(() => location.hash), /band=overdue/);
  await page.reload();
  await page.waitForSelector('#queue-table');
  assert.deepEqual(await page.$$eval('#queue-table tbody', (tb) => tb.map((b) => b.dataset.band)), ['overdue'], 'the filter survives a reload');
  await page.click('#band-overdue');
  await page.fill('#queue-search', '将到期');
  await page.waitForFunction(() => document.querySelectorAll('#queue-table tr.row').length === 1);
  assert.match(await text(page, '#queue-table'), /将到期样例/);
  await page.fill('#queue-search', '');
  await page.selectOption('#queue-status', 'awaiting_correction');
  await page.waitForSelector('#queue-empty');
  await page.selectOption('#queue-status', '');
  await page.waitForSelector('#queue-table');
  await close();
});

test('all requests: filters in the address, the same list as CSV', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/list', '#list-table tr.row');
  const closed = (await call('clerk1', 'GET', '/api/v1/requests?status=closed')).data.requests.map((r) => r.tracking_no);
  assert.ok(closed.length >= 1);
  await page.selectOption('#list-status', 'closed');
  await page.waitForFunction((n) => document.querySelectorAll('#list-table tr.row').length === n, closed.length);
  assert.deepEqual(await page.$$eval('#list-table tr.row a.tracking', (as) => as.map((a) => a.textContent)), closed);
  assert.match(await page.evaluate(() => location.hash), /status=closed/);
  const href = await page.getAttribute('#list-csv', 'href');
  assert.match(href, /^\/api\/v1\/requests\.csv\?status=closed$/);
  const csv = await page.evaluate((h) => fetch(h).then((r) => r.text()), href);
  assert.match(csv, /^\uFEFF?"编号","机关"/);
  for (const no of closed) assert.ok(csv.includes(no), `${no} in the CSV`);
  await page.fill('#list-q', '不存在的申请人');
  await page.waitForSelector('#list-table td.empty');
  await close();
});
