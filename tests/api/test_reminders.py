"""Reminders by e-mail (issue 16 item 4) with a real SMTP server on localhost
(python3-aiosmtpd) and real PostgreSQL: each working day from --reminder-time ogid sends
every user who opted in a digest of what is overdue or due within 3 working days on their
requests — exactly once (several ogid, ogictl remind --now: never twice); a user with
reminders off gets none; on a day off none is made (国庆节 2025-10-01); a mail server that
is down is retried with back-off and the digest goes once it is up; one that refuses (451:
retried, 550: given up) is counted on /metrics and shown to admins (GET /api/v1/reminders),
who can retry it; ogictl remind --dry-run sends and records nothing."""
import email
import email.policy
import os
import re
import socket
import subprocess
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from ogitest import OGICTL, Ogid, OgidTestCase, conninfo, main, ogictl, psql, test_key_file, wait_for

PW = "a good long password"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Mailbox:
    """What the SMTP server received, and how it answers (mode)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (envelope recipients, parsed message)
        self.logins = []
        self.mode = "ok"  # "ok", "451", "550"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "451":
            return "451 4.3.0 try again later"
        if self.mode == "550":
            return "550 5.1.1 mailbox unavailable"
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        with self.lock:
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=auth_data.login == b"ogi" and auth_data.password == b"s3cret:pw")

    def to(self, addr, day=None):
        with self.lock:
            return [m for rc, m in self.messages if addr in rc and
                    (day is None or day.replace("-", "") in m["Message-ID"])]


def smtp_server(box, port=0):
    c = Controller(box, hostname="127.0.0.1", port=port or free_port(), authenticator=box.authenticate,
                   auth_require_tls=False)
    c.start()
    return c


def metric(ogid, name):
    text = ogid.client().get("/metrics").body.decode()
    m = re.search(rf"^{name} (\d+)$", text, re.M)
    return int(m.group(1)) if m else None


class Reminders(OgidTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", "1",
                                "--code", "MS").stdout)
        cls.c, cls.uid = {}, {}
        for name, role in (("clerk", "clerk"), ("handler", "handler"), ("quiet", "handler")):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(cls.street),
                   "--display-name", {"clerk": "王登记", "handler": "李承办", "quiet": "赵安静"}[name],
                   "--password-stdin", input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
            cls.uid[name] = cl.get("/api/v1/session").json["user_id"]
        cls.admin = cls.ogid.admin()
        for name, on in (("handler", True), ("quiet", False)):
            r = cls.admin.patch(f"/api/v1/users/{cls.uid[name]}",
                                {"email": f"{name}@example.org", "reminders": on})
            assert r.status == 200, r
            assert r.json["email"] == f"{name}@example.org" and r.json["reminders"] is on, r.json
        # the handler's: overdue by 2025-09-22 (received 08-20: 20 working days → 09-17) and due
        # soon (received 08-26 → 09-23); the quiet one's, as late, of a user who wants no mail
        cls.late = cls.new("2025-08-20", "handler")
        cls.soon = cls.new("2025-08-26", "handler")
        cls.quiet_req = cls.new("2025-08-20", "quiet")
        cls.credentials = os.path.join(cls.ogid.data_dir, "..", f"smtp-{cls.dbname}.txt")
        with open(cls.credentials, "w") as f:
            f.write("ogi:s3cret:pw\n")

    @classmethod
    def tearDownClass(cls):
        os.unlink(cls.credentials)
        super().tearDownClass()

    @classmethod
    def new(cls, received_on, assignee):
        r = cls.c["clerk"].post("/api/v1/requests", {
            "body_id": cls.street, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": "张三"},
            "description": "2024年本街道老旧小区改造项目的招标文件",
            "form": {"medium": "paper", "delivery": "post"}})
        assert r.status == 201, r
        rid = r.json["id"]
        r = cls.c["clerk"].post(f"/api/v1/requests/{rid}/events",
                                {"type": "assigned", "on": received_on, "assignee": cls.uid[assignee]})
        assert r.status == 201, r
        return r.json

    def mailer(self, today, port, retry="1"):
        """An ogid sending digests through port as if it were today (started; stopped at the end)."""
        o = Ogid(self.dbname, env={"OGI_TODAY": today},
                 args=("--smtp-url", f"smtp://127.0.0.1:{port}", "--smtp-from", "ogi@example.org",
                       "--smtp-credentials", self.credentials, "--reminder-time", "00:00",
                       "--reminder-retry", retry))
        o.start()
        self.addCleanup(o.stop)
        return o

    def rounds(self, o, more=2):
        """Waits until the reminder thread of o has looked at the queue more times."""
        start = metric(o, "ogi_reminders_rounds_total")
        wait_for("reminder rounds", lambda: metric(o, "ogi_reminders_rounds_total") >= start + more)

    def digests(self, day, user="handler", status=None):
        r = self.admin.get("/api/v1/reminders" + (f"?status={status}" if status else ""))
        self.assertEqual(r.status, 200, r)
        return [d for d in r.json["reminders"] if d["day"] == day and d["user"]["id"] == self.uid[user]]

    def ctl(self, today, *args):
        env = dict(os.environ, OGI_TODAY=today)
        return subprocess.run([OGICTL, "--database", conninfo(self.dbname), "--key-file", test_key_file(),
                               "remind", *args], capture_output=True, text=True, env=env)

    def test_one_digest_with_the_due_dates(self):
        day = "2025-09-22"
        box = Mailbox()
        srv = smtp_server(box)
        self.addCleanup(srv.stop)
        o = self.mailer(day, srv.port)
        got = wait_for("the handler's digest", lambda: box.to("handler@example.org", day))
        # a second ogid on the same database, and ogictl remind --now: nothing sent twice
        o2 = self.mailer(day, srv.port)
        self.rounds(o2)
        self.rounds(o)
        r = self.ctl(day, "--now", "--smtp-url", f"smtp://127.0.0.1:{srv.port}", "--smtp-from", "ogi@example.org")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("sent 0", r.stdout)
        self.assertEqual(len(box.to("handler@example.org", day)), 1, "exactly one digest")
        self.assertEqual(box.to("quiet@example.org"), [], "reminders off: no mail")
        self.assertIn(("ogi", "s3cret:pw"), box.logins, "logged in with the credentials file")
        msg = got[0]
        self.assertEqual(str(msg["To"]), "李承办 <handler@example.org>")
        self.assertEqual(str(msg["From"]), "ogi@example.org")
        self.assertEqual(msg["Message-ID"], f"<ogi-remind-{self.uid['handler']}-20250922@example.org>")
        self.assertIn("已逾期", str(msg["Subject"]))
        body = msg.get_content()
        late_part, _, soon_part = body.partition("3个工作日内到期")
        self.assertIn(self.late["tracking_no"], late_part)
        self.assertIn(self.late["due_on"], late_part)
        self.assertEqual(self.late["due_on"], "2025-09-17")
        self.assertIn(self.soon["tracking_no"], soon_part)
        self.assertIn(f"{self.soon['due_on']}　还剩1个工作日", soon_part)
        self.assertNotIn(self.quiet_req["tracking_no"], body)
        self.assertNotIn("张三", body)
        d = self.digests(day, status="sent")
        self.assertEqual(len(d), 1, d)
        self.assertEqual((d[0]["email"], d[0]["attempts"], d[0]["last_error"]), ("handler@example.org", 1, None))
        self.assertEqual(self.digests(day, user="quiet"), [])
        self.assertGreaterEqual(metric(o, "ogi_reminders_sent_total") + metric(o2, "ogi_reminders_sent_total"), 1)
        o2.stop()  # SIGTERM: the reminder thread is joined, ogid ends cleanly
        self.assertEqual(o2.proc.returncode, 0)

    def test_day_off_sends_nothing(self):
        day = "2025-10-01"  # 国庆节
        box = Mailbox()
        srv = smtp_server(box)
        self.addCleanup(srv.stop)
        o = self.mailer(day, srv.port)
        self.rounds(o, 3)
        self.assertEqual(box.to("handler@example.org"), [])
        self.assertEqual(psql(f"SELECT count(*) FROM reminder_digests WHERE day = '{day}'", self.dbname).strip(), "0")
        r = self.ctl(day, "--dry-run")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("day off", r.stdout)

    def test_server_down_then_up(self):
        day = "2025-09-23"
        port = free_port()  # nothing listens there yet
        o = self.mailer(day, port)
        wait_for("a failed attempt", lambda: (metric(o, "ogi_reminders_failed_attempts_total") or 0) >= 1)
        d = wait_for("the digest kept queued", lambda: [x for x in self.digests(day, status="queued") if x["attempts"] >= 1])
        self.assertTrue(d[0]["last_error"], d)
        self.assertIsNotNone(d[0]["next_attempt_at"], d)
        self.assertEqual(o.client().get("/healthz").status, 200)  # no crash, requests served
        self.assertEqual(self.c["handler"].get("/api/v1/queue").status, 200)
        box = Mailbox()
        srv = smtp_server(box, port)
        self.addCleanup(srv.stop)
        wait_for("the digest once the server is up", lambda: box.to("handler@example.org", day))
        wait_for("recorded as sent", lambda: self.digests(day, status="sent"))
        self.rounds(o)
        self.assertEqual(len(box.to("handler@example.org", day)), 1, "no duplicate")
        self.assertGreaterEqual(metric(o, "ogi_reminders_sent_total"), 1)
        self.assertEqual(metric(o, "ogi_reminders_queued"), 0)

    def test_server_refusing(self):
        day = "2025-09-24"
        box = Mailbox()
        box.mode = "451"
        srv = smtp_server(box)
        self.addCleanup(srv.stop)
        o = self.mailer(day, srv.port)
        d = wait_for("a 451 counted and kept queued",
                     lambda: [x for x in self.digests(day, status="queued") if x["attempts"] >= 1])
        self.assertIn("451", d[0]["last_error"])
        self.assertGreaterEqual(metric(o, "ogi_reminders_failed_attempts_total"), 1)
        box.mode = "550"  # refused for good: given up at once, shown as failed
        d = wait_for("a 550 given up", lambda: self.digests(day, status="failed"))
        self.assertIn("550", d[0]["last_error"])
        self.assertIsNone(d[0]["next_attempt_at"])
        self.assertEqual(d[0]["user"]["username"], "handler")
        self.assertGreaterEqual(metric(o, "ogi_reminders_given_up_total"), 1)
        self.assertEqual(box.to("handler@example.org", day), [])
        # not a handler's to see or retry
        self.assertEqual(self.c["handler"].get("/api/v1/reminders").status, 403)
        self.assertEqual(self.c["handler"].post(f"/api/v1/reminders/{d[0]['id']}/retry").status, 403)
        r = self.admin.get("/api/v1/reminders?status=lost")
        self.assertProblem(r, 400, field="status")
        # the admin retries it once the server takes mail again
        box.mode = "ok"
        r = self.admin.post(f"/api/v1/reminders/{d[0]['id']}/retry")
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["status"], r.json["attempts"]), ("queued", 0))
        self.assertEqual(self.admin.post(f"/api/v1/reminders/{d[0]['id']}/retry").status, 404)  # not failed now
        wait_for("the retried digest", lambda: box.to("handler@example.org", day))
        wait_for("recorded as sent", lambda: self.digests(day, status="sent"))
        self.assertEqual(len(box.to("handler@example.org", day)), 1)

    def test_dry_run_sends_and_records_nothing(self):
        day = "2025-09-26"
        box = Mailbox()
        srv = smtp_server(box)
        self.addCleanup(srv.stop)
        r = self.ctl(day, "--dry-run", "--smtp-url", f"smtp://127.0.0.1:{srv.port}", "--smtp-from", "ogi@example.org")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("handler@example.org", r.stdout)
        self.assertIn(self.late["tracking_no"], r.stdout)
        self.assertNotIn("quiet@example.org", r.stdout)
        self.assertIn("1 digest(s) would be sent", r.stdout)
        self.assertEqual(box.messages, [])
        self.assertEqual(psql(f"SELECT count(*) FROM reminder_digests WHERE day = '{day}'", self.dbname).strip(), "0")
        r = self.ctl(day, "--now")
        self.assertEqual(r.returncode, 1)
        self.assertIn("--smtp-url", r.stderr)


if __name__ == "__main__":
    main()
