// The 「案卷材料」 panel of the request page in a real browser (Debian's
// chromium, playwright-core) against ogid over real HTTP and a real
// PostgreSQL (issue 14 item 6): a clerk chooses a signed application form
// with the file picker (its progress shown), drops an ID copy on the card,
// sees both listed with kind, size and who; a file of a type ogi does not
// keep is refused in words; a paper is downloaded under its own Chinese
// name with its bytes; one is voided with a reason and stays, marked; an
// auditor reads the list and downloads but is offered no upload or void;
// English through the i18n switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { startOgid, launch, open as openAs, go, shot, text } from './harness.mjs';

const TODAY = '2025-06-20';
let server, browser, street, rid;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);
// a small but real PDF and PNG
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
  + 'trailer<</Root 1 0 R>>\n' + '%'.repeat(300000) + '\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
const sha = (b) => createHash('sha256').update(b).digest('hex');
const listed = async () => (await call('clerk1', 'GET', `/api/v1/requests/${rid}/attachments`)).data.attachments;

before(async () => {
  server = await startOgid('ogi_web_attachments', TODAY, ['--max-attachment', '1000000']);
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', '1']));
  server.addUser('clerk1', 'clerk', street);
  server.addUser('aud1', 'auditor', street);
  const r = await call('clerk1', 'POST', '/api/v1/requests', {
    body_id: street, channel: 'in_person', received_on: '2025-06-16',
    applicant: { kind: 'natural_person', name: '张三' }, description: '2024年本街道老旧小区改造项目的招标文件',
    form: { medium: 'paper', delivery: 'post' },
  });
  assert.equal(r.status, 201);
  rid = r.data.id;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a clerk puts papers into the case file, downloads one and voids one', async () => {
  const s = await open('clerk1');
  const { page } = s;
  await go(page, `#/request/${rid}`, '#attachments-card');
  assert.match(await text(page, '#attachments-card h2'), /案卷材料/);
  assert.match(await text(page, '#attachments-empty'), /还没有上传材料/);
  // the file picker: the signed form as 申请表
  await page.selectOption('#att-kind', 'application_form');
  await page.setInputFiles('#att-file', { name: '申请表（签字）.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.waitForSelector('#attachments-list .attachment-row');
  assert.match(await text(page, '#att-status'), /已上传 1 个文件/);
  // dropped on the card: an ID copy
  await page.selectOption('#att-kind', 'identity_copy');
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], '身份证复印件.png', { type: 'image/png' }));
    document.getElementById('att-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, PNG.toString('base64'));
  await page.waitForFunction(() => document.querySelectorAll('#attachments-list .attachment-row').length === 2);
  const rows = await page.$$eval('#attachments-list .attachment-row', (ls) => ls.map((l) => l.textContent));
  assert.match(rows[0], /申请表（签字）\.pdf/);
  assert.match(rows[0], /申请表/);
  assert.match(rows[0], /KB/);
  assert.match(rows[0], /clerk1 上传/);
  assert.match(rows[1], /身份证复印件\.png/);
  assert.match(rows[1], /身份证明/);
  const stored = await listed();
  assert.deepEqual(stored.map((a) => [a.kind, a.sha256]), [['application_form', sha(PDF)], ['identity_copy', sha(PNG)]]);
  // a type ogi does not keep: said in words, nothing stored
  await page.setInputFiles('#att-file', { name: '程序.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await page.waitForSelector('#attachments-problem:not([hidden])');
  assert.match(await text(page, '#attachments-problem'), /程序\.exe.*不是可上传的文件类型/);
  // bytes that are not what the name says: the API's words
  await page.setInputFiles('#att-file', { name: '假的.pdf', mimeType: 'application/pdf', buffer: PNG });
  await page.waitForFunction(() => /文件内容与声明的类型不符/.test(document.getElementById('attachments-problem').textContent));
  assert.equal((await listed()).length, 2);
  // larger than ogid takes (here 1 MB): said before a byte is sent, in words
  const big = Buffer.concat([PDF, Buffer.alloc(1_100_000, 0x20)]);
  await page.setInputFiles('#att-file', { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: big });
  await page.waitForFunction(() => /扫描件\.pdf.*超过单个文件 976\.6 KB 的上限/.test(document.getElementById('attachments-problem').textContent));
  assert.equal((await listed()).length, 2);
  await shot(page, 'attachments-panel');
  // downloaded under its own name, with its bytes
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#att-link-${stored[0].id}`)]);
  assert.equal(download.suggestedFilename(), '申请表（签字）.pdf');
  assert.equal(sha(readFileSync(await download.path())), sha(PDF));
  // voided with a reason: it stays, marked
  await page.click(`#att-void-${stored[1].id}`);
  await page.waitForSelector('#att-void-dialog');
  await page.click('#att-void-dialog-ok');
  assert.match(await text(page, '#att-void-dialog'), /请填写/);
  await page.fill('#att-void-dialog-reason', '上传错了申请人');
  await page.click('#att-void-dialog-ok');
  await page.waitForSelector(`#att-void-tag-${stored[1].id}`);
  assert.match(await text(page, `[data-attachment="${stored[1].id}"]`), /作废理由：上传错了申请人/);
  assert.equal(await page.$(`#att-void-${stored[1].id}`), null);
  const after = await listed();
  assert.deepEqual(after.map((a) => a.void), [false, true]);
  await s.close();
});

test('an auditor reads and downloads, in English too, and is offered no upload or void', async () => {
  const s = await open('aud1', { lang: 'en' });
  const { page } = s;
  await go(page, `#/request/${rid}`, '#attachments-card');
  assert.match(await text(page, '#attachments-card h2'), /Case file papers/);
  assert.equal(await page.$('#att-upload'), null);
  assert.equal(await page.$('.void-attachment'), null);
  assert.match(await text(page, '#attachments-list'), /Voided: 上传错了申请人/);
  const stored = await listed();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#att-link-${stored[1].id}`)]);
  assert.equal(download.suggestedFilename(), '身份证复印件.png');
  assert.equal(sha(readFileSync(await download.path())), sha(PNG));
  await s.close();
});
