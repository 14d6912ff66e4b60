-- bench/scale.sh's dataset: a city (body 1) with 50 districts, each with 99 streets and
-- departments (5 001 bodies), :n requests received over the five years up to :'today'
-- and about four events each, made in SQL.  Run by psql with -v n=… -v today=….
-- Consistent with the schema: the bodies' paths come from their trigger; the requests'
-- and events' foreign keys hold by construction (the load skips their per-row checks
-- with session_replication_role and the ordinary indexes are built after it); every
-- closed request has a closing date, an outcome and its reply event; open ones are
-- mostly of the last six weeks (a few stale and overdue), in each open status.
\set ON_ERROR_STOP 1
SELECT setseed(0.17) \g /dev/null
SET maintenance_work_mem = '512MB';
SET work_mem = '256MB';

-- bodies: the city, 50 districts, 99 streets (60) and departments (39) under each
INSERT INTO bodies (id, name, code) VALUES (1, '某市人民政府', 'SHI');
INSERT INTO bodies (id, parent_id, name, code)
  SELECT 1 + d, 1, '第' || d || '区人民政府', 'D' || lpad(d::text, 2, '0')
  FROM generate_series(1, 50) d;
INSERT INTO bodies (id, parent_id, name, code)
  SELECT 51 + (d - 1) * 99 + k, 1 + d,
         CASE WHEN k <= 60 THEN '第' || d || '区第' || k || '街道办事处'
              ELSE '第' || d || '区' || (ARRAY['教育局','卫生健康局','住房和城乡建设局','自然资源局',
                   '生态环境局','民政局','公安分局','市场监督管理局','人力资源和社会保障局','财政局',
                   '交通运输局','水务局','城市管理局'])[1 + (k - 61) % 13] || (1 + (k - 61) / 13) END,
         'D' || lpad(d::text, 2, '0') || CASE WHEN k <= 60 THEN 'S' ELSE 'B' END || lpad(k::text, 2, '0')
  FROM generate_series(1, 50) d, generate_series(1, 99) k;
SELECT setval('bodies_id_seq', (SELECT max(id) FROM bodies)) \g /dev/null

-- the load: no per-row foreign-key checks (they hold by construction), indexes after
SET session_replication_role = replica;
CREATE TEMP TABLE saved_indexes AS
  SELECT indexname, indexdef FROM pg_indexes i
  WHERE tablename IN ('requests', 'request_events')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
SELECT format('DROP INDEX %I', indexname) FROM saved_indexes \gexec

-- requests: 2% at the city, 8% at the districts, 90% at streets and departments;
-- received every day of the five years, more each year (the density falls linearly with age)
INSERT INTO requests (id, body_id, registered_body_id, year, seq, tracking_no, channel, received_on, regime,
                      applicant_kind, applicant_name, applicant_phone, description, purpose,
                      status, due_on, closed_on, outcome, replied_late, extension_used,
                      correction_notice_due, created_at)
SELECT g, body, body, extract(year FROM rec)::int, g,
       code || '-' || extract(year FROM rec)::int || '-' || g, ch, rec, '2019', kind, name,
       '1' || (3000000000 + g)::text,
       '申请公开' || (ARRAY['某路段征收补偿安置方案','城市更新项目规划许可','学校招生划片范围',
         '道路施工审批文件','建设项目环境影响评价报告','低保发放名单','老旧小区改造资金使用情况',
         '河道整治工程合同','农村集体土地征收批复','拆除违法建设决定书','行政处罚决定书',
         '食品安全抽检结果','公租房分配名单','财政预算执行情况','地铁线路规划','医院收费标准'])
         [1 + (g * 7) % 16] || '的相关信息', '本人生活需要',
       st, CASE WHEN st = 'registered' THEN rec + 28 + CASE WHEN ext THEN 28 ELSE 0 END END,
       CASE WHEN st = 'closed' THEN least(rec + 1 + (random() * 40)::int, DATE :'today' - 1) END,
       CASE WHEN st = 'closed' THEN outcome END,
       st = 'closed' AND (random() < 0.03), ext,
       CASE WHEN corr THEN rec + 3 END, rec + time '09:30'
FROM (SELECT g, body, rec, ext, corr,
             CASE WHEN (rec > DATE :'today' - 42 AND u < 0.85) OR u < 0.004 THEN
                  CASE WHEN corr THEN 'awaiting_correction' WHEN v < 0.05 THEN 'consulting'
                       WHEN v < 0.09 THEN 'awaiting_payment' ELSE 'registered' END
                  ELSE 'closed' END AS st,
             (SELECT code FROM bodies WHERE id = body) AS code,
             ch, kind, name, outcome
      FROM (SELECT g,
                   CASE WHEN b < 0.02 THEN 1 WHEN b < 0.10 THEN 2 + (b * 1e6)::int % 50
                        ELSE 52 + (b * 1e7)::int % 4950 END AS body,
                   DATE :'today' - 1 - ((1 - sqrt(random())) * 1825)::int AS rec,
                   random() AS u, random() AS v,
                   g % 7 = 0 AS corr, g % 10 = 3 AS ext,
                   (ARRAY['online','online','online','in_person','post_registered','post_ordinary',
                          'email','oral','fax'])[1 + (random() * 8)::int] AS ch,
                   (ARRAY['natural_person','natural_person','natural_person','natural_person',
                          'commercial_enterprise','research_institution','social_welfare_org',
                          'legal_service_org','other_org'])[1 + (random() * 8)::int] AS kind,
                   (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高',
                          '林','何','郭','马','罗'])[1 + (g * 7) % 20] ||
                   (ARRAY['伟','芳','娜','秀英','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟',
                          '涛','明','超','秀兰','霞','平','刚','桂英','建华','文','华','红','建国',
                          '玉兰','志强'])[1 + (g * 13) % 30] AS name,
                   CASE WHEN o < 0.40 THEN 'disclosed' WHEN o < 0.50 THEN 'already_public'
                        WHEN o < 0.62 THEN 'partial' WHEN o < 0.72 THEN 'not_held_not_exist'
                        WHEN o < 0.76 THEN 'not_held_other_body' WHEN o < 0.80 THEN 'not_government_info'
                        WHEN o < 0.84 THEN 'withdrawn' WHEN o < 0.87 THEN 'withheld_third_party'
                        WHEN o < 0.89 THEN 'withheld_process_info' WHEN o < 0.91 THEN 'withheld_internal_affairs'
                        WHEN o < 0.93 THEN 'rejected_repeat' WHEN o < 0.95 THEN 'rejected_petition'
                        WHEN o < 0.96 THEN 'lapsed_correction' WHEN o < 0.97 THEN 'needs_creation'
                        WHEN o < 0.98 THEN 'withheld_state_secret' WHEN o < 0.99 THEN 'still_unclear'
                        ELSE 'other' END AS outcome
            FROM (SELECT g, random() AS o, random() AS b FROM generate_series(1, :n) g) s0) s1) s2;
SELECT setval('requests_id_seq', :n) \g /dev/null
INSERT INTO tracking_counters (body_id, year, last_seq)
  SELECT body_id, year, max(seq) FROM requests GROUP BY body_id, year;

-- events: registered; 0-3 notes; a correction asked and received (1 in 7); an
-- extension (1 in 10); the reply of every closed one
INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor, recorded_at)
SELECT id, body_id, type, on_date, payload, '科员' || (id % 17), on_date + time '10:00'
FROM (SELECT r.id, r.body_id, 0 AS k, 'registered' AS type, r.received_on AS on_date,
             jsonb_build_object('tracking_no', r.tracking_no, 'channel', r.channel) AS payload
      FROM requests r
      UNION ALL
      SELECT r.id, r.body_id, n, 'note', least(r.received_on + n, DATE :'today' - 1),
             jsonb_build_object('text', '已电话联系申请人，核实所需信息范围（第' || n || '次）')
      FROM requests r, generate_series(1, (r.id * 31 % 4)::int) n
      UNION ALL
      SELECT r.id, r.body_id, 10 + c, (ARRAY['correction_requested','correction_received'])[c],
             least(r.received_on + 2 + 4 * c, DATE :'today' - 1),
             CASE WHEN c = 1 THEN jsonb_build_object('items', jsonb_build_array('请明确所需信息的名称和文号'))
                  ELSE '{}'::jsonb END
      FROM requests r, generate_series(1, CASE WHEN r.status = 'awaiting_correction' THEN 1 ELSE 2 END) c
      WHERE r.id % 7 = 0
      UNION ALL
      SELECT r.id, r.body_id, 20, 'extension_approved', r.received_on + 18,
             jsonb_build_object('reason', '需要调取档案，情况复杂')
      FROM requests r WHERE r.extension_used AND r.received_on + 18 < DATE :'today'
      UNION ALL
      SELECT r.id, r.body_id, 30, 'replied', r.closed_on, jsonb_build_object('outcome', r.outcome)
      FROM requests r WHERE r.status = 'closed') e;

SET session_replication_role = origin;
SELECT indexdef FROM saved_indexes \gexec
VACUUM ANALYZE bodies;
VACUUM ANALYZE requests;
VACUUM ANALYZE request_events;
VACUUM ANALYZE tracking_counters;
