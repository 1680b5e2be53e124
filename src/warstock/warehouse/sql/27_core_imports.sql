-- Imported trades (`warstock import`): other projects' readings of the same official filings.
--
-- Which imported rows count (core_import__rows.import_status):
--   superseded_by_document  warstock read the filing itself (parsed from its text, or read by OCR,
--                           with or without rows flagged for review): the document wins, always.
--                           A filing warstock archived but could not read (failed, or still
--                           awaiting OCR) is not read: its imported rows fill the gap.
--   superseded_by_import    another import carries the same filing with more rows whose band it
--                           read (then more rows; then the format name; then the later import):
--                           one import per filing, never two added together.
--   counted                 the filing's trades as the import gives them, labelled with its origin.
-- Only the latest import of a file (same format, same file name) counts: importing a changed
-- file again replaces the earlier version.

CREATE OR REPLACE VIEW core_import__files AS
SELECT source, doc_id AS file_name, source_sha256, status, reason, doc_rows, parsed_at, parser_version,
       CASE source WHEN 'peer_house_stock_watcher' THEN 'house-stock-watcher'
                   WHEN 'peer_congress_trading_signal' THEN 'congress-trading-signal' END AS format
FROM raw_parse__documents
WHERE source IN ('peer_house_stock_watcher', 'peer_congress_trading_signal')
QUALIFY row_number() OVER (PARTITION BY source, doc_id ORDER BY parsed_at DESC, source_sha256) = 1;

CREATE OR REPLACE VIEW core_import__rows AS
WITH raw AS (
    SELECT 'peer_house_stock_watcher' AS source, * FROM raw_import__house_stock_watcher
    UNION ALL BY NAME
    SELECT 'peer_congress_trading_signal' AS source, * FROM raw_import__congress_trading_signal
),
rows_ AS (
    SELECT r.*, f.file_name, f.format, f.parsed_at AS imported_at
    FROM raw r
    JOIN core_import__files f ON f.source = r.source AND f.file_name = r.source_doc_id
                             AND f.source_sha256 = r.source_sha256 AND f.status IN ('parsed', 'parsed_with_notes')
),
-- what became of each filing warstock has archived: read (text or OCR), failed, awaiting OCR
documents AS (
    SELECT CASE WHEN source LIKE 'house%' THEN 'house' ELSE 'senate' END AS chamber, doc_id,
           CASE WHEN bool_or(status IN ('parsed', 'parsed_with_notes')) THEN 'read'
                WHEN bool_or(status = 'failed') THEN 'failed'
                ELSE 'needs_ocr' END AS document_status,
           string_agg(DISTINCT reason, '; ') FILTER (WHERE status = 'failed') AS document_reason
    FROM (SELECT * FROM raw_parse__documents
          WHERE source IN ('house_ptr', 'house_ptr_ocr', 'senate_ptr', 'senate_ptr_ocr')
          QUALIFY row_number() OVER (PARTITION BY source, doc_id ORDER BY parsed_at DESC, source_sha256) = 1)
    GROUP BY ALL
),
filings AS (
    SELECT source, source_sha256, chamber, doc_id, count(*) AS n_rows,
           count(*) FILTER (WHERE amount_min_usd IS NOT NULL) AS n_read, any_value(imported_at) AS imported_at
    FROM rows_ GROUP BY ALL
),
winner AS (
    SELECT * FROM filings
    QUALIFY row_number() OVER (PARTITION BY chamber, doc_id
                               ORDER BY n_read DESC, n_rows DESC, source, imported_at DESC, source_sha256) = 1
)
SELECT x.*, coalesce(d.document_status, 'not_archived') AS document_status, d.document_reason,
       CASE WHEN d.document_status = 'read' THEN 'superseded_by_document'
            WHEN w.source_sha256 IS NULL THEN 'superseded_by_import'
            ELSE 'counted' END AS import_status,
       r.member_id_bioguide, r.method AS resolution_method, r.reason AS resolution_reason,
       m.issuer_id, m.match_method, m.matched_on
FROM rows_ x
LEFT JOIN documents d ON d.chamber = x.chamber AND d.doc_id = x.doc_id
LEFT JOIN winner w ON w.chamber = x.chamber AND w.doc_id = x.doc_id AND w.source = x.source
                  AND w.source_sha256 = x.source_sha256
LEFT JOIN core_import__filer_resolution r ON r.source = x.source AND r.doc_id = x.doc_id
      AND r.filer_name IS NOT DISTINCT FROM x.filer_name AND r.state_district IS NOT DISTINCT FROM x.state_district
LEFT JOIN core_import__asset_matches m ON m.source = x.source AND m.source_sha256 = x.source_sha256
                                      AND m.row_number = x.row_number;

-- The counted rows in core_transactions' shape. read_method 'import' and no review flag: the
-- dates are someone else's reading, so conflicts, late filings and holdings keep them apart.
CREATE OR REPLACE VIEW core_import__transactions AS
SELECT chamber, doc_id, row_number, NULL::INTEGER AS page, NULL::VARCHAR AS transaction_id, owner, asset_name, ticker,
       asset_type_code, transaction_type, transaction_date, NULL::DATE AS notification_date, amount_text,
       amount_min_usd, amount_max_usd, NULL::BOOLEAN AS cap_gains_over_200, NULL::VARCHAR AS filing_status,
       NULL::VARCHAR AS subholding_of, NULL::VARCHAR AS description, NULL::VARCHAR AS comments,
       NULL::DOUBLE AS ocr_confidence, NULL::BOOLEAN AS needs_review,
       'imported from ' || format || ' (' || file_name || ', row ' || row_number || '): another project''s reading'
           AS review_reason,
       'import' AS read_method, member_id_bioguide, filer_name, state_district, filing_date,
       year(filing_date) AS filing_year, filing_url AS source_url, source_sha256, parser_version,
       NULL::VARCHAR AS superseded_by_doc_id, NULL::VARCHAR AS superseded_as, TRUE AS is_current,
       filing_date AS first_reported_date, asset_type AS asset_type_text, NULL::VARCHAR AS asset_details,
       issuer_id, match_method, matched_on,
       'import:' || format AS origin, file_name AS import_file, amount_truncated, document_status
FROM core_import__rows
WHERE import_status = 'counted';
