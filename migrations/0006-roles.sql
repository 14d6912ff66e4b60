-- 0006 roles: ogid's requests run as the role ogi_app, never as the owner of the
-- tables or a superuser.  ogi_app may read and write the working tables, read
-- schema_migrations, and only read and append the history: every table whose
-- trigger calls refuse_history_change() (request_events, audit_log, and any
-- later one that uses it).  The trigger refuses UPDATE and DELETE to everyone,
-- owner included; the missing privileges refuse them to ogid before the
-- trigger is even reached, and TRUNCATE too.
--
-- ogi_apply_grants() derives the privileges from the tables as they are, so
-- a later migration needs no grants of its own: migrations are applied by
-- ogictl migrate / the embedded ogid, which call it after every run (and
-- ogictl restore after loading a backup).  Roles are shared by every database
-- of a cluster; ogi_app is made here when it does not exist yet, which needs
-- CREATEROLE (an operator whose migration login lacks it creates the role
-- first: docs/operations.md).

CREATE FUNCTION ogi_apply_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    history regclass;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ogi_app') THEN
        BEGIN
            CREATE ROLE ogi_app NOLOGIN;
        EXCEPTION
            -- made meanwhile by a migration of another database of the cluster
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'the role ogi_app does not exist and % may not create it',
                    current_user
                    USING HINT = 'as a superuser: CREATE ROLE ogi_app NOLOGIN (docs/operations.md)';
        END;
    END IF;
    GRANT USAGE ON SCHEMA public TO ogi_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ogi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ogi_app;
    REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ogi_app;
    FOR history IN
        SELECT DISTINCT t.tgrelid::regclass
        FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE p.proname = 'refuse_history_change'
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM ogi_app', history);
    END LOOP;
END $$;

REVOKE EXECUTE ON FUNCTION ogi_apply_grants() FROM PUBLIC;
SELECT ogi_apply_grants();

INSERT INTO schema_migrations (version, name) VALUES (6, 'roles');
