-- Everything that could not be read or resolved, in one list (`warstock problems`).
CREATE OR REPLACE VIEW out_problems AS
SELECT source, doc_id, level, page, row_number, code, message FROM raw_parse__problems
UNION ALL
SELECT source, doc_id, level, NULL, NULL, code, message FROM out_problems__congress
UNION ALL
SELECT 'house_ptr', doc_id, 'unresolved_filer', NULL, NULL, 'unresolved_filer', reason
FROM core_house__filer_resolution WHERE member_id_bioguide IS NULL
UNION ALL
SELECT 'house_ptr', doc_id, 'unresolved_asset', NULL, row_number, 'stock_without_ticker',
       'stock row printed without a ticker and not matched by name: ' || coalesce(asset_name, '?')
FROM core_transactions
WHERE asset_type_code IN ('ST', 'OP') AND ticker IS NULL AND issuer_id IS NULL AND is_current
  AND ocr_confidence IS NULL;  -- paper rows carry no ticker by design; their reading is listed as ocr_review
