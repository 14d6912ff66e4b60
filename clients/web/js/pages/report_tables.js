// The statistics tables of the annual report drawn from its JSON in the
// merged-cell layout of the official forms, as the API's HTML export draws
// them (lib/report_layout.c): the same rows and columns, the same spans, the
// row labels and column labels as the API gives them, the figures formatted
// alike, and the cells a failing check names marked.  The headings the JSON
// does not carry are the forms' own fixed words (国办公开办函〔2021〕30号 and
// 〔2019〕60号; the 2007 regulation's reports for the legacy format); the
// browser test compares every cell here with the HTML export, in all three
// formats.  The tables stay in Chinese in either language: they are the
// official form.
import { h } from '../dom.js';

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const REMEDY_BLOCKS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'];
const REMEDY_COLS = ['upheld', 'corrected', 'other', 'pending', 'total'];
const REMEDY_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const LEGACY_RC = ['1.维持具体行政行为数', '2.被依法纠错数', '3.其他情形数', '4.尚未审结数'];
const LEGACY_LIT = ['1.维持具体行政行为或者驳回原告诉讼请求数', '2.被依法纠错数', '3.其他情形数', '4.尚未审结数'];
const WAIVERS = [['wubao', '1.农村五保供养对象'], ['dibao', '2.城乡居民最低生活保障对象'], ['youfu', '3.领取国家抚恤补助的优抚对象'],
  ['hardship', '4.确有经济困难的申请人'], ['other', '5.其他']];

// Figures as the exports print them: counts as integers, amounts of 万元 with
// the trailing zeros of four places dropped, yuan with two places.
export function intText(v) { return v === null || v === undefined ? '' : String(Math.round(v)); }
export function decimalText(v) {
  if (v === null || v === undefined) return '';
  return v.toFixed(4).replace(/\.?0+$/, '');
}
export function yuanText(v) { return v === null || v === undefined ? '' : (Math.round(v * 100) / 100).toFixed(2); }

// The cells the failing checks name: "table|row|column" → the checks' rules.
export function failingCells(report) {
  const out = new Map();
  for (const c of report.checks || []) {
    if (c.ok) continue;
    for (const cell of c.cells || []) {
      const k = `${cell.table}|${cell.row}|${cell.column}`;
      out.set(k, [...(out.get(k) || []), c.rule]);
    }
  }
  return out;
}

function head(text, rowspan = 1, colspan = 1, cls = null) {
  return h('th', { rowspan: rowspan > 1 ? rowspan : null, colspan: colspan > 1 ? colspan : null, class: cls, scope: colspan > 1 ? 'colgroup' : 'col' }, text);
}
function label(text, key, { rowspan = 1, colspan = 1, level = 0 } = {}) {
  return h('td', { class: level ? 'label l1' : 'label', rowspan: rowspan > 1 ? rowspan : null, colspan: colspan > 1 ? colspan : null, 'data-key': key }, text);
}

export function tables(report) {
  const fails = failingCells(report);
  const value = (table, key, col, text, colspan = 1) => {
    const rules = fails.get(`${table}|${key}|${col}`);
    return h('td', { class: rules ? 'value fail' : 'value', colspan: colspan > 1 ? colspan : null, 'data-key': key, 'data-col': col,
      'data-rules': rules ? rules.join(' ') : null }, text);
  };
  // column widths in the proportions of the export (lib/report_layout.c)
  const form = (name, widths, ...parts) => {
    const sum = widths.reduce((a, b) => a + b, 0);
    return h('table', { class: 'form', 'data-table': name },
      h('colgroup', {}, widths.map((w) => {
        const col = h('col');
        col.style.width = `${(100 * w / sum).toFixed(1)}%`; // CSSOM: the CSP allows no style attribute
        return col;
      })), ...parts);
  };
  const flat = (n) => [6, ...Array(n).fill(1.6)];
  const legacy = report.format === 'legacy';

  // 二、主动公开: blocks one under another in four columns; a block with fewer
  // figures lets its last one span the rest
  function proactive() {
    if (legacy) return null;
    const body = h('tbody');
    let block = null;
    for (const row of report.proactive.rows) {
      if (row.item !== block) {
        block = row.item;
        body.append(h('tr', {}, head(row.item, 1, 4, 'title')),
          h('tr', {}, head('信息内容'), row.columns.map((c, k) => head(c, 1, k + 1 === row.columns.length ? 3 - k : 1))));
      }
      const n = row.fields.length;
      body.append(h('tr', {}, label(row.label, row.key),
        row.fields.map((f, k) => value('proactive', row.key, k, f === 'amount' ? decimalText(row.values[k]) : intText(row.values[k]), k + 1 === n ? 3 - k : 1))));
    }
    return form('proactive', [2.2, 1.6, 1.6, 1.6], body);
  }

  function applications() {
    const { rows, column_labels: cols } = report.applications;
    if (legacy) {
      return form('applications', flat(1), h('thead', {}, h('tr', {}, head('项目', 1, 1, 'note'), head('数量（件）'))),
        h('tbody', {}, rows.map((r) => h('tr', {}, label(r.label, r.key, { level: /^\d/.test(r.label) ? 1 : 0 }),
          value('applications', r.key, 6, intText(r.values[6]))))));
    }
    const same = (a, b, level) => a && b && a.path.slice(0, level + 1).every((x, i) => x === b.path[i]) && b.path.length > level;
    const body = h('tbody');
    rows.forEach((r, i) => {
      const tr = h('tr');
      for (let level = 0; level < 3 && level < r.path.length; level++) {
        if (i > 0 && same(r, rows[i - 1], level)) continue; // under the merged cell above
        let span = 1;
        while (i + span < rows.length && same(r, rows[i + span], level)) span++;
        const last = level === 2 || level + 1 === r.path.length;
        tr.append(label(r.path[level], r.key, { rowspan: span, colspan: last ? 3 - level : 1 }));
      }
      r.values.forEach((v, k) => tr.append(value('applications', r.key, k, intText(v))));
      body.append(tr);
    });
    return form('applications', [1.3, 1.6, 4.6, 1, 1, 1, 1.15, 1.15, 1, 1], h('thead', {},
      h('tr', {}, head(NOTE, 3, 3, 'note'), head('申请人情况', 1, 7)),
      h('tr', {}, head(cols[0], 2), head('法人或其他组织', 1, 5), head(cols[6], 2)),
      h('tr', {}, cols.slice(1, 6).map((c) => head(c)))), body);
  }

  function remedies() {
    const rm = report.remedies;
    if (legacy) {
      const sum = (k) => rm.litigation_direct[k] + rm.litigation_after_reconsideration[k];
      const rows = [
        label('（一）行政复议数量', 'reconsideration'), value('remedies', 'reconsideration', 4, intText(rm.reconsideration.total)),
      ];
      const tr = (...cells) => h('tr', {}, cells);
      return form('remedies', flat(1), h('thead', {}, tr(head('项目'), head('数量（件）'))), h('tbody', {},
        tr(...rows),
        LEGACY_RC.map((l, k) => tr(label(l, `reconsideration_${REMEDY_COLS[k]}`, { level: 1 }), value('remedies', 'reconsideration', k, intText(rm.reconsideration[REMEDY_COLS[k]])))),
        tr(label('（二）行政诉讼数量', 'litigation'), value('remedies', 'litigation', 4, intText(sum('total')))),
        LEGACY_LIT.map((l, k) => tr(label(l, `litigation_${REMEDY_COLS[k]}`, { level: 1 }), value('remedies', 'litigation', k, intText(sum(REMEDY_COLS[k])))))));
    }
    return form('remedies', Array(15).fill(1), h('thead', {},
      h('tr', {}, head('行政复议', 1, 5), head('行政诉讼', 1, 10)),
      h('tr', {}, REMEDY_LABELS.map((l) => head(l, 2)), head('未经复议直接起诉', 1, 5), head('复议后起诉', 1, 5)),
      h('tr', {}, [...REMEDY_LABELS, ...REMEDY_LABELS].map((l) => head(l)))),
    h('tbody', {}, h('tr', {}, REMEDY_BLOCKS.flatMap((b, i) => REMEDY_COLS.map((c, k) => value('remedies', b, i * 5 + k, intText(rm[b][c])))))));
  }

  // 四、收费及减免 of the older reports
  function fees() {
    if (!legacy) return null;
    const f = report.fees.legacy;
    const tr = (...cells) => h('tr', {}, cells);
    const waived = WAIVERS.reduce((n, [k]) => n + f.waivers[k].count, 0);
    const waivedAmount = WAIVERS.reduce((n, [k]) => n + f.waivers[k].amount, 0);
    return form('fees', flat(2), h('thead', {}, tr(head('项目'), head('件数'), head('金额（元）'))), h('tbody', {},
      tr(label('（一）收取费用', 'paid'), value('fees', 'paid', 0, intText(f.paid)), value('fees', 'paid', 1, yuanText(f.paid_amount))),
      [['search', '1.检索费'], ['copy', '2.复制费'], ['postage', '3.邮寄费']].map(([k, l]) =>
        tr(label(l, k, { level: 1 }), value('fees', k, 0, ''), value('fees', k, 1, yuanText(f[k])))),
      tr(label('（二）减免费用', 'waived'), value('fees', 'waived', 0, intText(waived)), value('fees', 'waived', 1, yuanText(waivedAmount))),
      WAIVERS.map(([k, l]) => tr(label(l, `waived_${k}`, { level: 1 }), value('fees', `waived_${k}`, 0, intText(f.waivers[k].count)),
        value('fees', `waived_${k}`, 1, yuanText(f.waivers[k].amount))))));
  }

  return { proactive: proactive(), applications: applications(), remedies: remedies(), fees: fees() };
}

// Which sections hold what, per format (lib/report_layout.c report_sections):
// [text key | sentence key | table name] items, by the section's place.
export function sectionItems(format) {
  if (format === 'legacy') {
    return [[['text', 'overview']], [['sentence', 'proactive'], ['text', 'proactive']], [['sentence', 'applications'], ['table', 'applications']],
      [['sentence', 'fees'], ['table', 'fees']], [['sentence', 'remedies'], ['table', 'remedies']], [['text', 'problems']], [['text', 'other']]];
  }
  return [[['text', 'overview']], [['text', 'proactive'], ['table', 'proactive']], [['sentence', 'applications'], ['table', 'applications']],
    [['sentence', 'remedies'], ['table', 'remedies']], [['text', 'problems']], [['sentence', 'fees'], ['text', 'other']]];
}
