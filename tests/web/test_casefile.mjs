// The case file (案卷) downloaded from the request page in a real browser
// (Debian's chromium, playwright-core) against ogid over real HTTP and a
// real PostgreSQL, "today" fixed at 2025-06-20 (issue 14 item 4): an
// auditor opens a closed request with an issued reply, sees 「下载案卷」
// with its hint, clicks it and the browser saves 案卷-MS-2025-00001.zip — a
// ZIP holding the index, the registration sheet, the letter by its 文号 and
// the timeline; in English the button reads so.  A picture of the page:
// build/test-logs/screenshots/request-casefile.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startOgid, launch, open as openAs, go, shot, text } from './harness.mjs';

const TODAY = '2025-06-20';
const SETTINGS = {
  name: '平湛市马山区马山街道办事处', code: 'MS', letter_prefix: '平湛马办', address: '平湛市马山区马山路1号',
  phone: '0759-3333333', court: '平湛市马山区人民法院',
};
let server, browser, street, rid, ref;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

before(async () => {
  server = await startOgid('ogi_web_casefile', TODAY);
  const district = Number(server.ogictl(['body', 'add', '平湛市马山区人民政府', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', String(district), '--code', 'MS']));
  for (const [user, role] of [['clerk1', 'clerk'], ['hand1', 'handler'], ['appr1', 'approver'], ['aud1', 'auditor'], ['sadmin', 'admin']])
    server.addUser(user, role, street);
  const b = await call('sadmin', 'GET', `/api/v1/bodies/${street}`);
  assert.equal((await call('sadmin', 'PUT', `/api/v1/bodies/${street}`, SETTINGS, { 'If-Match': b.etag })).status, 200);
  const r = await call('clerk1', 'POST', '/api/v1/requests', {
    body_id: street, channel: 'in_person', received_on: '2025-05-06',
    applicant: { kind: 'natural_person', name: '张三', address: '平湛市马山区幸福路8号' },
    description: '2024年本街道老旧小区改造项目的招标文件', form: { medium: 'paper', delivery: 'post' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  rid = r.data.id;
  assert.equal((await call('appr1', 'POST', `/api/v1/requests/${rid}/events`, { type: 'replied', on: '2025-05-20', outcome: 'disclosed' })).status, 201);
  const d = await call('hand1', 'POST', `/api/v1/requests/${rid}/letters`, { kind: 'reply', facts: { provided: '招标文件及评标报告（共12页）' } });
  assert.equal(d.status, 201, JSON.stringify(d.data));
  const issued = await call('appr1', 'POST', `/api/v1/requests/${rid}/letters/${d.data.id}/issue`);
  assert.equal(issued.status, 200, JSON.stringify(issued.data));
  ref = issued.data.ref;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an auditor downloads the case file from the request page', async () => {
  const { page, close } = await open('aud1');
  await go(page, `#/request/${rid}`, '#request-casefile');
  assert.equal((await text(page, '#request-casefile')).trim(), '下载案卷');
  assert.match(await page.getAttribute('#request-casefile', 'title'), /卷内目录、登记表、已签发的文书/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#request-casefile')]);
  assert.equal(download.suggestedFilename(), '案卷-MS-2025-00001.zip');
  assert.equal(await download.failure(), null);
  const zip = readFileSync(await download.path());
  assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP');
  // the names stand in the ZIP's central directory as they are (UTF-8)
  for (const name of ['MS-2025-00001/00-卷内目录.csv', 'MS-2025-00001/00-卷内目录.pdf', 'MS-2025-00001/01-政府信息公开申请登记表.pdf',
    `政府信息公开申请答复书（${ref}）.pdf`, '办理记录与期限说明.pdf'])
    assert.ok(zip.includes(Buffer.from(name, 'utf8')), `${name} in the ZIP`);
  await shot(page, 'request-casefile');
  await close();
});

test('the button in English', async () => {
  const { page, close } = await open('clerk1', { lang: 'en' });
  await go(page, `#/request/${rid}`, '#request-casefile');
  assert.equal((await text(page, '#request-casefile')).trim(), 'Download the case file');
  assert.match(await page.getAttribute('#request-casefile', 'title'), /in one ZIP file/);
  await close();
});
