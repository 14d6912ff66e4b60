// The annual report page and the fee and remedy screens in a real browser
// (Debian's chromium, playwright-core) against ogid over real HTTP and a real
// PostgreSQL, with "today" fixed at 2025-06-20 (a Friday).
//
// Covered: the report's tables drawn as the API's HTML export draws them,
// cell for cell (labels, merged cells, figures, failing cells) in the 2021,
// 2019 and legacy formats; the downloads (the CSV row 一、本年新收 holds what
// was registered; XLSX, HTML, Markdown); staff inputs with a field error
// next to its field; the lock (a clerk gets no button, an admin a warning
// and a confirmation) and an amendment after it, with a locked year's event
// refused to a non-admin and recorded by an admin with a reason; the fee
// quote inside the fee notice form and the notice it records; a
// reconsideration filed, decided, corrected with a reason and seen in the
// queue; a suit with its flags and its next instance; and every new page at
// 1280×800 and 390 wide in both languages (screenshots in
// build/test-logs/screenshots/, no sideways scrolling).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startOgid, launch, open as openAs, go, shot, text, options, focused, overflow, psql } from './harness.mjs';

const TODAY = '2025-06-20';
let server, browser, street, district;
const ids = {};
const open = (user, opts) => openAs(browser, server.base, user, opts);
const call = (...args) => server.call(...args);

async function intake(name, received_on, kind = 'natural_person', extra = {}) {
  const r = await call('appr1', 'POST', '/api/v1/requests', { body_id: street, channel: 'in_person', received_on,
    applicant: { kind, name, ...extra }, description: '某项政府信息' });
  assert.equal(r.status, 201, JSON.stringify(r.data));
  return r.data.id;
}
async function record(id, event, user = 'appr1') {
  const r = await call(user, 'POST', `/api/v1/requests/${id}/events`, event);
  assert.equal(r.status, 201, JSON.stringify(r.data));
}

before(async () => {
  server = await startOgid('ogi_web_reports', TODAY);
  district = Number(server.ogictl(['body', 'add', '某区政务服务中心', '--parent', '1']));
  street = Number(server.ogictl(['body', 'add', '甲街道办事处', '--parent', String(district)]));
  server.addUser('clerk1', 'clerk', street);
  server.addUser('appr1', 'approver', street);
  server.addUser('audit1', 'auditor', street);
  server.addUser('boss', 'admin', district);
  browser = await launch();

  // 2024 at the street office: five applications, four closed in the year
  // (one replied on 31 December), one carried over into 2025
  ids.a = await intake('张一', '2024-03-04');
  await record(ids.a, { type: 'replied', on: '2024-03-20', outcome: 'disclosed' });
  ids.b = await intake('某贸易有限公司', '2024-05-06', 'commercial_enterprise');
  await record(ids.b, { type: 'replied', on: '2024-05-20', outcome: 'withheld_third_party', delivered_on: '2024-05-21' });
  ids.c = await intake('张三', '2024-09-02');
  await record(ids.c, { type: 'withdrawn', on: '2024-09-10' });
  ids.d = await intake('某研究院', '2024-12-16', 'research_institution');
  ids.e = await intake('李四', '2024-11-04');
  await record(ids.e, { type: 'replied', on: '2024-12-31', outcome: 'not_held_not_exist' });
  // a reconsideration of B filed and upheld in 2024: table 四
  const rc = await call('clerk1', 'POST', `/api/v1/requests/${ids.b}/reconsiderations`, { filed_on: '2024-06-10', authority: '某区人民政府' });
  assert.equal(rc.status, 201, JSON.stringify(rc.data));
  assert.equal((await call('clerk1', 'PATCH', `/api/v1/requests/${ids.b}/reconsiderations/${rc.data.id}`, { decided_on: '2024-07-20', decision: '维持' })).status, 200);
  // one request each in 2020 (the 2019 form) and 2017 (the older reports)
  await record(await intake('王五', '2020-06-01'), { type: 'replied', on: '2020-06-10', outcome: 'partial' });
  await record(await intake('赵六', '2017-03-01'), { type: 'replied', on: '2017-03-10', outcome: 'disclosed' });

  // 2025: replies the applicants challenge
  ids.f = await intake('复议申请人', '2025-03-03');
  await record(ids.f, { type: 'replied', on: '2025-03-10', outcome: 'withheld_third_party', delivered_on: '2025-03-11' });
  ids.g = await intake('诉讼原告', '2025-02-03');
  await record(ids.g, { type: 'replied', on: '2025-02-10', outcome: 'withheld_process_info', delivered_on: '2025-02-11' });
  // the same applicant (one identity number) applies eleven times in June 2025, on working days
  for (const day of ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16'])
    ids.fee = await intake('频繁申请人', `2025-06-${day}`, 'natural_person', { id_type: 'resident_id_card', id_number: '11010519491231002X' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The official tables of a page or document as rows of [tag, text, rowspan, colspan, failing].
function tablesOf(root = document) {
  return [...root.querySelectorAll('table.form')].map((tb) => ({ table: tb.dataset.table,
    rows: [...tb.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => [c.tagName, c.textContent, c.rowSpan, c.colSpan, c.classList.contains('fail')])) }));
}

test('the report page draws the tables as the HTML export does, cell for cell, in all three formats', async () => {
  const { page, ctx, close } = await open('boss');
  const exported = await ctx.newPage();
  for (const [year, format] of [[2024, '2021'], [2020, '2019'], [2017, 'legacy']]) {
    await go(page, `#/report/${year}/${street}`, '#report-doc table.form');
    assert.match(await text(page, '#report-status'), new RegExp(`甲街道办事处${year}年政府信息公开工作年度报告`));
    const mine = await page.$eval('#report-doc', tablesOf);
    await exported.goto(`${server.base}/api/v1/reports/annual?year=${year}&body_id=${street}&type=html`);
    const theirs = await exported.evaluate(tablesOf);
    assert.equal(theirs.length, 3, `${year}: the export has its three tables`);
    assert.deepEqual(mine, theirs, `${year} (${format}): every label, span, figure and failing cell as the export has it`);
    // the sections in order, with the form's titles
    assert.deepEqual(await page.$$eval('#report-doc .doc-section > h3', (hs) => hs.map((x) => x.textContent)),
      (await call('boss', 'GET', `/api/v1/reports/annual?year=${year}&body_id=${street}`)).data.sections);
  }
  // 2024: 一 = 5 (3 natural persons, 1 enterprise, 1 research institution), 三(七) = 4 (the reply
  // dated 31 December counts in 2024), 四 = 1 (received 2024-12-16, open); table 四: one
  // reconsideration filed and upheld in the year; the ten blank figures of section 二 fail
  await go(page, `#/report/2024/${street}`, '#report-doc table.form');
  const row = (key) => page.$$eval(`#report-doc table[data-table="applications"] td.value[data-key="${key}"]`, (tds) => tds.map((td) => Number(td.textContent)));
  assert.deepEqual(await row('new'), [3, 1, 1, 0, 0, 0, 5]);
  assert.deepEqual(await row('total'), [3, 1, 0, 0, 0, 0, 4]);
  assert.deepEqual(await row('carried_out'), [0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(await page.$$eval('#report-doc table[data-table="remedies"] td.value', (tds) => tds.slice(0, 5).map((td) => Number(td.textContent))), [1, 0, 0, 0, 1]);
  assert.equal(await page.$$eval('#report-doc table[data-table="proactive"] td.value.fail', (tds) => tds.length), 10);
  assert.match(await text(page, '#checks-failing'), /主动公开情况有10项数据尚未填写/);
  assert.match(await text(page, '#checks-summary'), /1 项数据检查未通过/);
  // the district's summary: the street's figures under the district
  await go(page, `#/report/2024/${district}`, '#report-subtree');
  await page.check('#report-subtree');
  await page.waitForFunction(() => location.hash.includes('subtree=true') && document.querySelector('#report-status')?.textContent.includes('含所属1个机关'));
  await page.waitForSelector('#report-doc table.form');
  assert.deepEqual(await row('new'), [3, 1, 1, 0, 0, 0, 5]);
  await close();
});

test('export a report: the CSV row of 一、本年新收 holds what was registered; XLSX, HTML and Markdown too', async () => {
  const { page, close } = await open('audit1');
  await go(page, `#/report/2024/${street}`, '#report-downloads');
  assert.equal(await page.$('#view-inputs'), null, 'an auditor reads the report, enters nothing');
  const download = async (id) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    return { name: d.suggestedFilename(), body: readFileSync(await d.path()) };
  };
  // the data formats are under 其他格式
  await page.click('#dl-more summary');
  const csv = await download('#dl-csv');
  assert.match(csv.name, /\.csv$/);
  const lines = csv.body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  const neu = lines.find((l) => l.startsWith('三,new,'));
  assert.ok(neu, 'the row of 一、本年新收');
  const cells = neu.split(',');
  assert.equal(cells[2], '一、本年新收政府信息公开申请数量');
  // registered in 2024: 张一, 张三, 李四 (natural persons), 某贸易有限公司, 某研究院 = 5
  assert.deepEqual(cells.slice(5).map(Number), [3, 1, 1, 0, 0, 0, 5]);
  const registered = Number(psql(`SELECT count(*) FROM requests WHERE body_id = ${street} AND received_on BETWEEN '2024-01-01' AND '2024-12-31'`, server.db));
  assert.equal(Number(cells[11]), registered, 'the total is what the register holds');
  const xlsx = await download('#dl-xlsx');
  assert.match(xlsx.name, /\.xlsx$/);
  assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK', 'an Office Open XML file (zip)');
  const html = await download('#dl-html');
  assert.match(html.body.toString('utf8'), /<h1>甲街道办事处2024年政府信息公开工作年度报告<\/h1>/);
  const md = await download('#dl-md');
  assert.match(md.body.toString('utf8'), /一、本年新收政府信息公开申请数量 \|[^\n]*\| 5 \|/);
  assert.equal(await page.getAttribute('#dl-print', 'target'), '_blank', 'the printable version opens beside the page');
  await close();
});

test('staff inputs: section 二 figures with a field error next to its field, the texts and a rewritten sentence', async () => {
  const { page, close } = await open('boss');
  await go(page, `#/report/2024/${street}`, '#view-inputs');
  await page.click('#view-inputs');
  await page.waitForSelector('#inputs-form');
  const figures = { 'regulations-issued': '0', 'regulations-repealed': '0', 'regulations-in_force': '2', 'normative_documents-issued': '3',
    'normative_documents-repealed': '1', 'normative_documents-in_force': '12', 'licensing-decisions': '86', 'penalty-decisions': '14.5',
    'enforcement-decisions': '2', 'administrative_fees-amount': '1.25' };
  for (const [k, v] of Object.entries(figures)) await page.fill(`#in-${k}`, v);
  await page.fill('#in-text-overview', '2024年，我街道认真贯彻落实《中华人民共和国政府信息公开条例》。\n全年依申请公开工作平稳有序。');
  await page.fill('#in-text-problems', '一是答复规范性有待提高；二是培训不足。');
  await page.fill('#in-sentence-fees', '本年度未收取信息处理费，未发生减免。');
  assert.match(await text(page, '#sentence-state-fees'), /已改写/);
  await page.click('#inputs-save');
  // 14.5 decisions: the API's rule next to the field, which takes the focus; nothing typed is lost
  await page.waitForSelector('[data-field="proactive.penalty.decisions"].invalid');
  assert.match(await text(page, '[data-field="proactive.penalty.decisions"] .error'), /请填写整数/);
  assert.equal(await focused(page), 'in-penalty-decisions');
  assert.equal(await page.inputValue('#in-licensing-decisions'), '86');
  assert.match(await page.inputValue('#in-text-problems'), /培训不足/);
  await shot(page, 'report-inputs-error-1280');
  // a reload (or a language switch, an expired session) keeps what was typed until it is saved
  await page.reload();
  await page.waitForSelector('#inputs-draft');
  assert.equal(await page.inputValue('#in-penalty-decisions'), '14.5');
  assert.equal(await page.inputValue('#in-sentence-fees'), '本年度未收取信息处理费，未发生减免。');
  await page.fill('#in-penalty-decisions', '14');
  await page.press('#in-penalty-decisions', 'Control+Enter');
  await page.waitForSelector('#report-doc');
  assert.match(await page.evaluate(() => location.hash), /^#\/report\/2024\/\d+$/, 'back to the report');
  assert.doesNotMatch(await text(page, '#report-checks'), /主动公开情况有\d+项数据尚未填写/);
  const proactive = await page.$$eval('#report-doc table[data-table="proactive"] td.value', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(proactive, ['0', '0', '2', '3', '1', '12', '86', '14', '2', '1.25']);
  assert.equal(await text(page, '#text-overview'), '2024年，我街道认真贯彻落实《中华人民共和国政府信息公开条例》。');
  assert.equal(await text(page, '#sentence-fees'), '本年度未收取信息处理费，未发生减免。');
  // the form shows what is stored, the rewritten sentence marked as such
  await page.click('#view-inputs');
  await page.waitForSelector('#inputs-form');
  assert.equal(await page.inputValue('#in-administrative_fees-amount'), '1.25');
  assert.match(await text(page, '#sentence-state-fees'), /已改写/);
  assert.match(await text(page, '#sentence-state-applications'), /系统生成/);
  await close();
});

test("the 2019 form's own section 二 columns: 本年增/减 may be negative", async () => {
  const { page, close } = await open('boss');
  await go(page, `#/report/2020/${street}?view=inputs`, '#inputs-form');
  const labels = await page.$$eval('#inputs-form fieldset.block label', (ls) => [...new Set(ls.map((l) => l.textContent.replace(/\s*\*$/, '')))]);
  for (const column of ['本年新制作数量', '本年新公开数量', '对外公开总数量', '上一年项目数量', '本年增/减', '处理决定数量', '采购项目数量', '采购总金额'])
    assert.ok(labels.includes(column), `${column} in ${labels}`);
  assert.ok(!labels.includes('本年制发件数'), "not the 2021 form's columns");
  const inputs = await page.$$eval('#inputs-form fieldset.block input', (is) => is.map((i) => i.id));
  assert.equal(inputs.length, 22, 'the 2019 form has 22 figures: 3 × 6 rows, 2 × 2');
  for (const id of inputs) await page.fill(`#${id}`, id.endsWith('-change') ? '-2' : '3');
  await page.click('#inputs-save');
  await page.waitForSelector('#report-doc');
  assert.doesNotMatch(await text(page, '#report-checks'), /主动公开情况有\d+项数据尚未填写/);
  const licensing = await page.$$eval('#report-doc table[data-table="proactive"] td.value[data-key="licensing"]', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(licensing, ['3', '-2', '3']);
  await close();
});

test('lock a year: a clerk sees no lock; an admin is warned, confirms, and later corrections show as an amendment', async () => {
  const clerk = await open('clerk1');
  await go(clerk.page, `#/report/2024/${street}`, '#report-status');
  assert.equal(await clerk.page.$('#lock-open'), null, 'no lock button for a clerk');
  assert.equal(await clerk.page.$('#view-inputs'), null, 'nor the inputs');
  assert.match(await text(clerk.page, '#lock-state'), /尚未锁定/);
  await clerk.close();

  const { page, close } = await open('boss');
  await go(page, `#/report/2024/${street}`, '#lock-open');
  await page.click('#lock-open');
  assert.match(await text(page, '#lock-warning'), /锁定后不能解除/);
  assert.ok(await page.isDisabled('#lock-go'), 'nothing happens before the confirmation');
  await shot(page, 'report-lock-1280');
  await page.check('#lock-confirm');
  await page.click('#lock-go');
  await page.waitForSelector('#report-status.is-locked');
  assert.match(await text(page, '#lock-state'), /已锁定发布。\s*boss 于 .* 锁定/);
  assert.equal(await page.$('#lock-open'), null, 'a lock is never lifted');
  await close();

  // a reply dated in 2024 is refused to the approver, who is told why ...
  const appr = await open('appr1');
  await go(appr.page, `#/request/${ids.d}`, '#event-type');
  await appr.page.selectOption('#event-type', 'replied');
  await appr.page.fill('#ev-on', '2024-12-30');
  await appr.page.selectOption('#ev-outcome', 'disclosed');
  await appr.page.click('#ev-submit');
  await appr.page.waitForSelector('#event-problem:not([hidden])');
  assert.match(await text(appr.page, '#event-problem'), /年度的报告已锁定发布，只有管理员说明理由后才能登记/);
  assert.equal(await appr.page.isHidden('#ev-override_reason'), true);
  await appr.close();
  // ... and recorded by an admin with a reason: the report then says what changed
  const admin = await open('boss');
  await go(admin.page, `#/request/${ids.d}`, '#event-type');
  await admin.page.selectOption('#event-type', 'replied');
  await admin.page.fill('#ev-on', '2024-12-30');
  await admin.page.selectOption('#ev-outcome', 'disclosed');
  await admin.page.click('#ev-submit');
  await admin.page.waitForSelector('[data-field="override_reason"].invalid');
  assert.equal(await focused(admin.page), 'ev-override_reason');
  await admin.page.fill('#ev-override_reason', '12月30日已答复，漏登记');
  await admin.page.click('#ev-submit');
  await admin.page.waitForSelector('#timeline li[data-type="replied"]');
  await go(admin.page, `#/report/2024/${street}`, '#report-amendment');
  assert.match(await text(admin.page, '#amendment-overrides'), /12月30日已答复，漏登记/);
  // (一)予以公开 and (七)总计 up by one, 四 down by one, in the research institution and total columns
  const changes = await admin.page.$$eval('#amendment-changes tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.ok(changes.some(([label, before, after_]) => label.startsWith('四、结转下年度继续办理') && label.endsWith('总计') && before === '1' && after_ === '0'), JSON.stringify(changes));
  assert.match(await text(admin.page, '#checks-failing'), /锁定发布后有\d+项数据发生变化/);
  await shot(admin.page, 'report-amended-1280');
  // a reconsideration filed in the locked year changes its table 四: recorded by an admin with a reason
  await go(admin.page, `#/request/${ids.e}`, '#rc-new-open');
  await admin.page.click('#rc-new-open');
  await admin.page.fill('#rc-new-filed_on', '2024-12-31');
  await admin.page.fill('#rc-new-authority', '某区人民政府');
  await admin.page.click('#rc-new-submit');
  await admin.page.waitForSelector('#rc-new [data-field="override_reason"].invalid');
  assert.equal(await focused(admin.page), 'rc-new-override_reason');
  await admin.page.fill('#rc-new-override_reason', '年底收到的复议申请漏登记');
  await admin.page.click('#rc-new-submit');
  await admin.page.waitForSelector('#reconsiderations li.record');
  assert.match(await text(admin.page, '#reconsiderations'), /计入2024年度报告表四：行政复议，尚未审结。/);
  await admin.close();
});

test('a fee notice: the quote inside the form, the amount prefilled, the notice listed and its window in the queue', async () => {
  const { page, close } = await open('appr1');
  await go(page, `#/request/${ids.fee}`, '#event-type');
  await page.selectOption('#event-type', 'fee_notice_issued');
  // the 11th application of the applicant to this body in June 2025: 100 yuan per item (art. 4)
  await page.waitForSelector('#quote-per-item');
  assert.match(await text(page, '#quote-per-item'), /第 11 件申请，应收 100 元/);
  await page.waitForFunction(() => document.querySelector('#ev-amount').value === '100');
  // per volume: 250 pages = 70 × 10 + 100 × 20 + 50 × 40 = 4 700 yuan (art. 5)
  await page.selectOption('#ev-method', 'per_volume');
  await page.fill('#ev-pages', '250');
  await page.waitForFunction(() => document.querySelector('#ev-amount').value === '4700');
  assert.match(await text(page, '#quote-per-volume'), /250 页，应收 4700 元/);
  await shot(page, 'request-fee-quote-1280');
  await page.click('#ev-submit');
  await page.waitForSelector('#fees-table');
  // noticed today 06-20; 20 working days: 06-23..27, 30, 07-01..04, 07..11, 14..18 → 07-18
  const notice = await page.$$eval('#fees-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(notice.length, 1);
  assert.match(notice[0][1], /按量计收.*250 页/);
  assert.match(notice[0][2], /4700 元/);
  assert.equal(notice[0][3], '2025-07-18');
  assert.match(notice[0][4], /待缴费/);
  await go(page, '#/queue', '#queue-table');
  assert.match(await page.textContent(`#queue-table tr.row[data-id="${ids.fee}"]`), /缴费期限 2025-07-18/);
  await close();
});

test('a reconsideration filed, decided and corrected with its reason; the queue shows the authority\'s date', async () => {
  const clerk = await open('clerk1');
  const page = clerk.page;
  await go(page, `#/request/${ids.f}`, '#remedies-card');
  assert.match(await text(page, '#remedies-none'), /尚无行政复议、行政诉讼记录/);
  await page.click('#rc-new-open');
  await page.fill('#rc-new-filed_on', '2025-04-01');
  await page.click('#rc-new-submit');
  // the authority is required: the API says so next to the field
  await page.waitForSelector('[data-field="authority"].invalid');
  assert.equal(await focused(page), 'rc-new-authority');
  await page.fill('#rc-new-authority', '某区人民政府');
  await page.fill('#rc-new-case_no', '区府复〔2025〕12号');
  await page.click('#rc-new-submit');
  await page.waitForSelector('#reconsiderations li.record');
  const rc = (await call('clerk1', 'GET', `/api/v1/requests/${ids.f}/reconsiderations`)).data.reconsiderations[0];
  // filed 04-01; acceptance deemed 5 working days later: 04-02, 03, (Qingming 04-04..06 off) 07, 08, 09;
  // the decision 60 days after 04-09: 06-08, a Sunday → Monday 06-09
  const dates = await text(page, `#rc-${rc.id}-dates`);
  assert.match(dates, /复议机关作出复议决定期限 2025-06-09（星期一）.*已逾期/);
  assert.match(await text(page, `#rc-${rc.id}`), /2025-04-09 （未记录受理日期，按申请后5个工作日推定）/);
  assert.doesNotMatch(await text(page, `#rc-${rc.id}`), /超过申请行政复议期限/, 'delivered 03-11: the 60 days end on 05-12 (05-10 a Saturday)');
  // the closed request is in the queue's overdue band by the authority's date
  await go(page, '#/queue', '#queue-table');
  const row = await page.$(`#queue-table tbody[data-band="overdue"] tr.row[data-id="${ids.f}"]`);
  assert.ok(row, 'a due reconsideration decision cannot be missed');
  assert.match(await row.textContent(), /复议决定期限 2025-06-09[\s\S]*已办结，复议诉讼进行中/);
  await shot(page, 'queue-remedies-1280');

  // the decision: a date before the filing is refused next to the date
  await go(page, `#/request/${ids.f}`, `#rc-${rc.id}-edit`);
  await page.click(`#rc-${rc.id}-edit`);
  const form = `#rc-edit-${rc.id}`;
  await page.fill(`${form}-decided_on`, '2025-03-20');
  await page.selectOption(`${form}-decision`, '维持');
  await page.click(`${form}-submit`);
  await page.waitForSelector('[data-field="decided_on"].invalid');
  assert.match(await text(page, `${form} [data-field="decided_on"] .error`), /决定日期早于申请日期|decided/);
  await page.fill(`${form}-decided_on`, '2025-06-05');
  await page.click(`${form}-submit`);
  await page.waitForFunction((id) => document.querySelector(`#rc-${id}`)?.textContent.includes('结果维持'), rc.id);
  // decided 06-05, service not recorded: the applicant may sue until 06-20
  assert.match(await text(page, `#rc-${rc.id}-dates`), /申请人复议后起诉期限.*2025-06-20/);
  // a recorded decision changes only with a reason
  await page.click(`#rc-${rc.id}-edit`);
  await page.selectOption(`${form}-decision`, '撤销');
  await page.click(`${form}-submit`);
  await page.waitForSelector('[data-field="correction_reason"].invalid');
  await page.fill(`${form}-correction_reason`, '录入错误：复议决定书为撤销');
  await page.click(`${form}-submit`);
  await page.waitForFunction((id) => document.querySelector(`#rc-${id}`)?.textContent.includes('结果纠正'), rc.id);
  await page.click(`#rc-${rc.id}-history summary`);
  await page.waitForSelector(`#rc-${rc.id}-history li`);
  const history = await text(page, `#rc-${rc.id}-history`);
  assert.match(history, /clerk1 登记行政复议/);
  assert.match(history, /复议决定：维持 → 撤销/);
  assert.match(history, /更正理由：录入错误：复议决定书为撤销/);
  // 撤销 orders a new reply (行政复议法 art. 64): its date is offered with the decision and then
  // waits, like the authority's decision did, until the new reply is recorded
  await page.click(`#rc-${rc.id}-edit`);
  await page.waitForSelector(`${form}-redo_due`, { state: 'visible' });
  await page.fill(`${form}-redo_due`, '2025-07-04');
  await page.click(`${form}-submit`);
  await page.waitForFunction((id) => document.querySelector(`#rc-${id}-dates`)?.textContent.includes('2025-07-04'), rc.id);
  assert.match(await text(page, `#rc-${rc.id} .ev-details`), /重新答复期限\s*2025-07-04/);
  assert.match(await text(page, `#rc-${rc.id}-dates`), /本机关重新答复（履行）期限（复议决定或裁判所定） 2025-07-04/);
  assert.equal((await call('clerk1', 'GET', `/api/v1/requests/${ids.f}/reconsiderations/${rc.id}`)).data.redo_due, '2025-07-04');
  await shot(page, 'request-reconsideration-1280');
  // the applicant sues after the decision: the suit names the reconsideration it follows
  await page.click('#lit-new-open');
  assert.deepEqual(await options(page, '#lit-new-route'), ['direct', 'after_reconsideration']);
  await page.selectOption('#lit-new-route', 'after_reconsideration');
  assert.match(await text(page, '#lit-new-reconsideration_id'), /某区人民政府 区府复〔2025〕12号 2025-06-05 撤销/);
  await page.fill('#lit-new-filed_on', '2025-06-18');
  await page.fill('#lit-new-court', '某区人民法院');
  await page.click('#lit-new-submit');
  await page.waitForSelector('#litigations li.record');
  assert.match(await text(page, '#litigations'), /复议后起诉[\s\S]*经过的行政复议：某区人民政府 区府复〔2025〕12号/);
  await clerk.close();

  // an auditor reads it all and records nothing
  const auditor = await open('audit1');
  await go(auditor.page, `#/request/${ids.f}`, '#reconsiderations');
  assert.equal(await auditor.page.$('#rc-new-open'), null);
  assert.equal(await auditor.page.$(`#rc-${rc.id}-edit`), null);
  await auditor.close();
});

test('a suit: reconsideration required first is flagged; the first instance decided, then only the instances that may follow', async () => {
  const { page, close } = await open('clerk1');
  await go(page, `#/request/${ids.g}`, '#lit-new-open');
  await page.click('#lit-new-open');
  assert.deepEqual(await options(page, '#lit-new-route'), ['direct'], 'no reconsideration of this request: a direct suit only');
  await page.fill('#lit-new-filed_on', '2025-05-06');
  await page.fill('#lit-new-court', '某区人民法院');
  await page.fill('#lit-new-served_on', '2025-05-12');
  await page.click('#lit-new-submit');
  await page.waitForSelector('#litigations li.record');
  const lit = (await call('clerk1', 'GET', `/api/v1/requests/${ids.g}/litigations`)).data.litigations[0];
  // a direct suit from 2024-01-01 against 不予公开 (withheld_process_info): 行政复议法 2023 art. 23
  assert.ok(await page.$(`#lit-${lit.id} [data-flag="reconsideration_required"]`));
  // served 05-12: the defence is due 15 days later, 05-27; the court's six months end on 11-06
  assert.match(await text(page, `#lit-${lit.id}-i1-dates`), /本机关提交答辩状期限.*2025-05-27/);
  assert.equal(await page.$(`#lit-${lit.id}-next`), null, 'no next instance before a judgment');
  await page.click(`#lit-${lit.id}-i1-edit`);
  const judgments = await options(page, `#inst-edit-${lit.id}-1-judgment`);
  assert.ok(!judgments.includes('维持原判') && !judgments.includes('发回重审'), 'a first instance is not decided by 维持原判 or 发回重审');
  await page.fill(`#inst-edit-${lit.id}-1-decided_on`, '2025-06-16');
  await page.selectOption(`#inst-edit-${lit.id}-1-judgment`, '驳回诉讼请求');
  await page.click(`#inst-edit-${lit.id}-1-submit`);
  await page.waitForSelector(`#lit-${lit.id}-next`);
  await page.click(`#lit-${lit.id}-next`);
  assert.deepEqual(await options(page, `#inst-new-${lit.id}-instance`), ['second', 'retrial'], 'after a first-instance judgment: an appeal or a retrial');
  await page.fill(`#inst-new-${lit.id}-filed_on`, '2025-06-18');
  await page.fill(`#inst-new-${lit.id}-court`, '某市中级人民法院');
  await page.click(`#inst-new-${lit.id}-submit`);
  await page.waitForSelector(`#lit-${lit.id}-i2`);
  assert.match(await text(page, `#lit-${lit.id}-i2`), /二审 某市中级人民法院/);
  assert.match(await text(page, `#lit-${lit.id}`), /尚未审结/, 'pending while the appeal runs');
  await shot(page, 'request-litigation-1280');
  await close();
});

test('the new pages at 1280×800 and 390 wide, in Chinese and English: screenshots, no sideways scrolling', async () => {
  const pages = [['report', `#/report/2024/${street}`, '#report-doc table.form'], ['report-inputs', `#/report/2024/${street}?view=inputs`, '#inputs-form'],
    ['report-legacy', `#/report/2017/${street}`, '#report-doc table.form'],
    ['request-remedies', `#/request/${ids.f}`, '#reconsiderations'], ['request-litigation', `#/request/${ids.g}`, '#litigations'],
    ['request-fees', `#/request/${ids.fee}`, '#fees-table'], ['queue-remedies', '#/queue', '#queue-table']];
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const lang of ['zh', 'en']) {
      const suffix = `${width}${lang === 'en' ? '-en' : ''}`;
      const { page, close } = await open('boss', { width, height, lang });
      for (const [name, hash, selector] of pages) {
        await go(page, hash, selector);
        const wide = await overflow(page);
        assert.ok(wide <= 1, `${name} at ${width} ${lang}: ${wide}px of sideways scrolling`);
        await shot(page, `${name}-${suffix}`);
      }
      if (lang === 'en') {
        await go(page, `#/report/2024/${street}`, '#report-doc');
        assert.match(await text(page, '#report-checks h2'), /^Checks$/);
        // the official form stays in Chinese
        assert.match(await text(page, '#report-doc table[data-table="applications"]'), /本年新收政府信息公开申请数量/);
      }
      await close();
    }
  }
});
