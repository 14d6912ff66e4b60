"""Writes the seed corpus of each fuzz target into tests/fuzz/corpus/NAME/:
valid inputs of every kind, and a few near misses.  Run it after adding an
endpoint or a format (python3 tests/fuzz/seeds.py); the files are checked in.
libFuzzer grows its own corpus from these in build-fuzz, never here."""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()[:12]), "wb") as f:
        f.write(data)


def spec(route, body):
    write("specs", route + "\n" + (body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)))


applicant = {"kind": "natural_person", "name": "张三", "id_type": "resident_id_card",
             "id_number": "11010519491231002X", "phone": "13800000000", "email": "zhang@example.com",
             "address": "北京市东城区", "contact": "下午"}
intake = {"body_id": 1, "channel": "in_person", "received_on": "2024-09-27", "submitted_on": "2024-09-27",
          "confirmed_on": "2024-09-27", "applicant": applicant, "description": "2023年本街道老旧小区改造项目的招标文件",
          "purpose": "研究", "form": {"medium": "electronic", "delivery": "email"}}
spec("POST /api/v1/requests", intake)
spec("POST /api/v1/requests", dict(intake, applicant={"kind": "commercial_enterprise", "name": "某公司",
                                                       "id_type": "uscc", "id_number": "91350100M000100Y43"}))
spec("POST /api/v1/requests", dict(intake, received_on="2024-02-30"))
spec("POST /api/v1/requests", dict(intake, recieved_on="2024-09-27"))
spec("POST /api/v1/requests", {"body_id": "1"})
for ev in [
    {"type": "correction_requested", "on": "2024-10-08", "items": "请写明文件名称", "correction_due": "2024-10-20"},
    {"type": "correction_received", "on": "2024-10-21"},
    {"type": "consultation_started", "on": "2024-10-08", "party": "third_party", "name": "某公司",
     "party_received_on": "2024-10-09"},
    {"type": "consultation_ended", "on": "2024-10-25", "answer": "object", "reasons": "商业秘密",
     "consultation": 3, "override_public_interest": "公共利益"},
    {"type": "extension_approved", "on": "2024-10-20", "working_days": 20, "approver": "李主任", "reason": "档案"},
    {"type": "delay_set", "on": "2024-10-20", "due_on": "2024-12-20", "reason": "数量大"},
    {"type": "fee_notice_issued", "on": "2024-10-20", "method": "per_volume", "amount": 100, "pages": 120,
     "ordinal": 2, "pay_by": "2024-11-20"},
    {"type": "fee_paid", "on": "2024-10-22"},
    {"type": "fee_waived", "on": "2024-10-22", "reason": "低保"},
    {"type": "replied", "on": "2024-10-25", "outcome": "not_held_other_body", "referred_body": "区住建局",
     "basis": "第三十六条", "notes": "无", "delivered_on": "2024-10-26", "delivery_method": "post"},
    {"type": "replied", "on": "2024-10-25", "outcome": "withdrawn"},
    {"type": "withdrawn", "on": "2024-10-10", "notes": "申请人撤回"},
    {"type": "correction_lapsed", "on": "2024-11-10"},
    {"type": "fee_lapsed", "on": "2024-11-30"},
    {"type": "note", "on": "2024-10-10", "text": "来电", "override_reason": "更正"},
    {"type": "registered", "on": "2024-10-10"},
    {"type": "nonsense", "on": "2024-10-10"},
]:
    spec("POST /api/v1/requests/{id}/events", ev)
spec("POST /api/v1/session", {"username": "admin", "password": "a long password"})
spec("POST /api/v1/tokens", {"label": "nightly"})
spec("POST /api/v1/tokens", {})
spec("PUT /api/v1/session/password", {"current_password": "a long password", "new_password": "another long one"})
spec("POST /api/v1/bodies", {"parent_id": 1, "name": "某街道办事处", "code": "JD01"})
spec("PUT /api/v1/bodies/{id}", {"name": "平湛市马山区马山街道办事处", "code": "MSJD", "letter_prefix": "平湛马办",
                                  "kind_codes": {"reply": "依申复", "fee_notice": "依申告"}, "address": "马山路1号",
                                  "postcode": "524000", "phone": "0759-3333333转8001", "office_hours": "工作日",
                                  "reconsideration_body": "平湛市马山区人民政府", "reconsideration_address": "政府路2号",
                                  "court": "平湛市马山区人民法院", "review_first_not_held": True})
spec("PUT /api/v1/bodies/{id}", {"name": " ", "postcode": "1", "phone": "x", "kind_codes": {"letter": "〔"}})
spec("PUT /api/v1/bodies/{id}/letter-templates", {"reply.closing": "特此告知。{phone}", "bad key": ""})
spec("POST /api/v1/users", {"username": "clerk", "display_name": "王五", "password": "a long password",
                            "roles": [{"body_id": 1, "role": "clerk"}, {"body_id": 2, "role": "auditor"}]})
spec("POST /api/v1/users", {"username": "clerk", "password": "short", "roles": [{"body_id": 1, "role": "boss"}]})
spec("POST /api/v1/users/{id}/roles", {"body_id": 1, "role": "approver"})
spec("PATCH /api/v1/requests/{id}", {"reason": "申请人当场指出姓名录错", "applicant": {"name": "张珊",
     "id_type": "resident_id_card", "id_number": "110105199003071239", "phone": None},
     "received_on": "2025-05-12", "channel": "post_registered", "form": {"medium": "electronic"}})
spec("PATCH /api/v1/users/{id}", {"display_name": "王五", "active": False, "password": "a new long password"})
spec("PUT /api/v1/calendar/days/{date}", {"kind": "holiday", "name": "春节"})
spec("PUT /api/v1/calendar/days/{date}", {"kind": "rule"})
rc = {"filed_on": "2024-11-01", "authority": "某区人民政府", "case_no": "某复字〔2024〕1号",
      "accepted_on": "2024-11-05", "procedure": "simple", "extension_days": 30, "decided_on": "2024-12-20",
      "decision": "维持", "served_on": "2024-12-22", "notes": "无", "override_reason": "更正"}
spec("POST /api/v1/requests/{id}/reconsiderations", rc)
spec("POST /api/v1/requests/{id}/reconsiderations", {"filed_on": "2023-06-01", "authority": "x", "procedure": "quick"})
spec("PATCH /api/v1/requests/{id}/reconsiderations/{reconsideration_id}",
     {"decided_on": "2024-12-20", "decision": "撤销", "correction_reason": "录入错误"})
spec("POST /api/v1/requests/{id}/litigations",
     {"filed_on": "2025-03-10", "court": "某区人民法院", "route": "after_reconsideration", "reconsideration_id": 3,
      "procedure": "ordinary", "served_on": "2025-03-15", "hearing_on": "2025-04-01", "decided_on": "2025-05-01",
      "judgment": "驳回诉讼请求", "judgment_served_on": "2025-05-05", "case_no": "(2025)某0102行初1号"})
spec("PATCH /api/v1/requests/{id}/litigations/{litigation_id}", {"court": "某市中级人民法院", "notes": "移送"})
spec("POST /api/v1/requests/{id}/litigations/{litigation_id}/instances",
     {"instance": "second", "filed_on": "2024-11-28", "court": "某市中级人民法院"})
spec("PATCH /api/v1/requests/{id}/litigations/{litigation_id}/instances/{seq}",
     {"decided_on": "2025-01-10", "judgment": "维持原判", "correction_reason": "补录"})
spec("PUT /api/v1/reports/annual/{year}/{body_id}/inputs", {
    "proactive": {"regulations": {"issued": 1, "repealed": 0, "in_force": 4},
                  "normative_documents": {"issued": 6, "repealed": 2, "in_force": 31},
                  "licensing": {"decisions": 120}, "penalty": {"decisions": 15},
                  "enforcement": {"decisions": 0}, "administrative_fees": {"amount": 12.3456}},
    "text": {"overview": "本年度，我街道认真贯彻落实《条例》。", "problems": "一是……", "other": "无。"},
    "sentences": {"applications": "本年度共收到政府信息公开申请4件。"}, "override_reason": "更正"})
spec("PUT /api/v1/reports/annual/{year}/{body_id}/inputs", {"proactive": {"regulations": {"issued": -1}}})
spec("POST /api/v1/reports/annual/{year}/{body_id}/lock", {"subtree": True})
spec("POST /api/v1/requests/{id}/letters", {"kind": "reply", "letter_date": "2025-06-03", "facts": {
    "provided": "招标文件", "withheld_parts": [{"part": "身份证号码", "outcome": "withheld_third_party"}],
    "attachments": ["评标报告"]}})
spec("POST /api/v1/requests/{id}/letters", {"kind": "receipt"})
spec("PATCH /api/v1/requests/{id}/letters/{letter_id}", {"paragraphs": ["本机关于2025年5月6日收到您的申请。",
     "<b>特此告知。</b>"], "title": "答复书", "addressee": "张三", "letter_date": "2025-06-03"})
spec("PATCH /api/v1/requests/{id}/letters/{letter_id}", {"facts": {"search_done": "检索了档案室"}, "regenerate": True})
spec("POST /api/v1/requests/{id}/letters/{letter_id}/void", {"reason": "引用条款有误"})
spec("POST /api/v1/requests/{id}/letters/{letter_id}/deliveries", {"method": "post", "sent_on": "2025-06-05",
     "post_tracking_no": "XA123456789CN", "note": "挂号"})
spec("PATCH /api/v1/requests/{id}/letters/{letter_id}/deliveries/{delivery_id}", {"served_on": "2025-06-09",
     "signed_by": "张三", "note": None})
spec("POST /api/v1/tokens", "[1, 2, 3]")
spec("POST /api/v1/tokens", '{"' + "字" * 60 + '": 1}')

for d in ["2024-02-29", "2025-02-29", "2025-02-30", "1999-12-31", "2008-05-01", "0001-01-01", "9999-12-31",
          "2024-2-3", "2024-02-03x", "２０２４-01-01", ""]:
    write("date", d)

for t, n in [(0, "11010519491231002X"), (0, "11010519491231002x"), (0, " 110105194912310021 "), (1, "91350100M000100Y43"),
             (1, "91350100m000100y43"), (2, "E12345678"), (3, "H1234567890"), (4, "T12345678"), (5, "CHN110000000001"),
             (6, "其他证件 123"), (0, "13800000000"), (0, "zhang@example.com")]:
    write("idcheck", bytes([t]) + n.encode("utf-8"))

write("calendar_import", json.dumps({"year": 2027, "papers": [], "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
    {"name": "春节", "date": "2027-02-06", "isOffDay": False},
    {"name": "春节", "date": "2027-02-07", "isOffDay": True}]}, ensure_ascii=False))
write("calendar_import", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\n"
      "DTEND;VALUE=DATE:20270214\r\nSUMMARY:春节\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
      "DTSTART;VALUE=DATE:20270214\r\nSUMMARY:春节补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
write("calendar_import", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:元旦\nEND:VEVENT\nEND:VCALENDAR\n")
# recurrences as libical expands them (RRULE, RDATE, EXDATE, RECURRENCE-ID), DURATION, a fold
write("calendar_import", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART;VALUE=DATE:20250128\r\n"
      "RRULE:FREQ=DAILY;COUNT=8\r\nEXDATE;VALUE=DATE:20250130\r\nSUMMARY:春\r\n 节\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
      "UID:a@x\r\nRECURRENCE-ID;VALUE=DATE:20250129\r\nDTSTART;VALUE=DATE:20250205\r\nDURATION:P2D\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250126\r\nRDATE;VALUE=DATE:20250208\r\nSUMMARY:补班\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n")
write("calendar_import", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Asia/Shanghai:20250928T090000\n"
      "DTEND;TZID=Asia/Shanghai:20250929T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;UNTIL=20251012T000000Z\n"
      "SUMMARY:国庆节补班\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20251001\nRRULE:FREQ=YEARLY;BYMONTH=10;"
      "BYMONTHDAY=1,2,3\nSUMMARY:国庆节\nEND:VEVENT\nBEGIN:VTIMEZONE\nTZID:Asia/Shanghai\nBEGIN:STANDARD\n"
      "DTSTART:19700101T000000\nTZOFFSETFROM:+0800\nTZOFFSETTO:+0800\nEND:STANDARD\nEND:VTIMEZONE\nEND:VCALENDAR\n")


def png_chunk(kind, data):
    import struct, zlib
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, extra=b""):
    import struct, zlib
    rows = b"".join(b"\x00" + b"\xcc\x00\x00\xff" * width for _ in range(height))
    ihdr = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    return (b"\x89PNG\r\n\x1a\n" + ihdr + (png_chunk(b"tEXt", extra) if extra else b"")
            + png_chunk(b"IDAT", zlib.compress(rows)) + png_chunk(b"IEND", b""))


# seals: a good one, one too small, one cut short, one with a text chunk
write("seal", png(40, 40))
write("seal", png(8, 8))
write("seal", png(64, 32, b"Comment\x00seal")[:-7])
write("seal", png(32, 48, b"Comment\x00seal"))

for method, path in [("GET", "/healthz"), ("GET", "/api/v1/requests/12"), ("POST", "/api/v1/requests/12/events"),
                     ("GET", "/api/v1/calendar/2026"), ("PUT", "/api/v1/calendar/days/2026-01-01"),
                     ("DELETE", "/api/v1/tokens/7"), ("PATCH", "/api/v1/session"), ("GET", "/api/v1/requests/0"),
                     ("GET", "/api/v1/requests/999999999999999999"), ("GET", "/"), ("GET", "/js/app.js"),
                     ("POST", "/api/v1/users/3/roles"), ("GET", "/api/v1/requests.csv")]:
    write("routes", method + "\n" + path)

# headers: a trusted range, Forwarded, X-Forwarded-For, -Host, -Proto, then a password NUL username
for seed in ["127.0.0.1\n\n203.0.113.9\nogi.example.gov.cn\nhttps\na good long password\0clerk",
             "10.0.0.0/8\nfor=192.0.2.60;proto=https;host=ogi.example.gov.cn, for=10.0.0.5\n\n\n\nP@ssw0rd2024!\0admin",
             "::1\nfor=\"[2001:db8:cafe::17]:4711\"\n\n\n\nzhangweizhangwei\0zhangwei",
             "fd00::/8\n\n198.51.100.1, 203.0.113.9, fd00::2\nevil.example, ogi.example.gov.cn\nhttp, https\n1234567890",
             "0.0.0.0/0\nfor=unknown\nunknown\nbad host/<x>\nHTTPS\n          ",
             "192.168.1.7\n\n::ffff:198.51.100.4:80\n\n\n街道办事处前台的电脑2024\0li"]:
    write("headers", seed)

# http: a set-up byte (bit 0: 127.0.0.0/8 a trusted proxy, bit 1: a 4096-byte header limit), then
# the bytes a client sends: good requests and the leniencies of issue 19 item 7
def http(setup, text):
    write("http", bytes([setup]) + (text.encode("utf-8") if isinstance(text, str) else text))


H = "Host: 127.0.0.1:8080\r\n"
BEARER = "Authorization: Bearer " + "A" * 43 + "\r\n"
BODY = json.dumps(intake, ensure_ascii=False)
for setup, req in [
    (0, "GET /healthz HTTP/1.1\r\n" + H + "\r\n"),
    (0, "GET /api/v1/requests?q=%E5%BC%A0 HTTP/1.1\r\n" + H + BEARER + "\r\n"),
    (0, f"POST /api/v1/requests HTTP/1.1\r\n{H}{BEARER}Content-Type: application/json\r\n"
        f"Idempotency-Key: k-1\r\nContent-Length: {len(BODY.encode())}\r\n\r\n{BODY}"),
    (0, "POST /api/v1/session HTTP/1.1\r\n" + H + "Content-Type: application/json; charset=utf-8\r\n"
        "Origin: http://127.0.0.1:8080\r\nContent-Length: 44\r\n\r\n"
        '{"username":"admin","password":"a long one"}'),
    (0, "POST /api/v1/tokens HTTP/1.1\r\n" + H + "Content-Type: application/json\r\nContent-Length: 2\r\n"
        "Content-Length: 3\r\n\r\n{}"),
    (0, "POST /api/v1/tokens HTTP/1.1\r\n" + H + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}"),
    (0, "POST /api/v1/tokens HTTP/1.1\r\n" + H + "Content-Type: application/json\r\nTransfer-Encoding: chunked"
        "\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
    (0, b"GET /api/v1/session HTTP/1.1\r\n" + H.encode() + b"Authorization: Bearer " + b"A" * 43 + b"\x00junk\r\n\r\n"),
    (0, "PUT /api/v1/calendar/days/2024-03-01%00junk HTTP/1.1\r\n" + H + "Content-Type: application/json\r\n"
        "Content-Length: 17\r\n\r\n{\"kind\":\"rule\"}"),
    (0, "GET /healthz HTTP/1.2\r\n" + H + "\r\n"),
    (0, "POST /api/v1/tokens HTTP/1.1\r\n" + H + "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
        "Content-Length: 2\r\n\r\n{}"),
    (0, "POST /api/v1/tokens HTTP/1.1\r\n" + H + "Content-Type: application/jsonx\r\nContent-Length: 2\r\n\r\n{}"),
    (0, "POST /api/v1/calendar/import HTTP/1.1\r\n" + H + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}"),
    (2, "GET /healthz HTTP/1.1\r\n" + H + "Cookie: " + "a=b; " * 1700 + "\r\n\r\n"),
    (0, "GET /healthz HTTP/1.1\r\n" + H + "X-Folded: one\r\n two\r\n\r\n"),
    (0, "GET /api/v1/requests?q=%FF%FE HTTP/1.1\r\n" + H + BEARER + "\r\n"),
    (0, b"GET /api/v1/requests/\xe5\xbc HTTP/1.1\r\n" + H.encode() + b"\r\n"),
    (0, "GET /healthz HTTP/1.1\r\n" + H + "\r\nGET /readyz HTTP/1.1\r\n" + H + "\r\nGET /metrics HTTP/1.1\r\n"
        + H + "Connection: close\r\n\r\n"),
    (1, "POST /api/v1/session HTTP/1.1\r\nHost: ogid.internal\r\nForwarded: for=203.0.113.9;proto=https;"
        "host=ogi.example.gov.cn\r\nOrigin: https://ogi.example.gov.cn\r\nContent-Type: application/json\r\n"
        "Content-Length: 2\r\n\r\n{}"),
    (1, "GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.1, 127.0.0.5\r\n"
        "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n\r\n"),
    (0, "DELETE /api/v1/tokens/7 HTTP/1.1\r\n" + H + "Origin: http://evil.example\r\nCookie: ogi_session=abc\r\n\r\n"),
    (0, "GET / HTTP/1.0\r\n\r\n"),
    (0, "GET /" + "a" * 600 + " HTTP/1.1\r\n" + H + "\r\n"),
    (0, "PATCH /api/v1/session HTTP/1.1\r\n" + H + "\r\n"),
    (2, "GET /healthz HTTP/1.1\r\n" + H + "X-Big: " + "x" * 5000 + "\r\n\r\n"),
    (0, "POST /api/v1/requests HTTP/1.1\r\n" + H + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{"),
]:
    http(setup, req)

# letter: {kind, outcome, facts, overrides, edit} — a draft composed, stored, edited and printed
def letter(seed):
    write("letter", json.dumps(seed, ensure_ascii=False))


letter({"kind": "reply", "outcome": "disclosed", "facts": {"provided": "招标文件（共12页）", "attachments": ["评标报告"]},
        "overrides": {"reply.closing": "特此告知。如有疑问请致电{phone}。"},
        "edit": {"paragraphs": ["本机关于2024年3月5日收到您的申请。", "<script>alert(1)</script><b>特此告知。</b>"],
                 "title": "答复书", "addressee": "张三"}})
letter({"kind": "reply", "outcome": "partial", "facts": {"disclosed_part": "招标公告", "withheld_parts": [
    {"part": "身份证号码", "outcome": "withheld_third_party", "reasons": "个人信息"}]}})
letter({"kind": "reply", "outcome": "not_held_not_exist", "facts": {"search_done": "检索了档案室"},
        "edit": {"paragraphs": ["【待填写：检索情况】", "&lt;已转义&gt; & < >"]}})
letter({"kind": "reply", "outcome": "not_held_other_body", "facts": {"other_body_contact": "0759-1234567"}})
letter({"kind": "reply", "outcome": "rejected_repeat", "facts": {"earlier_ref": "平湛马办依申复〔2023〕1号",
                                                                 "earlier_on": "2023-05-06"}})
letter({"kind": "receipt", "overrides": {"receipt.body": "{unknown_field}"}, "edit": {"paragraphs": []}})
letter({"kind": "correction_notice", "facts": {"correction_content": "文件名称"}})
letter({"kind": "extension_notice"})
letter({"kind": "delay_notice"})
letter({"kind": "third_party_consultation", "facts": {"info_concerned": "合同"}})
letter({"kind": "consultation_notice"})
letter({"kind": "body_consultation", "facts": {"info_concerned": "会议纪要"}})
letter({"kind": "override_notice", "facts": {"disclose_on": "2024-04-15", "info_concerned": "合同"}})
letter({"kind": "fee_notice", "facts": {"pay_how": "到前台缴纳"}})
letter({"kind": "reply", "facts": {"bad": 1}})
# public: 0 then a public submission's body, or 1 then a proof-of-work challenge
public_app = {"body_id": 3, "applicant": {"kind": "natural_person", "name": "张三", "id_type": "resident_id_card",
              "id_number": "11010519491231002X", "phone": "13800000000", "email": "zhang@example.com",
              "address": "平湛市马山区幸福路8号", "postcode": "100010"},
              "information": {"title": "招标文件", "ref": "马办发〔2023〕5号", "description": "2023年老旧小区改造项目的招标文件\n评标报告"},
              "form": {"medium": "electronic", "delivery": "email"}, "declaration": True,
              "pow": {"challenge": "v1.1764000000.8.AAAAAAAAAAAAAAAAAAAAAA.x", "nonce": 644}}
write("public", b"\0" + json.dumps(public_app, ensure_ascii=False).encode("utf-8"))
org = json.loads(json.dumps(public_app))
org["applicant"].update({"kind": "commercial_enterprise", "id_type": "uscc", "id_number": "91350100M000100Y43",
                         "contact": "李四"})
write("public", b"\0" + json.dumps(org, ensure_ascii=False).encode("utf-8"))
bad = json.loads(json.dumps(public_app))
bad["applicant"]["name"] = "张\u202e三\n"
bad["declaration"] = False
write("public", b"\0" + json.dumps(bad, ensure_ascii=False).encode("utf-8"))
for ch in ["v1.1764000600.12.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
           "v1.1764000000.8.AAAAAAAAAAAAAAAAAAAAAA.x", "v1.9999999999.99.", ""]:
    write("public", b"\1" + ch.encode())
# workbook: the first byte names the file (0 .xlsx, 1 .csv, 2 .xls, 3 none), then its bytes: the
# unit test's fixtures (tests/unit/workbook/) and CSV of the shapes offices save
fixtures = os.path.join(HERE, "..", "unit", "workbook")
for f in ["handmade.xlsx", "openpyxl.xlsx", "date1904.xlsx", "doctype.xlsx", "notxlsx.zip"]:
    with open(os.path.join(fixtures, f), "rb") as fh:
        write("workbook", b"\0" + fh.read())
with open(os.path.join(fixtures, "gbk.csv"), "rb") as fh:
    write("workbook", b"\1" + fh.read())
write("workbook", b"\1" + "序号,收到日期,申请人\r\n1,2024-01-05,\"张三,\"\"代理\"\"\n人\"\r\n\r\n".encode())
write("workbook", b"\1\xef\xbb\xbf" + "序号\t申请人\r2\t李四\r".encode())
write("workbook", b"\1" + "序号\t申请人\n".encode("utf-16"))
write("workbook", b"\1a,\"b\nc\n")
write("workbook", b"\2\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 56)
