// The same identity checks as the API (lib/idcheck.c), run as the clerk
// types: 居民身份证 GB 11643 and 统一社会信用代码 GB 32100.
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]);

export function checkResidentId(raw, today = new Date()) {
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, zh: '居民身份证号码应为18位（最后一位可为X）', en: 'a resident ID number has 18 characters (the last may be X)' };
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return { ok: false, zh: '前两位不是有效的省级行政区划代码', en: 'the first two digits are not a province code' };
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
    return { ok: false, zh: '出生日期无效', en: 'the birth date is not a real date' };
  if (birth > today) return { ok: false, zh: '出生日期晚于今天', en: 'the birth date is in the future' };
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * w[i];
  const check = '10X98765432'[sum % 11];
  if (check !== s[17]) return { ok: false, zh: '校验码不符，请核对号码', en: 'the check digit does not match' };
  return { ok: true };
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function checkUscc(raw) {
  const s = raw.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, zh: '统一社会信用代码应为18位', en: 'a unified social credit code has 18 characters' };
  for (const ch of s) if (!USCC.includes(ch)) return { ok: false, zh: '含有不允许的字符（不使用 I、O、Z、S、V）', en: 'contains a character not used (no I, O, Z, S, V)' };
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC.indexOf(s[i]) * w[i];
  const check = USCC[(31 - (sum % 31)) % 31];
  if (check !== s[17]) return { ok: false, zh: '校验码不符，请核对代码', en: 'the check character does not match' };
  return { ok: true };
}

export function checkId(type, value) {
  if (!value) return null;
  if (type === 'resident_id_card') return checkResidentId(value);
  if (type === 'uscc') return checkUscc(value);
  return null;
}
