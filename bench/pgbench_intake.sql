-- The SQL work of one intake, done directly: the token lookup, the body's path, the
-- tracking counter, the request row and its registered event, in one transaction.
\set n random(1, 1000000000)
BEGIN;
SELECT t.id, u.id FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN user_roles r ON r.user_id = u.id
  WHERE t.token_hash = (SELECT token_hash FROM api_tokens ORDER BY id LIMIT 1);
SELECT path, name FROM bodies WHERE id = 1;
INSERT INTO tracking_counters (body_id, year, last_seq) VALUES (1, 2025, 1)
  ON CONFLICT (body_id, year) DO UPDATE SET last_seq = tracking_counters.last_seq + 1 RETURNING last_seq;
INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, regime, applicant_kind,
  applicant_name, applicant_id_type, applicant_id_number, applicant_phone, description, form_medium,
  form_delivery, status, due_on, correction_notice_due, clock)
  VALUES (1, 2025, :n, 'PG-' || :n, 'in_person', '2025-03-03', '2019', 'natural_person', '张三',
  'resident_id_card', '11010519491231002X', '13800000000', '2023年本街道老旧小区改造项目的招标文件',
  'electronic', 'email', 'registered', '2025-03-31', '2025-03-12', '{}') RETURNING id;
INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor)
  VALUES (currval('requests_id_seq'), 1, 'registered', '2025-03-03', '{}', 'bench');
COMMIT;
