"""Migration 0004 against real PostgreSQL: the fee and remedy tables hold
only what the annual report can count without guessing (statuses and dates
that agree, the decision and judgment vocabularies, derived results), and
never lose a row (DELETE is refused)."""
import unittest

from ogitest import create_database, drop_database, ogictl, psql, skip_without_cluster


class RemediesSchema(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)
        cls.db = create_database("rschema")
        ogictl(cls.db, "migrate")
        body = ogictl(cls.db, "body", "add", "某街道").stdout.strip()
        cls.body = body
        cls.req = psql(
            "INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, regime, applicant_kind, "
            f"applicant_name, description, status) VALUES ({body}, 2025, 1, 'T-2025-00001', 'online', "
            "'2025-03-03', '2019', 'natural_person', '张三', 'x', 'registered') RETURNING id", cls.db).splitlines()[0]
        cls.event = cls.new_event()

    @classmethod
    def new_event(cls):
        return psql(f"INSERT INTO request_events (request_id, body_id, type, on_date, actor) VALUES "
                    f"({cls.req}, {cls.body}, 'note', '2025-03-04', 't') RETURNING id", cls.db).splitlines()[0]

    @classmethod
    def tearDownClass(cls):
        drop_database(cls.db)

    def refused(self, sql, why):
        with self.assertRaises(RuntimeError, msg=why):
            psql(sql, self.db)

    def notice(self, **over):
        row = {"request_id": self.req, "body_id": self.body, "event_id": self.new_event(), "method": "'per_item'",
               "notice_on": "'2025-03-10'", "pay_by": "'2025-04-08'", "amount": "100"}
        row.update(over)
        return f"INSERT INTO fee_notices ({', '.join(row)}) VALUES ({', '.join(map(str, row.values()))})"

    def test_fee_notices(self):
        psql(self.notice(), self.db)
        self.refused(self.notice(), "one notice outstanding per request")
        psql(f"UPDATE fee_notices SET status = 'paid', settled_on = '2025-03-20', paid_amount = 80, "
             f"waiver_reason = 'dibao' WHERE request_id = {self.req}", self.db)
        self.refused(self.notice(status="'paid'"), "paid needs its date and amount")
        self.refused(self.notice(status="'waived'", settled_on="'2025-03-12'"), "a waiver needs its reason")
        self.refused(self.notice(status="'paid'", settled_on="'2025-03-12'", paid_amount="120"),
                     "no more collected than noticed")
        self.refused(self.notice(status="'paid'", settled_on="'2025-03-12'", paid_amount="100",
                                 waiver_reason="'dibao'"), "a reason only with a reduction")
        self.refused(self.notice(method="'per_item'", postage="8"), "cost fees only with the legacy method")
        self.refused(self.notice(amount="0"), "nothing to charge")
        self.refused(self.notice(settled_on="'2025-03-12'"), "outstanding has no settlement date")
        self.refused(f"DELETE FROM fee_notices WHERE request_id = {self.req}", "never deleted")
        self.assertEqual(psql(f"SELECT amount - paid_amount FROM fee_notices WHERE request_id = {self.req}",
                              self.db), "20.00")

    def test_fee_parts_collected(self):
        """0010: a payment of cost fees says what it collected of each part, adding up to it."""
        legacy = dict(method="'legacy'", search_fee="5", copy_fee="10", postage="15", amount="30")
        paid = dict(status="'paid'", settled_on="'2025-03-20'", paid_amount="20", waiver_reason="'hardship'")
        psql(self.notice(**legacy, **paid, paid_search_fee="0", paid_copy_fee="10", paid_postage="10"), self.db)
        self.refused(self.notice(**legacy, **paid, paid_search_fee="5", paid_copy_fee="10", paid_postage="10"),
                     "the parts add up to what was collected")
        self.refused(self.notice(**legacy, **paid, paid_search_fee="0", paid_copy_fee="0", paid_postage="20"),
                     "no part beyond what was noticed of it")
        self.refused(self.notice(**dict(legacy, method="'per_item'", search_fee="NULL", copy_fee="NULL",
                                        postage="NULL"), **paid, paid_postage="20"), "cost fees only")
        self.refused(self.notice(**legacy, paid_search_fee="5"), "a payment's parts, not an outstanding notice's")

    def test_remedy_records(self):
        rc = psql(f"INSERT INTO reconsiderations (request_id, body_id, filed_on, authority) VALUES "
                  f"({self.req}, {self.body}, '2025-04-01', '某区人民政府') RETURNING id", self.db).splitlines()[0]
        self.refused(f"UPDATE reconsiderations SET decided_on = '2025-05-01', decision = '同意', result = 'upheld' "
                     f"WHERE id = {rc}", "the decision vocabulary")
        self.refused(f"UPDATE reconsiderations SET decided_on = '2025-05-01', decision = '维持' WHERE id = {rc}",
                     "a decision has its result")
        self.refused(f"UPDATE reconsiderations SET decided_on = '2025-03-31', decision = '维持', result = 'upheld' "
                     f"WHERE id = {rc}", "no decision before the filing")
        self.refused(f"UPDATE reconsiderations SET procedure = 'simple', extension_days = 10 WHERE id = {rc}",
                     "the simple procedure is not extended")
        lit = psql(f"INSERT INTO litigations (request_id, body_id, filed_on, court, route, reconsideration_id) "
                   f"VALUES ({self.req}, {self.body}, '2025-06-01', '某区人民法院', 'after_reconsideration', {rc}) "
                   f"RETURNING id", self.db).splitlines()[0]
        self.refused(f"INSERT INTO litigations (request_id, body_id, filed_on, court, route) VALUES "
                     f"({self.req}, {self.body}, '2025-06-01', 'x', 'after_reconsideration')",
                     "after reconsideration names it")
        psql(f"INSERT INTO litigation_instances (litigation_id, body_id, seq, instance, filed_on) VALUES "
             f"({lit}, {self.body}, 1, 'first', '2025-06-01')", self.db)
        self.refused(f"INSERT INTO litigation_instances (litigation_id, body_id, seq, instance, filed_on) VALUES "
                     f"({lit}, {self.body}, 1, 'second', '2025-07-01')", "one instance per place")
        self.refused(f"UPDATE litigation_instances SET decided_on = '2025-07-01', judgment = '胜诉' "
                     f"WHERE litigation_id = {lit}", "the judgment vocabulary")
        psql(f"UPDATE litigation_instances SET decided_on = '2025-07-01', judgment = '发回重审' "
             f"WHERE litigation_id = {lit}", self.db)  # decided, no result: remanded
        for table in ("reconsiderations", "litigations", "litigation_instances"):
            self.refused(f"DELETE FROM {table}", f"{table} rows are never deleted")


if __name__ == "__main__":
    unittest.main(verbosity=2)
