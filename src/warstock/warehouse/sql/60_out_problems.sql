-- Everything that could not be read or resolved, in one list (`warstock problems`), each once
-- and under its true source: the notes of each document's latest parse (a "needs OCR" note
-- only while the document still awaits OCR), the expectation checks of the source specs,
-- congressional reference problems, filers of either chamber (and of imports) that resolve to no member, and
-- stock rows read from text that match no issuer.
CREATE OR REPLACE VIEW out_problems AS
SELECT p.source, p.doc_id, p.level, p.page, p.row_number, p.code, p.message
FROM raw_parse__problems p
JOIN core_parse__latest d ON d.source = p.source AND d.doc_id IS NOT DISTINCT FROM p.doc_id
                         AND d.source_sha256 = p.source_sha256
LEFT JOIN out_coverage__documents c ON c.source = p.source AND c.doc_id IS NOT DISTINCT FROM p.doc_id
WHERE p.level <> 'needs_ocr' OR c.status = 'needs_ocr'
UNION ALL
SELECT source, doc_id, 'incomplete', NULL, NULL, code, message FROM core_parse__expectations
UNION ALL
SELECT source, doc_id, level, NULL, NULL, code, message FROM out_problems__congress
UNION ALL
SELECT 'house_ptr', doc_id, 'unresolved_filer', NULL, NULL, 'unresolved_filer', reason
FROM core_house__filer_resolution WHERE member_id_bioguide IS NULL AND method IS DISTINCT FROM 'candidate'
UNION ALL
SELECT 'senate_ptr', doc_id, 'unresolved_filer', NULL, NULL, 'unresolved_filer', reason
FROM core_senate__filer_resolution WHERE member_id_bioguide IS NULL
UNION ALL
SELECT source, doc_id, 'unresolved_filer', NULL, NULL, 'unresolved_filer',
       'imported filer ' || coalesce(filer_name, '?') || ' ' || coalesce(state_district, '') || ': ' || reason
FROM core_import__filer_resolution WHERE member_id_bioguide IS NULL
UNION ALL
SELECT chamber || '_ptr', doc_id, 'unresolved_asset', NULL, row_number, 'stock_without_ticker',
       'stock row printed without a ticker and not matched by name: ' || coalesce(asset_name, '?')
FROM core_transactions
WHERE asset_type_code IN ('ST', 'OP') AND ticker IS NULL AND issuer_id IS NULL AND is_current
  AND read_method = 'text';  -- paper rows carry no ticker by design; their reading is listed as ocr_review
