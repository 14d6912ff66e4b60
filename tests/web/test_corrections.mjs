// 更正登记 on the request page in a real browser (Debian's chromium,
// playwright-core) against ogid over real HTTP and a real PostgreSQL, with
// "today" fixed at 2025-06-20 (issue 14 item 2).
//
// Covered: a clerk opens the form (the registration as it is, the identity
// number masked with a hint to type it anew), saves without a reason (told
// next to the field) and with nothing changed (told so, nothing sent),
// gives a bad identity number (the API's check digit error next to the
// field), then corrects the name, phone, postcode and receipt date with a reason: the
// details show the new values, the due date moves with a step saying why,
// and the timeline says in words what changed (the phone masked, the due
// date's move, the reason) — in Chinese and in English; a stale version
// (someone corrected meanwhile) reloads the page and keeps what was typed;
// in a locked year a clerk is told an admin must do it and an admin gives
// the override's reason; an auditor gets no form.  Screenshots in
// build/test-logs/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOgid, launch, open as openAs, go, shot, text } from './harness.mjs';

const TODAY = '2025-06-20';
let server, browser, street, locked;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

async function newRequest(user, body, receivedOn = '2025-05-06') {
  const r = await call(user, 'POST', '/api/v1/requests', {
    body_id: body, channel: 'in_person', received_on: receivedOn,
    applicant: { kind: 'natural_person', name: '张三', id_type: 'resident_id_card', id_number: '11010519491231002X',
      phone: '13812345678', address: '平湛市马山区幸福路8号' },
    description: '2024年本街道老旧小区改造项目的招标文件', form: { medium: 'paper', delivery: 'post' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data;
}

before(async () => {
  server = await startOgid('ogi_web_corrections', TODAY);
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', '1', '--code', 'MS']));
  locked = Number(server.ogictl(['body', 'add', '丙街道办事处', '--parent', '1', '--code', 'BI']));
  server.addUser('clerk1', 'clerk', street);
  server.addUser('audit1', 'auditor', street);
  server.addUser('lclerk', 'clerk', locked);
  server.addUser('ladmin', 'admin', locked);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a clerk corrects name, phone and receipt date with a reason; the timeline says what changed', async () => {
  const req = await newRequest('clerk1', street);
  const { page, close } = await open('clerk1');
  await go(page, `#/request/${req.id}`, '#correction-card');
  const dueBefore = await text(page, '#due-on');
  assert.ok(await page.isHidden('#correction-form'), 'the form waits for the button');
  await page.click('#corr-open');
  await page.waitForSelector('#correction-form:not([hidden])');
  assert.equal(await page.inputValue('#corr-applicant-name'), '张三');
  assert.equal(await page.inputValue('#corr-received_on'), '2025-05-06');
  assert.equal(await page.inputValue('#corr-applicant-id_number'), '', 'a clerk has no whole number to edit');
  assert.match(await text(page, '#correction-card'), /原号码：110\*+002X/);

  // nothing changed: said, nothing sent
  await page.fill('#corr-reason', '核对');
  await page.click('#corr-submit');
  await page.waitForSelector('#corr-problem:not([hidden])');
  assert.match(await text(page, '#corr-problem'), /没有改动/);

  // a bad identity number: the API's rule next to the field
  await page.fill('#corr-applicant-id_number', '110105199003071238');
  await page.click('#corr-submit');
  await page.waitForSelector('[data-field="applicant.id_number"].invalid');
  assert.match(await text(page, '[data-field="applicant.id_number"] .error'), /校验|号码/);
  await page.fill('#corr-applicant-id_number', '');

  // no reason: told next to the field
  await page.fill('#corr-reason', '');
  await page.fill('#corr-applicant-name', '张珊');
  await page.click('#corr-submit');
  await page.waitForSelector('[data-field="reason"].invalid');
  assert.match(await text(page, '[data-field="reason"] .error'), /请填写更正的理由/);

  await page.fill('#corr-applicant-phone', '13987654321');
  await page.fill('#corr-applicant-postcode', '528000');
  await page.fill('#corr-received_on', '2025-05-12');
  await page.fill('#corr-reason', '申请人当场指出姓名录错；挂号信签收日期以邮戳为准');
  await shot(page, 'correction-form-1280');
  await page.click('#corr-submit');
  await page.waitForSelector('#toast.show');
  assert.match(await text(page, '#toast'), /登记信息已更正/);
  await page.waitForSelector('#timeline li[data-type="record_corrected"]');

  const got = (await call('clerk1', 'GET', `/api/v1/requests/${req.id}`)).data;
  assert.equal(got.applicant.name, '张珊');
  assert.equal(got.applicant.phone, '13987654321');
  assert.equal(got.received_on, '2025-05-12');
  assert.equal(got.applicant.id_number, '110***********002X', 'the number left alone stays');
  assert.notEqual(await text(page, '#due-on'), dueBefore, 'the due date moved');
  assert.match(await text(page, '#deadline-steps'), /更正登记：收到申请日期由 2025-05-06 更正为 2025-05-12/);
  const li = await text(page, '#timeline li[data-type="record_corrected"]');
  assert.match(li, /更正登记/);
  assert.match(li, /申请人姓名或名称张三 → 张珊/);
  assert.match(li, /联系电话138\*\*\*\*5678 → 139\*\*\*\*4321/);
  assert.match(li, /收到日期2025-05-06 → 2025-05-12/);
  assert.match(li, /邮政编码（空） → 528000/);
  assert.match(li, new RegExp(`答复期限变化${req.due_on} → ${got.due_on}`));
  assert.match(li, /更正理由申请人当场指出姓名录错/);
  assert.ok(!li.includes('13987654321'), 'the history shows no whole phone number');
  assert.ok(await page.isHidden('#correction-form'), 'the form closes after saving');
  await shot(page, 'correction-timeline-1280');
  await close();

  // the same in English
  const en = await open('clerk1', { lang: 'en' });
  await go(en.page, `#/request/${req.id}`, '#timeline li[data-type="record_corrected"]');
  const enLi = await text(en.page, '#timeline li[data-type="record_corrected"]');
  assert.match(enLi, /Registration corrected/);
  assert.match(enLi, /Applicant name张三 → 张珊/);
  assert.match(enLi, /Reason for the correction/);
  assert.match(await text(en.page, '#deadline-steps'), /registration corrected: the receipt date from 2025-05-06 to 2025-05-12/);
  await en.page.click('#corr-open');
  assert.match(await text(en.page, '#correction-card'), /Correct the registration/);
  await shot(en.page, 'correction-form-en-1280');
  await en.close();
});

test('a stale version reloads the page and keeps what was typed', async () => {
  const req = await newRequest('clerk1', street);
  const { page, close } = await open('clerk1');
  await go(page, `#/request/${req.id}`, '#correction-card');
  await page.click('#corr-open');
  await page.fill('#corr-applicant-address', '平湛市马山区幸福路18号');
  await page.fill('#corr-reason', '门牌号录错');
  // someone else corrects the description meanwhile
  const meanwhile = await call('clerk1', 'PATCH', `/api/v1/requests/${req.id}`,
    { reason: '申请人补充说明', description: '2024年本街道老旧小区改造项目的招标文件和中标通知书' }, { 'If-Match': `"${req.version}"` });
  assert.equal(meanwhile.status, 200);
  await page.click('#corr-submit');
  await page.waitForSelector('#corr-stale');
  assert.match(await text(page, '#corr-stale'), /其他人修改了本申请/);
  assert.match(await text(page, '#description'), /中标通知书/, 'the page shows the request as it is now');
  assert.equal(await page.inputValue('#corr-applicant-address'), '平湛市马山区幸福路18号', 'what was typed is kept');
  assert.equal(await page.inputValue('#corr-reason'), '门牌号录错');
  await page.click('#corr-submit');
  await page.waitForSelector('#toast.show');
  assert.equal((await call('clerk1', 'GET', `/api/v1/requests/${req.id}`)).data.applicant.address, '平湛市马山区幸福路18号');
  await close();
});

test('a locked year: a clerk is told, an admin gives the override reason; an auditor has no form', async () => {
  const req = await newRequest('lclerk', locked, '2024-11-04');
  assert.equal((await call('ladmin', 'POST', `/api/v1/reports/annual/2024/${locked}/lock`)).status, 201);
  const clerk = await open('lclerk');
  await go(clerk.page, `#/request/${req.id}`, '#correction-card');
  await clerk.page.click('#corr-open');
  await clerk.page.selectOption('#corr-applicant-kind', 'commercial_enterprise');
  await clerk.page.fill('#corr-reason', '申请人为企业');
  await clerk.page.click('#corr-submit');
  await clerk.page.waitForSelector('#corr-problem:not([hidden])');
  assert.match(await text(clerk.page, '#corr-problem'), /须由管理员说明理由后办理/);
  await clerk.close();

  const admin = await open('ladmin');
  await go(admin.page, `#/request/${req.id}`, '#correction-card');
  await admin.page.click('#corr-open');
  assert.equal(await admin.page.inputValue('#corr-applicant-id_number'), '11010519491231002X', 'an admin edits the whole number');
  await admin.page.selectOption('#corr-applicant-kind', 'commercial_enterprise');
  await admin.page.fill('#corr-reason', '申请人为企业，登记时选错');
  await admin.page.click('#corr-submit');
  await admin.page.waitForSelector('[data-field="override_reason"]:not([hidden]).invalid');
  await admin.page.fill('#corr-override_reason', '2024年报告已公布，更正申请人类型');
  await admin.page.click('#corr-submit');
  await admin.page.waitForSelector('#toast.show');
  const li = await text(admin.page, '#timeline li[data-type="record_corrected"]');
  assert.match(li, /申请人类型自然人 → 商业企业/);
  assert.match(li, /2024年报告已公布/);
  await admin.close();

  const auditor = await open('audit1');
  const other = await newRequest('clerk1', street);
  await go(auditor.page, `#/request/${other.id}`, '#timeline');
  assert.equal(await auditor.page.$('#correction-card'), null, 'an auditor reads, never corrects');
  await auditor.close();
});
