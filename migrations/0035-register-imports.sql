-- 0035 register import jobs (issue 20 items 1-2): an office admin's upload of its register
-- (依申请公开登记台账, .xlsx or .csv) through the web page, kept as a job.  The file's bytes
-- stay here until the import is done, so the dry run can be repeated with an edited mapping
-- and the real run is done by a worker thread of any ogid (claimed FOR UPDATE SKIP LOCKED:
-- two daemons never run one job), not inside the HTTP request that started it.
--
-- status: 'checked' (uploaded; the last dry run's report in report), 'queued' (a run asked
-- for), 'running' (a worker holds it until lease_until, renewed as it goes; a lease that
-- ran out belongs to a daemon that died: its import transaction rolled back, so the job is
-- queued again), 'done' (result: what was created and what already existed), 'failed'
-- (result: why; the import wrote nothing).  rows_done counts the rows the running import
-- has gone through, written on a connection of its own while the import's own transaction
-- is still open (the page's progress bar); rows_total is the register's data rows.
-- mapping and outcomes: the column mapping and the outcome-label table of the last check
-- or of the run (lib/register.h's JSON); skip_invalid: the run writes the rows without errors
-- and reports the others as refused (otherwise a check with errors is not run).  The row is never deleted (the import's history);
-- data is dropped (NULL) once a run is done.
CREATE TABLE register_import_jobs (
    id           bigserial PRIMARY KEY,
    body_id      bigint NOT NULL REFERENCES bodies (id),
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes        bigint NOT NULL CHECK (bytes > 0),
    data         bytea,
    format       text NOT NULL,
    mapping      jsonb NOT NULL DEFAULT '{}',
    outcomes     jsonb NOT NULL DEFAULT '{}',
    skip_invalid boolean NOT NULL DEFAULT false,
    status       text NOT NULL DEFAULT 'checked'
                 CHECK (status IN ('checked', 'queued', 'running', 'done', 'failed')),
    rows_total   int NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
    rows_done    int NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
    problems     int NOT NULL DEFAULT 0 CHECK (problems >= 0),
    report       jsonb,
    result       jsonb,
    attempts     int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    lease_until  timestamptz,
    created_by   bigint REFERENCES users (id),
    created_by_name text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    run_by       bigint REFERENCES users (id),
    run_by_name  text,
    queued_at    timestamptz,
    started_at   timestamptz,
    finished_at  timestamptz,
    CHECK ((status = 'running') = (lease_until IS NOT NULL))
);
CREATE INDEX register_import_jobs_body ON register_import_jobs (body_id, id);
CREATE INDEX register_import_jobs_waiting ON register_import_jobs (queued_at)
    WHERE status IN ('queued', 'running');

INSERT INTO schema_migrations (version, name) VALUES (35, 'register-imports');
