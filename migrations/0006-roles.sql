-- 0006 roles: ogid's requests run as the role ogi_app, never as the owner of the
-- tables or a superuser.  ogi_app may read and write the working tables and read
-- schema_migrations, but is not granted what a table's refusing trigger forbids:
-- a trigger whose function is named refuse_… (refuse_history_change on
-- request_events and audit_log: UPDATE and DELETE; refuse_remedy_delete on the
-- fee and remedy records: DELETE).  The trigger refuses those changes to
-- everyone, owner included; the missing privileges refuse them to ogid before
-- the trigger is even reached.  TRUNCATE, which row triggers do not see, is
-- never granted.
--
-- ogi_apply_grants() derives the privileges from the tables and triggers as
-- they are, so a later migration needs no grants of its own: migrations are
-- applied by ogictl migrate / the embedded ogid, which call it after every run
-- (and ogictl restore after loading a backup).  Roles are shared by every
-- database of a cluster; ogi_app is made here when it does not exist yet, which
-- needs CREATEROLE (an operator whose migration login lacks it creates the role
-- first: docs/operations.md).

CREATE FUNCTION ogi_apply_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    guarded regclass;
    fires int;
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
    -- tgtype bits: 8 DELETE, 16 UPDATE (see pg_trigger.h)
    FOR guarded, fires IN
        SELECT t.tgrelid::regclass, bit_or(t.tgtype::int)
        FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE p.proname LIKE 'refuse\_%' AND NOT t.tgisinternal
        GROUP BY t.tgrelid
    LOOP
        IF fires & 16 <> 0 THEN
            EXECUTE format('REVOKE UPDATE ON %s FROM ogi_app', guarded);
        END IF;
        IF fires & 8 <> 0 THEN
            EXECUTE format('REVOKE DELETE ON %s FROM ogi_app', guarded);
        END IF;
    END LOOP;
    REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM ogi_app;
END $$;

REVOKE EXECUTE ON FUNCTION ogi_apply_grants() FROM PUBLIC;
SELECT ogi_apply_grants();

INSERT INTO schema_migrations (version, name) VALUES (6, 'roles');
