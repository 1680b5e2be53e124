-- House rows with the current-version flag.
-- first_reported_date: when the trade was first disclosed (an amended row keeps the date of
-- the filing it amends), which is what timeliness is judged on.
CREATE OR REPLACE VIEW core_house__transactions AS
WITH first_report AS (
    SELECT superseded_by_doc_id AS doc_id, superseded_by_row_number AS row_number,
           min(o.filing_date) AS original_filing_date
    FROM core_house__supersessions s
    JOIN core_house__transactions_all o USING (doc_id, row_number)
    GROUP BY ALL
)
SELECT 'house' AS chamber, t.*,
       s.superseded_by_doc_id, s.superseded_as,
       (s.doc_id IS NULL AND coalesce(t.filing_status, 'new') <> 'deleted') AS is_current,
       coalesce(fr.original_filing_date, t.filing_date) AS first_reported_date,
       NULL::VARCHAR AS asset_type_text, NULL::VARCHAR AS asset_details,
       m.issuer_id, m.match_method, m.matched_on
FROM core_house__transactions_all t
LEFT JOIN core_house__supersessions s USING (doc_id, row_number)
LEFT JOIN first_report fr USING (doc_id, row_number)
LEFT JOIN core_asset_matches m USING (doc_id, row_number);

-- core_transactions: every chamber's rows in one shape. origin says where a row was read:
-- 'document' (warstock read the filing) or 'import:<format>' (another project's reading of a
-- filing warstock has not read; 27_core_imports.sql).
CREATE OR REPLACE VIEW core_transactions AS
SELECT *, 'document' AS origin FROM core_house__transactions
UNION ALL BY NAME
SELECT *, 'document' AS origin FROM core_senate__transactions
UNION ALL BY NAME
SELECT * FROM core_import__transactions;
