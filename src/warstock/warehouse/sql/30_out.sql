-- Trades in universe companies, one row per (universe, transaction).
CREATE OR REPLACE VIEW out_universe__trades AS
SELECT u.universe_id, t.*, i.name AS issuer_name,
       coalesce(mem.member_name, t.filer_name) AS member_name,
       mem.party, coalesce(mem.state, left(t.state_district, 2)) AS state,
       coalesce(mem.chamber, t.chamber) AS member_chamber
FROM core_transactions t
JOIN (SELECT DISTINCT universe_id, issuer_id FROM core_universe__memberships) u USING (issuer_id)
JOIN core_universe__issuers i USING (issuer_id)
LEFT JOIN core_members mem USING (member_id_bioguide)
WHERE t.is_current;

-- Coverage of the House index: every PTR the Clerk lists, in exactly one state. A scanned
-- PTR that `warstock ocr` has read is 'ocr' (or 'ocr_with_review' when rows are flagged, or
-- 'failed' with the OCR's reason) instead of 'needs_ocr'.
CREATE OR REPLACE VIEW out_coverage__house AS
WITH listed AS (
    SELECT doc_id, year FROM raw_house__index WHERE filing_type = 'P'
),
docs AS (
    SELECT d.doc_id, d.status, d.reason FROM raw_parse__documents d
    WHERE d.source = 'house_ptr'
    QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.parsed_at DESC) = 1
),
ocr AS (
    SELECT d.doc_id, d.status, d.reason, d.mean_confidence, d.review_rows, d.doc_rows FROM raw_parse__documents d
    WHERE d.source = 'house_ptr_ocr'
    QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.parsed_at DESC) = 1
)
SELECT l.year, l.doc_id,
       CASE WHEN d.status = 'needs_ocr' AND o.status = 'failed' THEN 'failed'
            WHEN d.status = 'needs_ocr' AND o.review_rows > 0 THEN 'ocr_with_review'
            WHEN d.status = 'needs_ocr' AND o.status IS NOT NULL THEN 'ocr'
            ELSE coalesce(d.status, 'not_archived') END AS status,
       CASE WHEN o.status = 'failed' THEN 'OCR: ' || o.reason ELSE d.reason END AS reason,
       o.mean_confidence AS ocr_confidence, o.review_rows AS ocr_review_rows, o.doc_rows AS ocr_rows
FROM listed l LEFT JOIN docs d USING (doc_id) LEFT JOIN ocr o USING (doc_id);

-- Senate: every report warstock has archived, by the year it was filed (a paper stub carries
-- no date; the year comes from its page images' media path).
CREATE OR REPLACE VIEW out_coverage__senate AS
WITH docs AS (
    SELECT d.doc_id, d.status, d.reason FROM raw_parse__documents d
    WHERE d.source = 'senate_ptr'
    QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.parsed_at DESC) = 1
),
ocr AS (
    SELECT d.doc_id, d.status, d.reason, d.mean_confidence, d.review_rows, d.doc_rows FROM raw_parse__documents d
    WHERE d.source = 'senate_ptr_ocr'
    QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.parsed_at DESC) = 1
)
SELECT coalesce(f.year, TRY_CAST(regexp_extract(f.image_urls, '/media/(\d{4})/', 1) AS INTEGER)) AS year,
       d.doc_id,
       CASE WHEN d.status = 'needs_ocr' AND o.status = 'failed' THEN 'failed'
            WHEN d.status = 'needs_ocr' AND o.review_rows > 0 THEN 'ocr_with_review'
            WHEN d.status = 'needs_ocr' AND o.status IS NOT NULL THEN 'ocr'
            ELSE d.status END AS status,
       CASE WHEN o.status = 'failed' THEN 'OCR: ' || o.reason ELSE d.reason END AS reason,
       o.mean_confidence AS ocr_confidence, o.review_rows AS ocr_review_rows, o.doc_rows AS ocr_rows
FROM docs d LEFT JOIN ocr o USING (doc_id) LEFT JOIN core_senate__filings f USING (doc_id);

CREATE OR REPLACE VIEW out_coverage AS
SELECT 'house' AS chamber, * FROM out_coverage__house
UNION ALL
SELECT 'senate' AS chamber, year, doc_id, status, reason, ocr_confidence, ocr_review_rows, ocr_rows
FROM out_coverage__senate;
