"""PostgreSQL restarted while a file is streaming in (issue 14 item 1): the upload's transaction
dies with its connection, so nothing of the file is left; the client gets 503 problem+json (or,
when its connection was dropped, no answer) and ogid stays up; once the database is back the
same file goes in whole.  The cluster is shared by the whole test run: meson runs this test alone
(is_parallel : false)."""
import hashlib
import os
import socket
import subprocess
import time
import urllib.parse

from attachfiles import pdf
from ogitest import OgidTestCase, main, pg_ctl, psql


def pg_ready():
    return subprocess.run(["pg_isready", "-q", "-t", "1"], capture_output=True).returncode == 0


class UploadDuringRestart(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2025-06-20"}

    def test_restart_mid_upload_leaves_nothing(self):
        r = self.admin.post("/api/v1/requests", {
            "body_id": 1, "channel": "in_person", "received_on": "2025-06-16",
            "applicant": {"kind": "natural_person", "name": "赵六"}, "description": "重启中的上传",
            "form": {"medium": "paper", "delivery": "pickup"}})
        self.assertEqual(r.status, 201, r)
        rid = r.json["id"]
        data = pdf(1_500_000)  # six chunks
        path = f"/api/v1/requests/{rid}/attachments?kind=other&name={urllib.parse.quote('重启.pdf')}"
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.ogid.port}\r\n"
                f"Cookie: ogi_session={self.admin.cookie}\r\nOrigin: http://127.0.0.1:{self.ogid.port}\r\n"
                f"Content-Type: application/pdf\r\nContent-Length: {len(data)}\r\n\r\n").encode()
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=30)
        try:
            s.sendall(head + data[:700_000])  # two chunks stored in the open transaction
            time.sleep(0.5)
            self.assertEqual(psql("SELECT count(*) FROM attachments", self.dbname), "0")
            r = pg_ctl("-m", "fast", "-w", "stop")
            self.assertEqual(r.returncode, 0, r.stderr)
            try:
                try:
                    s.sendall(data[700_000:])
                    got = b""
                    while b"\r\n\r\n" not in got:
                        part = s.recv(65536)
                        if not part:
                            break
                        got += part
                    got += s.recv(65536) if b"\r\n\r\n" in got and b"}" not in got else b""
                except (BrokenPipeError, ConnectionResetError):
                    got = b""
                if got:  # answered: the outage, in problem+json
                    self.assertTrue(got.startswith(b"HTTP/1.1 503 "), got[:300])
                    self.assertIn(b"database_unavailable", got)
                self.assertIsNone(self.ogid.proc.poll(), "ogid exited during the outage")
            finally:
                r = pg_ctl("-l", os.environ["OGI_TEST_PGLOG"], "-W", "start")
                self.assertEqual(r.returncode, 0, r.stderr)
        finally:
            s.close()
        deadline = time.monotonic() + 60
        while not pg_ready() and time.monotonic() < deadline:
            time.sleep(0.1)
        # nothing of the cut-off file, not a chunk
        self.assertEqual(psql("SELECT count(*) FROM attachments", self.dbname), "0")
        self.assertEqual(psql("SELECT count(*) FROM attachment_chunks", self.dbname), "0")
        # and the same file goes in whole once the database is back (a fresh upload connection)
        for _ in range(50):
            r = self.admin.post(path, raw=data, headers={"Content-Type": "application/pdf"})
            if r.status != 503:
                break
            time.sleep(0.2)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["sha256"], hashlib.sha256(data).hexdigest())
        self.assertEqual(self.admin.get(r.json["href"]).body, data)
        self.assertEqual(psql("SELECT count(*) FROM attachment_chunks", self.dbname), "6")


if __name__ == "__main__":
    main()
