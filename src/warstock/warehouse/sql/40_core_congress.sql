-- Committees: the newest name for each code.
CREATE OR REPLACE VIEW core_congress__committees AS
SELECT committee_code, parent_code, chamber, committee_name, jurisdiction
FROM raw_congress__committees
QUALIFY row_number() OVER (PARTITION BY committee_code ORDER BY snapshot_date DESC NULLS LAST) = 1;

-- Seats joined to names; held on t when valid_from <= t < ends_before (null: still held).
CREATE OR REPLACE VIEW core_congress__seats AS
SELECT s.*, coalesce(c.committee_name, s.committee_code) AS committee_name
FROM core_congress__committee_seats s
LEFT JOIN core_congress__committees c USING (committee_code);

-- Votes (one row per vote id) and positions keyed by bioguide id (Senate LIS ids mapped).
CREATE OR REPLACE VIEW core_votes AS
SELECT * FROM raw_votes__votes
QUALIFY row_number() OVER (PARTITION BY vote_id ORDER BY official_yea IS NULL, source_sha256) = 1;

CREATE OR REPLACE VIEW core_vote_positions AS
WITH lis AS (  -- serving members' ids, then former members' (one who served only between snapshots)
    SELECT member_id_lis, any_value(member_id_bioguide ORDER BY k) AS member_id_bioguide FROM (
        SELECT member_id_lis, member_id_bioguide, 0 AS k FROM raw_congress__legislator_terms
        UNION ALL
        SELECT member_id_lis, member_id_bioguide, 1 FROM raw_congress__legislator_ids)
    WHERE member_id_lis IS NOT NULL GROUP BY 1
)
SELECT p.vote_id, p.chamber, p.member_id, p.member_id_kind,
       CASE WHEN p.member_id_kind = 'bioguide' THEN p.member_id ELSE lis.member_id_bioguide END AS member_id_bioguide,
       p.position, p.position_text, p.party, p.state, p.display_name
FROM (SELECT * FROM raw_votes__positions
      QUALIFY row_number() OVER (PARTITION BY vote_id, member_id ORDER BY source_sha256) = 1) p
LEFT JOIN lis ON p.member_id_kind = 'lis' AND lis.member_id_lis = p.member_id;

-- Key votes with tallies recomputed from positions, overall and by party.
CREATE OR REPLACE VIEW out_key_votes AS
SELECT k.vote_id, k.label, k.topic, v.chamber, v.vote_date, v.question, v.result, v.official_url,
       count(*) FILTER (WHERE p.position = 'yea') AS yea,
       count(*) FILTER (WHERE p.position = 'nay') AS nay,
       count(*) FILTER (WHERE p.position = 'present') AS present,
       count(*) FILTER (WHERE p.position = 'not_voting') AS not_voting,
       k.expected_yea, k.expected_nay, k.expected_present, k.expected_not_voting, k.expected_by_party,
       v.official_yea, v.official_nay
FROM core_congress__key_votes k
LEFT JOIN core_votes v USING (vote_id)
LEFT JOIN core_vote_positions p USING (vote_id)
GROUP BY ALL;

CREATE OR REPLACE VIEW out_key_votes__by_party AS
SELECT vote_id, party, position, count(*) AS members
FROM core_vote_positions JOIN core_congress__key_votes USING (vote_id)
GROUP BY ALL;

-- Positions that map to no member, and committee seats of unknown committees: visible problems.
CREATE OR REPLACE VIEW out_problems__congress AS
SELECT 'votes' AS source, vote_id AS doc_id, 'unresolved_member' AS level, 'position_member_unknown' AS code,
       'vote position by ' || member_id_kind || ' id ' || member_id || ' (' || coalesce(display_name, '?')
       || ') maps to no member in the legislators data' AS message
FROM core_vote_positions p
WHERE member_id_bioguide IS NULL
   OR member_id_bioguide NOT IN (SELECT member_id_bioguide FROM raw_congress__legislator_terms)
UNION ALL
SELECT DISTINCT 'committee_membership', committee_code, 'unknown_committee', 'committee_code_unknown',
       'committee code ' || committee_code || ' is not in the committee list'
FROM core_congress__committee_seats
WHERE committee_code NOT IN (SELECT committee_code FROM raw_congress__committees)
  AND EXISTS (SELECT 1 FROM raw_congress__committees);
