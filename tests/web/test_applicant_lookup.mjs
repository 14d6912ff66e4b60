// The search by phone and identity number and the intake's look-up of an identity number's
// earlier applications (issue 14 item 3), in a real browser against ogid and PostgreSQL.
// Covered: a clerk typing a number already on file under another name is warned next to the
// applicant's fields (and told which applications of this month at this office count for the
// per-item fee); typing it under the same name only lists them; the list's search box finds
// the applicant by the whole phone number written with spaces, and by the identity number;
// English text present.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOgid, launch, open as openAs, go, shot, text } from './harness.mjs';

const TODAY = '2025-06-20';
const ID = '11010519491231002X';
let server, browser, street, first;
const open = (user, opts) => openAs(browser, server.base, user, opts);

before(async () => {
  server = await startOgid('ogi_web_lookup', TODAY);
  street = Number(server.ogictl(['body', 'add', '戊街道办事处', '--parent', '1']));
  server.addUser('lclerk', 'clerk', street);
  browser = await launch();
  const r = await server.call('lclerk', 'POST', '/api/v1/requests', {
    body_id: street, channel: 'in_person', received_on: '2025-06-09',
    applicant: { kind: 'natural_person', name: '张三', id_type: 'resident_id_card', id_number: ID, phone: '13912345678' },
    description: '某路段拓宽工程的征收公告', form: { medium: 'paper', delivery: 'pickup' } });
  assert.equal(r.status, 201);
  first = r.data;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('intake: the same identity number under another name is a warning; this month is listed', async () => {
  const { page, close } = await open('lclerk');
  await go(page, '#/intake', '#intake-form');
  await page.fill('#name', '张叁');
  await page.fill('#id_number', ID.toLowerCase());
  await page.press('#id_number', 'Tab');
  await page.waitForSelector('#earlier-names');
  assert.match(await text(page, '#earlier-names'), /此前以其他姓名（张三）申请过，请再核对证件/);
  assert.match(await text(page, '#intake-earlier'), new RegExp(first.tracking_no));
  assert.match(await text(page, '#earlier-month'), /本月本机关已收到该申请人 1 件申请，本件是本月第 2 件/);
  await shot(page, 'intake-earlier-1280');
  // the right name: no warning, still the month's list
  await page.fill('#name', '张三');
  await page.press('#name', 'Tab');
  await page.waitForSelector('#earlier-names', { state: 'detached' });
  assert.match(await text(page, '#earlier-month'), /本件是本月第 2 件/);
  await close();
});

test('the list finds the applicant by the whole phone number or identity number', async () => {
  const { page, close } = await open('lclerk');
  for (const q of ['139 1234 5678', ID]) {
    await go(page, `#/list?q=${encodeURIComponent(q)}`, '#list-table');
    await page.waitForSelector(`#list-table a.tracking`);
    assert.match(await text(page, '#list-table'), new RegExp(first.tracking_no), q);
  }
  assert.match(await page.getAttribute('#list-q', 'placeholder'), /完整的电话号码、证件号码/);
  await close();
  const en = await open('lclerk', { lang: 'en' });
  await go(en.page, '#/intake', '#intake-form');
  await en.page.fill('#id_number', ID);
  await en.page.press('#id_number', 'Tab');
  await en.page.waitForSelector('#earlier-month');
  assert.match(await text(en.page, '#earlier-month'), /this one is number 2 of the month/);
  await en.close();
});
