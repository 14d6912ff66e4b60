-- 0015 attachments: the papers of a case file (案卷材料) — the signed application form, the
-- identity copy, the 补正 material, a third party's answer, the released documents, the post
-- receipt and the signed 送达回证 — kept as their bytes in PostgreSQL (issue 14 item 1).
--
-- An attachment is one row of metadata and its bytes in attachment_chunks, fixed-size
-- chunks (chunk_size bytes each but the last) numbered from 0, written as the upload streams
-- in, all in the one transaction that inserts the attachments row: an upload cut off half-way
-- or interrupted by a database restart rolls back and leaves nothing.  The foreign key from a
-- chunk to its attachment is checked at commit, since the chunks come first.
--
-- Never deleted: a wrong one is voided with a reason (its bytes stay, and the audit row);
-- the database refuses every DELETE and every UPDATE but the one transition to void.
CREATE TABLE attachments (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests(id),
    body_id      bigint NOT NULL REFERENCES bodies(id),
    kind         text NOT NULL CHECK (kind IN ('application_form','identity_copy',
                     'correction_material','consultation_reply','released_document',
                     'delivery_proof','other')),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    content_type text NOT NULL,
    size         bigint NOT NULL CHECK (size > 0),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    chunk_size   int NOT NULL CHECK (chunk_size > 0),
    chunks       int NOT NULL CHECK (chunks > 0),
    created_by   bigint REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    void_reason  text,
    voided_by    bigint REFERENCES users(id),
    voided_at    timestamptz,
    CHECK ((void_reason IS NULL) = (voided_at IS NULL))
);
CREATE INDEX attachments_request ON attachments (request_id, id);

CREATE TABLE attachment_chunks (
    attachment_id bigint NOT NULL
                  REFERENCES attachments(id) DEFERRABLE INITIALLY DEFERRED,
    body_id       bigint NOT NULL REFERENCES bodies(id),
    seq           int NOT NULL CHECK (seq >= 0),
    data          bytea NOT NULL CHECK (length(data) > 0),
    PRIMARY KEY (attachment_id, seq)
);
-- most papers are scans and PDFs, compressed already: stored as they are, and read by slices
ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- Voiding is the one change: only the void columns, once.  Not named refuse_…, so ogid keeps
-- UPDATE on attachments (0006's grants); chunks are never changed at all.
CREATE FUNCTION attachments_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    voiding text[] := ARRAY['void_reason', 'voided_by', 'voided_at'];
BEGIN
    IF OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
       AND (to_jsonb(NEW) - voiding) = (to_jsonb(OLD) - voiding) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'an attachment is never changed but voided once: UPDATE of attachment % refused',
        OLD.id
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER attachments_kept BEFORE UPDATE ON attachments
    FOR EACH ROW EXECUTE FUNCTION attachments_keep();

CREATE FUNCTION refuse_attachment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'attachments are never deleted or rewritten: % on % refused', TG_OP,
        TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege', HINT = 'void it with a reason';
END $$;
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION refuse_attachment_change();
CREATE TRIGGER attachments_no_truncate BEFORE TRUNCATE ON attachments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_attachment_change();
CREATE TRIGGER attachment_chunks_frozen BEFORE UPDATE OR DELETE ON attachment_chunks
    FOR EACH ROW EXECUTE FUNCTION refuse_attachment_change();
CREATE TRIGGER attachment_chunks_no_truncate BEFORE TRUNCATE ON attachment_chunks
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_attachment_change();

-- The audit rows of attachments (entity 'attachment') belong to the attachment's body; the
-- rest of the rule is 0009's, unchanged.
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
      END
$$;

INSERT INTO schema_migrations (version, name) VALUES (15, 'attachments');
