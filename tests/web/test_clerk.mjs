// What a clerk stumbled on in a day at the front desk (issue 18), in a real
// browser: Debian's chromium driven by playwright-core against ogid over real
// HTTP and a real PostgreSQL, "today" fixed at 2026-12-21 (a Monday; the
// holidays of 2027 are not loaded, so a count into January is provisional).
//
// Covered, one test per point: the list's due date of a closed request and
// its closing day in a column of its own (1); the search box wide enough for
// its placeholder (2); provisional dates marked in the extension preview, the
// queue, the list and the CSV (3); an intake whose due date has passed (4);
// every intake error in one round (5); a toast that stays on its own page
// (6); Ctrl+Enter on the event chooser (7); the closed-with-remedies filter
// saying what it shows (8); the audit log in words, with people's names and
// the system (9); no keyboard hints on a phone (10); downloads named in
// Chinese after what they are (11); and the words of points 13–22 on the
// pages that show them.  Screenshots of the fixed pages in
// build/test-logs/screenshots/ (clerk-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startOgid, launch, open as openAs, go, shot, text, focused, overflow, PASSWORD } from './harness.mjs';

const TODAY = '2026-12-21';
let server, browser, street;
const ids = {};
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

// a user with a display name (what receipts and the audit log show) and a token
function addPerson(user, role, body, name) {
  const args = ['user', 'add', user, '--role', role, '--body', String(body), '--password-stdin'];
  if (name) args.push('--display-name', name);
  const id = Number(server.ogictl(args, `${PASSWORD}\n`));
  server.tokens[user] = server.ogictl(['token', 'create', user]).split(/\s+/).pop();
  return id;
}
async function intake(name, received_on, extra = {}) {
  const r = await call('clerk1', 'POST', '/api/v1/requests', { body_id: street, channel: 'in_person', received_on,
    applicant: { kind: 'natural_person', name, ...(extra.applicant || {}) }, description: extra.description || '某项政府信息',
    ...(extra.purpose ? { purpose: extra.purpose } : {}) });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}
async function record(id, event, user = 'appr1') {
  const r = await call(user, 'POST', `/api/v1/requests/${id}/events`, event);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

before(async () => {
  server = await startOgid('ogi_web_clerk', TODAY);
  street = Number(server.ogictl(['body', 'add', '某街道办事处', '--parent', '1']));
  ids.clerk1 = addPerson('clerk1', 'clerk', street, '王小明');
  addPerson('hand1', 'handler', street, '赵承办');
  addPerson('appr1', 'approver', street, '钱审批');
  addPerson('audit1', 'auditor', street);
  addPerson('boss', 'admin', 1, '李主任');
  // the first start's 「本机关」 gets its real name, so its admin is not asked for it on login
  const named = await call('boss', 'PUT', '/api/v1/bodies/1', { name: '某区人民政府' });
  assert.equal(named.status, 200, JSON.stringify(named.data));
  browser = await launch();
  // received 2026-11-10, due 2026-12-08, replied 2026-12-03: closed before its due date
  ids.closed = (await intake('周一', '2026-11-10')).id;
  await record(ids.closed, { type: 'replied', on: '2026-12-03', outcome: 'disclosed' }, 'hand1');
  // received today: 20 working days run into January 2027, whose holidays are not loaded
  ids.fresh = await intake('吴二', TODAY, { purpose: '了解本小区改造进度', applicant: { contact: '工作日下午联系' } });
  // received 2026-12-01, due 2026-12-29: an extension runs into 2027 as well
  ids.extend = (await intake('郑三', '2026-12-01')).id;
  // a consultation since 2026-12-10 pauses the clock
  ids.paused = (await intake('王四', '2026-12-01')).id;
  await record(ids.paused, { type: 'consultation_started', on: '2026-12-10', party: 'third_party', name: '某物业公司' }, 'clerk1');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('1, 3, 11 the list: the due date of a closed request, its closing day apart, provisional marks and the CSV named in Chinese', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/list', '#list-table tbody tr[data-id]');
  const cell = (id, col) => text(page, `#list-table tr[data-id="${id}"] .${col}`);
  assert.match(await cell(ids.closed, 'c-due'), /^2026-12-08/, 'the due date stays the due date once closed');
  assert.equal(await cell(ids.closed, 'c-closed'), '2026-12-03', 'the day it was closed in its own column');
  assert.equal((await page.$$eval('#list-table thead th', (ths) => ths.map((x) => x.textContent))).join('|'),
    '编号|申请人|收到日期|答复期限|办结日期|状态|办理结果');
  assert.match(await cell(ids.fresh.id, 'c-due'), /^2027-01-\d\d暂定/, 'a due date in an unloaded year is marked 暂定');
  assert.doesNotMatch(await cell(ids.closed, 'c-due'), /暂定/);
  assert.match(await cell(ids.paused, 'c-due'), /暂停计算中/, 'a paused clock is said so');
  // the CSV: the server's name wins, so it must be the right one
  assert.equal(await page.getAttribute('#list-csv', 'download'), `申请台账-${TODAY}.csv`);
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#list-csv')]);
  assert.equal(d.suggestedFilename(), `申请台账-${TODAY}.csv`);
  const lines = readFileSync(await d.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  assert.match(lines[0], /"答复期限为暂定"/);
  const fresh = lines.find((l) => l.startsWith(`"${ids.fresh.tracking_no}"`));
  assert.match(fresh, /,2027-01-\d\d,"是",/, 'the CSV marks the provisional date');
  await shot(page, 'clerk-list-1280');
  await close();
});

test('2 the list: the search box shows its whole placeholder', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/list', '#list-q');
  const room = await page.$eval('#list-q', (el) => {
    const style = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { inner, needed: ctx.measureText(el.placeholder).width };
  });
  assert.ok(room.inner >= room.needed, `the placeholder needs ${room.needed}px, the box has ${room.inner}px`);
  await close();
});

test('3 the queue marks the days left of a provisional due date; the request page and the extension preview too', async () => {
  const { page, close } = await open('appr1');
  await page.waitForSelector(`#queue-table tr[data-id="${ids.fresh.id}"]`);
  assert.match(await text(page, `#queue-table tr[data-id="${ids.fresh.id}"] .c-left`), /剩 \d+ 个工作日暂定/);
  assert.doesNotMatch(await text(page, `#queue-table tr[data-id="${ids.extend}"] .c-left`), /暂定/);
  await shot(page, 'clerk-queue-1280');
  await go(page, `#/request/${ids.fresh.id}`, '#deadline-card');
  assert.match(await text(page, '#due-on'), /暂定/);
  // 13: a running clock in plain words
  assert.equal(await text(page, '#clock-state'), '答复期限正常计时中。');
  // 17 and 26: the read-only card's labels, the applicant's other contact shown
  const details = await page.$$eval('#deadline-card ~ section dl.details dt, .grid.two dl.details dt', (dts) => dts.map((x) => x.textContent));
  assert.ok(details.includes('用途') && !details.includes('用途（可不填）'), details.join('|'));
  assert.ok(details.includes('其他联系方式'), 'applicant.contact is shown');
  assert.match(await text(page, '.grid.two'), /工作日下午联系/);
  await go(page, `#/request/${ids.extend}`, '#event-type');
  await page.selectOption('#event-type', 'extension_approved');
  await page.waitForFunction(() => /至 2027-/.test(document.querySelector('#extension-preview')?.textContent || ''));
  assert.match(await text(page, '#extension-preview'), /暂定日期/, 'the preview says the date is provisional');
  // the approver's name is the person's, not the login
  assert.equal(await page.inputValue('#ev-approver'), '钱审批');
  await close();
});

test('4, 10 intake: a receipt date whose due date has passed is warned of; a phone gets no keyboard hints', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/intake', '#intake-form');
  assert.match(await page.innerText('#intake-intro'), /Ctrl\+Enter/, 'a desk has a keyboard');
  await page.fill('#received_on', '2026-11-02');
  await page.waitForSelector('#due-late:not([hidden])');
  assert.match(await text(page, '#due-late'), /2026-11-30.*已经过了：保存后本申请即为逾期/);
  await page.fill('#received_on', TODAY);
  await page.waitForFunction(() => document.querySelector('#due-late').hidden && /2027/.test(document.querySelector('#due-preview').textContent));
  await page.fill('#received_on', '2026-11-02');
  await page.waitForSelector('#due-late:not([hidden])');
  await shot(page, 'clerk-intake-overdue-1280');
  await close();
  const phone = await open('clerk1', { width: 390, height: 844 });
  await go(phone.page, '#/intake', '#intake-form');
  const intro = await phone.page.innerText('#intake-intro');
  assert.doesNotMatch(intro, /Tab|Enter/, intro);
  assert.match(intro, /保存登记/);
  assert.equal(await phone.page.isVisible('.keys'), false);
  assert.ok(await overflow(phone.page) <= 0, 'no sideways scrolling');
  await shot(phone.page, 'clerk-intake-390');
  await phone.close();
});

test('5 intake: the identity check and the required fields in one round', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/intake', '#intake-form');
  let posted = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/requests')) posted++; });
  await page.fill('#id_number', '110105194912310021');
  await page.click('#intake-save');
  await page.waitForSelector('[data-field="applicant.id_number"].invalid');
  const invalid = await page.$$eval('.field.invalid', (fs) => fs.map((f) => f.dataset.field));
  assert.deepEqual(invalid.sort(), ['applicant.id_number', 'applicant.name', 'description'].sort(), 'all at once');
  assert.equal(await text(page, '[data-field="description"] .error'), '请填写此项');
  assert.equal(await focused(page), 'name', 'the first error takes the focus');
  assert.equal(posted, 0, 'nothing sent while the form has errors');
  await shot(page, 'clerk-intake-errors-1280');
  // fixed: registered by 王小明, whose name is on the receipt
  await page.fill('#id_number', '11010519491231002X');
  await page.fill('#name', '陈五');
  await page.fill('#description', '本街道2026年度老旧小区改造的招标文件');
  await page.click('#intake-save');
  await page.waitForSelector('#receipt');
  // 20: the receipt's words and the clerk's name
  assert.match(await text(page, '#receipt'), /负责人同意后告知您/);
  assert.match(await text(page, '#receipt .signature'), /经办人：王小明/);
  await shot(page, 'clerk-receipt-1280');
  await close();
});

test('6, 7 the request page: Ctrl+Enter on the event chooser saves; the toast does not follow to the next request', async () => {
  const { page, close } = await open('clerk1');
  await go(page, `#/request/${ids.extend}`, '#event-type');
  await page.selectOption('#event-type', 'note');
  await page.fill('#ev-text', '申请人来电询问办理进度');
  await page.focus('#event-type');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#timeline li[data-type="note"]');
  assert.equal(await page.isVisible('#toast'), true, 'recorded: said on its page');
  await go(page, `#/request/${ids.closed}`, '#deadline-card');
  assert.equal(await page.isVisible('#toast'), false, 'the next request shows no toast of the last one');
  // a toast shown before a navigation the action asked for still goes along (saved → queue)
  await page.evaluate(async () => {
    const { toast } = await import('/js/dom.js');
    const { go: navigate } = await import('/js/app.js');
    toast('已保存');
    navigate('/queue');
  });
  await page.waitForSelector('#queue-list :is(table, p)');
  assert.equal(await page.isVisible('#toast'), true);
  await close();
});

test('8 the queue: the closed filter says what it shows', async () => {
  const { page, close } = await open('clerk1');
  await go(page, '#/queue?status=closed', '#queue-empty');
  assert.equal(await text(page, '#queue-empty'), '这里只列出复议、诉讼期限尚在进行的已办结申请，目前没有。 查看全部已办结申请');
  await page.click('#queue-all-closed');
  await page.waitForSelector(`#list-table tr[data-id="${ids.closed}"]`);
  assert.equal(await page.inputValue('#list-status'), 'closed');
  await close();
});

test('9, 18 the audit log in words: each field before → after, people by name, the system said so', async () => {
  // an administrator's changes: a grant and a display name
  let r = await call('boss', 'POST', `/api/v1/users/${ids.clerk1}/roles`, { body_id: street, role: 'handler' });
  assert.equal(r.status, 204, JSON.stringify(r.data));
  r = await call('boss', 'PATCH', `/api/v1/users/${ids.clerk1}`, { display_name: '王晓明' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const { page, close } = await open('boss');
  await go(page, '#/audit', '#audit-table tr.entry');
  const rows = await page.$$eval('#audit-table tr.entry', (trs) => trs.map((tr) => ({
    actor: tr.querySelector('.c-actor').textContent, change: tr.querySelector('.c-change').textContent, entity: tr.dataset.entity })));
  assert.ok(rows.every((x) => !/[{}"]/.test(x.change)), `no raw JSON: ${rows.map((x) => x.change).join(' / ')}`);
  const patch = rows.find((x) => x.entity === 'user' && /姓名/.test(x.change));
  assert.ok(patch, rows.map((x) => x.change).join(' / '));
  assert.match(patch.change, /姓名：王小明 → 王晓明/);
  assert.match(patch.actor, /^李主任boss$/, 'the person, with the login beneath');
  const grant = rows.find((x) => x.entity === 'role');
  assert.match(grant.change, /机关：某街道办事处/);
  assert.match(grant.change, /角色：承办人/);
  const first = rows.at(-1);
  assert.equal(first.actor, '系统（服务程序自动记录）', 'the first administrator, made by ogid');
  assert.ok(rows.some((x) => x.actor === '系统（运维人员用 ogictl 命令操作）'));
  await shot(page, 'clerk-audit-1280');
  await close();
  // 18: the auditor's role is a noun
  const auditor = await open('audit1');
  assert.match(await text(auditor.page, '#who'), /· 查阅人员$/);
  await auditor.close();
});

test('11, 14, 15, 22 the report page: downloads named after the report, data formats under 其他格式, checks in words', async () => {
  const { page, close } = await open('boss');
  await go(page, `#/report/2025/${street}`, '#report-downloads');
  assert.equal(await page.isVisible('#dl-md'), false, 'Markdown waits in the menu');
  assert.doesNotMatch(await text(page, '#report-downloads'), /Markdown/);
  await page.click('#dl-more summary');
  assert.equal(await text(page, '#dl-md'), '纯文本（可粘贴到网站编辑器）');
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#dl-xlsx')]);
  assert.equal(d.suggestedFilename(), '某街道办事处2025年政府信息公开工作年度报告.xlsx');
  const [c] = await Promise.all([page.waitForEvent('download'), page.click('#dl-csv')]);
  assert.equal(c.suggestedFilename(), '某街道办事处2025年政府信息公开工作年度报告.csv');
  const checks = await text(page, '#report-checks');
  assert.doesNotMatch(checks, /PUT|\/inputs|report_row_map|映射表/);
  assert.match(checks, /请在“填写报告内容”中填写/);
  assert.match(checks, /本年办结的每件申请都计入了统计表的一行/);
  await shot(page, 'clerk-report-1280');
  await close();
});

test('16 the calendar import says what file an office has and where it comes from', async () => {
  const { page, close } = await open('boss');
  await go(page, '#/calendar/2027', '#import-form');
  const hint = await text(page, '#import-form .hint');
  assert.doesNotMatch(hint, /holiday-cn 格式/);
  assert.match(hint, /国务院办公厅每年发布节假日安排通知后/);
  await shot(page, 'clerk-calendar-1280');
  await close();
});

test('21 a paused clock: the date before the pause, the live date and how it moves', async () => {
  const { page, close } = await open('clerk1');
  await go(page, `#/request/${ids.paused}`, '#clock-state');
  const live = (await call('clerk1', 'GET', `/api/v1/requests/${ids.paused}/deadline`)).data.due_on;
  const stored = (await call('clerk1', 'GET', `/api/v1/requests/${ids.paused}`)).data.due_on;
  assert.notEqual(live, stored, 'the pause has lasted some working days');
  assert.match(await text(page, '#due-on'), new RegExp(`^${live}`), 'the live date is the one shown');
  const state = await text(page, '#clock-state');
  assert.match(state, new RegExp(`暂停前答复期限为 ${stored}`));
  assert.match(state, new RegExp(`暂停结束时，答复期限按暂停的工作日数顺延：按暂停到今天计算，现为 ${live}`));
  await shot(page, 'clerk-request-paused-1280');
  await close();
});
