// 本机关设置 and the first-login name prompt in a real browser (Debian's
// chromium, playwright-core) against ogid over real HTTP and a real
// PostgreSQL, with "today" fixed at 2025-06-20.
//
// Covered: an administrator of the first-start body 「本机关」 is asked for its
// real name on login — "later" puts it off for the tab, an empty name is
// refused next to the field, a saved one renames the office (the other
// settings kept) and the question is not asked again; the settings page of
// a street office: the defaults shown (the kind codes, the district
// government as reconsideration body), the 文号 example following what is
// typed, an error of the API next to its field, a save that the API reads
// back, a stale version refused with a way to reload, the seal uploaded,
// shown (through the Content-Security-Policy) and removed; a clerk gets
// neither the menu entry nor the page; and the page at 1280×800 and 390
// wide in both languages (screenshots in build/test-logs/screenshots/, no
// sideways scrolling, no missing translation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { startOgid, launch, open as openAs, go, shot, text, overflow, psql } from './harness.mjs';

const TODAY = '2025-06-20';
let server, browser, district, street, clerkId;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}
// a red ring on a transparent background, as a seal is scanned
function sealPng(size = 120) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - size / 2, y - size / 2);
      if (d < size / 2 - 2 && d > size / 2 - 10) row.set([0xcc, 0, 0, 0xff], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  server = await startOgid('ogi_web_settings', TODAY);
  district = Number(server.ogictl(['body', 'add', '平湛市马山区人民政府', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '马山街道办事处', '--parent', String(district)]));
  server.addUser('first', 'admin', 1);
  server.addUser('later1', 'admin', 1);
  server.addUser('sadmin', 'admin', street);
  clerkId = server.addUser('clerk1', 'clerk', street);
  browser = await launch();
  // the first body has a setting of its own to keep through the rename, set in the table itself:
  // the API takes no change while the name is still the placeholder
  assert.equal((await call('first', 'GET', '/api/v1/bodies/1')).data.name, '本机关');
  psql("UPDATE bodies SET phone = '0759-1234567' WHERE id = 1", server.db);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin of 「本机关」 is asked for its real name: later, then saved once', async () => {
  // "later": the dialog goes and stays away in this tab
  let s = await open('later1');
  await s.page.waitForSelector('#name-prompt[open]');
  assert.match(await text(s.page, '#name-prompt'), /请填写本机关的全称/);
  assert.equal(await s.page.evaluate(() => document.activeElement?.id), 'nameprompt-name');
  await shot(s.page, 'settings-nameprompt-1280');
  await s.page.click('#nameprompt-later');
  await s.page.waitForSelector('#name-prompt', { state: 'detached' });
  await go(s.page, '#/list', '#list-table');
  await go(s.page, '#/queue', '#queue-list');
  assert.equal(await s.page.$('#name-prompt'), null, 'not asked again in this tab');
  await s.close();

  s = await open('first');
  const { page } = s;
  await page.waitForSelector('#name-prompt[open]');
  await page.click('#nameprompt-save');
  await page.waitForSelector('#name-prompt .field.invalid');
  assert.match(await text(page, '#nameprompt-name-error'), /请填写/);
  await page.fill('#nameprompt-name', '平湛市人民政府办公室');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#name-prompt', { state: 'detached' });
  await page.waitForSelector('#toast.show');
  assert.match(await text(page, '#toast'), /机关名称已保存：平湛市人民政府办公室/);
  const b = (await call('first', 'GET', '/api/v1/bodies/1')).data;
  assert.equal(b.name, '平湛市人民政府办公室');
  assert.equal(b.phone, '0759-1234567', 'the other settings are kept');
  await s.close();
  // a new login: nothing to ask
  const again = await open('first');
  await go(again.page, '#/list', '#list-table');
  assert.equal(await again.page.$('#name-prompt'), null);
  await again.close();
});

test('the settings page: defaults, the 文号 example, an error next to its field, save, a stale version, the seal', async () => {
  const { page, close } = await open('sadmin');
  assert.match(await text(page, '#nav'), /本机关设置/);
  await page.click('#nav-settings');
  await page.waitForSelector('#settings-form');
  assert.equal(await page.inputValue('#s-name'), '马山街道办事处');
  // the defaults: empty fields showing what the letters take
  assert.equal(await page.inputValue('#s-kind-reply'), '');
  assert.equal(await page.getAttribute('#s-kind-reply', 'placeholder'), '默认：依申复');
  assert.equal(await page.getAttribute('#s-kind-fee_notice', 'placeholder'), '默认：依申告');
  assert.equal(await page.getAttribute('#s-reconsideration_body', 'placeholder'), '平湛市马山区人民政府');
  assert.match(await text(page, '#settings-form'), /不填时写「平湛市马山区人民政府」/);
  assert.equal(await text(page, '#s-preview'), '依申复〔2025〕1号');
  // the example follows the typing
  await page.fill('#s-letter_prefix', '平湛马办');
  assert.equal(await text(page, '#s-preview'), '平湛马办依申复〔2025〕1号');
  await page.fill('#s-kind-reply', '依申答');
  assert.equal(await text(page, '#s-preview'), '平湛马办依申答〔2025〕1号');
  assert.equal(await text(page, '#s-example-correction_notice'), '平湛马办依申告〔2025〕1号');
  await page.fill('#s-kind-reply', '');
  assert.equal(await text(page, '#s-preview'), '平湛马办依申复〔2025〕1号');
  await page.fill('#s-name', '平湛市马山区马山街道办事处');
  await page.fill('#s-address', '平湛市马山区马山路1号');
  await page.fill('#s-postcode', '52400');
  await page.fill('#s-phone', '0759-3333333');
  await page.fill('#s-office_hours', '工作日上午8:30-12:00，下午14:30-17:30');
  await page.fill('#s-court', '平湛市马山区人民法院');
  await page.check('#s-review-first');
  await page.click('#settings-save');
  // the API's field error, next to the field, focused
  await page.waitForSelector('.field[data-field="postcode"].invalid');
  assert.match(await text(page, '.field[data-field="postcode"] .error'), /6位数字/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 's-postcode');
  await shot(page, 'settings-error-1280');
  await page.fill('#s-postcode', '524000');
  await page.click('#settings-save');
  await page.waitForSelector('#toast.show');
  assert.match(await text(page, '#toast'), /本机关设置已保存/);
  await page.waitForFunction(() => document.querySelector('#s-name')?.value === '平湛市马山区马山街道办事处');
  const b = (await call('sadmin', 'GET', `/api/v1/bodies/${street}`)).data;
  assert.equal(b.name, '平湛市马山区马山街道办事处');
  assert.equal(b.letter_prefix, '平湛马办');
  assert.equal(b.postcode, '524000');
  assert.equal(b.court, '平湛市马山区人民法院');
  assert.equal(b.review_first_not_held, true);
  assert.equal(b.kind_codes.reply, '依申复');
  assert.ok(b.defaulted.includes('kind_codes.reply') && b.defaulted.includes('reconsideration_body'), 'defaults stay defaults');
  assert.equal(await page.isChecked('#s-review-first'), true);

  // someone else saves meanwhile: this page's version is stale
  const fresh = await call('sadmin', 'GET', `/api/v1/bodies/${street}`);
  assert.equal((await call('sadmin', 'PUT', `/api/v1/bodies/${street}`, { name: b.name, letter_prefix: '平湛马办', phone: '0759-7777777' },
    { 'If-Match': fresh.etag })).status, 200);
  await page.fill('#s-phone', '0759-8888888');
  await page.click('#settings-save');
  await page.waitForSelector('#settings-problem:not([hidden])');
  assert.match(await text(page, '#settings-problem'), /刚被其他人修改过/);
  await page.click('#settings-reload');
  await page.waitForFunction(() => document.querySelector('#s-phone')?.value === '0759-7777777');

  // the seal: uploaded, shown as the API serves it, removed
  assert.equal(await page.isVisible('#seal-none'), true);
  assert.equal(await page.isVisible('#seal-remove'), false);
  const png = sealPng();
  await page.setInputFiles('#seal-file', { name: 'seal.png', mimeType: 'image/png', buffer: png });
  await page.waitForSelector('#seal-preview:not([hidden])');
  await page.waitForFunction(() => document.querySelector('#seal-preview').complete && document.querySelector('#seal-preview').naturalWidth === 120);
  const stored = await fetch(`${server.base}/api/v1/bodies/${street}/seal`, { headers: { Authorization: `Bearer ${server.tokens.sadmin}` } });
  assert.deepEqual(Buffer.from(await stored.arrayBuffer()), png, 'the bytes chosen are the bytes stored');
  await shot(page, 'settings-seal-1280');
  // a file that is no PNG is refused by the API, said next to the field
  await page.setInputFiles('#seal-file', { name: 'seal.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await page.waitForSelector('.field[data-field="seal"].invalid');
  assert.match(await text(page, '.field[data-field="seal"] .error'), /PNG/);
  assert.equal(await page.isVisible('#seal-preview'), true, 'the stored seal stays');
  page.once('dialog', (d) => d.accept());
  await page.click('#seal-remove');
  await page.waitForSelector('#seal-none:not([hidden])');
  assert.equal((await call('sadmin', 'GET', `/api/v1/bodies/${street}`)).data.has_seal, false);
  // and the form still saves after the seal changed the version
  await page.fill('#s-office_hours', '工作日 9:00-17:00');
  await page.$eval('#settings-form', (f) => { f.dataset.old = '1'; });
  await page.click('#settings-save');
  await page.waitForSelector('#settings-form:not([data-old])'); // saved: the page is drawn anew
  assert.equal((await call('sadmin', 'GET', `/api/v1/bodies/${street}`)).data.office_hours, '工作日 9:00-17:00');
  await close();
});

test('a reminder e-mail the mail server refused: shown to the admin in words, sent again', async () => {
  const id = Number(psql(`INSERT INTO reminder_digests (user_id, day, email, status, attempts, last_error)
    VALUES (${clerkId}, '2025-06-19', 'clerk1@example.org', 'failed', 3, '550 5.1.1 mailbox unavailable') RETURNING id`, server.db));
  const { page, close } = await open('sadmin');
  await go(page, '#/settings', '#reminders-card');
  const card = await text(page, '#reminders-card');
  assert.match(card, /邮件提醒/);
  assert.match(card, /clerk1@example\.org/);
  assert.match(card, /发送失败/);
  assert.match(card, /550 5\.1\.1 mailbox unavailable/);
  assert.doesNotMatch(card, /\/api\/|reminder_digests|failed\b/);
  await page.click(`.reminder-retry[data-id="${id}"]`);
  await page.waitForSelector('#toast.show');
  assert.match(await text(page, '#toast'), /已安排重新发送/);
  await page.waitForSelector(`.reminder-retry[data-id="${id}"]`, { state: 'detached' });
  assert.equal(psql(`SELECT status || ' ' || attempts FROM reminder_digests WHERE id = ${id}`, server.db), 'queued 0');
  // put back in the queue with its attempts from 0: nothing failed to show any more
  assert.match(await text(page, '#reminders-card'), /目前没有发送失败的提醒邮件/);
  await close();
});

test('a clerk has no settings', async () => {
  const { page, close } = await open('clerk1');
  assert.doesNotMatch(await text(page, '#nav'), /本机关设置/);
  await go(page, '#/settings', '#settings-none');
  assert.equal(await page.$('#name-prompt'), null);
  await close();
});

test('the settings page at 1280×800 and 390 wide, in Chinese and English', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const lang of ['zh', 'en']) {
      const { page, close } = await open('sadmin', { width, height, lang });
      await go(page, '#/settings', '#settings-form');
      const wide = await overflow(page);
      assert.ok(wide <= 1, `settings at ${width} ${lang}: ${wide}px of sideways scrolling`);
      if (lang === 'en') assert.match(await text(page, 'h1'), /Office settings/);
      await shot(page, `settings-${width}${lang === 'en' ? '-en' : ''}`);
      await close();
    }
  }
});
