-- Senate eFD reports: filings joined to the filer resolution; amendments restate the whole
-- report, so the highest amendment of a (filer, report date) is the current version.
CREATE OR REPLACE VIEW core_senate__filings AS
SELECT f.doc_id, year(coalesce(f.filed_date, f.report_date)) AS year, f.filed_date AS filing_date,
       f.report_date, f.amendment_number, f.filer_name, f.filer_status, f.paper_pages, f.image_urls,
       r.member_id_bioguide, r.method AS resolution_method, r.reason AS resolution_reason,
       coalesce(f.source_url, u.official_url) AS source_url,
       f.source_sha256, f.parser_version, f.read_method, f.transaction_count
FROM raw_senate__filings f
LEFT JOIN core_senate__filer_resolution r USING (doc_id)
LEFT JOIN core_documents u ON u.source = 'senate_ptr' AND u.doc_id = f.doc_id
-- a paper filing has two filing rows: the stub listing its page images and the OCR reading; the reading wins
QUALIFY row_number() OVER (PARTITION BY f.doc_id ORDER BY f.read_method = 'ocr' DESC, f.source_sha256) = 1;

CREATE OR REPLACE VIEW core_senate__supersessions AS
SELECT o.doc_id, a.doc_id AS superseded_by_doc_id, 'amended' AS superseded_as
FROM core_senate__filings o
JOIN core_senate__filings a
  ON coalesce(a.member_id_bioguide, a.filer_name) = coalesce(o.member_id_bioguide, o.filer_name)
 AND a.report_date = o.report_date
 AND a.amendment_number > o.amendment_number
QUALIFY row_number() OVER (PARTITION BY o.doc_id ORDER BY a.amendment_number DESC) = 1;

-- Senate asset types mapped onto the House codes the analysis filters on (the text is kept).
CREATE OR REPLACE VIEW core_senate__transactions AS
SELECT 'senate' AS chamber, t.doc_id, t.row_number, NULL::INTEGER AS page, t.transaction_number AS transaction_id,
       t.owner, t.asset_name, t.ticker,
       senate_asset_code(t.asset_type)AS asset_type_code,
       t.transaction_type, t.transaction_date, NULL::DATE AS notification_date, t.amount_text,
       t.amount_min_usd, t.amount_max_usd, NULL::BOOLEAN AS cap_gains_over_200,
       CASE WHEN f.amendment_number > 0 THEN 'amended' ELSE 'new' END AS filing_status,
       NULL::VARCHAR AS subholding_of, t.asset_details AS description, t.comment AS comments,
       f.member_id_bioguide, f.filer_name, NULL::VARCHAR AS state_district, f.filing_date, f.year AS filing_year,
       f.source_url, t.source_sha256, t.parser_version,
       s.superseded_by_doc_id, s.superseded_as, (s.doc_id IS NULL) AS is_current,
       o.first_filed AS first_reported_date, t.asset_type AS asset_type_text, t.asset_details,
       t.ocr_confidence, t.needs_review, t.review_reason, t.read_method,
       m.issuer_id, m.match_method, m.matched_on
FROM raw_senate__transactions t
JOIN core_senate__filings f ON f.doc_id = t.doc_id AND f.source_sha256 = t.source_sha256
LEFT JOIN core_senate__supersessions s ON s.doc_id = t.doc_id
-- an amendment restates the report: a trade it carries was first reported with the original
-- (the earliest filing of the same filer and report date), which is what timeliness is judged on
LEFT JOIN (SELECT doc_id, min(filing_date) OVER (PARTITION BY coalesce(member_id_bioguide, filer_name), report_date)
                  AS first_filed FROM core_senate__filings) o ON o.doc_id = t.doc_id
LEFT JOIN core_asset_matches m ON m.doc_id = t.doc_id AND m.row_number = t.row_number;
