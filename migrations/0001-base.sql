-- 0001 base: the migration registry, bodies (a tree), users, roles, sessions,
-- API tokens and the audit log of administrative changes.

CREATE TABLE IF NOT EXISTS schema_migrations (
    version    int PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A body (机关): a district government, a department, a street office.
-- path holds the ids from the root down to the body itself, so "B and its
-- subtree" is path @> ARRAY[B] and "the ancestors of B" is B's path.
CREATE TABLE bodies (
    id         bigserial PRIMARY KEY,
    parent_id  bigint REFERENCES bodies(id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    code       text UNIQUE CHECK (code IS NULL OR length(code) BETWEEN 1 AND 64),
    path       bigint[] NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bodies_path ON bodies USING gin (path);

CREATE FUNCTION bodies_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := ARRAY[NEW.id];
    ELSE
        SELECT path || NEW.id INTO NEW.path FROM bodies WHERE id = NEW.parent_id;
        IF NEW.path IS NULL THEN
            RAISE EXCEPTION 'parent body % does not exist', NEW.parent_id;
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER bodies_path BEFORE INSERT ON bodies
    FOR EACH ROW EXECUTE FUNCTION bodies_set_path();

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
    display_name  text NOT NULL DEFAULT '',
    password_hash text,               -- argon2id (libsodium crypto_pwhash_str)
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- A role held on a body and its subtree.
CREATE TABLE user_roles (
    user_id bigint NOT NULL REFERENCES users(id),
    body_id bigint NOT NULL REFERENCES bodies(id),
    role    text NOT NULL CHECK (role IN ('auditor','clerk','handler','approver','admin')),
    PRIMARY KEY (user_id, body_id, role)
);

-- Sessions and tokens are stored as the SHA-256 of the secret the client holds.
CREATE TABLE sessions (
    id         bigserial PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    user_id    bigint NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen  timestamptz NOT NULL DEFAULT now(),
    ended_at   timestamptz
);

CREATE TABLE api_tokens (
    id         bigserial PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    user_id    bigint NOT NULL REFERENCES users(id),
    label      text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used  timestamptz,
    revoked_at timestamptz
);

-- Failed logins, per username and per address, for slowing down guessing.
CREATE TABLE login_failures (
    id       bigserial PRIMARY KEY,
    username text NOT NULL,
    address  text NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username ON login_failures (username, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- Every change to users, roles, bodies and the calendar: who, when, what,
-- old and new value.  Append-only, like request events.
CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor_id   bigint REFERENCES users(id),
    actor      text NOT NULL,          -- username, or 'ogictl', or 'ogid'
    entity     text NOT NULL,          -- 'user', 'role', 'body', 'calendar', 'token', 'report'
    entity_id  text NOT NULL,
    action     text NOT NULL,
    old_value  jsonb,
    new_value  jsonb
);

CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

INSERT INTO schema_migrations (version, name) VALUES (1, 'base');
