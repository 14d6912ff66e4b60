// 督办 and the district dashboard (issue 16 item 3) in a real browser
// (Debian's chromium, playwright-core) against ogid over real HTTP and a real
// PostgreSQL, with "today" fixed at Tuesday 2025-09-30, the last working day
// before the National Day holiday (10月1日至8日放假, 10月11日(周六)上班).
//
// Covered: a district administrator 督办s a street office's request on its
// page (note, report-by date from the date picker; an empty note is named);
// the mark shows on the district's queue (督办中) and on the street office's,
// and on the timeline; the district's clerk reads the mark without a form;
// the street office's clerk answers it, the mark leaves, the timeline shows
// both events; the district dashboard lists the street offices worst first
// with the figures of the API (a reply due 10月9日 is within 3 working days,
// one due 10月13日 is not), draws the months and on-time charts as SVG,
// prints without the navigation with the charts whole, and reads in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOgid, launch, open as openAs, go, shot, text, overflow } from './harness.mjs';

const TODAY = '2025-09-30';
let server, browser, district, street, other, soon, later, late;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

async function intake(clerk, body, receivedOn, description) {
  const r = await call(clerk, 'POST', '/api/v1/requests', {
    body_id: body, channel: 'in_person', received_on: receivedOn,
    applicant: { kind: 'natural_person', name: '张三' }, description, form: { medium: 'paper', delivery: 'pickup' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

before(async () => {
  server = await startOgid('ogi_web_supervision', TODAY);
  district = Number(server.ogictl(['body', 'add', '平湛市马山区人民政府', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', String(district)]));
  other = Number(server.ogictl(['body', 'add', '乙街道办事处', '--parent', String(district)]));
  server.addUser('dadmin', 'admin', district);
  server.addUser('dclerk', 'clerk', district);
  server.addUser('sclerk', 'clerk', street);
  server.addUser('oclerk', 'clerk', other);
  server.addUser('ohandler', 'handler', other);
  soon = await intake('sclerk', street, '2025-09-04', '2025年本街道道路维修资金的使用情况'); // due 10月9日
  later = await intake('sclerk', street, '2025-09-09', '东华路道路维修工程的验收报告'); // due 10月13日
  await intake('oclerk', other, '2025-08-01', '乙街道2024年财政预算执行情况'); // due 8月29日: overdue
  late = await intake('oclerk', other, '2025-08-04', '乙街道老旧小区改造的招标文件'); // due 9月1日
  const r = await call('ohandler', 'POST', `/api/v1/requests/${late.id}/events`, { type: 'replied', on: '2025-09-10', outcome: 'disclosed' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a district administrator 督办s a street office\'s request', async () => {
  assert.equal(soon.due_on, '2025-10-09');
  const s = await open('dadmin');
  const { page } = s;
  await go(page, `#/request/${soon.id}`, '#form-supervise');
  assert.match(await text(page, '#supervision-card'), /马山街道办事处/);
  // the date picker: not before today
  assert.equal(await page.getAttribute('#sv-report_by', 'type'), 'date');
  assert.equal(await page.getAttribute('#sv-report_by', 'min'), TODAY);
  await page.fill('#sv-report_by', '2025-10-09');
  await page.click('#sv-submit');
  await page.waitForSelector('#form-supervise .field.invalid');
  assert.match(await text(page, '#form-supervise .error'), /请填写督办意见/);
  await page.fill('#sv-note', '申请人反映办理缓慢，请说明情况并于节后答复');
  await page.click('#sv-submit');
  await page.waitForSelector('#supervision-mark');
  assert.match(await text(page, '#supervision-mark'), /平湛市马山区人民政府 督办，请于 2025-10-09.*前报告办理情况/);
  // a body above reads the mark; it does not answer for the office
  assert.equal(await page.$('#form-supervision-answer'), null);
  assert.match(await text(page, '#supervision-waiting'), /等待马山街道办事处报告/);
  assert.match(await text(page, '#timeline li[data-type="supervised"]'), /上级督办[\s\S]*平湛市马山区人民政府[\s\S]*2025-10-09[\s\S]*办理缓慢/);
  await shot(page, 'supervision-marked-1280');
  // the district's queue: 督办中 shows this one alone, with its mark
  await page.evaluate(() => { location.hash = '#/queue?who=supervised'; });
  await page.waitForFunction(() => document.querySelector('#queue-who')?.value === 'supervised' && document.querySelector('#queue-table tr.row'));
  const ids = await page.$$eval('#queue-table tr.row', (rows) => rows.map((r) => Number(r.dataset.id)));
  assert.deepEqual(ids, [soon.id]);
  assert.match(await text(page, `#queue-table tr.row[data-id="${soon.id}"] .tag.supervised`), /督办 2025-10-09前报告/);
  await s.close();

  // the district's clerk: the mark, no form
  const c = await open('dclerk');
  await go(c.page, `#/request/${soon.id}`, '#supervision-mark');
  assert.equal(await c.page.$('#form-supervision-answer'), null);
  assert.equal(await c.page.$('#form-supervise'), null);
  await c.close();
});

test('the street office\'s clerk sees the mark on the queue and reports', async () => {
  const s = await open('sclerk', { width: 390, height: 844 });
  const { page } = s;
  const row = `#queue-table tr.row[data-id="${soon.id}"]`;
  await page.waitForSelector(`${row} .tag.supervised`);
  assert.equal(await page.$(`#queue-table tr.row[data-id="${later.id}"] .tag.supervised`), null);
  await go(page, `#/request/${soon.id}`, '#form-supervision-answer');
  assert.match(await text(page, '#supervision-note'), /办理缓慢/);
  await page.fill('#sv-answer', '已联系申请人，材料正在整理，将于10月9日前答复');
  await page.click('#sv-answer-submit');
  await page.waitForSelector('#timeline li[data-type="supervision_answered"]');
  assert.match(await text(page, '#timeline li[data-type="supervision_answered"]'), /督办报告[\s\S]*平湛市马山区人民政府[\s\S]*将于10月9日前答复/);
  assert.ok(await page.$('#timeline li[data-type="supervised"]'));
  assert.equal(await page.$('#supervision-card'), null, 'the office itself does not supervise; the mark is gone');
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 390');
  await shot(page, 'supervision-answered-390');
  await go(page, '#/queue?who=supervised', '#queue-empty');
  assert.match(await text(page, '#queue-empty'), /没有上级督办/);
  await s.close();
  const r = (await call('dadmin', 'GET', `/api/v1/requests/${soon.id}`)).data;
  assert.equal(r.supervision, null);
});

test('the district dashboard: worst first, SVG charts, on paper and in English', async () => {
  // a new mark for the supervised column
  const m = await call('dadmin', 'POST', `/api/v1/requests/${later.id}/supervisions`, { note: '请加快办理', report_by: '2025-10-10' });
  assert.equal(m.status, 201, JSON.stringify(m.data));
  const api = (await call('dadmin', 'GET', `/api/v1/bodies/${district}/dashboard`)).data;
  let s = await open('dadmin');
  let page = s.page;
  await page.click('#nav-dashboard');
  await page.waitForSelector('#dash-table');
  assert.equal(await text(page, '#dash-title'), '辖区办理情况');
  const rows = await page.$$eval('#dash-table tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.id)));
  assert.deepEqual(rows, [other, street, district], '乙 (overdue) before 马山 (due soon) before the district');
  assert.deepEqual(rows, api.bodies.map((b) => b.id));
  const cells = (id) => page.$$eval(`#dash-table tr[data-id="${id}"] td`, (tds) => tds.map((td) => td.textContent));
  // open, due within 3 working days, overdue, replied late, supervised, replied, on-time rate
  assert.deepEqual(await cells(other), ['1', '0', '1', '1', '0', '1', '0%']);
  assert.deepEqual(await cells(street), ['2', '1', '0', '0', '1', '0', '—']);
  assert.match(await text(page, '#dash-totals [data-key="due_soon"]'), /^1\s*3个工作日内到期/);
  assert.match(await text(page, '#dash-totals [data-key="overdue"]'), /^1\s*已超期/);
  // the charts: SVG drawn here, twelve months (4 in August, 2 in September), a bar per body
  const bars = await page.$$eval('#svg-months g.bar', (gs) => gs.map((g) => Number(g.dataset.n)));
  assert.deepEqual(bars, api.months);
  assert.deepEqual(bars, [0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0]);
  assert.equal(await page.$$eval('#svg-months g.bar rect', (r) => r.length), 2);
  assert.match(await page.$eval('#svg-months', (e) => e.getAttribute('aria-label')), /共 4 件/);
  assert.deepEqual(await page.$$eval('#svg-rate g.bar', (gs) => gs.map((g) => Number(g.dataset.id))), rows);
  assert.match(await text(page, `#svg-rate g.bar[data-id="${other}"]`), /0% \(0\/1\)/);
  assert.match(await text(page, `#svg-rate g.bar[data-id="${street}"]`), /本年尚无答复/);
  await shot(page, 'dashboard-1280');
  // on paper: no navigation, the charts whole, the bars grey with a black edge, the figures black
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('header.top, .top', (e) => getComputedStyle(e).display), 'none');
  assert.equal(await page.$eval('#dash-year', (e) => getComputedStyle(e.closest('.toolbar')).display), 'none');
  assert.equal(await page.$eval('#svg-months g.bar rect', (e) => getComputedStyle(e).stroke), 'rgb(0, 0, 0)');
  assert.equal(await page.$eval('#svg-months text.value', (e) => getComputedStyle(e).fill), 'rgb(0, 0, 0)');
  assert.equal(await page.$eval('#chart-rate', (e) => getComputedStyle(e).breakInside), 'avoid');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  await page.emulateMedia({ media: 'screen' });
  // another year: nothing received in it
  await page.selectOption('#dash-year', '2024');
  await page.waitForFunction(() => document.querySelector('#dash-asof')?.textContent.includes('2024年'));
  assert.deepEqual(await page.$$eval('#svg-months g.bar', (gs) => gs.map((g) => Number(g.dataset.n))), Array(12).fill(0));
  await s.close();

  // English, narrow
  s = await open('dadmin', { lang: 'en', width: 390, height: 844 });
  page = s.page;
  await go(page, `#/dashboard/${district}`, '#dash-table');
  assert.equal(await text(page, '#dash-title'), 'How the offices are doing');
  assert.match(await text(page, '#chart-months-h'), /Applications received per month in 2025/);
  assert.match(await text(page, '#svg-months'), /Aug/);
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 390');
  await shot(page, 'dashboard-en-390');
  await s.close();

  // a clerk has no dashboard in the navigation
  s = await open('sclerk');
  assert.equal(await s.page.$('#nav-dashboard'), null);
  await s.close();
});
