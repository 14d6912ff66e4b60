// 导入台账 (issue 20) in a real browser (Debian's chromium, playwright-core)
// against ogid over real HTTP and a real PostgreSQL, "today" 2026-06-20.
//
// An office's administrator chooses a small .xlsx (built with Debian's
// python3-openpyxl) whose receipt-date column is headed 来件时间, a heading
// the preset does not know: the page says the required column is missing,
// shows each column with its heading and sample values, and the outcome
// label the register uses that ogi does not know (同意给他看) as new.  The
// admin picks 收到日期 for column B and 予以公开 for the label, checks again
// (no problem left), starts the import, follows the progress bar to the
// result (新建 3 件, 已存在 0 件), finds the open request in the queue and the
// import in the list of earlier ones; a row with an impossible date in
// another file is listed as a problem in words (行, 列, 内容, 问题) with 开始导入
// disabled; the page in English; a clerk gets no such page.  Screenshots
// build/test-logs/screenshots/register-import-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startOgid, launch, open as openAs, go, text, overflow, shot } from './harness.mjs';

const TODAY = '2026-06-20';
let server, browser, street;
const open = (user, opts) => openAs(browser, server.base, user, opts);

// an .xlsx of rows under header, written by openpyxl
function xlsx(header, rows) {
  const script = `import io, json, sys, openpyxl
spec = json.loads(sys.stdin.read())
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '2026年台账'
ws.append(spec['header'])
for r in spec['rows']:
    ws.append(r)
buf = io.BytesIO()
wb.save(buf)
sys.stdout.buffer.write(buf.getvalue())`;
  return execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify({ header, rows }) });
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['序号', '来件时间', '申请人', '申请方式', '申请内容', '答复日期', '答复类型'];
const ROWS = [
  [1, '2026-01-06', '张三', '当面', '2025年本街道道路维修资金的使用情况', '2026-01-21', '予以公开'],
  [2, '2026-03-02', '李四', '邮寄', '老旧小区改造项目的招标文件', '2026-03-20', '同意给他看'],
  [3, '2026-06-08', '王五', '当面', '台账导入的在办申请：路灯维护合同', '', ''],
];

before(async () => {
  server = await startOgid('ogi_web_regimport', TODAY);
  street = Number(server.ogictl(['body', 'add', '平湛市马山区马山街道办事处', '--parent', '1', '--code', 'MS']));
  server.addUser('sadmin', 'admin', street);
  server.addUser('sclerk', 'clerk', street);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an admin uploads a register, fixes a column and a label, imports it and sees the result and the queue', async () => {
  const { page, close } = await open('sadmin');
  await go(page, `#/import/${street}`, '#ri-file');
  assert.match(await text(page, 'h1'), /导入台账/);
  assert.match(await text(page, '#nav'), /导入台账/);
  await page.setInputFiles('#ri-file', { name: '2026年登记台账.xlsx', mimeType: XLSX, buffer: xlsx(HEADER, ROWS) });
  await page.waitForSelector('#ri-columns');
  // 来件时间 is no heading the preset knows: the required column is said to be missing
  assert.match(await text(page, '#ri-summary'), /表头|收到日期/);
  assert.equal(await page.isDisabled('#ri-start'), true);
  assert.match(await text(page, '#ri-columns'), /来件时间/);
  assert.match(await text(page, '#ri-columns'), /张三、李四、王五/);
  assert.equal(await page.inputValue('#ri-col-C'), 'applicant_name');
  assert.equal(await page.inputValue('#ri-col-E'), 'description');
  await shot(page, 'register-import-uploaded');
  // the receipt date's column chosen, then checked again: the unknown label now shows
  await page.selectOption('#ri-col-B', 'received_on');
  await page.click('#ri-recheck');
  await page.waitForSelector('#ri-outcomes tr.new-label');
  assert.equal(await page.inputValue('#ri-col-B'), 'received_on');
  const problems = await text(page, '#ri-problems');
  assert.match(problems, /同意给他看/);
  assert.doesNotMatch(problems, /unknown_outcome|\/api\//);
  assert.match(await text(page, '#ri-outcomes tr.new-label'), /同意给他看/);
  await page.selectOption('#ri-outcomes tr.new-label select', 'disclosed');
  await page.click('#ri-recheck');
  await page.waitForSelector('#ri-problems-none');
  assert.match(await text(page, '#ri-summary'), /可以新建 3 件/);
  assert.equal(await page.isDisabled('#ri-start'), false);
  await shot(page, 'register-import-clean');
  await page.click('#ri-start');
  await page.waitForSelector('#ri-result');
  assert.match(await text(page, '#ri-progress-text'), /已导入 3 \/ 共 3 行/);
  assert.equal(await page.$eval('#ri-progress', (p) => [p.value, p.max].join('/')), '3/3');
  assert.match(await text(page, '#ri-result-line'), /新建 3 件，已存在 0 件/);
  await shot(page, 'register-import-done');
  await page.waitForSelector('#ri-history');
  assert.match(await text(page, '#ri-history'), /2026年登记台账\.xlsx/);
  assert.match(await text(page, '#ri-history'), /新建 3 件/);
  // the open one is in the queue
  await page.click('#ri-to-queue');
  await page.waitForSelector('#queue-list table');
  assert.match(await text(page, '#queue-list'), /王五/);
  // the closed ones kept their dates and outcome
  const list = await server.call('sadmin', 'GET', `/api/v1/requests?body_id=${street}&q=${encodeURIComponent('招标文件')}`);
  assert.equal(list.status, 200);
  const one = list.data.requests.find((r) => r.applicant.name === '李四');
  assert.deepEqual([one.received_on, one.outcome, one.closed_on], ['2026-03-02', 'disclosed', '2026-03-20']);
  await close();
});

test('a row with an impossible date is a problem in words and the import waits; the page in English and at 390 wide', async () => {
  const { page, close } = await open('sadmin');
  await go(page, `#/import/${street}`, '#ri-file');
  const rows = [[1, '2026-02-30', '赵六', '当面', '一份日期写错的申请', '', '']];
  const header = ['序号', '收到日期', '申请人', '申请方式', '申请内容', '答复日期', '答复类型'];
  await page.setInputFiles('#ri-file', { name: '错误台账.xlsx', mimeType: XLSX, buffer: xlsx(header, rows) });
  await page.waitForSelector('#ri-problems');
  const cells = await page.$$eval('#ri-problems tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
  assert.equal(cells[0], '2');
  assert.match(cells[1], /^B（收到日期）$/);
  assert.equal(cells[2], '2026-02-30');
  assert.match(cells[3], /[\u4e00-\u9fff]/);
  assert.equal(await page.isDisabled('#ri-start'), true);
  assert.match(await text(page, '#ri-start-why'), /有问题的行/);
  // only the rows without problems: none here, still nothing to start with an error only
  await page.setViewportSize({ width: 390, height: 800 });
  assert.ok(await overflow(page) <= 0, 'no sideways scrolling at 390 wide');
  await shot(page, 'register-import-problems-390');
  await close();
  const en = await open('sadmin', { lang: 'en' });
  await go(en.page, `#/import/${street}`, '#ri-file');
  assert.match(await text(en.page, 'h1'), /Import a register/);
  await en.page.waitForSelector('#ri-history');
  assert.match(await text(en.page, '#ri-history-h'), /Earlier imports/);
  assert.match(await text(en.page, '#ri-history'), /Imported: 3 new, 0 already there/);
  await shot(en.page, 'register-import-en');
  await en.close();
});

test('a clerk is not offered the page', async () => {
  const { page, close } = await open('sclerk');
  assert.doesNotMatch(await text(page, '#nav'), /导入台账/);
  await go(page, `#/import/${street}`, '#ri-none');
  assert.match(await text(page, '#ri-none'), /管理员/);
  await close();
});
