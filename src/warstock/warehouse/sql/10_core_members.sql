-- core_members: one row per member, names and ids from the newest snapshot that lists them,
-- party/state/district/chamber from their latest term.
CREATE OR REPLACE VIEW core_member_terms AS
SELECT DISTINCT member_id_bioguide, term_type, term_start, term_end, state, district, party
FROM raw_congress__legislator_terms;

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
  USING (member_id_bioguide);
