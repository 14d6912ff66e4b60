// The client's two dictionaries: every key in Chinese has its English and
// the other way round, and no key is written twice in one language (a second
// entry silently wins in a JavaScript object literal: a label meant for one
// form field once replaced another's).  Reads clients/web/js/i18n.js as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const source = readFileSync(join(import.meta.dirname, '..', '..', 'clients', 'web', 'js', 'i18n.js'), 'utf8');

function keys(name) {
  const start = source.indexOf(`const ${name} = {`);
  assert.ok(start >= 0, `no dictionary ${name}`);
  const end = source.indexOf('\n};', start);
  return [...source.slice(start, end).matchAll(/^\s*'([^']+)':|[{,]\s*'([^']+)':/gm)].map((m) => m[1] || m[2]);
}

for (const name of ['zh', 'en']) {
  test(`no key twice in ${name}`, () => {
    const seen = new Set(), twice = [];
    for (const k of keys(name)) (seen.has(k) ? twice : []).push(k), seen.add(k);
    assert.deepEqual(twice, []);
  });
}

test('the same keys in Chinese and English', () => {
  const zh = new Set(keys('zh')), en = new Set(keys('en'));
  assert.ok(zh.size > 300, `only ${zh.size} keys read`);
  assert.deepEqual([...zh].filter((k) => !en.has(k)), [], 'Chinese without English');
  assert.deepEqual([...en].filter((k) => !zh.has(k)), [], 'English without Chinese');
});
