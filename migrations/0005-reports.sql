-- 0005 reports: the annual report's outcome → row mapping (data, so a province can adjust it
-- without a release), the staff inputs of each body's report, the locks of published years and
-- the amendments recorded into a locked year, and the index the counting query reads.

-- Which row of each format counts a closed request's outcome, and (legacy format) which row
-- counts an application's channel.  Seeded with DESIGN.md §2 "Outcomes and the report rows";
-- row keys are those of lib/report.c (a key it does not know is reported by every export).
CREATE TABLE report_row_map (
    format  text NOT NULL CHECK (format IN ('2021', '2019', 'legacy')),
    kind    text NOT NULL CHECK (kind IN ('outcome', 'channel')),
    value   text NOT NULL,
    row_key text NOT NULL,
    PRIMARY KEY (format, kind, value)
);

INSERT INTO report_row_map (format, kind, value, row_key) VALUES
-- 2021 (国办公开办函〔2021〕30号)
('2021','outcome','already_public','disclosed'),
('2021','outcome','disclosed','disclosed'),
('2021','outcome','partial','partial'),
('2021','outcome','withheld_state_secret','withheld_state_secret'),
('2021','outcome','withheld_law_prohibited','withheld_law_prohibited'),
('2021','outcome','withheld_security_stability','withheld_security_stability'),
('2021','outcome','withheld_third_party','withheld_third_party'),
('2021','outcome','withheld_internal_affairs','withheld_internal_affairs'),
('2021','outcome','withheld_process_info','withheld_process_info'),
('2021','outcome','withheld_enforcement_file','withheld_enforcement_file'),
('2021','outcome','withheld_query_matter','withheld_query_matter'),
('2021','outcome','not_held_not_exist','unable_not_held'),
('2021','outcome','not_held_other_body','unable_not_held'),
('2021','outcome','needs_creation','unable_needs_creation'),
('2021','outcome','still_unclear','unable_still_unclear'),
('2021','outcome','not_government_info','other_other'),
('2021','outcome','rejected_petition','rejected_petition'),
('2021','outcome','rejected_repeat','rejected_repeat'),
('2021','outcome','rejected_publication','rejected_publication'),
('2021','outcome','rejected_excessive','rejected_excessive'),
('2021','outcome','rejected_confirm_reissue','rejected_confirm_reissue'),
('2021','outcome','lapsed_correction','other_correction_lapsed'),
('2021','outcome','lapsed_fee','other_fee_lapsed'),
('2021','outcome','withdrawn','other_other'),
('2021','outcome','other','other_other'),
-- 2019 (国办公开办函〔2019〕60号): (六)其他处理 is one row
('2019','outcome','already_public','disclosed'),
('2019','outcome','disclosed','disclosed'),
('2019','outcome','partial','partial'),
('2019','outcome','withheld_state_secret','withheld_state_secret'),
('2019','outcome','withheld_law_prohibited','withheld_law_prohibited'),
('2019','outcome','withheld_security_stability','withheld_security_stability'),
('2019','outcome','withheld_third_party','withheld_third_party'),
('2019','outcome','withheld_internal_affairs','withheld_internal_affairs'),
('2019','outcome','withheld_process_info','withheld_process_info'),
('2019','outcome','withheld_enforcement_file','withheld_enforcement_file'),
('2019','outcome','withheld_query_matter','withheld_query_matter'),
('2019','outcome','not_held_not_exist','unable_not_held'),
('2019','outcome','not_held_other_body','unable_not_held'),
('2019','outcome','needs_creation','unable_needs_creation'),
('2019','outcome','still_unclear','unable_still_unclear'),
('2019','outcome','not_government_info','other_processing'),
('2019','outcome','rejected_petition','rejected_petition'),
('2019','outcome','rejected_repeat','rejected_repeat'),
('2019','outcome','rejected_publication','rejected_publication'),
('2019','outcome','rejected_excessive','rejected_excessive'),
('2019','outcome','rejected_confirm_reissue','rejected_confirm_reissue'),
('2019','outcome','lapsed_correction','other_processing'),
('2019','outcome','lapsed_fee','other_processing'),
('2019','outcome','withdrawn','other_processing'),
('2019','outcome','other','other_processing'),
-- legacy (up to 2018, the 2007 regulation's categories)
('legacy','outcome','already_public','agreed'),
('legacy','outcome','disclosed','agreed'),
('legacy','outcome','partial','agreed_partial'),
('legacy','outcome','withheld_state_secret','refused'),
('legacy','outcome','withheld_law_prohibited','refused'),
('legacy','outcome','withheld_security_stability','refused'),
('legacy','outcome','withheld_third_party','refused'),
('legacy','outcome','withheld_internal_affairs','refused'),
('legacy','outcome','withheld_process_info','refused'),
('legacy','outcome','withheld_enforcement_file','refused'),
('legacy','outcome','withheld_query_matter','redirected'),
('legacy','outcome','not_held_not_exist','not_exist'),
('legacy','outcome','not_held_other_body','not_this_body'),
('legacy','outcome','needs_creation','not_exist'),
('legacy','outcome','still_unclear','unclear'),
('legacy','outcome','not_government_info','not_government_info'),
('legacy','outcome','rejected_petition','not_government_info'),
('legacy','outcome','rejected_repeat','other'),
('legacy','outcome','rejected_publication','redirected'),
('legacy','outcome','rejected_excessive','other'),
('legacy','outcome','rejected_confirm_reissue','other'),
('legacy','outcome','lapsed_correction','unclear'),
('legacy','outcome','lapsed_fee','other'),
('legacy','outcome','withdrawn','other'),
('legacy','outcome','other','other'),
('legacy','channel','in_person','new_in_person'),
('legacy','channel','oral','new_in_person'),
('legacy','channel','fax','new_fax'),
('legacy','channel','email','new_email'),
('legacy','channel','online','new_online'),
('legacy','channel','post_registered','new_letter'),
('legacy','channel','post_ordinary','new_letter');

-- What staff enter for a body's report of a year: section 二's figures, the texts of the
-- sections the export cannot write (一, 五, 六) and their own versions of the generated
-- sentences, each with the generated text it replaced.  Validated by lib/report.c.
CREATE TABLE report_inputs (
    body_id    bigint NOT NULL REFERENCES bodies(id),
    year       int NOT NULL CHECK (year BETWEEN 2008 AND 2100),
    inputs     jsonb NOT NULL,
    version    int NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint REFERENCES users(id),
    updated_by_name text NOT NULL,
    PRIMARY KEY (body_id, year)
);

-- A published year: the report as it was locked (its JSON), for saying later what changed.
-- subtree: the lock covers the body's subtree report, so events of its sub-bodies are
-- refused too.  Locks are never lifted.
CREATE TABLE report_locks (
    body_id        bigint NOT NULL REFERENCES bodies(id),
    year           int NOT NULL CHECK (year BETWEEN 2008 AND 2100),
    subtree        boolean NOT NULL,
    format         text NOT NULL,
    snapshot       jsonb NOT NULL,
    locked_at      timestamptz NOT NULL DEFAULT now(),
    locked_by      bigint REFERENCES users(id),
    locked_by_name text NOT NULL,
    PRIMARY KEY (body_id, year)
);
CREATE TRIGGER report_locks_append_only BEFORE UPDATE OR DELETE ON report_locks
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- What an administrator recorded into a locked year, with the reason; the report lists them
-- in its amendment (更正说明).  Append-only.
CREATE TABLE report_amendments (
    id          bigserial PRIMARY KEY,
    body_id     bigint NOT NULL REFERENCES bodies(id),  -- the locked report's body
    year        int NOT NULL,
    request_id  bigint REFERENCES requests(id),
    subject     text NOT NULL,                           -- event, intake, inputs, reconsideration, …
    detail      text NOT NULL,
    on_date     date,
    reason      text NOT NULL CHECK (length(btrim(reason)) > 0),
    actor_id    bigint REFERENCES users(id),
    actor       text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_amendments_year ON report_amendments (body_id, year, id);
CREATE TRIGGER report_amendments_append_only BEFORE UPDATE OR DELETE ON report_amendments
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- The counting query reads a body's requests by receipt date with the columns it groups by,
-- from the index alone where the visibility map allows.
CREATE INDEX requests_report ON requests (body_id, received_on)
    INCLUDE (closed_on, applicant_kind, outcome, channel);

INSERT INTO schema_migrations (version, name) VALUES (5, 'reports');
