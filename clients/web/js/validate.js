// The API's identity and contact checks (lib/idcheck.c), line for line, run
// as the clerk types: 居民身份证 GB 11643 (region, birth date, check digit),
// 统一社会信用代码 GB 32100 (alphabet, check character), other documents,
// phone and e-mail.  Same order of rules, same codes, same messages; the
// browser tests compare every case with the API's answer.
// Each check returns null when the value passes, else {code, zh, en}.  The C
// code counts bytes: the checks run on the UTF-8 bytes as characters 0–255.
const bytes = (s) => String.fromCharCode(...new TextEncoder().encode(s));
const fail = (code, zh, en) => ({ code, zh, en });

const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
  43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91]);
const isDigit = (c) => c >= '0' && c <= '9';

function validDate(y, m, d) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

// s: upper-cased and trimmed; today: 'YYYY-MM-DD'
export function checkResidentId(s, today) {
  if (s.length !== 18) return fail('length', '居民身份证号码应为18位', 'a resident ID number has 18 characters');
  for (let i = 0; i < 17; i++)
    if (!isDigit(s[i])) return fail('charset', '前17位应为数字', 'the first 17 characters must be digits');
  const last = s[17];
  if (!isDigit(last) && last !== 'X') return fail('charset', '最后一位应为数字或X', 'the last character must be a digit or X');
  if (!PROVINCES.has(Number(s.slice(0, 2))))
    return fail('region', '前两位不是有效的省级行政区划代码', 'the first two digits are not a province code');
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  if (y < 1900 || !validDate(y, m, d)) return fail('birth_date', '出生日期无效', 'the birth date is not a real date');
  if (`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}` > today)
    return fail('birth_date', '出生日期晚于今天', 'the birth date is in the future');
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * w[i];
  if ('10X98765432'[sum % 11] !== last) return fail('check_digit', '校验码不符，请核对号码', 'the check digit does not match');
  return null;
}

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function checkUscc(s) {
  if (s.length !== 18) return fail('length', '统一社会信用代码应为18位', 'a unified social credit code has 18 characters');
  const values = [];
  for (const c of s) {
    const v = USCC.indexOf(c.replace(/[a-z]/, (x) => x.toUpperCase()));
    if (v < 0) return fail('charset', '含有不允许的字符（不使用 I、O、Z、S、V）', 'contains a character not used (no I, O, Z, S, V)');
    values.push(v);
  }
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += values[i] * w[i];
  if ((31 - (sum % 31)) % 31 !== values[17]) return fail('check_digit', '校验码不符，请核对代码', 'the check character does not match');
  return null;
}

const isSpace = (c) => c === ' ' || (c >= '\t' && c <= '\r');

// An identity document of type (the API's id_type names); value as typed.
export function checkId(type, value, today) {
  let s = bytes(value);
  while (s.length && isSpace(s[0])) s = s.slice(1);
  while (s.length && isSpace(s[s.length - 1])) s = s.slice(0, -1);
  if (s.length === 0) return fail('empty', '证件号码不能为空', 'the number must not be empty');
  if (s.length >= 64) return fail('length', '证件号码过长', 'the number is too long');
  s = s.replace(/[a-z]/g, (c) => c.toUpperCase());
  if (type === 'resident_id_card') return checkResidentId(s, today);
  if (type === 'uscc') return checkUscc(s);
  for (const c of s)
    if (!/^[A-Z0-9 -]$/.test(c)) return fail('charset', '证件号码只能包含字母、数字和连字符', 'the number may contain letters, digits and hyphens');
  if (s.length < 5) return fail('length', '证件号码过短', 'the number is too short');
  return null;
}

export function checkPhone(value) {
  const s = bytes(value);
  let digits = 0;
  for (const c of s) {
    if (isDigit(c)) digits++;
    else if (!'-+ ()#'.includes(c)) return fail('format', '电话号码只能包含数字、空格、+、-、括号', 'a phone number may contain digits, spaces, +, - and parentheses');
  }
  if (s.length === 11 && digits === 11 && s[0] === '1' && s[1] < '3')
    return fail('format', '手机号码第二位应为3至9', "a mobile number's second digit is 3 to 9");
  if (digits < 7 || digits > 20) return fail('format', '电话号码位数不对', 'a phone number has 7 to 20 digits');
  return null;
}

export function checkEmail(value) {
  const s = bytes(value);
  const at = s.indexOf('@');
  if (at <= 0 || at === s.length - 1 || s.indexOf('@', at + 1) >= 0) return fail('format', '电子邮箱格式不对', 'not an e-mail address');
  const dot = s.indexOf('.', at + 1);
  if (dot < 0 || dot === at + 1 || dot === s.length - 1) return fail('format', '电子邮箱格式不对', 'not an e-mail address');
  for (const c of s) if (c.charCodeAt(0) <= 32) return fail('format', '电子邮箱不能含空格', 'an e-mail address has no spaces');
  return null;
}
