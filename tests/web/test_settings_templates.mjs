// 文书用语, the wording of the letters on 本机关设置, in a real browser
// (Debian's chromium, playwright-core) against ogid over real HTTP and a
// real PostgreSQL, with "today" fixed at 2025-06-20.
//
// Covered: every template listed under a plain name in its letter's group
// (in Chinese and English, no raw key as the name), with its default text
// and its fields as buttons explained in words; an administrator rewrites
// the disclosed reply's decision, a field inserted at the cursor by its
// button, and a reply drafted afterwards through the API carries the new
// wording; a field the paragraph does not offer is refused by the API and
// said next to the paragraph, nothing stored; the rest of the settings
// still save after the wording changed the version; 「恢复默认」 restores the
// default, and the next reply has it again.  Screenshot
// build/test-logs/screenshots/settings-templates.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startOgid, launch, open as openAs, go, text, overflow, shots } from './harness.mjs';

const TODAY = '2025-06-20';
const KEY = 'reply.disclosed.decision';
const ITEM = `.tpl-item[data-key="${KEY}"]`;
const AREA = `${ITEM} textarea`;
let server, browser, street, rid;
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

// a reply drafted now through the API: its paragraphs as one text
async function draftReply() {
  const r = await call('handler1', 'POST', `/api/v1/requests/${rid}/letters`,
    { kind: 'reply', facts: { provided: '2024年度老旧小区改造项目清单', provide_how: '电子邮件' } });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.paragraphs.join('\n');
}

before(async () => {
  server = await startOgid('ogi_web_templates', TODAY);
  const district = Number(server.ogictl(['body', 'add', '平湛市马山区人民政府', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '平湛市马山区马山街道办事处', '--parent', String(district)]));
  server.addUser('sadmin', 'admin', street);
  server.addUser('clerk1', 'clerk', street);
  server.addUser('handler1', 'handler', street);
  browser = await launch();
  const r = await call('clerk1', 'POST', '/api/v1/requests', { body_id: street, channel: 'in_person', received_on: '2025-06-03',
    applicant: { kind: 'natural_person', name: '李四' }, description: '2024年度老旧小区改造项目清单' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  rid = r.data.id;
  const e = await call('handler1', 'POST', `/api/v1/requests/${rid}/events`, { type: 'replied', on: '2025-06-18', outcome: 'disclosed' });
  assert.equal(e.status, 201, JSON.stringify(e.data));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// a picture of the wording's card from its heading down to the paragraph
async function shotItem(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const clip = await page.evaluate((sel) => {
    const card = document.querySelector('#templates-card').getBoundingClientRect(), item = document.querySelector(sel).getBoundingClientRect();
    return { x: 0, y: card.top + window.scrollY - 8, width: document.documentElement.clientWidth, height: item.bottom - card.top + 16 };
  }, ITEM);
  await page.screenshot({ path: join(shots, `${name}.png`), clip, fullPage: true });
}

// every paragraph shown under a name of its own, none under its raw key
async function namesOf(page) {
  return page.$$eval('.tpl-item', (items) => items.map((i) => [i.dataset.key, i.querySelector('h3').firstChild.textContent]));
}

test('an admin rewrites a paragraph, a reply drafted afterwards says it; an unknown field is refused; reset restores the default', async () => {
  const before = await draftReply();
  assert.match(before, /本机关决定予以公开。提供的政府信息：2024年度老旧小区改造项目清单；提供方式：电子邮件。/);

  const { page, close } = await open('sadmin');
  await go(page, `#/settings/${street}`, '#templates-card');
  assert.match(await text(page, '#sec-templates'), /文书用语/);
  const names = await namesOf(page);
  assert.ok(names.length > 50, `${names.length} paragraphs listed`);
  assert.deepEqual(names.filter(([k, n]) => !n || n === k), [], 'every paragraph has a name');
  assert.match(await text(page, '.tpl-group[data-group="reply"] > summary'), /答复书、告知书/);
  assert.equal(await page.isVisible(ITEM), false, 'the groups start closed');
  await page.click('.tpl-group[data-group="reply"] > summary');
  await page.waitForSelector(ITEM, { state: 'visible' });
  assert.match(await text(page, `${ITEM} h3`), /^予以公开：决定段/);
  assert.match(await text(page, `${ITEM} .tpl-default`), /默认文字.*本机关决定予以公开。提供的政府信息：\{provided\}/s);
  const dflt = await page.inputValue(AREA);
  assert.match(dflt, /^经审查，\{you\}申请获取的政府信息属于可以公开的政府信息。/);
  assert.equal(await page.isVisible(`${ITEM} .tpl-changed`), false);
  assert.equal(await page.isDisabled(`${ITEM} .tpl-reset`), true, 'nothing to reset yet');
  // the fields: its own first, explained in words; the common ones after
  assert.match(await text(page, `${ITEM} .chips >> nth=0`), /本段可用的字段.*法律依据.*提供的政府信息.*提供方式/s);
  assert.match(await text(page, `${ITEM} .chips-common`), /各段都可用的字段 \(8\).*申请人姓名或者名称.*收到申请日期/s);
  assert.equal(await page.isVisible(`${ITEM} .chip[data-name="applicant"]`), false, 'the common ones a click away');

  // a field the paragraph does not offer: refused by the API, said next to the paragraph
  await page.fill(AREA, '经审查，本机关决定予以公开。如有疑问请致电{phone}。');
  await page.click(`${ITEM} .tpl-save`);
  await page.waitForSelector(`${ITEM} .field.invalid`);
  assert.match(await text(page, `${ITEM} .error`), /\{phone\} 不是这个模板可用的字段/);
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
  await shotItem(page, 'settings-templates-refused');
  assert.deepEqual((await call('sadmin', 'GET', `/api/v1/bodies/${street}/letter-templates`)).data.overrides, {}, 'nothing stored');

  // the office's own wording, a field put in by its button at the cursor
  await page.fill(AREA, '经审查，{you}申请获取的政府信息可以公开。根据{basis}的规定，现将（）提供给{you}，请查收。');
  await page.$eval(AREA, (a) => { const at = a.value.indexOf('（') + 1; a.setSelectionRange(at, at); });
  await page.click(`${ITEM} .chip[data-name="provided"]`);
  assert.equal(await page.inputValue(AREA), '经审查，{you}申请获取的政府信息可以公开。根据{basis}的规定，现将（{provided}）提供给{you}，请查收。');
  await page.click(`${ITEM} .tpl-save`);
  await page.waitForSelector('#toast.show');
  assert.match(await text(page, '#toast'), /已保存：予以公开：决定段/);
  assert.equal(await page.isVisible(`${ITEM} .field.invalid`), false, 'the refusal is gone');
  assert.equal(await page.isVisible(`${ITEM} .tpl-changed`), true);
  assert.match(await text(page, '.tpl-group[data-group="reply"] .tpl-count'), /已改写 1 段/);
  const got = (await call('sadmin', 'GET', `/api/v1/bodies/${street}/letter-templates`)).data;
  assert.deepEqual(got.overrides, { [KEY]: '经审查，{you}申请获取的政府信息可以公开。根据{basis}的规定，现将（{provided}）提供给{you}，请查收。' });
  const after = await draftReply();
  assert.match(after, /经审查，您申请获取的政府信息可以公开。根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现将（2024年度老旧小区改造项目清单）提供给您，请查收。/);
  assert.doesNotMatch(after, /提供的政府信息：/, 'the default wording is gone');
  await shotItem(page, 'settings-templates');

  // the other settings still save: the wording's save moved the version the page holds
  await page.fill('#s-phone', '0759-3333333');
  await page.click('#settings-save');
  await page.waitForFunction(() => document.querySelector('#toast')?.textContent.includes('本机关设置已保存'));
  assert.equal((await call('sadmin', 'GET', `/api/v1/bodies/${street}`)).data.phone, '0759-3333333');

  // back to the default (the page was drawn anew by the save)
  await page.click('.tpl-group[data-group="reply"] > summary');
  await page.waitForSelector(`${ITEM} .tpl-changed`, { state: 'visible' });
  await page.click(`${ITEM} .tpl-reset`);
  await page.waitForFunction(() => document.querySelector('#toast')?.textContent.includes('已恢复默认文字'));
  assert.equal(await page.inputValue(AREA), dflt);
  assert.equal(await page.isVisible(`${ITEM} .tpl-changed`), false);
  assert.deepEqual((await call('sadmin', 'GET', `/api/v1/bodies/${street}/letter-templates`)).data.overrides, {});
  assert.match(await draftReply(), /本机关决定予以公开。提供的政府信息：2024年度老旧小区改造项目清单；提供方式：电子邮件。/);
  await close();
});

test('the wording in English and 390 wide: names of their own, no sideways scrolling', async () => {
  for (const [width, height, lang] of [[1280, 800, 'en'], [390, 844, 'zh']]) {
    const { page, close } = await open('sadmin', { width, height, lang });
    await go(page, `#/settings/${street}`, '#templates-card');
    await page.click('.tpl-group[data-group="reply"] > summary');
    await page.waitForSelector(ITEM, { state: 'visible' });
    const names = await namesOf(page);
    assert.deepEqual(names.filter(([k, n]) => !n || n === k), []);
    if (lang === 'en') {
      assert.match(await text(page, '#sec-templates'), /Wording of the letters/);
      assert.match(await text(page, `${ITEM} h3`), /^Disclosed: decision/);
      assert.match(await text(page, `${ITEM} .chips >> nth=0`), /The information provided/);
    }
    const wide = await overflow(page);
    assert.ok(wide <= 1, `templates at ${width} ${lang}: ${wide}px of sideways scrolling`);
    await shotItem(page, `settings-templates-${width}${lang === 'en' ? '-en' : ''}`);
    await close();
  }
});
