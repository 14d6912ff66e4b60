-- 0004 remedies: fee notices, consultations, administrative reconsideration
-- and litigation (DESIGN.md §2 "Fees", "Reconsideration and litigation").
--
-- fee_notices and consultations are read models of request events: a row is
-- written or brought up to date in the transaction that appends the event,
-- and the events stay the history.  reconsiderations, litigations and
-- litigation_instances are records of their own, created and changed through
-- the API; every change is also written to audit_log (who, when, old and new
-- value) in the same transaction.  None of these rows is ever deleted.
-- Amounts are in yuan (元).

-- One row per fee_notice_issued event.  2019 regime (from 2021-01-01): the
-- information-processing fee of 国办函〔2020〕109号, per item or per volume;
-- 2008 regime: the cost fees of 财综〔2008〕44号 (检索, 复制, 邮寄).
CREATE TABLE fee_notices (
    id               bigserial PRIMARY KEY,
    request_id       bigint NOT NULL REFERENCES requests(id),
    body_id          bigint NOT NULL REFERENCES bodies(id),
    event_id         bigint NOT NULL UNIQUE REFERENCES request_events(id),
    method           text NOT NULL CHECK (method IN ('per_item','per_volume','legacy')),
    notice_on        date NOT NULL,
    pay_by           date NOT NULL CHECK (pay_by > notice_on),
    ordinal          int CHECK (ordinal >= 1),      -- per_item: place in the applicant's month here
    pages            int CHECK (pages >= 0),        -- per_volume
    quoted_amount    numeric(12,2) CHECK (quoted_amount >= 0), -- the measures' figure; NULL for legacy
    amount           numeric(12,2) NOT NULL CHECK (amount > 0), -- as noticed
    search_fee       numeric(12,2) CHECK (search_fee >= 0),     -- legacy: 检索费
    copy_fee         numeric(12,2) CHECK (copy_fee >= 0),       -- legacy: 复制费
    postage          numeric(12,2) CHECK (postage >= 0),        -- legacy: 邮寄费
    status           text NOT NULL DEFAULT 'outstanding'
                         CHECK (status IN ('outstanding','paid','waived','lapsed')),
    settled_on       date,                          -- payment, waiver or lapse (or withdrawal) date
    settled_event_id bigint REFERENCES request_events(id),
    paid_amount      numeric(12,2) CHECK (paid_amount >= 0),    -- collected; < amount when reduced
    waiver_reason    text CHECK (waiver_reason IN ('wubao','dibao','youfu','hardship','other')),
    waiver_note      text,
    CHECK ((status = 'outstanding') = (settled_on IS NULL)),
    CHECK (settled_on IS NULL OR settled_on >= notice_on),
    CHECK ((status = 'paid') = (paid_amount IS NOT NULL)),
    CHECK (paid_amount IS NULL OR paid_amount <= amount),
    -- 减免: a waiver (status waived) or a reduction (paid less than noticed), with its reason
    CHECK (status <> 'waived' OR waiver_reason IS NOT NULL),
    CHECK (waiver_reason IS NULL OR status = 'waived' OR (status = 'paid' AND paid_amount < amount)),
    CHECK (method = 'legacy' OR (search_fee IS NULL AND copy_fee IS NULL AND postage IS NULL))
);
CREATE INDEX fee_notices_request ON fee_notices (request_id, id);
CREATE INDEX fee_notices_body_notice ON fee_notices (body_id, notice_on);
CREATE INDEX fee_notices_body_settled ON fee_notices (body_id, settled_on) WHERE settled_on IS NOT NULL;
-- one notice outstanding at a time per request
CREATE UNIQUE INDEX fee_notices_one_outstanding ON fee_notices (request_id) WHERE status = 'outstanding';

-- One row per consultation_started event (arts. 32, 34); its id is that event's id.
CREATE TABLE consultations (
    id                bigint PRIMARY KEY REFERENCES request_events(id),
    request_id        bigint NOT NULL REFERENCES requests(id),
    body_id           bigint NOT NULL REFERENCES bodies(id),
    party             text NOT NULL CHECK (party IN ('third_party','other_body')),
    name              text NOT NULL,
    sent_on           date NOT NULL,
    party_received_on date CHECK (party_received_on >= sent_on), -- starts the party's 15 wd
    answer            text CHECK (answer IN ('agree','object','no_answer')),
    answered_on       date CHECK (answered_on >= sent_on),
    reasons           text,                         -- the party's reasons for objecting
    ended_event_id    bigint REFERENCES request_events(id),
    -- art. 32: disclosure decided over a third party's objection in the public interest
    override_reason   text,
    override_on       date,
    notified_on       date,                         -- the third party told of it in writing
    override_event_id bigint REFERENCES request_events(id),
    CHECK ((answer IS NULL) = (answered_on IS NULL)),
    CHECK (override_reason IS NULL OR (answer = 'object' AND party = 'third_party'))
);
CREATE INDEX consultations_request ON consultations (request_id, id);
CREATE INDEX consultations_unanswered ON consultations (body_id, sent_on) WHERE answer IS NULL;

-- 行政复议 against the body's handling of a request.
CREATE TABLE reconsiderations (
    id             bigserial PRIMARY KEY,
    request_id     bigint NOT NULL REFERENCES requests(id),
    body_id        bigint NOT NULL REFERENCES bodies(id),
    filed_on       date NOT NULL,
    authority      text NOT NULL CHECK (length(authority) BETWEEN 1 AND 200),
    case_no        text,
    accepted_on    date,                            -- NULL: deemed accepted 5 wd after filing
    procedure      text NOT NULL DEFAULT 'ordinary' CHECK (procedure IN ('ordinary','simple')),
    extension_days int NOT NULL DEFAULT 0 CHECK (extension_days BETWEEN 0 AND 30),
    late_filing    boolean NOT NULL DEFAULT false,  -- filed after the applicant's 60 days
    decided_on     date,
    decision       text CHECK (decision IN ('维持','驳回请求','变更','撤销','部分撤销','确认违法',
                                            '责令履行','确认无效','驳回申请','终止','调解','和解')),
    result         text CHECK (result IN ('upheld','corrected','other')),
    served_on      date,                            -- the decision reached the applicant
    notes          text,
    version        int NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     bigint REFERENCES users(id),
    CHECK ((decided_on IS NULL) = (decision IS NULL)),
    CHECK ((decision IS NULL) = (result IS NULL)),
    CHECK (decided_on IS NULL OR decided_on >= filed_on),
    CHECK (accepted_on IS NULL OR accepted_on >= filed_on),
    CHECK (served_on IS NULL OR (decided_on IS NOT NULL AND served_on >= decided_on)),
    CHECK (procedure = 'ordinary' OR extension_days = 0)
);
CREATE INDEX reconsiderations_request ON reconsiderations (request_id, id);
CREATE INDEX reconsiderations_body_filed ON reconsiderations (body_id, filed_on);
CREATE INDEX reconsiderations_undecided ON reconsiderations (body_id) WHERE decided_on IS NULL;

-- 行政诉讼; its instances (first, second, retrial) in litigation_instances.
CREATE TABLE litigations (
    id                       bigserial PRIMARY KEY,
    request_id               bigint NOT NULL REFERENCES requests(id),
    body_id                  bigint NOT NULL REFERENCES bodies(id),
    filed_on                 date NOT NULL,         -- = the first instance's filed_on
    court                    text NOT NULL CHECK (length(court) BETWEEN 1 AND 200),
    case_no                  text,
    route                    text NOT NULL CHECK (route IN ('direct','after_reconsideration')),
    reconsideration_id       bigint REFERENCES reconsiderations(id),
    late_filing              boolean NOT NULL DEFAULT false,
    -- 行政复议法 2023 art. 23(4): from 2024-01-01 a withholding reply goes to reconsideration first
    reconsideration_required boolean NOT NULL DEFAULT false,
    notes                    text,
    version                  int NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    created_by               bigint REFERENCES users(id),
    CHECK ((route = 'after_reconsideration') = (reconsideration_id IS NOT NULL))
);
CREATE INDEX litigations_request ON litigations (request_id, id);
CREATE INDEX litigations_body_filed ON litigations (body_id, filed_on);

CREATE TABLE litigation_instances (
    id                 bigserial PRIMARY KEY,
    litigation_id      bigint NOT NULL REFERENCES litigations(id),
    body_id            bigint NOT NULL REFERENCES bodies(id),
    seq                int NOT NULL CHECK (seq >= 1), -- 1, 2, … in the order filed
    instance           text NOT NULL CHECK (instance IN ('first','second','retrial')),
    court              text,
    case_no            text,
    filed_on           date NOT NULL,
    procedure          text NOT NULL DEFAULT 'ordinary' CHECK (procedure IN ('ordinary','simple')),
    served_on          date,                        -- the body was served: its defence is due
    hearing_on         date,
    decided_on         date,
    judgment           text CHECK (judgment IN ('驳回诉讼请求','维持','撤销','部分撤销','变更',
                           '确认违法','确认无效','责令履行','驳回起诉','不予立案','准许撤诉',
                           '终结','调解','维持原判','发回重审')),
    result             text CHECK (result IN ('upheld','corrected','other')), -- NULL while pending or remanded
    judgment_served_on date,
    UNIQUE (litigation_id, seq),
    CHECK ((decided_on IS NULL) = (judgment IS NULL)),
    CHECK (judgment IS NOT NULL OR result IS NULL),
    CHECK (decided_on IS NULL OR decided_on >= filed_on),
    CHECK (served_on IS NULL OR served_on >= filed_on),
    CHECK (judgment_served_on IS NULL OR (decided_on IS NOT NULL AND judgment_served_on >= decided_on))
);
CREATE INDEX litigation_instances_body ON litigation_instances (body_id, filed_on);
CREATE INDEX litigation_instances_undecided ON litigation_instances (body_id) WHERE decided_on IS NULL;

-- the history of one remedy record, read back with the record
CREATE INDEX audit_log_remedy_entity ON audit_log (entity, entity_id, id)
    WHERE entity IN ('reconsideration', 'litigation', 'litigation_instance');

CREATE FUNCTION refuse_remedy_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'fee and remedy records are never deleted: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER fee_notices_no_delete BEFORE DELETE ON fee_notices
    FOR EACH ROW EXECUTE FUNCTION refuse_remedy_delete();
CREATE TRIGGER consultations_no_delete BEFORE DELETE ON consultations
    FOR EACH ROW EXECUTE FUNCTION refuse_remedy_delete();
CREATE TRIGGER reconsiderations_no_delete BEFORE DELETE ON reconsiderations
    FOR EACH ROW EXECUTE FUNCTION refuse_remedy_delete();
CREATE TRIGGER litigations_no_delete BEFORE DELETE ON litigations
    FOR EACH ROW EXECUTE FUNCTION refuse_remedy_delete();
CREATE TRIGGER litigation_instances_no_delete BEFORE DELETE ON litigation_instances
    FOR EACH ROW EXECUTE FUNCTION refuse_remedy_delete();

INSERT INTO schema_migrations (version, name) VALUES (4, 'remedies');
