// Who does what (issue 16) in a real browser (Debian's chromium,
// playwright-core) against ogid over real HTTP and a real PostgreSQL, with
// "today" fixed at 2025-06-20.
//
// Covered: an administrator keeps the office's units (科室 / 社区) on the
// settings page, a line refused by the API is named; a clerk assigns a
// request (分办) to a handler and a unit on the request page, the details and
// the timeline say so; the handler logs in to 「我的待办」 holding only that
// request, with its content (申请内容) and unit in the row, whole on paper;
// 「全部在办」 shows the others; an approver transfers a request to the 社区
// below and the due date stays; screenshots at 1280 and 390 wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOgid, launch, open as openAs, go, shot, text, overflow } from './harness.mjs';

const TODAY = '2025-06-20';
let server, browser, street, community, handlerId, mine, other;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

async function intake(name, description) {
  const r = await call('clerk1', 'POST', '/api/v1/requests', {
    body_id: street, channel: 'in_person', received_on: '2025-06-10',
    applicant: { kind: 'natural_person', name }, description, form: { medium: 'paper', delivery: 'pickup' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

before(async () => {
  server = await startOgid('ogi_web_assignment', TODAY);
  const district = Number(server.ogictl(['body', 'add', '平湛市马山区人民政府', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', String(district)]));
  community = Number(server.ogictl(['body', 'add', '东华社区', '--parent', String(street)]));
  server.addUser('sadmin', 'admin', street);
  server.addUser('clerk1', 'clerk', street);
  handlerId = server.addUser('handler1', 'handler', street);
  server.addUser('handler2', 'handler', street);
  server.addUser('approver1', 'approver', street);
  mine = await intake('张三', '2024年本街道老旧小区改造项目的招标文件及中标结果');
  other = await intake('李四', '东华路道路维修工程的验收报告');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin keeps the units on the settings page', async () => {
  const s = await open('sadmin');
  const { page } = s;
  await go(page, `#/settings/${street}`, '#units-card');
  await page.fill('#s-units', '综合科\n综合科');
  await page.click('#units-save');
  await page.waitForSelector('#units-card .field.invalid');
  assert.match(await text(page, '#units-card .error'), /第 2 行：名称重复/);
  await page.fill('#s-units', '综合科\n城管科\n  \n东华社区');
  await page.click('#units-save');
  await page.waitForSelector('#toast.show');
  assert.match(await text(page, '#toast'), /已保存科室（社区）/);
  assert.deepEqual((await call('clerk1', 'GET', `/api/v1/bodies/${street}/units`)).data.units, ['综合科', '城管科', '东华社区']);
  await s.close();
});

test('a clerk assigns a request; the handler finds it in 「我的待办」', async () => {
  let s = await open('clerk1');
  let page = s.page;
  await go(page, `#/request/${mine.id}`, '#event-type');
  await page.selectOption('#event-type', 'assigned');
  await page.waitForSelector('#form-assigned');
  assert.match(await text(page, '#event-help'), /不影响答复期限/);
  await page.selectOption('#ev-assignee', String(handlerId));
  await page.selectOption('#ev-unit', '综合科');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="assigned"]');
  assert.match(await text(page, '#timeline li[data-type="assigned"]'), /分办（确定承办人）[\s\S]*handler1[\s\S]*综合科/);
  assert.match(await text(page, '.details'), /承办人\s*handler1[\s\S]*承办科室（社区）\s*综合科/);
  await shot(page, 'assignment-request-1280');
  await s.close();

  // the handler's home page is 「我的待办」: only what is theirs
  s = await open('handler1');
  page = s.page;
  assert.equal(await text(page, '#queue-title'), '我的待办');
  assert.equal(await page.inputValue('#queue-who'), 'mine');
  const ids = await page.$$eval('#queue-table tr.row', (rows) => rows.map((r) => Number(r.dataset.id)));
  assert.deepEqual(ids, [mine.id]);
  const row = `#queue-table tr.row[data-id="${mine.id}"]`;
  assert.match(await text(page, `${row} .c-content`), /老旧小区改造项目的招标文件/);
  assert.match(await text(page, `${row} .c-who`), /handler1[\s\S]*综合科/);
  await shot(page, 'assignment-mytodo-1280');
  // on paper the content column is whole, not cut to two lines
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval(`${row} .c-content .content`, (e) => getComputedStyle(e).display), 'block');
  await page.emulateMedia({ media: 'screen' });
  // everything open, and what nobody handles yet
  await page.selectOption('#queue-who', 'all');
  await page.waitForSelector(`#queue-table tr.row[data-id="${other.id}"]`);
  assert.notEqual(await text(page, '#queue-title'), '我的待办');
  assert.match(await text(page, `#queue-table tr.row[data-id="${other.id}"] .c-who`), /未分办/);
  await page.selectOption('#queue-who', 'none');
  await page.waitForFunction((id) => !document.querySelector(`#queue-table tr.row[data-id="${id}"]`), mine.id);
  await s.close();

  // the other handler has nothing of their own yet
  s = await open('handler2');
  await s.page.waitForSelector('#queue-empty');
  assert.match(await text(s.page, '#queue-empty'), /没有分给您承办/);
  await s.close();
});

test('an approver transfers a request to the 社区 below; the due date stays', async () => {
  const s = await open('approver1', { width: 390, height: 844 });
  const { page } = s;
  await go(page, `#/request/${other.id}`, '#event-type');
  const due = await text(page, '#due-on');
  await page.selectOption('#event-type', 'transferred');
  await page.waitForSelector('#form-transferred');
  await page.selectOption('#ev-to_body_id', String(community));
  await page.fill('#ev-reason', '所申请信息由东华社区制作并保存');
  await page.click('#ev-submit');
  await page.waitForSelector('#timeline li[data-type="transferred"]');
  assert.match(await text(page, '#timeline li[data-type="transferred"]'), /马山街道办事处 → 东华社区/);
  assert.equal(await text(page, '#due-on'), due, 'the legal deadline does not restart');
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 390');
  await shot(page, 'assignment-transfer-390');
  const r = (await call('approver1', 'GET', `/api/v1/requests/${other.id}`)).data;
  assert.equal(r.body_id, community);
  assert.equal(r.due_on, other.due_on);
  await s.close();
});
