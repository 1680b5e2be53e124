"""The former-members CSV (a synthetic file in the project's published columns)."""

from warstock.sources import legislators_historical

HEADER = ("last_name,first_name,middle_name,suffix,nickname,full_name,birthday,gender,type,state,district,"
          "senate_class,party,url,address,phone,contact_form,rss_url,twitter,twitter_id,facebook,youtube,youtube_id,"
          "mastodon,bioguide_id,thomas_id,opensecrets_id,lis_id,fec_ids,cspan_id,govtrack_id,votesmart_id,"
          "ballotpedia_id,washington_post_id,icpsr_id,wikipedia_id\n")


def test_ids_of_former_members_and_bad_rows() -> None:
    rows = ("Helmy,George,,,,,1986-01-01,M,sen,NJ,,1,Democrat,,,,,,,,,,,,H001103,,,S425,,,456950,,,,,George Helmy\n"
            "Nobody,No,,,,,,,rep,XX,1,,,,,,,,,,,,,,,,,,,,,,,,,\n")
    r = legislators_historical.parse((HEADER + rows).encode(), doc_id="2026-06-15_x")
    assert r.status == "parsed_with_notes" and [n.code for n in r.notes] == ["missing_bioguide"]
    (rec,) = r.records
    assert (rec["member_id_bioguide"], rec["member_id_lis"], rec["member_id_govtrack"], rec["last_term_type"]) == (
        "H001103", "S425", 456950, "sen")
    assert legislators_historical.parse(b"a,b\n1,2\n").status == "failed"
