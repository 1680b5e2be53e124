-- Universe trades by members who sat, on the trade date, on a committee of a set
-- (core_congress__committee_sets; 'defense' = Armed Services, Foreign Affairs/Relations,
-- Intelligence, Defense Appropriations). seat_certain is false when the trade falls between
-- the last roster that listed the seat and the first that did not.
CREATE OR REPLACE VIEW out_conflicts__committee AS
SELECT t.universe_id, cs.set_id, t.member_id_bioguide, t.member_name, t.party, t.state, t.member_chamber,
       t.doc_id, t.row_number, t.transaction_date, t.transaction_type, t.owner, t.ticker, t.issuer_id,
       t.issuer_name, t.asset_type_code, t.amount_min_usd, t.amount_max_usd, t.source_url,
       s.committee_code, s.committee_name, s.title AS committee_title, s.valid_from, s.last_seen, s.ends_before,
       (t.transaction_date <= s.last_seen OR s.ends_before IS NULL) AS seat_certain,
       (t.read_method = 'text' OR NOT coalesce(t.needs_review, true)) AS date_certain
FROM out_universe__trades t
JOIN core_congress__seats s
  ON s.member_id_bioguide = t.member_id_bioguide
 AND s.valid_from <= t.transaction_date
 AND (s.ends_before IS NULL OR t.transaction_date < s.ends_before)
JOIN core_congress__committee_sets cs ON cs.committee_code = s.committee_code;

-- Which companies a key vote's bill funds, by the vote's topic. A bill that authorizes or
-- appropriates Department of Defense money (NDAA, defense appropriations, war supplementals)
-- funds the companies DoD pays: the universe edition dod-any-contractor (companies with DoD
-- contract obligations in USAspending / the DoD spending-by-state report). A war-powers
-- resolution or a sanctions bill funds no company. A resolution on one foreign arms sale funds
-- that sale's contractor, which the data does not name: not mapped (NULL below).
CREATE OR REPLACE VIEW core_congress__vote_funding AS
SELECT * FROM (VALUES
    ('defense_authorization', 'dod_contractors', 'authorizes DoD programs: funds the companies with DoD contract obligations (dod-any-contractor)'),
    ('defense_appropriations', 'dod_contractors', 'appropriates DoD money: funds the companies with DoD contract obligations (dod-any-contractor)'),
    ('war_supplemental', 'dod_contractors', 'emergency DoD money (weapons, replenishment): funds the companies with DoD contract obligations (dod-any-contractor)'),
    ('arms_sales', 'not_mapped', 'one foreign arms sale: its contractor is not named in the data, so no company is mapped'),
    ('war_powers', 'none', 'directs the use of armed forces: funds no company'),
    ('sanctions', 'none', 'sanctions: funds no company')
) AS f(topic, funds, basis);

-- Universe trades paired with every key vote the same member cast; days_to_vote > 0 means
-- the trade came first. Callers keep the pairs within their window (default 30 days).
-- bill_funds_company: true when the traded company is one the vote's bill funds (above); false
-- when the bill funds no company; NULL when the data cannot say (an arms sale's contractor; a
-- company DoD may pay that is not among the DoD contract recipients the edition lists: it lists
-- top recipients, so absence from it is not evidence).
CREATE OR REPLACE VIEW out_conflicts__votes AS
SELECT t.universe_id, t.member_id_bioguide, t.member_name, t.party, t.state, t.member_chamber,
       t.doc_id, t.row_number, t.transaction_date, t.transaction_type, t.owner, t.ticker, t.issuer_id,
       t.issuer_name, t.asset_type_code, t.amount_min_usd, t.amount_max_usd, t.source_url,
       k.vote_id, k.label AS vote_label, k.topic AS vote_topic, v.vote_date, v.official_url AS vote_url,
       p.position, date_diff('day', t.transaction_date, v.vote_date) AS days_to_vote,
       (t.read_method = 'text' OR NOT coalesce(t.needs_review, true)) AS date_certain,
       CASE WHEN f.funds = 'none' THEN false
            WHEN f.funds = 'dod_contractors' AND t.issuer_id IN (
                SELECT issuer_id FROM core_universe__memberships WHERE universe_id = 'dod-any-contractor') THEN true
       END AS bill_funds_company
FROM out_universe__trades t
JOIN core_vote_positions p ON p.member_id_bioguide = t.member_id_bioguide
JOIN core_congress__key_votes k ON k.vote_id = p.vote_id
JOIN core_votes v ON v.vote_id = p.vote_id
LEFT JOIN core_congress__vote_funding f ON f.topic = k.topic
WHERE p.position IN ('yea', 'nay', 'present');

-- STOCK Act timing: a transaction must be reported within 30 days of the filer's
-- notification and in no case later than 45 days after the transaction. Judged on the date
-- the trade was first reported (an amendment does not make an on-time report late).
-- No accusation on doubt: a row is a finding ('late') only when its dates are consistent
-- (trade <= notification <= filing) and, for a paper form read by OCR, read with confidence.
-- The others are kept apart with the reason: 'inconsistent' (the dates cannot all be right as
-- read or as filed), 'doubtful' (a date read by OCR below the confidence threshold) or
-- 'imported' (another project's reading of the filing: `warstock import`).
CREATE OR REPLACE VIEW out_late_filings__all AS
WITH due AS (
    SELECT t.*, least(coalesce(t.notification_date + 30, t.transaction_date + 45),
                      t.transaction_date + 45) AS due_date
    FROM core_transactions t
    WHERE t.is_current AND t.first_reported_date IS NOT NULL AND t.transaction_date IS NOT NULL
)
SELECT d.chamber, d.member_id_bioguide, coalesce(m.member_name, d.filer_name) AS member_name, d.doc_id,
       d.row_number, d.asset_name, d.ticker, d.transaction_type, d.transaction_date, d.notification_date,
       d.first_reported_date AS filing_date, d.amount_min_usd, d.amount_max_usd, d.source_url, d.due_date,
       date_diff('day', d.due_date, d.first_reported_date) AS days_late, d.read_method,
       CASE WHEN d.read_method = 'import' THEN 'imported'
            WHEN d.notification_date < d.transaction_date THEN 'inconsistent'
            WHEN d.transaction_date > d.first_reported_date OR d.notification_date > d.first_reported_date
                 THEN 'inconsistent'
            WHEN d.read_method = 'ocr' AND coalesce(d.needs_review, true) THEN 'doubtful'
            ELSE 'late' END AS finding,
       CASE WHEN d.read_method = 'import' THEN d.review_reason || ': its dates accuse no one'
            WHEN d.notification_date < d.transaction_date THEN 'notification date before the trade'
            WHEN d.transaction_date > d.first_reported_date THEN 'trade dated after the filing'
            WHEN d.notification_date > d.first_reported_date THEN 'notification dated after the filing'
            WHEN d.read_method = 'ocr' AND coalesce(d.needs_review, true)
                 THEN 'paper form: a date read with low confidence (' || coalesce(d.review_reason, '?') || ')'
       END AS doubt
FROM due d
LEFT JOIN core_members m USING (member_id_bioguide)
WHERE d.first_reported_date > d.due_date;

-- The findings: late, with consistent and confidently read dates.
CREATE OR REPLACE VIEW out_late_filings AS
SELECT * EXCLUDE (finding, doubt) FROM out_late_filings__all WHERE finding = 'late';
