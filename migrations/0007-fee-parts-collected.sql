-- 0007 what a payment of the 2007 regulation's cost fees collected of each part (检索, 复制,
-- 邮寄), so that the annual report's 收费及减免 adds up: 收取费用 is what was collected, its
-- parts are what was collected of them, and 减免 is what was not (a reduction's parts are the
-- approver's decision, recorded with the fee_paid event, never apportioned by ogi).
-- NULL parts: not recorded (the report's check fees_total then names the payment).

ALTER TABLE fee_notices
    ADD COLUMN paid_search_fee numeric(12,2) CHECK (paid_search_fee >= 0),
    ADD COLUMN paid_copy_fee   numeric(12,2) CHECK (paid_copy_fee >= 0),
    ADD COLUMN paid_postage    numeric(12,2) CHECK (paid_postage >= 0),
    ADD CONSTRAINT fee_notices_paid_parts CHECK (
        (paid_search_fee IS NULL AND paid_copy_fee IS NULL AND paid_postage IS NULL)
        OR (method = 'legacy' AND status = 'paid'
            AND coalesce(paid_search_fee, 0) + coalesce(paid_copy_fee, 0)
                + coalesce(paid_postage, 0) = paid_amount
            AND coalesce(paid_search_fee, 0) <= coalesce(search_fee, 0)
            AND coalesce(paid_copy_fee, 0) <= coalesce(copy_fee, 0)
            AND coalesce(paid_postage, 0) <= coalesce(postage, 0)));

-- payments in full so far collected every part as noticed
UPDATE fee_notices
   SET paid_search_fee = search_fee, paid_copy_fee = copy_fee, paid_postage = postage
 WHERE method = 'legacy' AND status = 'paid' AND paid_amount = amount
   AND (search_fee IS NOT NULL OR copy_fee IS NOT NULL OR postage IS NOT NULL)
   AND coalesce(search_fee, 0) + coalesce(copy_fee, 0) + coalesce(postage, 0) = amount;

INSERT INTO schema_migrations (version, name) VALUES (7, 'fee-parts-collected');
