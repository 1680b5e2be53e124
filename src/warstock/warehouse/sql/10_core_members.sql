-- core_members: one row per member, names and ids from the newest snapshot that lists them,
-- party/state/district/chamber from their latest term.
CREATE OR REPLACE VIEW core_member_terms AS
SELECT DISTINCT member_id_bioguide, term_type, term_start, term_end, state, district, party
FROM raw_congress__legislator_terms;

-- Each member's terms, one per start day, for "as of a day" lookups: the newest legislators
-- snapshot's row for that start (a party switch or a corrected end date can give two), then the
-- same total order as core_members.
CREATE OR REPLACE VIEW core_member_terms__dated AS
SELECT member_id_bioguide, term_start, term_end, term_type,
       CASE term_type WHEN 'rep' THEN 'house' WHEN 'sen' THEN 'senate' END AS chamber, state, district, party
FROM raw_congress__legislator_terms
WHERE term_start IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY member_id_bioguide, term_start
                           ORDER BY snapshot DESC, term_end DESC NULLS FIRST, party, state, district NULLS LAST,
                                    term_type) = 1;

CREATE OR REPLACE VIEW core_members AS
WITH latest_snapshot AS (
    SELECT * FROM raw_congress__legislator_terms
    QUALIFY row_number() OVER (PARTITION BY member_id_bioguide
                               ORDER BY snapshot DESC, term_start DESC, term_end DESC NULLS FIRST, term_number DESC) = 1
)
SELECT s.member_id_bioguide, s.member_id_lis, s.member_id_icpsr, s.member_id_govtrack,
       s.member_id_fec, s.first_name, s.last_name, s.nickname, s.official_full_name,
       coalesce(s.official_full_name, s.first_name || ' ' || s.last_name) AS member_name,
       t.term_type AS latest_term_type,
       CASE t.term_type WHEN 'rep' THEN 'house' WHEN 'sen' THEN 'senate' END AS chamber,
       t.state, t.district, t.party, t.term_start AS latest_term_start, t.term_end AS latest_term_end
FROM latest_snapshot s
-- a total order: two rows may share a term start (a party switch, a corrected end date)
JOIN (SELECT * FROM core_member_terms QUALIFY row_number() OVER
      (PARTITION BY member_id_bioguide ORDER BY term_start DESC, term_end DESC NULLS FIRST, party, state,
                                                district NULLS LAST, term_type) = 1) t
  USING (member_id_bioguide)
-- former members who are in no dated snapshot (they served between two): ids and last term only
UNION ALL BY NAME
SELECT h.member_id_bioguide, h.member_id_lis, h.member_id_icpsr, h.member_id_govtrack, h.member_id_fec,
       h.first_name, h.last_name, coalesce(h.full_name, h.first_name || ' ' || h.last_name) AS member_name,
       h.last_term_type AS latest_term_type,
       CASE h.last_term_type WHEN 'rep' THEN 'house' WHEN 'sen' THEN 'senate' END AS chamber,
       h.last_term_state AS state, h.last_term_party AS party
FROM raw_congress__legislator_ids h
WHERE h.member_id_bioguide NOT IN (SELECT member_id_bioguide FROM raw_congress__legislator_terms)
QUALIFY row_number() OVER (PARTITION BY h.member_id_bioguide ORDER BY h.snapshot DESC) = 1;
