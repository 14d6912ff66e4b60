// The public channel (issue 15) in a real browser (Debian's chromium,
// playwright-core) against ogid over real HTTP and a real PostgreSQL: on a
// phone-size screen (390×844) an applicant chooses nothing (one body takes
// online applications), fills the art. 29 form — a resident ID number with a
// wrong check digit is refused as it is typed (the GB 11643 check ported to
// the browser), the right one accepted — ticks the declaration and submits;
// the proof of work runs in the page (bits kept low by OGI_POW_BITS), the
// receipt shows the application number and the 查询码 once (and that the identity copy went
// with it: staff open it before confirming, it is in the case file after), and the status
// page finds it 已提交待确认.  A clerk sees the band 「网上申请待确认」 in the
// queue, the application on 网上申请 with the markup typed into the name shown
// literally, and confirms it; the applicant's status is then 已受理 with the
// due date, 待补正 with the items once a correction is asked; the applicant
// answers it on the status page (online 补正), the clerk finds it through the
// queue's band 「网上补正待确认」 on the request page, shown literally, returns it
// with a reason the applicant then reads, and confirms the second answer:
// 收到补正 on the timeline, the status 办理中 with the new due date; 已答复 after
// the reply, with the reply letter (online delivery) to download: the first
// download is its service, 文书送达 on the staff timeline.  The English switch, no sideways scrolling, no script error,
// CSP violation or request to another host (screenshots in
// build/test-logs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startOgid, launch, open as openAs, go, shot, overflow } from './harness.mjs';

const now = new Date();
const TODAY = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
const NAME = '张<img src=x onerror=alert(1)>三';
const ID = '11010519491231002X';
// a 1×1 PNG (the applicant's identity copy)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
let server, browser, street;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

before(async () => {
  process.env.OGI_POW_BITS = '10';
  server = await startOgid('apply', TODAY);
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', '1', '--code', 'MS']));
  server.ogictl(['body', 'add', '乙街道办事处', '--parent', '1', '--code', 'YI']); // takes none
  server.addUser('streetadmin', 'admin', street);
  server.addUser('clerk', 'clerk', street);
  server.addUser('handler', 'handler', street);
  const b = await call('streetadmin', 'GET', `/api/v1/bodies/${street}`);
  const r = await call('streetadmin', 'PUT', `/api/v1/bodies/${street}`, {
    name: b.data.name, accepts_online: true, letter_prefix: '马办', address: '平湛市马山区马山路1号',
    postcode: '524000', phone: '0759-3333333', court: '平湛市马山区人民法院', reconsideration_body: '平湛市马山区人民政府', // what its letters print
  },
    { 'If-Match': `"${b.data.version}"` });
  assert.equal(r.status, 200);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function lookup(page, number, code) {
  await page.goto(`${server.base}/apply/status`);
  await page.fill('#f-number', number);
  await page.fill('#f-code', code);
  await page.click('#lookup');
  await page.waitForSelector('#status-result dl, #status-result .problem');
  return page.textContent('#status-result');
}

test('apply on a phone, look it up, staff confirm it, and follow it to the reply', async () => {
  const phone = await open(null, { width: 390, height: 844 });
  const p = phone.page;
  await p.goto(`${server.base}/apply/`);
  await p.waitForSelector('#f-name');
  assert.equal(await p.inputValue('#f-body_id'), String(street), 'the one body that takes online applications');
  assert.equal((await p.$$eval('#f-body_id option', (os) => os.map((o) => o.textContent))).includes('乙街道办事处'), false);
  assert.match(await p.textContent('main'), /一事一申请/);
  await p.fill('#f-name', NAME);
  // the GB 11643 check as it is typed: the last digit wrong, then right
  await p.fill('#f-id_number', '110105194912310021');
  await p.waitForSelector('[data-field="applicant.id_number"].bad');
  assert.match(await p.textContent('[data-field="applicant.id_number"] .error'), /校验码不符/);
  await p.fill('#f-id_number', ID.toLowerCase());
  assert.equal(await p.textContent('[data-field="applicant.id_number"] .error'), '');
  await p.fill('#f-phone', '13800000000');
  await p.fill('#f-title', '老旧小区改造招标文件');
  await p.fill('#f-description', '2023年本街道老旧小区改造项目的招标文件');
  // without the declaration: refused before anything is sent
  await p.click('#submit');
  await p.waitForSelector('[data-field="declaration"].bad');
  await p.check('#f-declaration');
  // the identity copy: a page renamed .png is refused by the browser's check, a PNG goes
  assert.match(await p.textContent('[data-field="file"]'), /身份证明复印件（可选）.*不超过 1 MB/s);
  await p.setInputFiles('#f-file', { name: '身份证.png', mimeType: 'image/png', buffer: PNG });
  assert.equal(await overflow(p), 0, 'no sideways scrolling on a phone');
  await shot(p, 'apply-form-phone');
  await p.click('#submit');
  await p.waitForSelector('#v-number', { timeout: 60000 });
  const number = (await p.textContent('#v-number')).trim();
  const code = (await p.textContent('#v-code')).trim();
  assert.match(number, /^WS\d{8}[0-9A-Z]{6}$/);
  assert.match(code, /^[2-9A-HJKMNP-Z]{12}$/);
  assert.match(await p.textContent('main'), /查询码只显示这一次/);
  assert.match(await p.textContent('#file-result'), /身份证明复印件已随申请提交/);
  assert.equal(await overflow(p), 0);
  await shot(p, 'apply-receipt-phone');
  await p.click('#to-status');
  await p.waitForSelector('#status-result dl');
  assert.match(await p.textContent('#status-result'), /已提交待确认/);
  assert.doesNotMatch(await p.textContent('#status-result'), /11010519491231002X/, 'never the identity number');
  // a wrong code: the same words as a number that does not exist
  assert.match(await lookup(p, number, 'AAAAAAAAAAAA'), /申请编号或查询码不正确/);

  // the clerk: the queue's band, the page, the name as typed, confirm
  const clerk = await open('clerk');
  const c = clerk.page;
  await c.waitForSelector('#band-online');
  assert.match(await c.textContent('#band-online'), /网上申请待确认/);
  await c.click('#band-online');
  await c.waitForSelector('.online-app');
  const card = c.locator(`.online-app[data-number="${number}"]`);
  assert.match(await card.textContent(), /张<img src=x onerror=alert\(1\)>三/, 'markup shown as text');
  assert.equal(await card.locator('img').count(), 0, 'and never made into an element');
  assert.match(await card.textContent(), /110\*+002X/, 'the identity number masked');
  assert.match(await card.locator('.online-file').textContent(), /身份证\.png/, 'the identity copy listed');
  const fileHref = await card.locator('.online-file').getAttribute('href');
  const fileBytes = await c.evaluate(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer()).length, fileHref);
  assert.equal(fileBytes, PNG.length, 'staff open it before confirming');
  await shot(c, 'online-applications');
  await card.locator('button.primary').click();
  await c.waitForURL(/#\/request\/\d+/);
  const requestId = Number(/#\/request\/(\d+)/.exec(c.url())[1]);
  const req = (await call('clerk', 'GET', `/api/v1/requests/${requestId}`)).data;
  assert.equal(req.channel, 'online');
  const atts = (await call('clerk', 'GET', `/api/v1/requests/${requestId}/attachments`)).data.attachments;
  assert.deepEqual(atts.map((a) => [a.kind, a.name, a.size]), [['identity_copy', '身份证.png', PNG.length]],
    'the identity copy is in the case file once confirmed');
  assert.equal(req.received_on, TODAY, 'received on the day of confirmation (art. 31(3))');

  // the applicant: 已受理 with the due date
  let shown = await lookup(p, number, code);
  assert.match(shown, /已受理/);
  assert.ok(shown.includes(req.due_on), shown);
  assert.ok(shown.includes(req.tracking_no), shown);
  // a correction asked: 待补正 with what to correct
  let r = await call('clerk', 'POST', `/api/v1/requests/${requestId}/events`, { type: 'correction_requested', on: TODAY, items: '请写明招标文件的年份' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  shown = await lookup(p, number, code);
  assert.match(shown, /待补正/);
  assert.match(shown, /请写明招标文件的年份/);
  const dueBefore = req.due_on;

  // online 补正: the applicant answers on the status page (markup typed stays text)
  await p.waitForSelector('#correction-answer #f-answer');
  await p.click('#answer-send'); // empty: refused in the page, nothing sent
  assert.match(await p.textContent('#answer-error'), /请填写补正的内容/);
  await p.fill('#f-answer', '不清楚<b>年份</b>');
  await p.click('#answer-send');
  await p.waitForSelector('#answer-state.notice');
  assert.match(await p.textContent('#answer-state'), /正在等待工作人员确认/);
  assert.equal(await p.locator('#f-answer').count(), 0, 'no second answer while one waits');
  assert.equal(await overflow(p), 0);
  await shot(p, 'apply-correction-sent-phone');
  // the clerk: the queue's band leads to the request, the answer as written; returned with a reason
  await go(c, '#/queue', '#band-online-corrections');
  assert.match(await c.textContent('#band-online-corrections'), /网上补正待确认/);
  await c.click('#band-online-corrections');
  await c.waitForSelector('#online-correction-card');
  assert.equal(Number(/#\/request\/(\d+)/.exec(c.url())[1]), requestId);
  const answers = (await call('clerk', 'GET', `/api/v1/online-corrections?request_id=${requestId}`)).data.items;
  assert.equal(answers.length, 1);
  const first = answers[0].id;
  assert.equal(await c.textContent(`#online-answer-text-${first}`), '不清楚<b>年份</b>', 'shown literally');
  assert.equal(await c.locator('#online-correction-card b').count(), 0, 'never made into an element');
  await c.click(`#ocorr-reject-${first}`);
  await c.fill(`#ocorr-reason-${first}`, '仍未写明招标文件的年份');
  await c.click(`#ocorr-do-reject-${first}`);
  await c.waitForSelector('#online-correction-card', { state: 'detached' });
  // the applicant sees the reason and answers again
  shown = await lookup(p, number, code);
  assert.match(shown, /待补正/);
  await p.waitForSelector('#answer-reason');
  assert.equal(await p.textContent('#answer-reason'), '仍未写明招标文件的年份');
  await p.fill('#f-answer', '写明了年份：2023年');
  // a file goes with the answer (补正材料)
  await p.setInputFiles('#f-answer-files', { name: '年份证明.png', mimeType: 'image/png', buffer: PNG });
  await p.click('#answer-send');
  await p.waitForSelector('#answer-state.notice');
  // what the applicant sent, listed: the returned first answer, the second waiting with its file
  await p.waitForSelector('#answers-sent');
  const sent = p.locator('#answers-sent li.sent');
  assert.equal(await sent.count(), 2);
  assert.equal(await sent.nth(0).getAttribute('data-state'), 'rejected');
  assert.match(await sent.nth(0).textContent(), /已退回.*未附材料/s);
  assert.equal(await sent.nth(1).getAttribute('data-state'), 'pending');
  assert.match(await sent.nth(1).textContent(), /等待工作人员确认/);
  assert.equal(await sent.nth(1).locator('.file-name').textContent(), '年份证明.png');
  assert.match(await sent.nth(1).locator('.sent-file').textContent(), new RegExp(`${PNG.length} 字节`));
  assert.equal(await overflow(p), 0);
  // the clerk confirms it on the request page: 收到补正 on the timeline, the due date recomputed
  await c.reload();
  await c.waitForSelector('#online-correction-card');
  assert.match(await c.textContent('#online-correction-card'), /写明了年份：2023年/);
  const corrFile = c.locator('#online-correction-card .online-file');
  assert.match(await corrFile.textContent(), /年份证明\.png/, 'the file sent with the answer listed');
  const corrBytes = await c.evaluate(async (u) => new Uint8Array(await (await fetch(u)).arrayBuffer()).length,
    await corrFile.getAttribute('href'));
  assert.equal(corrBytes, PNG.length, 'staff open it before confirming');
  await shot(c, 'request-online-correction');
  const second = (await call('clerk', 'GET', `/api/v1/online-corrections?request_id=${requestId}`)).data.items[0].id;
  assert.equal(await c.inputValue(`#ocorr-on-${second}`), TODAY, 'received on the day it arrived');
  await c.click(`#ocorr-confirm-${second}`);
  await c.waitForSelector('#online-correction-card', { state: 'detached' });
  await c.waitForSelector('#timeline >> text=收到补正');
  const after = (await call('clerk', 'GET', `/api/v1/requests/${requestId}`)).data;
  assert.equal(after.status, 'registered');
  const corrected = (await call('clerk', 'GET', `/api/v1/requests/${requestId}/events`)).data.events.filter((e) => e.type === 'correction_received');
  assert.deepEqual(corrected.map((e) => [e.on, e.actor]), [[TODAY, 'clerk']]);
  const material = (await call('clerk', 'GET', `/api/v1/requests/${requestId}/attachments`)).data.attachments
    .filter((a) => a.kind === 'correction_material');
  assert.deepEqual(material.map((a) => [a.name, a.size]), [['年份证明.png', PNG.length]], 'in the case file once confirmed');
  assert.ok(after.due_on && after.due_on >= dueBefore, `${dueBefore} → ${after.due_on}`);
  shown = await lookup(p, number, code);
  assert.match(shown, /办理中/);
  assert.ok(shown.includes(after.due_on), shown);
  assert.match(await p.textContent('#answer-state'), /已确认收到/);
  assert.match(await p.locator('#answers-sent li.sent').nth(1).textContent(), /机关已确认收到.*已收入案卷.*年份证明\.png/s);
  await shot(p, 'apply-status-answers-sent-phone');
  r = await call('handler', 'POST', `/api/v1/requests/${requestId}/events`, { type: 'replied', on: TODAY, outcome: 'disclosed' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  shown = await lookup(p, number, code);
  assert.match(shown, /已答复/);
  // the reply letter issued (the applicant chose online delivery): on the status page to download,
  // its first download the letter's service that day, on the staff timeline
  const draft = await call('handler', 'POST', `/api/v1/requests/${requestId}/letters`, { kind: 'reply', facts: { provided: '招标文件', correction_content: '写明了年份：2023年' } });
  assert.equal(draft.status, 201, JSON.stringify(draft.data));
  const issued = await call('streetadmin', 'POST', `/api/v1/requests/${requestId}/letters/${draft.data.id}/issue`);
  assert.equal(issued.status, 200, JSON.stringify(issued.data));
  shown = await lookup(p, number, code);
  assert.match(shown, /可下载的文书/);
  assert.ok(shown.includes(issued.data.ref), shown);
  const [download] = await Promise.all([p.waitForEvent('download'), p.click(`#letter-${draft.data.id}`)]);
  assert.equal(download.suggestedFilename(), `${issued.data.ref}.pdf`);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'the letter itself');
  const events = (await call('clerk', 'GET', `/api/v1/requests/${requestId}/events`)).data.events;
  const served = events.filter((e) => e.type === 'letter_served');
  assert.deepEqual(served.map((e) => [e.on, e.payload.method, e.payload.letter_id]), [[TODAY, 'online', draft.data.id]]);
  await c.reload(); // the clerk is still on the request's page since the confirmation
  await c.waitForSelector('#timeline >> text=文书送达');
  assert.match(await c.textContent('#timeline'), /文书送达/);
  assert.equal(await overflow(p), 0);
  await shot(p, 'apply-status-replied-phone');

  // English
  await p.click('#lang');
  await p.waitForSelector('#f-number');
  assert.equal(await p.textContent('#tab-status'), 'Check status');
  shown = await lookup(p, number, code);
  assert.match(shown, /replied/);
  assert.match(await p.textContent('#correction-answer'), /Correct your application online.*The body confirmed the correction you sent on/s);
  assert.match(await p.textContent('#answers-sent'), /Corrections you sent online.*Returned.*Confirmed by the body.*年份证明\.png \(\d+ bytes, uploaded/s);
  await p.click('#tab-form');
  await p.waitForSelector('#f-name');
  assert.match(await p.textContent('main'), /One matter per application/);
  assert.equal(await overflow(p), 0);
  await shot(p, 'apply-form-phone-en');
  await clerk.close();
  await phone.close();
});
