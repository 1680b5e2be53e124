-- Trades in universe companies, one row per (universe, transaction). A trade counts for the
-- chamber it was reported to (the House Clerk or the Senate) and the party of the member's
-- term begun latest by its date (else the latest known): a senator's House-era trades are
-- House trades, and a party switch does not move old trades.
CREATE OR REPLACE VIEW out_universe__trades AS
SELECT u.universe_id, t.*, i.name AS issuer_name,
       coalesce(mem.member_name, t.filer_name) AS member_name,
       coalesce(th.party, mem.party) AS party,
       coalesce(th.state, mem.state, left(t.state_district, 2)) AS state,
       coalesce(t.chamber, th.chamber, mem.chamber) AS member_chamber
FROM core_transactions t
JOIN (SELECT DISTINCT universe_id, issuer_id FROM core_universe__memberships) u USING (issuer_id)
JOIN core_universe__issuers i USING (issuer_id)
LEFT JOIN core_members mem USING (member_id_bioguide)
ASOF LEFT JOIN core_member_terms__dated th
  ON th.member_id_bioguide = t.member_id_bioguide
 AND coalesce(t.transaction_date, t.first_reported_date) >= th.term_start
WHERE t.is_current;

-- The state of every document each source read, text and OCR readings side by side: the
-- latest parse of the document, and the latest OCR reading of it where the text parser said
-- it needs OCR. One status per document: parsed, parsed_with_notes, needs_ocr, ocr,
-- ocr_with_review (rows flagged), failed (with the parser's or the OCR's reason).
CREATE OR REPLACE VIEW core_parse__latest AS
SELECT * FROM raw_parse__documents
QUALIFY row_number() OVER (PARTITION BY source, doc_id ORDER BY parsed_at DESC, source_sha256) = 1;

CREATE OR REPLACE VIEW out_coverage__documents AS
SELECT d.source, d.doc_id,
       CASE WHEN d.status = 'needs_ocr' AND o.status = 'failed' THEN 'failed'
            WHEN d.status = 'needs_ocr' AND o.review_rows > 0 THEN 'ocr_with_review'
            WHEN d.status = 'needs_ocr' AND o.status IS NOT NULL THEN 'ocr'
            ELSE d.status END AS status,
       CASE WHEN d.status = 'needs_ocr' AND o.status = 'failed' THEN 'OCR: ' || o.reason ELSE d.reason END AS reason,
       o.mean_confidence AS ocr_confidence, o.review_rows AS ocr_review_rows, o.doc_rows AS ocr_rows
FROM core_parse__latest d
LEFT JOIN core_parse__latest o
  ON o.read_method = 'ocr' AND o.doc_id = d.doc_id
 AND o.source IN (SELECT name FROM core_sources WHERE reads = d.source)  -- the source that OCRs d's documents
 AND d.status = 'needs_ocr'
WHERE d.read_method = 'text';

-- Coverage of the House index: every PTR the Clerk lists, in exactly one state.
CREATE OR REPLACE VIEW out_coverage__house AS
SELECT l.year, l.doc_id, coalesce(c.status, 'not_archived') AS status, c.reason,
       c.ocr_confidence, c.ocr_review_rows, c.ocr_rows
FROM (SELECT DISTINCT doc_id, year FROM raw_house__index WHERE filing_type = 'P') l
LEFT JOIN out_coverage__documents c ON c.source = 'house_ptr' AND c.doc_id = l.doc_id;

-- Senate: every report warstock has archived, by the year it was filed (a paper stub carries
-- no date; the year comes from its page images' media path).
CREATE OR REPLACE VIEW out_coverage__senate AS
SELECT coalesce(f.year, TRY_CAST(regexp_extract(f.image_urls, '/media/(\d{4})/', 1) AS INTEGER)) AS year,
       c.doc_id, c.status, c.reason, c.ocr_confidence, c.ocr_review_rows, c.ocr_rows
FROM out_coverage__documents c LEFT JOIN core_senate__filings f USING (doc_id)
WHERE c.source = 'senate_ptr';

CREATE OR REPLACE VIEW out_coverage AS
SELECT 'house' AS chamber, * FROM out_coverage__house
UNION ALL
SELECT 'senate' AS chamber, * FROM out_coverage__senate;
