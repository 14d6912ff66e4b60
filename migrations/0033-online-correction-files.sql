-- 0033 files with an online correction answer (issue 15 item 6): while the applicant's answer
-- to a correction notice waits for staff, they may send up to three files with it (JPEG, PNG
-- or PDF by their bytes, 1 MiB each), uploaded with the application's number and 查询码 as the
-- identity copy is (0032).  Such a file has correction_id, the answer it goes with; online_id
-- stays the application.  When a clerk confirms the answer the files become attachments of the
-- request (kind correction_material) and lose their bytes here; when the answer is returned
-- their bytes are dropped.  A file without correction_id is the application's identity copy.

ALTER TABLE online_files ADD COLUMN correction_id bigint REFERENCES online_corrections(id);
CREATE INDEX online_files_correction ON online_files (correction_id, id)
    WHERE correction_id IS NOT NULL;

INSERT INTO schema_migrations (version, name) VALUES (33, 'online-correction-files');
