"""A body's settings for its letters (issue 13 item 1) over real HTTP and
PostgreSQL: GET /api/v1/bodies/{id} with the defaults filled in and named
(kind codes 依申复 / 依申告 / 依申征 / 依申收, the reconsideration body from a
parent 人民政府), PUT's round trip and its ETag, a stale If-Match (412),
every field's rule refused naming the field in Chinese and English, a code
another body has (409), a clerk (403) and another office's admin (404), the
audit rows with before and after, the first-start body 「本机关」 renamed;
the seal — a PNG stored and read back byte for byte, a JPEG, a cut-short
PNG, a damaged chunk, a PNG too small in pixels, one too large in bytes and
another Content-Type refused, removal —; the letter templates accepted and
refused by key; and the table's own checks under the API."""
import struct
import zlib

from ogitest import OgidTestCase, ogictl, psql, main

PW = "a good long password"
KINDS = ["receipt", "correction_notice", "extension_notice", "delay_notice", "third_party_consultation",
         "consultation_notice", "body_consultation", "override_notice", "fee_notice", "reply"]
DEFAULT_CODES = {"receipt": "依申收", "correction_notice": "依申告", "extension_notice": "依申告",
                 "delay_notice": "依申告", "third_party_consultation": "依申征", "consultation_notice": "依申告",
                 "body_consultation": "依申征", "override_notice": "依申告", "fee_notice": "依申告",
                 "reply": "依申复"}


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width=64, height=64, extra=b""):
    """A red disc-ish square as a real PNG (8-bit RGBA), with an optional ancillary chunk."""
    rows = b"".join(b"\x00" + b"\xcc\x00\x00\xff" * width for _ in range(height))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    if extra:
        out += chunk(b"tEXt", b"Comment\x00" + extra)
    return out + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


FULL = {
    "name": "平湛市马山区马山街道办事处",
    "code": "MSJD",
    "letter_prefix": "平湛马办",
    "kind_codes": {"reply": "依申答", "fee_notice": "依申费"},
    "address": "平湛市马山区马山路1号",
    "postcode": "524000",
    "phone": "0759-3333333转8001、0759-3333334",
    "office_hours": "工作日上午8:30-12:00，下午14:30-17:30",
    "reconsideration_body": "平湛市马山区人民政府",
    "reconsideration_address": "平湛市马山区政府路2号",
    "court": "平湛市马山区人民法院",
    "review_first_not_held": True,
}


class BodySettings(OgidTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.district = int(ogictl(cls.dbname, "body", "add", "平湛市马山区人民政府", "--parent", "1").stdout)
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", str(cls.district)).stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", str(cls.district)).stdout)
        cls.sealbody = int(ogictl(cls.dbname, "body", "add", "印章测试街道", "--parent", str(cls.district)).stdout)
        cls.tplbody = int(ogictl(cls.dbname, "body", "add", "模板测试街道", "--parent", str(cls.district)).stdout)
        cls.c = {}
        for name, role, body in (("streetadmin", "admin", cls.street), ("streetclerk", "clerk", cls.street),
                                 ("otheradmin", "admin", cls.other), ("districtauditor", "auditor", cls.district),
                                 ("sealadmin", "admin", cls.sealbody), ("tpladmin", "admin", cls.tplbody)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl

    def get(self, body, who="streetadmin"):
        r = self.c[who].get(f"/api/v1/bodies/{body}")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), f'"{r.json["version"]}"')
        return r.json

    def audit(self, body, action):
        r = self.admin.get(f"/api/v1/audit?entity=body&entity_id={body}&limit=200")
        self.assertEqual(r.status, 200, r)
        return [e for e in r.json["entries"] if e["action"] == action]

    # --- GET and the defaults ---------------------------------------------------------------

    def test_defaults_of_a_street_office_under_a_district_government(self):
        b = self.get(self.other, "otheradmin")
        self.assertEqual((b["id"], b["name"], b["parent_id"], b["path"]), (self.other, "乙街道办事处", self.district,
                                                                         [1, self.district, self.other]))
        self.assertEqual(b["kind_codes"], DEFAULT_CODES)
        self.assertEqual(b["defaults"]["kind_codes"], DEFAULT_CODES)
        # 行政复议法 2023: the district government above reviews a street office's decisions
        self.assertEqual(b["reconsideration_body"], "平湛市马山区人民政府")
        self.assertEqual(b["defaults"]["reconsideration_body"], "平湛市马山区人民政府")
        for key in ("letter_prefix", "address", "postcode", "phone", "office_hours", "reconsideration_address", "court"):
            self.assertEqual((b[key], b["defaults"][key]), ("", ""), key)
        self.assertEqual(set(b["defaulted"]), {"letter_prefix", "address", "postcode", "phone", "office_hours",
                                               "reconsideration_body", "reconsideration_address", "court",
                                               *[f"kind_codes.{k}" for k in KINDS]})
        self.assertEqual((b["review_first_not_held"], b["has_seal"], b["seal_bytes"]), (False, False, 0))
        # a parent that is no 人民政府 gives no reconsideration body; nor does a top-level body
        self.assertEqual(self.get(self.district, "districtauditor")["reconsideration_body"], "")
        self.assertEqual(self.admin.get("/api/v1/bodies/1").json["reconsideration_body"], "")

    def test_any_role_reads_another_tree_is_not_found(self):
        self.assertEqual(self.get(self.street, "streetclerk")["id"], self.street)
        self.assertEqual(self.get(self.street, "districtauditor")["id"], self.street)  # an ancestor's role
        self.assertProblem(self.c["otheradmin"].get(f"/api/v1/bodies/{self.street}"), 404, "not_found")
        self.assertProblem(self.c["streetclerk"].get(f"/api/v1/bodies/{self.district}"), 404, "not_found")
        self.assertProblem(self.admin.get("/api/v1/bodies/999999"), 404, "not_found")

    # --- PUT --------------------------------------------------------------------------------

    def test_put_round_trip_etag_and_audit(self):
        a = self.c["streetadmin"]
        before = self.get(self.street)
        r = a.put(f"/api/v1/bodies/{self.street}", FULL, headers={"If-Match": f'"{before["version"]}"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["version"], before["version"] + 1)
        self.assertEqual(r.header("ETag"), f'"{before["version"] + 1}"')
        got = self.get(self.street)
        self.assertEqual(got, r.json)
        for key, value in FULL.items():
            if key != "kind_codes":
                self.assertEqual(got[key], value, key)
        self.assertEqual(got["kind_codes"], {**DEFAULT_CODES, "reply": "依申答", "fee_notice": "依申费"})
        self.assertEqual(set(got["defaulted"]), {f"kind_codes.{k}" for k in KINDS if k not in ("reply", "fee_notice")})
        # the list of bodies shows the new name and code
        listed = {b["id"]: b for b in a.get("/api/v1/bodies").json["bodies"]}
        self.assertEqual((listed[self.street]["name"], listed[self.street]["code"]), (FULL["name"], "MSJD"))
        # audited: who, and what changed before and after
        rows = self.audit(self.street, "update")
        self.assertTrue(rows, "no audit row")
        row = rows[0]
        self.assertEqual((row["actor"], row["body_id"], row["entity_id"]), ("streetadmin", self.street, str(self.street)))
        self.assertEqual(row["old_value"]["name"], "马山街道办事处")
        self.assertEqual(row["new_value"]["name"], FULL["name"])
        self.assertEqual(row["old_value"]["letter_prefix"], "")
        self.assertEqual(row["new_value"]["letter_prefix"], "平湛马办")
        self.assertEqual(row["new_value"]["kind_codes"]["reply"], "依申答")
        self.assertNotIn("defaults", row["new_value"])

        # a stale If-Match changes nothing
        r = a.put(f"/api/v1/bodies/{self.street}", {**FULL, "phone": "0759-1111111"},
                  headers={"If-Match": f'"{before["version"]}"'})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(self.get(self.street)["phone"], FULL["phone"])
        self.assertProblem(a.put(f"/api/v1/bodies/{self.street}", FULL, headers={"If-Match": "abc"}), 400,
                           "invalid_input", field="If-Match")

        # full replacement: what is left out goes back to its default
        r = a.put(f"/api/v1/bodies/{self.street}", {"name": FULL["name"], "code": "MSJD", "kind_codes": None,
                                                     "address": "", "postcode": None})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["kind_codes"], DEFAULT_CODES)
        self.assertEqual((r.json["address"], r.json["postcode"], r.json["letter_prefix"]), ("", "", ""))
        self.assertEqual(r.json["reconsideration_body"], "平湛市马山区人民政府")
        self.assertIn("reconsideration_body", r.json["defaulted"])
        self.assertFalse(r.json["review_first_not_held"])
        r = a.put(f"/api/v1/bodies/{self.street}", {**FULL, "code": None})
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["code"])
        self.assertEqual(a.put(f"/api/v1/bodies/{self.street}", FULL).status, 200)

    def test_every_rule_names_its_field_in_chinese_and_english(self):
        a = self.c["streetadmin"]
        cases = [
            ({"name": ""}, "name", "empty"),
            ({"name": "  \u3000 "}, "name", "required"),
            ({"name": "本机关"}, "name", "required"),
            ({"name": "马山\n街道"}, "name", "control_character"),
            ({"name": "街" * 201}, "name", "too_long"),
            ({"code": ""}, "code", "empty"),
            ({"code": "c" * 65}, "code", "too_long"),
            ({"letter_prefix": "办" * 21}, "letter_prefix", "too_long"),
            ({"letter_prefix": "平湛 马办"}, "letter_prefix", "ref_part"),
            ({"letter_prefix": "平湛2办"}, "letter_prefix", "ref_part"),
            ({"letter_prefix": "平湛〔马〕"}, "letter_prefix", "ref_part"),
            ({"kind_codes": {"reply": "复" * 13}}, "kind_codes.reply", "too_long"),
            ({"kind_codes": {"receipt": "依\t申"}}, "kind_codes.receipt", "ref_part"),
            ({"kind_codes": {"letter": "依申"}}, "kind_codes.letter", "unknown_field"),
            ({"kind_codes": {"reply": 7}}, "kind_codes.reply", "type"),
            ({"kind_codes": ["依申复"]}, "kind_codes", "type"),
            ({"postcode": "52400"}, "postcode", "postcode"),
            ({"postcode": "52400a"}, "postcode", "postcode"),
            ({"phone": "call us"}, "phone", "format"),
            ({"phone": "123-45"}, "phone", "format"),
            ({"phone": "1" * 51}, "phone", "too_long"),
            ({"office_hours": "上午\r\n下午"}, "office_hours", "control_character"),
            ({"address": "路" * 201}, "address", "too_long"),
            ({"reconsideration_body": "区" * 201}, "reconsideration_body", "too_long"),
            ({"reconsideration_address": "a\nb"}, "reconsideration_address", "control_character"),
            ({"court": "法" * 201}, "court", "too_long"),
            ({"review_first_not_held": "yes"}, "review_first_not_held", "type"),
            ({"seal": "x"}, "seal", "unknown_field"),
        ]
        version = self.get(self.street)["version"]
        for change, field, code in cases:
            with self.subTest(field=field, code=code):
                r = a.put(f"/api/v1/bodies/{self.street}", {**FULL, **change})
                p = self.assertProblem(r, 400, "invalid_input", field=field)
                self.assertIn(code, [e["code"] for e in p["errors"] if e["field"] == field], p)
                self.assertEqual(p["title"], "输入有误")
        # the same in English
        r = a.put(f"/api/v1/bodies/{self.street}", {**FULL, "postcode": "1234"}, headers={"Accept-Language": "en"})
        p = self.assertProblem(r, 400, "invalid_input", field="postcode")
        self.assertEqual(p["title"], "invalid input")
        self.assertIn("six digits", [e for e in p["errors"] if e["field"] == "postcode"][0]["message_en"])
        self.assertIn("6位数字", [e for e in p["errors"] if e["field"] == "postcode"][0]["message_zh"])
        # name is required; several errors at once
        p = self.assertProblem(a.put(f"/api/v1/bodies/{self.street}", {"postcode": "1", "phone": "x"}), 400,
                               "invalid_input", field="name")
        self.assertEqual({e["field"] for e in p["errors"]}, {"name"})  # the spec stops before the rules
        p = self.assertProblem(a.put(f"/api/v1/bodies/{self.street}", {"name": "甲", "postcode": "1", "phone": "x"}),
                               400, "invalid_input", field="postcode")
        self.assertEqual({e["field"] for e in p["errors"]}, {"postcode", "phone"})
        self.assertEqual(self.get(self.street)["version"], version, "nothing refused was stored")

    def test_code_of_another_body_is_a_conflict(self):
        self.assertEqual(self.c["otheradmin"].put(f"/api/v1/bodies/{self.other}",
                                                  {"name": "乙街道办事处", "code": "YJD"}).status, 200)
        p = self.assertProblem(self.c["streetadmin"].put(f"/api/v1/bodies/{self.street}", {**FULL, "code": "YJD"}),
                               409, "body_code_taken")
        self.assertIn("YJD", p["detail"])
        # its own code again is no conflict
        self.assertEqual(self.c["otheradmin"].put(f"/api/v1/bodies/{self.other}",
                                                  {"name": "乙街道办事处", "code": "YJD"}).status, 200)

    def test_clerk_is_forbidden_other_tree_not_found(self):
        self.assertProblem(self.c["streetclerk"].put(f"/api/v1/bodies/{self.street}", FULL), 403, "forbidden")
        self.assertProblem(self.c["districtauditor"].put(f"/api/v1/bodies/{self.street}", FULL), 403, "forbidden")
        # a street office's admin cannot rename its district, nor touch a sibling
        self.assertProblem(self.c["streetadmin"].put(f"/api/v1/bodies/{self.district}", {"name": "x"}), 404,
                           "not_found")
        self.assertProblem(self.c["otheradmin"].put(f"/api/v1/bodies/{self.street}", FULL), 404, "not_found")
        self.assertProblem(self.admin.put("/api/v1/bodies/999999", {"name": "x"}), 404, "not_found")

    def test_first_start_body_gets_its_real_name(self):
        first = self.admin.get("/api/v1/bodies/1")
        self.assertEqual(first.status, 200, first)
        self.assertEqual(first.json["name"], "本机关")
        # the placeholder is no name to sign letters with
        self.assertProblem(self.admin.put("/api/v1/bodies/1", {"name": "本机关", "phone": "0759-1234567"}), 400,
                           "invalid_input", field="name")
        r = self.admin.put("/api/v1/bodies/1", {"name": "平湛市人民政府办公室"},
                           headers={"If-Match": first.header("ETag")})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.admin.get("/api/v1/bodies").json["bodies"][0]["name"], "平湛市人民政府办公室")
        self.assertEqual(self.audit(1, "update")[0]["old_value"]["name"], "本机关")

    # --- the seal -----------------------------------------------------------------------------

    def put_seal(self, data, content_type="image/png", who="sealadmin", **headers):
        return self.c[who].put(f"/api/v1/bodies/{self.sealbody}/seal", raw=data,
                               headers={"Content-Type": content_type, **headers})

    def test_seal_stored_read_back_and_removed(self):
        url = f"/api/v1/bodies/{self.sealbody}/seal"
        a = self.c["sealadmin"]
        self.assertProblem(a.get(url), 404, "not_found")
        image = png(300, 300, extra=b"ogi test seal")
        v = self.get(self.sealbody, "sealadmin")["version"]
        r = self.put_seal(image, **{"If-Match": f'"{v}"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["bytes"], r.json["width"], r.json["height"], r.json["version"]),
                         (len(image), 300, 300, v + 1))
        self.assertEqual(r.header("ETag"), f'"{v + 1}"')
        got = self.c["districtauditor"].get(url)
        self.assertEqual(got.status, 200)
        self.assertEqual(got.header("Content-Type"), "image/png")
        self.assertEqual(got.body, image, "the same bytes")
        b = self.get(self.sealbody, "sealadmin")
        self.assertEqual((b["has_seal"], b["seal_bytes"]), (True, len(image)))
        rows = self.audit(self.sealbody, "set seal")
        self.assertEqual(rows[0]["new_value"], {"has_seal": True, "seal_bytes": len(image), "seal_width": 300,
                                                "seal_height": 300})
        # a stale version, a clerk, another office
        self.assertProblem(self.put_seal(image, **{"If-Match": f'"{v}"'}), 412, "precondition_failed")
        self.assertProblem(self.c["otheradmin"].get(url), 404, "not_found")
        self.assertProblem(self.put_seal(image, who="otheradmin"), 404, "not_found")
        self.assertProblem(self.put_seal(image, who="districtauditor"), 403, "forbidden")
        # a second one replaces it
        second = png(120, 100)
        self.assertEqual(self.put_seal(second).status, 200)
        self.assertEqual(a.get(url).body, second)
        # removed
        r = a.delete(url)
        self.assertEqual(r.status, 204, r)
        self.assertTrue(r.header("ETag"))
        self.assertProblem(a.get(url), 404, "not_found")
        self.assertProblem(a.delete(url), 404, "not_found")
        self.assertFalse(self.get(self.sealbody, "sealadmin")["has_seal"])
        self.assertEqual(self.audit(self.sealbody, "remove seal")[0]["old_value"]["seal_bytes"], len(second))

    def test_bad_seals_are_refused(self):
        good = png(80, 80)
        jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 200 + b"\xff\xd9"
        damaged = bytearray(good)
        damaged[45] ^= 0xFF  # inside IDAT: its CRC no longer matches
        no_idat = good[:33] + chunk(b"IEND", b"")
        undecodable = good[:33] + chunk(b"IDAT", b"not zlib data at all") + chunk(b"IEND", b"")
        cases = [
            ("a JPEG", jpeg, "image/png", 400, "seal_not_png"),
            ("text", b"not an image at all", "image/png", 400, "seal_not_png"),
            ("empty", b"", "image/png", 400, "seal_not_png"),
            ("the signature alone", good[:8], "image/png", 400, "seal_not_png"),
            ("cut inside IHDR", good[:20], "image/png", 400, "seal_not_png"),
            ("cut inside IDAT", good[: len(good) - 30], "image/png", 400, "seal_not_png"),
            ("without IEND", good[: len(good) - 12], "image/png", 400, "seal_not_png"),
            ("a damaged chunk", bytes(damaged), "image/png", 400, "seal_not_png"),
            ("no image data", no_idat, "image/png", 400, "seal_not_png"),
            ("image data that does not decode", undecodable, "image/png", 400, "seal_not_png"),
            ("8 × 8 pixels", png(8, 8), "image/png", 400, "seal_bad_size"),
            ("5000 pixels wide", png(5000, 40), "image/png", 400, "seal_bad_size"),
            ("over 512 KB", png(64, 64, extra=b"x" * (600 * 1024)), "image/png", 400, "seal_too_large"),
            ("sent as JPEG", good, "image/jpeg", 415, "body_type_not_accepted"),
            ("sent as JSON", good, "application/json", 415, "body_type_not_accepted"),
        ]
        for what, data, ctype, status, code in cases:
            with self.subTest(what):
                p = self.assertProblem(self.put_seal(data, ctype), status, code)
                if status == 400:
                    self.assertTrue(p.get("detail"), p)
        self.assertProblem(self.c["sealadmin"].get(f"/api/v1/bodies/{self.sealbody}/seal"), 404, "not_found")
        # the media type's name is case-insensitive (RFC 9110 8.3.1)
        self.assertEqual(self.put_seal(good, "Image/PNG").status, 200)
        self.assertEqual(self.c["sealadmin"].delete(f"/api/v1/bodies/{self.sealbody}/seal").status, 204)

    # --- letter templates ------------------------------------------------------------------------

    def test_templates_accepted_and_refused(self):
        url = f"/api/v1/bodies/{self.tplbody}/letter-templates"
        a = self.c["tpladmin"]
        r = a.get(url)
        self.assertEqual((r.status, r.json["overrides"]), (200, {}))
        # every template an office may change, its default text and the fields it offers
        keys = {k["key"]: k for k in r.json["keys"]}
        self.assertGreater(len(keys), 50)
        self.assertEqual(list(keys)[0], "common.opening", "in the engine's order")
        self.assertEqual(keys["common.closing"]["default"], "特此告知。")
        self.assertFalse(keys["common.closing"]["overridden"])
        fields = keys["correction_notice.due"]["fields"]
        self.assertEqual(fields[0], {"name": "correction_due", "label": "补正期限", "common": False})
        self.assertEqual([f["name"] for f in fields if f["common"]],
                         ["applicant", "you", "body", "received_on", "description", "tracking_no", "date",
                          "regulation"], "the common ones after the key's own")
        self.assertIn({"name": "applicant", "label": "申请人姓名或者名称", "common": True}, fields)
        self.assertEqual([f["name"] for f in keys["common.contact"]["fields"] if not f["common"]],
                         ["contact", "address", "postcode", "phone", "office_hours"])
        etag = r.header("ETag")
        mine = {"common.closing": "特此告知。", "common.contact": "如有疑问，请致电{phone}。"}
        r = a.put(url, mine, headers={"If-Match": etag})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json, mine)
        self.assertNotEqual(r.header("ETag"), etag)
        got = a.get(url).json
        self.assertEqual(got["overrides"], mine)
        self.assertEqual([k["key"] for k in got["keys"] if k["overridden"]], ["common.contact", "common.closing"])
        self.assertEqual({k["key"]: k["default"] for k in got["keys"]}["common.closing"], "特此告知。",
                         "the default stays what it is")
        self.assertEqual(self.c["districtauditor"].get(url).json["overrides"], mine)
        self.assertProblem(a.put(url, {}, headers={"If-Match": etag}), 412, "precondition_failed")
        rows = self.audit(self.tplbody, "update letter templates")
        self.assertEqual((rows[0]["old_value"], rows[0]["new_value"]),
                         ({"common.closing": None, "common.contact": None}, mine))
        for body, field, code in [
            ({"common.closing": ""}, "templates.common.closing", "empty"),
            ({"common.closing": "字" * 5001}, "templates.common.closing", "too_long"),
            ({"common.closing": 3}, "templates.common.closing", "type"),
            ({"no such key!": "文字"}, "templates.no such key!", "unknown_template"),
            ({"common.closing": "特此告知。{phone}"}, "templates.common.closing", "unknown_field"),
            ({"receipt.title": "{body}{nosuch}"}, "templates.receipt.title", "unknown_field"),
            ({"": "文字"}, "templates.", "unknown_template"),
        ]:
            with self.subTest(field=field, code=code):
                p = self.assertProblem(a.put(url, body), 400, "invalid_input", field=field)
                self.assertIn(code, [e["code"] for e in p["errors"]], p)
        self.assertProblem(a.put(url, ["common.closing"]), 400)
        # a NUL never reaches the rules: the JSON reader refuses it
        self.assertProblem(a.put(url, {"common.closing": "a\u0000b"}), 400, "malformed_json")
        self.assertProblem(self.c["streetadmin"].put(f"/api/v1/bodies/{self.street}", {**FULL, "address": "马山路\u0000"}),
                           400, "malformed_json")
        self.assertEqual(a.get(url).json["overrides"], mine, "nothing refused was stored")
        self.assertProblem(self.c["streetclerk"].put(f"/api/v1/bodies/{self.street}/letter-templates", {}), 403,
                           "forbidden")
        self.assertProblem(self.c["otheradmin"].get(url), 404, "not_found")
        # {} goes back to the defaults
        r = a.put(url, {})
        self.assertEqual((r.status, r.json), (200, {}))
        self.assertEqual(a.get(url).json["overrides"], {})

    # --- the table under the API -----------------------------------------------------------------

    def test_the_table_checks_what_the_api_checks(self):
        for sql in ("UPDATE bodies SET kind_codes = '{\"reply\": \"\"}' WHERE id = 1",
                    "UPDATE bodies SET kind_codes = '{\"letter\": \"依申\"}' WHERE id = 1",
                    "UPDATE bodies SET kind_codes = '[]' WHERE id = 1",
                    "UPDATE bodies SET letter_prefix = repeat('办', 21) WHERE id = 1",
                    "UPDATE bodies SET seal_png = '\\x474946383961'::bytea WHERE id = 1",
                    "UPDATE bodies SET letter_templates = '{\"k\": 1}' WHERE id = 1",
                    "UPDATE bodies SET letter_templates = '{\"k\": \"\"}' WHERE id = 1"):
            with self.subTest(sql=sql):
                with self.assertRaises(RuntimeError):
                    psql(sql, self.dbname)


if __name__ == "__main__":
    main()
