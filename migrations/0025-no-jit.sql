-- 0025 no JIT: PostgreSQL compiles a query to machine code (JIT) when its estimated cost
-- passes jit_above_cost, which the work queue's pass over a district's closed requests (its
-- remedy-date check) and the reports over a district or a city pass at a few million
-- requests.  The compilation (with inlining and optimisation) took 3.5 s of a 5.2 s queue
-- query on the shared 2-core machine at one million requests (bench/scale.sh), far more than
-- it saves in queries that read tens of thousands of rows; ogid's queries are all of that
-- kind, so the database does without it.  (A server setting jit = on elsewhere is untouched.)
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
END $$;

INSERT INTO schema_migrations (version, name) VALUES (25, 'no-jit');
