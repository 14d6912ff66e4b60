-- An office's register (依申请公开登记台账) imported (issue 20, lib/db/register_import.h):
-- each run, and each row it created under the file's SHA-256 and the row's number and
-- under a key of the row's content per body, so importing the same file again, or the
-- same register saved again in another form, changes nothing.
CREATE TABLE register_import_runs (
    id          bigserial PRIMARY KEY,
    body_id     bigint NOT NULL REFERENCES bodies(id),
    file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_name   text CHECK (length(file_name) <= 255),
    sheet       text CHECK (length(sheet) <= 255),
    rows_total  integer NOT NULL CHECK (rows_total >= 0),
    created     integer NOT NULL CHECK (created >= 0),
    existed     integer NOT NULL CHECK (existed >= 0),
    refused     integer NOT NULL CHECK (refused >= 0),
    imported_at timestamptz NOT NULL DEFAULT now(),
    imported_by bigint REFERENCES users(id)
);
CREATE INDEX register_import_runs_body ON register_import_runs (body_id, imported_at);

CREATE TABLE register_import_rows (
    file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
    row_no      integer NOT NULL CHECK (row_no > 0),
    body_id     bigint NOT NULL REFERENCES bodies(id),
    row_key     text NOT NULL CHECK (row_key ~ '^[0-9a-f]{64}$'),
    request_id  bigint NOT NULL UNIQUE REFERENCES requests(id),
    run_id      bigint NOT NULL REFERENCES register_import_runs(id),
    PRIMARY KEY (file_sha256, row_no)
);
CREATE UNIQUE INDEX register_import_rows_key ON register_import_rows (body_id, row_key);

-- the audit row of a run belongs to the run's body
CREATE OR REPLACE FUNCTION audit_body_of(entity text, entity_id text, old_value jsonb,
                                         new_value jsonb)
RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT b.id FROM bodies b
    WHERE entity_id ~ '^[0-9]{1,18}$'
      AND b.id = CASE entity
        WHEN 'body' THEN entity_id::bigint
        WHEN 'report' THEN entity_id::bigint
        WHEN 'role' THEN (SELECT (v->>'body_id')::bigint
                          FROM (SELECT coalesce(new_value, old_value) AS v) r
                          WHERE jsonb_typeof(v->'body_id') = 'number')
        WHEN 'user' THEN audit_user_body(entity_id::bigint)
        WHEN 'token' THEN
            audit_user_body((SELECT t.user_id FROM api_tokens t WHERE t.id = entity_id::bigint))
        WHEN 'reconsideration' THEN
            (SELECT x.body_id FROM reconsiderations x WHERE x.id = entity_id::bigint)
        WHEN 'litigation' THEN
            (SELECT x.body_id FROM litigations x WHERE x.id = entity_id::bigint)
        WHEN 'litigation_instance' THEN
            (SELECT x.body_id FROM litigation_instances x WHERE x.id = entity_id::bigint)
        WHEN 'attachment' THEN
            (SELECT x.body_id FROM attachments x WHERE x.id = entity_id::bigint)
        WHEN 'supervision' THEN
            (SELECT x.body_id FROM supervisions x WHERE x.id = entity_id::bigint)
        WHEN 'calendar_feed' THEN
            audit_user_body((SELECT f.user_id FROM calendar_feeds f WHERE f.id = entity_id::bigint))
        WHEN 'online_correction' THEN
            (SELECT r.body_id FROM online_corrections x JOIN requests r ON r.id = x.request_id
             WHERE x.id = entity_id::bigint)
        WHEN 'register_import' THEN
            (SELECT x.body_id FROM register_import_runs x WHERE x.id = entity_id::bigint)
      END
$$;

INSERT INTO schema_migrations (version, name) VALUES (34, 'register-imports');
