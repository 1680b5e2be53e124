-- House filings: the PTR as parsed, joined to the Clerk's index and the filer resolution.
CREATE OR REPLACE VIEW core_house__index_latest AS
SELECT * FROM raw_house__index
QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY year DESC) = 1;

CREATE OR REPLACE VIEW core_house__filings AS
SELECT f.doc_id,
       coalesce(i.year, year(f.signed_date)) AS year,
       i.filing_date,
       f.signed_date,
       f.filer_name,
       i.last_name, i.first_name,
       coalesce(i.state_district, f.state_district) AS state_district,
       r.member_id_bioguide,
       r.method AS resolution_method,
       r.reason AS resolution_reason,
       coalesce(f.source_url, u.official_url) AS source_url,
       f.source_sha256, f.parser_version, f.read_method, f.transaction_count, f.page_count
FROM raw_house__filings f
LEFT JOIN core_house__index_latest i USING (doc_id)
LEFT JOIN core_house__filer_resolution r USING (doc_id)
LEFT JOIN core_documents u ON u.source = 'house_ptr' AND u.doc_id = f.doc_id
-- a paper filing has two filing rows: the text parser's stub and the OCR reading; the reading wins
QUALIFY row_number() OVER (PARTITION BY f.doc_id ORDER BY f.read_method = 'ocr' DESC, f.source_sha256) = 1;

CREATE OR REPLACE VIEW core_house__transactions_all AS
SELECT t.doc_id, t.row_number, t.page, t.transaction_id, t.owner, t.asset_name, t.ticker,
       t.asset_type_code, t.transaction_type, t.transaction_date, t.notification_date,
       t.amount_text, t.amount_min_usd, t.amount_max_usd, t.cap_gains_over_200,
       t.filing_status, t.subholding_of, t.description, t.comments,
       t.ocr_confidence, t.needs_review, t.review_reason, t.read_method,
       f.member_id_bioguide, f.filer_name, f.state_district, f.filing_date, f.year AS filing_year,
       f.source_url, t.source_sha256, t.parser_version
FROM raw_house__transactions t
JOIN core_house__filings f ON f.doc_id = t.doc_id AND f.source_sha256 = t.source_sha256;

-- An "Amended" or "Deleted" row in a later filing supersedes the earlier "New" (or "Amended") row of the
-- same filer, owner, asset and transaction date. (The Clerk prints the original's
-- transaction ID only on the amending row, so the match is by content.)
CREATE OR REPLACE VIEW core_house__supersessions AS
SELECT o.doc_id, o.row_number, a.doc_id AS superseded_by_doc_id,
       a.row_number AS superseded_by_row_number, a.filing_status AS superseded_as
FROM core_house__transactions_all a
JOIN core_house__transactions_all o
  ON a.filing_status IN ('amended', 'deleted')
 AND o.filing_status IN ('new', 'amended')  -- an amendment can itself be amended: the latest wins
 AND coalesce(o.member_id_bioguide, o.filer_name) = coalesce(a.member_id_bioguide, a.filer_name)
 AND o.transaction_date = a.transaction_date
 AND o.owner IS NOT DISTINCT FROM a.owner
 AND (o.ticker = a.ticker OR lower(o.asset_name) = lower(a.asset_name))
 AND (coalesce(o.filing_date, o.transaction_date), o.doc_id) < (coalesce(a.filing_date, a.transaction_date), a.doc_id)
QUALIFY row_number() OVER (PARTITION BY o.doc_id, o.row_number
                           ORDER BY a.filing_date DESC, a.doc_id DESC) = 1;
