-- Annual financial disclosure reports: what members (and their spouses and dependent
-- children) own, with value bands, and what they owe.

-- One row per report, both chambers. as_of_date: the date the values speak for (an annual
-- report: 31 December of the year it covers; a termination, new-filer or candidate report:
-- the end of its period, else its filing date). A later report of the same filer for the
-- same year and kind (an amendment) supersedes an earlier one.
CREATE OR REPLACE VIEW core_annual__filings AS
WITH house AS (
    SELECT 'house' AS chamber, f.doc_id, f.report_type, f.filing_year AS report_year,
           coalesce(f.period_end, CASE WHEN f.report_type = 'annual' THEN make_date(f.filing_year, 12, 31) END,
                    f.filing_date, f.signed_date) AS as_of_date,
           f.filing_date, f.filer_name, f.filer_status_code, f.state_district,
           r.member_id_bioguide, r.method AS resolution_method, r.reason AS resolution_reason,
           coalesce(f.source_url, u.official_url) AS source_url, f.holding_count, f.liability_count, f.source_sha256
    FROM raw_house__annual_filings f
    LEFT JOIN core_house__filer_resolution r USING (doc_id)
    JOIN core_parse__latest d ON d.source = CASE f.read_method WHEN 'ocr' THEN 'house_annual_ocr' ELSE 'house_annual' END
                             AND d.doc_id = f.doc_id AND d.source_sha256 = f.source_sha256
                             AND d.status IN ('parsed', 'parsed_with_notes')  -- a scanned stub is not a report read;
                                                                               -- its OCR reading is
    LEFT JOIN core_documents u ON u.source = 'house_annual' AND u.doc_id = f.doc_id
    QUALIFY row_number() OVER (PARTITION BY f.doc_id ORDER BY f.read_method = 'ocr' DESC, f.source_sha256) = 1
),
senate AS (
    SELECT 'senate' AS chamber, f.doc_id, f.report_type, f.report_year,
           CASE WHEN f.report_type = 'annual' THEN make_date(f.report_year, 12, 31) ELSE f.filed_date END AS as_of_date,
           f.filed_date AS filing_date, f.filer_name, NULL AS filer_status_code, NULL AS state_district,
           r.member_id_bioguide, r.method AS resolution_method, r.reason AS resolution_reason,
           coalesce(f.source_url, u.official_url) AS source_url, f.holding_count, f.liability_count, f.source_sha256
    FROM raw_senate__annual_filings f
    LEFT JOIN core_senate__filer_resolution r USING (doc_id)
    JOIN core_parse__latest d ON d.source = 'senate_annual' AND d.doc_id = f.doc_id AND d.source_sha256 = f.source_sha256
                             AND d.status IN ('parsed', 'parsed_with_notes')
    LEFT JOIN core_documents u ON u.source = 'senate_annual' AND u.doc_id = f.doc_id
    QUALIFY row_number() OVER (PARTITION BY f.doc_id ORDER BY f.source_sha256) = 1
),
everyone AS (SELECT * FROM house UNION ALL BY NAME SELECT * FROM senate)
SELECT *,
       row_number() OVER (PARTITION BY coalesce(member_id_bioguide, filer_name), report_year,
                                       CASE WHEN report_type = 'amendment' THEN 'candidate' ELSE report_type END
                          ORDER BY filing_date DESC NULLS LAST, doc_id DESC) = 1 AS is_current
FROM everyone;

-- Holdings of both chambers in one shape; Senate asset categories mapped onto the House codes
-- the analysis filters on (the printed category is kept).
CREATE OR REPLACE VIEW core_holdings AS
WITH rows_ AS (
    SELECT doc_id, row_number, page, owner, asset_name, ticker, asset_type_code, NULL AS asset_type_text,
           subholding_of, value_text, value_category, value_min_usd, value_max_usd,
           income_type, income_text, income_min_usd, income_max_usd, description, read_method, source_sha256,
           ocr_confidence, needs_review, review_reason
    FROM raw_house__holdings
    UNION ALL BY NAME
    SELECT doc_id, row_number, NULL AS page, owner, asset_name, ticker,
           senate_asset_code(coalesce(asset_subtype, asset_type)) AS asset_type_code,
           concat_ws(' / ', asset_type, asset_subtype) AS asset_type_text,
           subholding_of, value_text, value_category, value_min_usd, value_max_usd,
           income_type, income_text, income_min_usd, income_max_usd, description, read_method, source_sha256
    FROM raw_senate__holdings
)
SELECT f.chamber, h.*, f.report_type, f.report_year, f.as_of_date, f.filing_date, f.is_current,
       f.member_id_bioguide, f.filer_name, f.resolution_method, f.source_url,
       m.issuer_id, m.match_method, m.matched_on
FROM rows_ h
JOIN core_annual__filings f USING (doc_id, source_sha256)
LEFT JOIN core_asset_matches m USING (doc_id, row_number);

CREATE OR REPLACE VIEW core_liabilities AS
SELECT f.chamber, l.doc_id, l.row_number, l.owner, l.amount_text, l.amount_min_usd, l.amount_max_usd,
       l.needs_review, f.report_year, f.as_of_date, f.is_current, f.member_id_bioguide, f.filer_name, f.source_url
FROM (SELECT doc_id, row_number, owner, amount_text, amount_min_usd, amount_max_usd, needs_review, source_sha256
      FROM raw_house__liabilities
      UNION ALL
      SELECT doc_id, row_number, owner, amount_text, amount_min_usd, amount_max_usd, NULL AS needs_review,
             source_sha256
      FROM raw_senate__liabilities) l
JOIN core_annual__filings f USING (doc_id, source_sha256);

-- Coverage of the annual reports warstock has: every one parsed, awaiting OCR or failed. A
-- scanned report read by OCR counts as parsed (with notes: what OCR did not read), with
-- read_method 'ocr' and its rows flagged for review counted.
CREATE OR REPLACE VIEW out_coverage__annual AS
SELECT CASE c.source WHEN 'house_annual' THEN 'house' ELSE 'senate' END AS chamber, c.source, c.doc_id,
       CASE WHEN c.status IN ('ocr', 'ocr_with_review') THEN o.status ELSE c.status END AS status,
       CASE WHEN c.status IN ('ocr', 'ocr_with_review') THEN 'ocr' ELSE 'text' END AS read_method,
       CASE WHEN c.status IN ('ocr', 'ocr_with_review') THEN o.reason ELSE c.reason END AS reason,
       c.ocr_rows, c.ocr_review_rows,
       f.report_type, f.report_year, f.member_id_bioguide, f.resolution_method
FROM out_coverage__documents c
LEFT JOIN core_annual__filings f USING (doc_id)
LEFT JOIN core_parse__latest o ON o.read_method = 'ocr' AND o.doc_id = c.doc_id
                              AND o.source IN (SELECT name FROM core_sources WHERE reads = c.source)
WHERE c.source IN ('house_annual', 'senate_annual');
