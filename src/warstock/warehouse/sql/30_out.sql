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

-- Coverage of the House index: every PTR the Clerk lists, in exactly one state.
CREATE OR REPLACE VIEW out_coverage__house AS
WITH listed AS (
    SELECT doc_id, year FROM raw_house__index WHERE filing_type = 'P'
),
docs AS (
    SELECT d.doc_id, d.status, d.reason FROM raw_parse__documents d
    WHERE d.source = 'house_ptr'
    QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.parsed_at DESC) = 1
)
SELECT l.year, l.doc_id,
       coalesce(d.status, 'not_archived') AS status,
       d.reason
FROM listed l LEFT JOIN docs d USING (doc_id);

-- Senate: every report warstock has archived, by the year it was filed (a paper stub carries
-- no date; the year comes from its page images' media path).
CREATE OR REPLACE VIEW out_coverage__senate AS
WITH docs AS (
    SELECT d.doc_id, d.status, d.reason FROM raw_parse__documents d
    WHERE d.source = 'senate_ptr'
    QUALIFY row_number() OVER (PARTITION BY d.doc_id ORDER BY d.parsed_at DESC) = 1
)
SELECT coalesce(f.year, TRY_CAST(regexp_extract(f.image_urls, '/media/(\d{4})/', 1) AS INTEGER)) AS year,
       d.doc_id, d.status, d.reason
FROM docs d LEFT JOIN core_senate__filings f USING (doc_id);

CREATE OR REPLACE VIEW out_coverage AS
SELECT 'house' AS chamber, * FROM out_coverage__house
UNION ALL
SELECT 'senate' AS chamber, year, doc_id, status, reason FROM out_coverage__senate;
