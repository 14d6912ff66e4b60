-- 0012 letters: the letters (文书) of a request — drafts, issued letters frozen with their
-- 文号 and rendered bytes, voided ones kept — their gap-free numbering, and their service
-- (送达, 国办公开办函〔2016〕235号).

-- One row per body, year and series code (a kind's code in the 文号: 「依申复」, 「依申告」):
-- the last serial handed out.  Taken with a row lock inside the issue transaction, so two
-- concurrent issues of one series wait for each other and a rolled-back issue gives its
-- number back: serials have no gaps and no repeats.
CREATE TABLE letter_counters (
    body_id bigint NOT NULL REFERENCES bodies(id),
    year    int NOT NULL,
    code    text NOT NULL,
    last    int NOT NULL,
    PRIMARY KEY (body_id, year, code)
);

CREATE TABLE letters (
    id           bigserial PRIMARY KEY,
    request_id   bigint NOT NULL REFERENCES requests(id),
    body_id      bigint NOT NULL REFERENCES bodies(id),
    kind         text NOT NULL CHECK (kind IN ('receipt','correction_notice','extension_notice',
                     'delay_notice','third_party_consultation','consultation_notice',
                     'body_consultation','override_notice','fee_notice','reply')),
    outcome      text,          -- a reply: the outcome it words (the request's, when composed)
    status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','issued','void')),
    letter_date  date NOT NULL CHECK (letter_date >= DATE '2008-05-01'),
    -- the letter as it prints now (a handler edits a draft's)
    title        text NOT NULL,
    addressee    text NOT NULL,
    signer       text NOT NULL,
    paragraphs   jsonb NOT NULL CHECK (jsonb_typeof(paragraphs) = 'array'),
    -- the letter as composed from the record and the templates, kept to compare:
    -- {title, addressee, paragraphs, remedy (indices of the remedy sentence)}
    generated    jsonb NOT NULL CHECK (jsonb_typeof(generated) = 'object'),
    facts        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(facts) = 'object'),
    second       jsonb,         -- the part after a page break {title, paragraphs}, or NULL
    attachments  jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
    version      int NOT NULL DEFAULT 1,
    created_by   bigint REFERENCES users(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   bigint REFERENCES users(id),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- issuing: the 文号 (prefix + code + 〔year〕 + serial + 号) and the frozen renderings
    issued_by    bigint REFERENCES users(id),
    issued_at    timestamptz,
    ref          text,
    code         text,
    year         int,
    serial       int CHECK (serial > 0),
    html         text,
    pdf          bytea,
    docx         bytea,
    html_sha256  text,
    pdf_sha256   text,
    docx_sha256  text,
    -- voiding: a wrong letter stays, marked, and a new one is issued
    void_reason  text,
    voided_by    bigint REFERENCES users(id),
    voided_at    timestamptz,
    UNIQUE (body_id, year, code, serial),
    CHECK (status <> 'issued' OR (ref IS NOT NULL AND code IS NOT NULL AND year IS NOT NULL
           AND serial IS NOT NULL AND html IS NOT NULL AND pdf IS NOT NULL
           AND docx IS NOT NULL AND html_sha256 IS NOT NULL AND pdf_sha256 IS NOT NULL
           AND docx_sha256 IS NOT NULL AND issued_at IS NOT NULL)),
    CHECK (status <> 'draft' OR (ref IS NULL AND issued_at IS NULL AND void_reason IS NULL)),
    CHECK (status <> 'void' OR (void_reason IS NOT NULL AND voided_at IS NOT NULL))
);
CREATE INDEX letters_request ON letters (request_id, id);

-- An issued letter is frozen: the database refuses every UPDATE of it but the one
-- transition issued → void, which changes only the void columns; a voided letter never
-- changes again.  Drafts are edited freely.  The function is not named refuse_…: ogid keeps
-- the UPDATE privilege it needs for drafts (0006 revokes it for refuse_ triggers).
CREATE FUNCTION letters_keep_issued() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    voiding text[] := ARRAY['status', 'void_reason', 'voided_by', 'voided_at'];
BEGIN
    IF OLD.status = 'draft' THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'issued' AND NEW.status = 'void'
       AND (to_jsonb(NEW) - voiding) = (to_jsonb(OLD) - voiding) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'an issued letter is never changed: UPDATE of % letter % refused',
        OLD.status, OLD.id
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'void it with a reason and issue a new one';
END $$;
CREATE TRIGGER letters_issued_frozen BEFORE UPDATE ON letters
    FOR EACH ROW EXECUTE FUNCTION letters_keep_issued();

-- Letters and their deliveries are never deleted (a draft not wanted is voided): the
-- trigger refuses everyone, owner included; 0006's grants take DELETE from ogid.
CREATE FUNCTION refuse_letter_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'letters and their service are never deleted: % on % refused', TG_OP,
        TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters
    FOR EACH ROW EXECUTE FUNCTION refuse_letter_delete();
CREATE TRIGGER letters_no_truncate BEFORE TRUNCATE ON letters
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_letter_delete();

-- A letter's service (送达): how, when sent, when served and by whom signed.  Its legal
-- date (国办公开办函〔2016〕235号: the day of signature; for post the day handed to the
-- post office; for e-mail and the online platform the day sent) is derived by lib/ and
-- kept here for lists; the letter_served event carries it onto the timeline.  Updated
-- later (the signed return arrives weeks after the posting), never deleted.
CREATE TABLE letter_deliveries (
    id               bigserial PRIMARY KEY,
    letter_id        bigint NOT NULL REFERENCES letters(id),
    request_id       bigint NOT NULL REFERENCES requests(id),
    body_id          bigint NOT NULL REFERENCES bodies(id),
    method           text NOT NULL CHECK (method IN ('in_person','post','email','online','fax',
                         'left_at_address','public_notice')),
    sent_on          date,
    post_tracking_no text,
    served_on        date,
    signed_by        text,
    note             text,
    legal_on         date,
    version          int NOT NULL DEFAULT 1,
    created_by       bigint REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       bigint REFERENCES users(id),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (method <> 'post' OR sent_on IS NOT NULL),
    CHECK (served_on IS NULL OR sent_on IS NULL OR served_on >= sent_on)
);
CREATE INDEX letter_deliveries_letter ON letter_deliveries (letter_id, id);
CREATE TRIGGER letter_deliveries_no_delete BEFORE DELETE ON letter_deliveries
    FOR EACH ROW EXECUTE FUNCTION refuse_letter_delete();
CREATE TRIGGER letter_deliveries_no_truncate BEFORE TRUNCATE ON letter_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_letter_delete();

INSERT INTO schema_migrations (version, name) VALUES (12, 'letters');
