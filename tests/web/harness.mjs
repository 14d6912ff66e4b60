// What a browser test of the web client needs: its own database and ogid
// (with "today" fixed), users with bearer tokens for setting things up over
// the API as a script would, Debian's chromium through playwright-core, and a
// browser context per user that collects what every page must not do — a
// script error, a missing translation, a Content-Security-Policy violation,
// a request to another host.  A test file that cannot run says SKIP (77).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const build = process.env.OGI_BUILD_DIR || join(import.meta.dirname, '..', '..', 'build');
export const shots = join(build, 'test-logs', 'screenshots');
export const PASSWORD = 'front desk password';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIP: playwright-core is not installed (scripts/test installs it with npm)');
  process.exit(77);
}
if (!process.env.PGHOST && !process.env.PGPORT) {
  console.log('SKIP: no PostgreSQL test cluster (run through scripts/test)');
  process.exit(77);
}

export function conninfo(db) {
  const parts = [`dbname=${db}`];
  for (const [env, key] of [['PGHOST', 'host'], ['PGPORT', 'port'], ['PGUSER', 'user'], ['PGPASSWORD', 'password']])
    if (process.env[env]) parts.push(`${key}=${process.env[env]}`);
  return parts.join(' ');
}
export const psql = (sql, db = 'postgres') => execFileSync('psql', ['-X', '-q', '-t', '-A', '-d', conninfo(db), '-c', sql]).toString().trim();

// One ogid over a database of its own; stop() checks it exits cleanly and,
// under the sanitizers, reports nothing.
// extra: more of ogid's options, e.g. a lower limit a test reaches
export async function startOgid(name, today, extra = []) {
  const db = `${name}_${process.pid}`;
  const log = join(build, 'test-logs', `ogid-${name}-${process.pid}.log`);
  mkdirSync(shots, { recursive: true });
  psql(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  const ogictl = (args, input) => execFileSync(join(build, 'clients', 'cli', 'ogictl'), ['--database', conninfo(db), ...args], { input }).toString().trim();
  ogictl(['migrate']);
  const fd = openSync(log, 'a');
  const proc = spawn(join(build, 'daemon', 'ogid'), ['--database', conninfo(db), '--data-dir', mkdtempSync(join(tmpdir(), `${name}-`)),
    '--listen', '127.0.0.1:0', '--threads', '4', ...extra], { env: { ...process.env, OGI_TODAY: today }, stdio: ['ignore', 'pipe', fd] });
  closeSync(fd);
  const base = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^/]+)\//);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`ogid exited ${code}: ${out}`)));
  });
  const tokens = {};
  return {
    db, base, ogictl, tokens,
    // a user with a role on a body, a password for the login page and a token for the API
    addUser(user, role, body) {
      const id = Number(ogictl(['user', 'add', user, '--role', role, '--body', String(body), '--password-stdin'], `${PASSWORD}\n`));
      tokens[user] = ogictl(['token', 'create', user]).split(/\s+/).pop();
      return id;
    },
    // the JSON API as a script would call it, with a user's bearer token
    async call(user, method, path, body, headers = {}) {
      const r = await fetch(base + path, { method, headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      let data = null;
      try { data = text ? JSON.parse(text) : null; } catch { data = text; }
      return { status: r.status, etag: r.headers.get('etag'), data };
    },
    async stop() {
      const exited = proc.exitCode === null ? new Promise((r) => proc.on('exit', (code) => r(code))) : Promise.resolve(proc.exitCode);
      proc.kill('SIGTERM');
      const code = await exited;
      psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      const text = readFileSync(log, 'utf8');
      for (const mark of ['ERROR: AddressSanitizer', 'ERROR: LeakSanitizer', 'runtime error:'])
        assert.ok(!text.includes(mark), `sanitizer report in ${log}`);
      assert.equal(code, 0, `ogid exit status (log: ${log})`);
    },
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
}

// A browser context for one user, logged in through the login page, with the
// checks every page must pass collected as it goes; close() asserts them.
export async function open(browser, base, user, { width = 1280, height = 800, lang } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', isMobile: width < 500, hasTouch: width < 500, acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  // HTTP errors the tests provoke (401 before login, 400, 409, 412) are not script errors
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base + '/')) problems.push(`loaded from elsewhere: ${r.url()}`); });
  // in every frame: a sandboxed one (a letter's preview) has no storage
  if (lang === 'en') await ctx.addInitScript(() => { try { localStorage.setItem('ogi.lang', 'en'); } catch { /* sandboxed */ } });
  if (user) {
    await page.goto(base + '/');
    await page.waitForSelector('#login-form');
    await page.fill('#username', user);
    await page.fill('#password', PASSWORD);
    await page.click('#login-submit');
    await page.waitForSelector('#queue-list :is(table, p)');
  }
  return {
    ctx, page,
    async close() {
      await ctx.close();
      assert.deepEqual(problems, [], 'no script error, CSP violation, missing text or foreign request');
    },
  };
}

export async function go(page, hash, selector) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForSelector(selector);
}
export async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header belongs at the top of a full-page picture
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}
export const text = (page, sel) => page.textContent(sel);
export const options = (page, sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => o.value));
export const focused = (page) => page.evaluate(() => document.activeElement?.id);
export const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
