// Letters (文书) in a real browser (Debian's chromium, playwright-core)
// against ogid over real HTTP and a real PostgreSQL, "today" fixed at
// 2025-06-20 (issue 13 items 4 and 7).
//
// Covered: a reply drafted from the request page's 「文书」 panel, its facts
// filled in, a paragraph edited with markup that the preview (the letter's
// own HTML in a sandboxed frame) shows literally, the generated text
// restored, issued by an approver after a dialog naming the 文号 series,
// printed, downloaded as PDF and Word, served by post and completed with
// the signed return, and the 送达回证 printed; a correction notice drafted
// by a clerk (签发 disabled with the reason), edited by a handler with a
// stale version (412: reload, what was typed kept, the saved text beside
// it), issued and printed by an approver, then voided with a reason; the
// receipt issued as a letter from the 受理回执 page; and a screenshot of the
// letter page of every kind (build/test-logs/screenshots/letter-<kind>.png,
// and the issued reply's and correction notice's print as PDF), the events
// of each request recorded through the API first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOgid, launch, open as openAs, go, shot as shotPage, shots, text, overflow } from './harness.mjs';

const TODAY = '2025-06-20';
const SETTINGS = {
  name: '平湛市马山区马山街道办事处', code: 'MS', letter_prefix: '平湛马办', address: '平湛市马山区马山路1号',
  postcode: '524000', phone: '0759-3333333', court: '平湛市马山区人民法院',
};
const MARKUP = '<b>加粗</b><script>alert(1)</script>';
let server, browser, street;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

async function request(received_on = '2025-06-03', name = '张三') {
  const r = await call('clerk1', 'POST', '/api/v1/requests', {
    body_id: street, channel: 'in_person', received_on,
    applicant: { kind: 'natural_person', name, address: '平湛市马山区幸福路8号' },
    description: '2024年本街道老旧小区改造项目的招标文件', form: { medium: 'paper', delivery: 'post' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.id;
}
async function event(rid, body) {
  const r = await call('appr1', 'POST', `/api/v1/requests/${rid}/events`, body);
  assert.equal(r.status, 201, `${body.type}: ${JSON.stringify(r.data)}`);
  return r.data;
}
// the id of the request's last event of a type (POST …/events answers with the request)
async function eventId(rid, type) {
  const list = (await call('appr1', 'GET', `/api/v1/requests/${rid}/events`)).data.events;
  return list.filter((e) => e.type === type).pop().id;
}
const letters = async (rid) => (await call('appr1', 'GET', `/api/v1/requests/${rid}/letters`)).data;

// the preview frame's document, once loaded
async function preview(page) {
  const frame = await (await page.waitForSelector('#letter-preview')).contentFrame();
  await frame.waitForSelector('body');
  return frame;
}
// a picture of the page with its preview painted (a frame first drawn off screen is painted when
// scrolled to) and without the passing toast
async function shot(page, name) {
  await page.evaluate(() => document.getElementById('toast').classList.remove('show'));
  const el = await page.$('#letter-preview');
  if (el) {
    await el.scrollIntoViewIfNeeded();
    const frame = await el.contentFrame();
    await frame.waitForSelector('body');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(200); // the frame's own paint: it runs no script to ask
  }
  await shotPage(page, name);
}
// what was printed: the print frame's document (the letter's own HTML), and that it was printed
async function printed(page, selector) {
  await page.click(selector);
  await page.waitForSelector('#print-frame[data-printed]', { state: 'attached' });
  const frame = await (await page.$('#print-frame')).contentFrame();
  return { src: await page.getAttribute('#print-frame', 'src'), text: await frame.textContent('body') };
}
// the letter's HTML printed to PDF by chromium, for people to look at
async function printPdf(url, name) {
  const s = await open('appr1');
  await s.page.goto(server.base + url);
  writeFileSync(join(shots, `${name}.pdf`), await s.page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await s.close();
}
// the facts saved and the draft composed anew: the page drawn again (its old preview gone)
async function regenerate(page) {
  const old = await page.$('#letter-preview');
  await page.click('#facts-submit');
  await page.waitForFunction((el) => !el.isConnected, old);
  await page.waitForSelector('#letter-preview');
}
async function draftFromRequest(page, rid, kind) {
  await go(page, `#/request/${rid}`, '#letters-card');
  await page.click(`#draft-${kind}`);
  await page.waitForSelector('#letter-h');
  await preview(page);
  return Number(page.url().match(/#\/letter\/\d+\/(\d+)/)[1]);
}

before(async () => {
  server = await startOgid('ogi_web_letters', TODAY);
  const district = Number(server.ogictl(['body', 'add', '平湛市马山区人民政府', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', String(district)]));
  for (const [user, role] of [['clerk1', 'clerk'], ['hand1', 'handler'], ['appr1', 'approver'], ['sadmin', 'admin']]) server.addUser(user, role, street);
  const b = await call('sadmin', 'GET', `/api/v1/bodies/${street}`);
  assert.equal((await call('sadmin', 'PUT', `/api/v1/bodies/${street}`, SETTINGS, { 'If-Match': b.etag })).status, 200);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a reply: drafted, facts filled in, edited (markup literal), issued, printed, downloaded, served', async () => {
  const rid = await request('2025-05-06');
  await event(rid, { type: 'replied', on: '2025-05-20', outcome: 'disclosed' });
  const { page, close } = await open('appr1');
  await go(page, `#/request/${rid}`, '#letters-card');
  assert.match(await text(page, '#letters-empty'), /还没有文书/);
  assert.match(await text(page, '#draft-reply'), /^拟写答复书$/);
  assert.match(await text(page, '#letter-kinds'), /拟写受理回执/);
  const lid = await draftFromRequest(page, rid, 'reply');
  assert.match(await text(page, '#letter-h'), /答复书 · 予以公开/);
  assert.match(await text(page, '#letter-ref'), /草稿/);
  // the fact a disclosed reply needs is a blank: counted, and issuing waits for it
  assert.match(await text(page, '#blanks-box'), /还有 1 处【待填写】/);
  assert.equal(await page.isDisabled('#letter-issue'), true);
  assert.match(await text(page, '#letter-issue-why'), /还有 1 处待填写/);
  assert.ok(await page.$('.field.para.has-blank .blank-chip'), 'the blank is marked in its paragraph');
  await page.fill('#fact-provided', '招标文件及评标报告（共12页）');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  assert.equal(await page.$('.field.para.has-blank'), null);
  let frame = await preview(page);
  assert.match(await frame.textContent('body'), /招标文件及评标报告（共12页）/);
  assert.match(await frame.textContent('body'), /（草稿）/);

  // markup typed into a paragraph is text: literal in the preview, no element made of it
  const p1 = await page.inputValue('#l-p1');
  await page.fill('#l-p1', p1 + MARKUP);
  await page.waitForSelector('#l-dirty:not([hidden])');
  assert.equal(await page.isDisabled('#letter-issue'), true);
  assert.match(await text(page, '#letter-issue-why'), /未保存/);
  assert.ok(await page.$('#l-p1-generated'), 'the generated text is there to compare');
  // another paragraph changed and restored
  const p2 = await page.inputValue('#l-p2');
  await page.fill('#l-p2', '临时改动');
  await page.click('#l-p2-generated summary');
  await page.click('#l-p2-use-generated');
  assert.equal(await page.inputValue('#l-p2'), p2);
  await shot(page, 'letter-reply-editing');
  await page.click('#l-save');
  await page.waitForSelector('#l-dirty[hidden]', { state: 'attached' });
  const saved = (await call('appr1', 'GET', `/api/v1/requests/${rid}/letters/${lid}`)).data;
  assert.equal(saved.paragraphs[1], p1 + MARKUP);
  assert.equal(saved.paragraphs[2], p2);
  assert.equal(saved.edited, true);
  frame = await preview(page);
  assert.ok((await frame.textContent('body')).includes(MARKUP), 'the markup is printed as typed');
  assert.equal(await frame.$$eval('b, script', (els) => els.filter((e) => /加粗|alert/.test(e.textContent)).length), 0);
  assert.equal(await page.isDisabled('#letter-issue'), false);

  // issuing: the dialog names the series; the number is taken
  await page.click('#letter-issue');
  await page.waitForSelector('#issue-dialog[open]');
  assert.match(await text(page, '#issue-dialog'), /平湛马办依申复〔2025〕×号/);
  assert.match(await text(page, '#issue-dialog'), /不能再修改/);
  await page.click('#issue-dialog-ok');
  await page.waitForFunction(() => document.querySelector('#letter-ref')?.textContent === '平湛马办依申复〔2025〕1号');
  assert.equal(await text(page, `#letter-status-${lid}`), '已签发');
  assert.equal(await page.$('#letter-form'), null, 'an issued letter is not edited');
  assert.equal(await page.$('#letter-issue'), null);
  frame = await preview(page);
  assert.match(await frame.textContent('body'), /平湛马办依申复〔2025〕1号/);
  assert.ok((await frame.textContent('body')).includes(MARKUP));

  // printed from its own HTML; downloaded
  const print = await printed(page, '#letter-print');
  assert.match(print.src, new RegExp(`/letters/${lid}\\?type=html$`));
  assert.match(print.text, /平湛马办依申复〔2025〕1号/);
  assert.match(print.text, /张三/);
  for (const [id, ext] of [['#letter-pdf', 'pdf'], ['#letter-docx', 'docx']]) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    assert.equal(d.suggestedFilename(), `平湛马办依申复〔2025〕1号.${ext}`);
  }
  await shot(page, 'letter-reply');
  await printPdf(`/api/v1/requests/${rid}/letters/${lid}?type=html`, 'letter-reply-print');

  // service by post: the 交邮日期 and the tracking number; the signed return later
  assert.match(await text(page, '#deliveries-empty'), /还没有送达记录/);
  await page.click('#delivery-add');
  await page.selectOption('#svc-method', 'post');
  assert.match(await text(page, '.field[data-field="sent_on"] label'), /交邮日期/);
  assert.equal(await page.isVisible('#svc-signed_by'), true);
  await page.click('#svc-submit');
  assert.match(await text(page, '.field[data-field="sent_on"] .error'), /请填写/);
  await page.fill('#svc-sent_on', '2025-06-20');
  await page.fill('#svc-post_tracking_no', 'XA123456789CN');
  await page.click('#svc-submit');
  await page.waitForSelector('#deliveries li[data-method="post"]');
  assert.match(await text(page, '#deliveries'), /邮寄/);
  assert.match(await text(page, '#deliveries'), /2025-06-20交邮/);
  assert.match(await text(page, '#deliveries'), /送达日期 2025-06-20/);
  const [dl] = (await call('appr1', 'GET', `/api/v1/requests/${rid}/letters/${lid}`)).data.deliveries;
  assert.deepEqual([dl.method, dl.sent_on, dl.post_tracking_no, dl.legal_on], ['post', '2025-06-20', 'XA123456789CN', '2025-06-20']);
  await page.click(`#delivery-${dl.id}-edit`);
  assert.equal(await page.inputValue('#svc-post_tracking_no'), 'XA123456789CN');
  await page.fill('#svc-served_on', '2025-06-20');
  await page.fill('#svc-signed_by', '张三');
  await page.click('#svc-submit');
  await page.waitForFunction(() => /签收人 张三/.test(document.querySelector('#deliveries')?.textContent));
  const done = (await call('appr1', 'GET', `/api/v1/requests/${rid}/letters/${lid}`)).data.deliveries[0];
  assert.deepEqual([done.served_on, done.signed_by, done.post_tracking_no], ['2025-06-20', '张三', 'XA123456789CN']);
  // in person: the 送达回证 to be signed
  const form = await printed(page, '#print-service-form');
  assert.match(form.src, /service-form\?type=html$/);
  assert.match(form.text, /送达回证/);
  assert.match(form.text, /平湛马办依申复〔2025〕1号/);
  await page.click('#delivery-add');
  assert.equal(await page.inputValue('#svc-method'), 'in_person');
  assert.match(await text(page, '.field[data-field="served_on"] label'), /签收日期/);
  assert.equal(await page.isVisible('#svc-sent_on'), false);
  await page.click('#svc-cancel');
  await shot(page, 'letter-reply-served');

  // the request page: the letter with its number, state and service; the events on the timeline
  await go(page, `#/request/${rid}`, `#letter-link-${lid}`);
  const row = await text(page, `li[data-letter="${lid}"]`);
  assert.match(row, /平湛马办依申复〔2025〕1号/);
  assert.match(row, /已签发/);
  assert.match(row, /邮寄，2025-06-20交邮/);
  assert.match(await text(page, '#timeline'), /文书签发/);
  assert.match(await text(page, '#timeline'), /文书送达/);
  assert.equal(await text(page, '#draft-reply'), '拟写答复书', 'another reply may be drafted (after a void)');
  await shotPage(page, 'letter-request-panel');
  await close();
});

test('a correction notice: a clerk drafts it (签发 disabled), a handler edits (a stale version kept), an approver issues, prints and voids', async () => {
  const rid = await request('2025-06-16', '李四');
  await event(rid, { type: 'correction_requested', on: '2025-06-17', items: '请写明所需文件的名称和年份', correction_due: '2025-07-01' });
  const clerk = await open('clerk1');
  assert.equal(await clerk.page.$('#draft-reply'), null);
  const lid = await draftFromRequest(clerk.page, rid, 'correction_notice');
  assert.match(await text(clerk.page, '#letter-h'), /补正告知书/);
  assert.equal(await clerk.page.isDisabled('#letter-issue'), true);
  assert.match(await text(clerk.page, '#letter-issue-why'), /签发需要审批人权限/);
  assert.match(await text(clerk.page, '#letter-read-only'), /承办人或审批人/);
  assert.equal(await clerk.page.$('#letter-form'), null);
  assert.match(await (await preview(clerk.page)).textContent('body'), /请写明所需文件的名称和年份/);
  await shot(clerk.page, 'letter-correction_notice-clerk');
  await clerk.close();

  // the handler edits; someone else saves first: 412, reload, the typing kept, the saved text beside it
  const hand = await open('hand1');
  await go(hand.page, `#/letter/${rid}/${lid}`, '#letter-form');
  assert.match(await text(hand.page, '#letter-issue-why'), /签发需要审批人权限/);
  const l = (await call('hand1', 'GET', `/api/v1/requests/${rid}/letters/${lid}`));
  const last = l.data.paragraphs.length - 1;
  const mine = `${l.data.paragraphs[last]}如有疑问请致电0759-3333333。${MARKUP}`;
  await hand.page.fill(`#l-p${last}`, mine);
  const theirs = [...l.data.paragraphs];
  theirs[0] = `${theirs[0]}（经办人已电话告知）`;
  assert.equal((await call('appr1', 'PATCH', `/api/v1/requests/${rid}/letters/${lid}`, { paragraphs: theirs }, { 'If-Match': l.etag })).status, 200);
  await hand.page.click('#l-save');
  await hand.page.waitForSelector('#editor-problem:not([hidden]) #l-reload');
  assert.match(await text(hand.page, '#editor-problem'), /其他人刚刚修改了这份文书/);
  await hand.page.click('#l-reload');
  await hand.page.waitForSelector('#letter-notice');
  assert.match(await text(hand.page, '#letter-notice'), /您的修改仍在编辑框中/);
  assert.equal(await hand.page.inputValue(`#l-p${last}`), mine, 'what was typed is kept');
  assert.ok(await hand.page.$('#l-p0-saved[open]'), 'the text the other saved is shown beside');
  await hand.page.click('#l-p0-use-saved');
  assert.equal(await hand.page.inputValue('#l-p0'), theirs[0]);
  await hand.page.click('#l-save');
  await hand.page.waitForSelector('#l-dirty[hidden]', { state: 'attached' });
  const both = (await call('hand1', 'GET', `/api/v1/requests/${rid}/letters/${lid}`)).data.paragraphs;
  assert.equal(both[0], theirs[0]);
  assert.equal(both[last], mine);
  assert.ok((await (await preview(hand.page)).textContent('body')).includes(MARKUP));
  await hand.close();

  // the approver issues and prints
  const { page, close } = await open('appr1');
  await go(page, `#/letter/${rid}/${lid}`, '#letter-issue:not([disabled])');
  await page.click('#letter-issue');
  await page.waitForSelector('#issue-dialog[open]');
  assert.match(await text(page, '#issue-dialog'), /平湛马办依申告〔2025〕×号/);
  await page.click('#issue-dialog-ok');
  await page.waitForFunction(() => document.querySelector('#letter-ref')?.textContent === '平湛马办依申告〔2025〕1号');
  const print = await printed(page, '#letter-print');
  assert.match(print.text, /平湛马办依申告〔2025〕1号/);
  assert.match(print.text, /李四/);
  assert.ok(print.text.includes(MARKUP));
  await shot(page, 'letter-correction_notice');
  await printPdf(`/api/v1/requests/${rid}/letters/${lid}?type=html`, 'letter-correction_notice-print');
  // voided with a reason: it stays, marked
  await page.click('#letter-void');
  await page.waitForSelector('#void-dialog[open]');
  await page.click('#void-dialog-ok');
  assert.match(await text(page, '.field[data-field="reason"] .error'), /请填写/);
  await page.fill('#void-dialog-reason', '补正期限写错，重新签发');
  await page.click('#void-dialog-ok');
  await page.waitForFunction((id) => document.querySelector(`#letter-status-${id}`)?.textContent === '已作废', lid);
  assert.match(await text(page, '#letter-info'), /补正期限写错，重新签发/);
  assert.equal(await page.$('#letter-void'), null);
  await go(page, `#/request/${rid}`, `li[data-letter="${lid}"][data-status="void"]`);
  assert.match(await text(page, `li[data-letter="${lid}"]`), /已作废/);
  await close();
});

test('the 受理回执 page issues and prints the receipt as a letter', async () => {
  const rid = await request('2025-06-19', '王五');
  const { page, close } = await open('clerk1');
  await go(page, `#/receipt/${rid}`, '#receipt-letter-issue');
  assert.match(await text(page, '#receipt'), /王五/);
  await page.click('#receipt-letter-issue');
  await page.waitForSelector('#receipt-issue-dialog[open]');
  assert.match(await text(page, '#receipt-issue-dialog'), /平湛马办依申收〔2025〕×号/);
  await page.click('#receipt-issue-dialog-ok');
  await page.waitForSelector('#print-frame[data-printed]', { state: 'attached' });
  await page.waitForSelector('#receipt-letter-print');
  assert.match(await text(page, '#receipt-letter'), /平湛马办依申收〔2025〕1号/);
  const frame = await (await page.$('#print-frame')).contentFrame();
  assert.match(await frame.textContent('body'), /受理回执/);
  assert.match(await frame.textContent('body'), /王五/);
  const list = await letters(rid);
  assert.deepEqual(list.letters.map((l) => [l.kind, l.status, l.ref]), [['receipt', 'issued', '平湛马办依申收〔2025〕1号']]);
  // the page's own receipt still prints as it did
  assert.equal(await page.isVisible('#print-receipt'), true);
  await shot(page, 'letter-receipt-page');
  await close();
});

test('every kind of letter: drafted from the request page, a screenshot each', async () => {
  const { page, close } = await open('appr1');
  const shotOf = async (kind) => { await preview(page); await shot(page, `letter-${kind}`); };
  // receipt
  let rid = await request('2025-06-18', '赵六');
  await draftFromRequest(page, rid, 'receipt');
  await shotOf('receipt');
  // extension and delay notices
  rid = await request('2025-05-06', '钱七');
  await event(rid, { type: 'extension_approved', on: '2025-06-03', working_days: 20, approver: '马主任', reason: '需要调取多年档案' });
  await draftFromRequest(page, rid, 'extension_notice');
  await shotOf('extension_notice');
  await event(rid, { type: 'delay_set', on: '2025-06-10', due_on: '2025-08-29', reason: '申请数量大，需要逐件检索' });
  await draftFromRequest(page, rid, 'delay_notice');
  await shotOf('delay_notice');
  // a third party consulted, the applicant told, the objection overridden
  rid = await request('2025-06-02', '孙八');
  await event(rid, { type: 'consultation_started', on: '2025-06-04', party: 'third_party', name: '平湛市某建筑有限公司' });
  const started = { id: await eventId(rid, 'consultation_started') };
  let lid = await draftFromRequest(page, rid, 'third_party_consultation');
  await page.fill('#fact-info_concerned', '评标报告中贵公司的报价明细');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  assert.match(await (await preview(page)).textContent('body'), /意见回执/);
  assert.match(await text(page, '#l-second'), /意见回执/);
  await shotOf('third_party_consultation');
  await draftFromRequest(page, rid, 'consultation_notice');
  await shotOf('consultation_notice');
  await event(rid, { type: 'consultation_ended', on: '2025-06-12', consultation: started.id, answer: 'object', reasons: '涉及商业秘密' });
  await event(rid, { type: 'objection_overridden', on: '2025-06-13', consultation: started.id, reason: '涉及公共安全，不公开可能对公共利益造成重大影响' });
  lid = await draftFromRequest(page, rid, 'override_notice');
  await page.fill('#fact-info_concerned', '评标报告中贵公司的报价明细');
  await page.fill('#fact-disclose_on', '2025年7月10日');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  await shotOf('override_notice');
  // another body consulted
  rid = await request('2025-06-05', '周九');
  await event(rid, { type: 'consultation_started', on: '2025-06-06', party: 'other_body', name: '平湛市马山区住房和城乡建设局' });
  await draftFromRequest(page, rid, 'body_consultation');
  await page.fill('#fact-info_concerned', '改造项目的验收报告');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  await shotOf('body_consultation');
  // a fee
  rid = await request('2025-06-09', '吴十');
  await event(rid, { type: 'fee_notice_issued', on: '2025-06-11', method: 'per_volume', pages: 300 });
  await draftFromRequest(page, rid, 'fee_notice');
  await page.fill('#fact-pay_how', '到本机关财务室现场缴纳');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  await shotOf('fee_notice');
  // the correction notice of a request of its own (the one above was voided)
  rid = await request('2025-06-16', '郑十一');
  await event(rid, { type: 'correction_requested', on: '2025-06-17', items: '请写明所需文件的名称和年份', correction_due: '2025-07-01' });
  await draftFromRequest(page, rid, 'correction_notice');
  await shotOf('correction_notice');
  // a partial reply: each withheld part with its ground chosen from the list
  rid = await request('2025-05-12', '冯十二');
  await event(rid, { type: 'replied', on: '2025-06-06', outcome: 'partial' });
  lid = await draftFromRequest(page, rid, 'reply');
  await page.fill('#fact-disclosed_part', '招标文件及中标结果');
  await page.fill('#part-0-part', '投标人的报价明细');
  await page.selectOption('#part-0-outcome', 'withheld_third_party');
  await page.click('#part-add');
  await page.fill('#part-1-part', '评标委员会的内部讨论记录');
  await page.selectOption('#part-1-outcome', 'withheld_process_info');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  const partial = (await call('appr1', 'GET', `/api/v1/requests/${rid}/letters/${lid}`)).data;
  assert.deepEqual(partial.facts.withheld_parts, [{ part: '投标人的报价明细', outcome: 'withheld_third_party' },
    { part: '评标委员会的内部讨论记录', outcome: 'withheld_process_info' }]);
  const body = await (await preview(page)).textContent('body');
  assert.match(body, /投标人的报价明细/);
  assert.match(body, /第十五条/);
  assert.match(body, /第十六条第二款/);
  await shot(page, 'letter-reply-partial');
  // a reply of 非本机关 and one of 信息不存在: the other body and the search asked for
  rid = await request('2025-05-12', '陈十三');
  await event(rid, { type: 'replied', on: '2025-06-06', outcome: 'not_held_other_body', referred_body: '平湛市马山区住房和城乡建设局' });
  await draftFromRequest(page, rid, 'reply');
  assert.equal(await page.getAttribute('#fact-other_body', 'placeholder'), '平湛市马山区住房和城乡建设局');
  await page.fill('#fact-other_body_contact', '平湛市马山区建设路2号，0759-3222222');
  await regenerate(page);
  await page.waitForFunction(() => /没有待填写/.test(document.querySelector('#blanks-box')?.textContent));
  assert.match(await (await preview(page)).textContent('body'), /0759-3222222/);
  rid = await request('2025-05-12', '褚十四');
  await event(rid, { type: 'replied', on: '2025-06-06', outcome: 'not_held_not_exist' });
  await draftFromRequest(page, rid, 'reply');
  assert.ok(await page.$('#fact-search_done'));
  await shot(page, 'letter-reply-not-exist');
  // every kind has its picture
  for (const kind of ['receipt', 'correction_notice', 'extension_notice', 'delay_notice', 'third_party_consultation',
    'consultation_notice', 'body_consultation', 'override_notice', 'fee_notice', 'reply']) {
    assert.ok((await import('node:fs')).existsSync(join(shots, `letter-${kind}.png`)), kind);
  }
  await close();
});

test('the letter page on a phone and in English', async () => {
  const rid = await request('2025-05-06', '蒋十五');
  await event(rid, { type: 'replied', on: '2025-05-20', outcome: 'disclosed' });
  const d = await call('appr1', 'POST', `/api/v1/requests/${rid}/letters`, { kind: 'reply', facts: { provided: '招标文件' } });
  assert.equal(d.status, 201);
  for (const [lang, width] of [['zh', 390], ['en', 1280], ['en', 390]]) {
    const { page, close } = await open('appr1', { width, height: width < 500 ? 844 : 800, lang });
    await go(page, `#/letter/${rid}/${d.data.id}`, '#letter-form');
    await preview(page);
    assert.ok(await overflow(page) <= 1, `no sideways scrolling at ${width} (${lang})`);
    if (lang === 'en') assert.match(await text(page, '#letter-issue'), /Issue/);
    await shot(page, `letter-page-${lang}-${width}`);
    if (width < 500) {
      // a full-page picture leaves out a phone's frames: the preview as it is seen
      await (await page.$('#preview-card')).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `letter-page-${lang}-${width}-preview.png`) });
    }
    await go(page, `#/request/${rid}`, '#letters-card');
    assert.ok(await overflow(page) <= 1);
    await close();
  }
});
