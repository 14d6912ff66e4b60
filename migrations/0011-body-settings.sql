-- 0011 body-settings: what a body (机关) says about itself on its letters (文书,
-- lib/body_settings.h): the 机关代字 and the code of each kind of letter in its 文号, where and
-- when applicants reach it, who reviews and tries its decisions (the remedy sentence), its seal
-- and its own wording of the letters' paragraphs.  NULL (or '') is "not set": the letter takes
-- the default (lib/body_settings.c: the kind codes 依申复 / 依申告 / 依申征 / 依申收, the
-- reconsideration body from the parent's name) or leaves the line out.  Lengths are in
-- characters, as the API checks them.
--   letter_prefix            机关代字, 「平湛马办」
--   kind_codes               {letter kind: code} for the kinds the body numbers its own way
--   review_first_not_held    信息不存在 / 非本机关 / 无法提供 take the review-first remedy
--                            sentence (reference/letters.md: disputed)
--   seal_png                 the seal printed on letters (a PNG the API checked)
--   letter_templates         {template key: text}: the body's wording of a paragraph
--   version                  for If-Match: every change of the row adds one

-- The kind codes a body set: an object of letter kinds (lib/domain.c ogi_letter_kind_names),
-- each a code of 1 to 12 characters.
CREATE FUNCTION body_kind_codes_ok(codes jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(codes) = 'object' AND NOT EXISTS (
        SELECT FROM jsonb_each(codes) e
        WHERE e.key NOT IN ('receipt', 'correction_notice', 'extension_notice', 'delay_notice',
                            'third_party_consultation', 'consultation_notice',
                            'body_consultation', 'override_notice', 'fee_notice', 'reply')
           OR jsonb_typeof(e.value) <> 'string'
           OR length(e.value #>> '{}') NOT BETWEEN 1 AND 12)
$$;

-- A body's templates: an object of texts, each 1 to 5000 characters (which keys and which
-- {fields} a text may use is the letter engine's rule, checked by the API).
CREATE FUNCTION body_letter_templates_ok(templates jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_typeof(templates) = 'object' AND NOT EXISTS (
        SELECT FROM jsonb_each(templates) e
        WHERE length(e.key) NOT BETWEEN 1 AND 100
           OR jsonb_typeof(e.value) <> 'string'
           OR length(e.value #>> '{}') NOT BETWEEN 1 AND 5000)
$$;

ALTER TABLE bodies
    ADD COLUMN letter_prefix text
        CHECK (letter_prefix IS NULL OR length(letter_prefix) <= 20),
    ADD COLUMN kind_codes jsonb NOT NULL DEFAULT '{}'
        CHECK (body_kind_codes_ok(kind_codes)),
    ADD COLUMN address text CHECK (address IS NULL OR length(address) <= 200),
    ADD COLUMN postcode text CHECK (postcode IS NULL OR length(postcode) <= 50),
    ADD COLUMN phone text CHECK (phone IS NULL OR length(phone) <= 50),
    ADD COLUMN office_hours text CHECK (office_hours IS NULL OR length(office_hours) <= 50),
    ADD COLUMN reconsideration_body text
        CHECK (reconsideration_body IS NULL OR length(reconsideration_body) <= 200),
    ADD COLUMN reconsideration_address text
        CHECK (reconsideration_address IS NULL OR length(reconsideration_address) <= 200),
    ADD COLUMN court text CHECK (court IS NULL OR length(court) <= 200),
    ADD COLUMN review_first_not_held boolean NOT NULL DEFAULT false,
    -- a PNG (its 8-byte signature) of at most 512 KB
    ADD COLUMN seal_png bytea
        CHECK (seal_png IS NULL OR (octet_length(seal_png) BETWEEN 8 AND 524288
               AND substring(seal_png FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea)),
    ADD COLUMN letter_templates jsonb NOT NULL DEFAULT '{}'
        CHECK (body_letter_templates_ok(letter_templates)),
    ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version >= 1);

INSERT INTO schema_migrations (version, name) VALUES (11, 'body-settings');
