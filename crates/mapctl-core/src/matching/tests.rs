use super::*;

fn org(name: &str) -> OrgSide<'_> {
    OrgSide {
        name,
        ..OrgSide::default()
    }
}

fn ext<'a>(id: &'a str, name: &'a str) -> ExternalSide<'a> {
    ExternalSide {
        id,
        name,
        ..ExternalSide::default()
    }
}

/// (org name, external id, confidence, reason) of each proposal.
fn run<'a>(
    orgs: &[OrgSide<'a>],
    externals: &[ExternalSide<'a>],
) -> Vec<(&'a str, &'a str, &'static str, &'static str)> {
    suggest(orgs, externals)
        .into_iter()
        .map(|p| {
            (
                orgs[p.org].name,
                externals[p.external].id,
                p.confidence.as_str(),
                p.reason.as_str(),
            )
        })
        .collect()
}

#[test]
fn legal_forms_and_case_do_not_stop_a_high_proposal() {
    let externals = [
        ext("42", "ACME Corporation Ltd"),
        ext("43", "Acme Logistics GmbH"),
        ext("44", "Globex Inc"),
    ];
    assert_eq!(
        run(&[org("Acme Corp")], &externals),
        vec![("Acme Corp", "42", "high", "normalized_name")]
    );
    assert_eq!(
        run(&[org("globex inc")], &externals),
        vec![("globex inc", "44", "high", "exact_name")]
    );
}

#[test]
fn identity_and_links_beat_names() {
    let mut tenant = ext("9f1c0e4a-0000-4000-8000-000000000001", "Contoso (old name)");
    tenant.tenant_id = None;
    let mut site = ext("site-7", "Main office");
    site.links = vec![("autotask", "123")];
    let externals = [tenant, site, ext("x", "Contoso")];
    let orgs = [
        OrgSide {
            name: "Contoso",
            tenant_id: Some("9F1C0E4A-0000-4000-8000-000000000001"),
            held: vec![],
            domains: vec![],
            rejected: vec![],
        },
        OrgSide {
            name: "Fabrikam",
            tenant_id: None,
            held: vec![("autotask", "123")],
            domains: vec![],
            rejected: vec![],
        },
    ];
    assert_eq!(
        run(&orgs, &externals),
        vec![
            (
                "Contoso",
                "9f1c0e4a-0000-4000-8000-000000000001",
                "high",
                "tenant_id"
            ),
            ("Fabrikam", "site-7", "high", "link"),
        ]
    );
}

#[test]
fn a_tie_is_never_high() {
    let externals = [ext("1", "Acme Ltd"), ext("2", "ACME Limited")];
    let got = run(&[org("Acme")], &externals);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, "medium");
    // Two MSP orgs wanting one external org: neither is sure.
    let got = run(&[org("Acme Inc"), org("ACME GmbH")], &[ext("1", "Acme")]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, "medium");
}

#[test]
fn a_shared_common_word_is_not_a_match_but_a_shared_rare_one_is() {
    let mut names: Vec<String> = (0..50).map(|i| format!("Company{i} Holdings")).collect();
    names.push("Wabtec Holdings".into());
    let externals: Vec<ExternalSide> = names
        .iter()
        .enumerate()
        .map(|(i, n)| ExternalSide {
            id: Box::leak(i.to_string().into_boxed_str()),
            name: n,
            ..ExternalSide::default()
        })
        .collect();
    let got = run(&[org("Wabtec"), org("Initech Holdings")], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Wabtec");
    assert_eq!(got[0].1, "50");
    assert_eq!(got[0].3, "fuzzy");
}

#[test]
fn each_external_org_is_proposed_once() {
    let externals = [ext("1", "Northwind Traders"), ext("2", "Northwind Foods")];
    let got = run(
        &[org("Northwind Traders Ltd"), org("Northwind Trading")],
        &externals,
    );
    let ids: Vec<&str> = got.iter().map(|g| g.1).collect();
    assert_eq!(
        got[0],
        ("Northwind Traders Ltd", "1", "high", "normalized_name")
    );
    assert!(!ids[1..].contains(&"1"), "{got:?}");
}

#[test]
fn sister_companies_are_not_joined_with_confidence() {
    let externals = [ext("1", "Acme Logistics"), ext("2", "Acme Manufacturing")];
    for p in suggest(&[org("Acme")], &externals) {
        assert_ne!(p.confidence, Confidence::High, "{p:?}");
    }
}

#[test]
fn an_org_without_counterpart_gets_nothing_or_low() {
    let externals = [ext("1", "Globex"), ext("2", "Initech")];
    assert!(run(&[org("Umbrella Corporation")], &externals).is_empty());
}

#[test]
fn a_domain_ties_a_record_whose_name_agrees() {
    let mut psa = ext("7", "Smith and Sons Holdings LLC");
    psa.domains = vec!["smithandsons.com"];
    let mut other = ext("8", "Northwind Traders");
    other.domains = vec!["gmail.com"];
    let externals = [psa, other, ext("9", "Northwind")];
    let mut smith = org("Smith & Sons");
    smith.domains = vec!["smithandsons.com"];
    assert_eq!(
        run(&[smith.clone()], &externals),
        vec![("Smith & Sons", "7", "high", "domain")]
    );
    // A public mail domain is no evidence.
    let mut mail = org("Nobody");
    mail.domains = vec!["gmail.com"];
    assert!(run(&[mail], &externals).is_empty());
}

/// Any record may carry any website: a domain on a record whose name
/// shares nothing with the org's is for a person, and never beats the
/// org's genuine record (a record that claims the org's own domain).
#[test]
fn a_domain_alone_on_a_record_named_otherwise_is_never_high() {
    let mut psa = ext("7", "SSP Group LLC");
    psa.domains = vec!["smithandsons.com"];
    let mut smith = org("Smith & Sons");
    smith.domains = vec!["smithandsons.com"];
    assert_eq!(
        run(&[smith], &[psa]),
        vec![("Smith & Sons", "7", "medium", "domain")]
    );
    let mut claim = ext("66", "Totally Unrelated Ltd");
    claim.domains = vec!["victim.com"];
    let genuine = ext("67", "Victim Holdings Group");
    let mut victim = org("Victim Holdings");
    victim.domains = vec!["victim.com"];
    let got = run(&[victim], &[claim, genuine]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "67", "the genuine record, not the claim: {got:?}");
}

/// A social page as a website lends nothing: "Bob's Bakery" with a
/// Facebook page is not "Quantum Dynamics LLC" with another one.
#[test]
fn social_and_profile_hosts_are_no_evidence() {
    let mut other = ext("9", "Quantum Dynamics LLC");
    other.domains = vec!["facebook.com"];
    let mut bob = org("Bob's Bakery");
    bob.domains = vec!["facebook.com", "m.facebook.com"];
    assert!(run(&[bob], &[other]).is_empty());
}

#[test]
fn a_domain_several_records_share_is_for_a_person_or_no_evidence() {
    // Copies of one company: a person chooses.
    let mut a = ext("1", "Alpha One");
    a.domains = vec!["alpha-one.test"];
    let mut b = ext("2", "Alpha One Ltd (old)");
    b.domains = vec!["alpha-one.test"];
    let mut o = org("Gamma");
    o.domains = vec!["alpha-one.test"];
    let got = run(&[o.clone()], &[a, b]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].2, "medium", "{got:?}");
    // Unrelated names on one domain (one host's, one page's): none.
    let mut a = ext("1", "Alpha One");
    a.domains = vec!["shared-host.test"];
    let mut b = ext("2", "Beta Two");
    b.domains = vec!["shared-host.test"];
    o.domains = vec!["shared-host.test"];
    assert!(run(&[o], &[a, b]).is_empty());
}

#[test]
fn a_domain_and_a_name_score_above_either() {
    let mut both = ext("1", "Acme Corporation");
    both.domains = vec!["acme.com"];
    let alone = ext("2", "Acme Corporation");
    let mut o = org("Acme Corp");
    o.domains = vec!["acme.com"];
    let with = suggest(&[o.clone()], &[both]);
    let without = suggest(&[org("Acme Corp")], &[alone]);
    assert!(with[0].score > without[0].score, "{with:?} {without:?}");
    assert_eq!(with[0].reason, Reason::Domain);
}

#[test]
fn a_duplicate_record_makes_a_name_proposal_medium() {
    for copy in ["Acme Inc.", "Acme Inc (old)", "Acme Inx", "ACME, Inc"] {
        let externals = [ext("1", "Acme Inc"), ext("2", copy), ext("3", "Globex")];
        let got = run(&[org("Acme Inc")], &externals);
        assert_eq!(got.len(), 1, "{copy}: {got:?}");
        assert_eq!(got[0].2, "medium", "{copy}: {got:?}");
    }
    // Another company of another name is no duplicate.
    let externals = [
        ext("1", "Acme Inc"),
        ext("2", "Acme Logistics"),
        ext("3", "Globex"),
    ];
    assert_eq!(run(&[org("Acme Inc")], &externals)[0].2, "high");
}

#[test]
fn a_name_a_descriptor_word_apart_from_another_record_is_for_a_person() {
    // "HSBC Inc" is the cleaner name, "HSBC Holdings PLC" may be the client:
    // the name cannot choose.
    let externals = [ext("1", "HSBC Inc"), ext("2", "HSBC Holdings PLC")];
    let got = run(&[org("HSBC")], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].2, "medium", "{got:?}");
    // A word that makes no other entity of the name leaves it high.
    let externals = [ext("1", "HSBC Inc"), ext("2", "HSBC Capital PLC")];
    assert_eq!(run(&[org("HSBC")], &externals)[0].2, "high");
}

#[test]
fn a_name_that_disagrees_with_the_orgs_domain_is_for_a_person() {
    // The org is named by its ticker; "Team Inc" is another company, its
    // domain ties it to the right record.
    let mut right = ext("1", "Atlassian Corporation");
    right.domains = vec!["atlassian.com"];
    let externals = [right, ext("2", "Team Inc")];
    let mut team = org("TEAM");
    team.domains = vec!["atlassian.com"];
    let got = run(&[team], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_ne!(
        (got[0].1, got[0].2),
        ("2", "high"),
        "the name must not win at high: {got:?}"
    );
    // Without the domain the exact name is high, as before.
    assert_eq!(
        run(&[org("TEAM")], &externals)[0],
        ("TEAM", "2", "high", "normalized_name")
    );
}

/// A copy that misspells the distinctive word, pluralizes it or runs two
/// words together is a duplicate all the same: the name proposal is for a
/// person, whichever record the assignment picked.
#[test]
fn a_typo_in_the_distinctive_word_is_a_duplicate_too() {
    // Common words around, so that the distinctive one is the rarest.
    let filler: Vec<ExternalSide> = (0..30)
        .map(|_| ext("x", "Northwind Logistics Fabric Tech"))
        .collect();
    for (org_name, records) in [
        (
            "Halcyon Logistics Ltd",
            ["Halcyon Logistics Inc", "Halcyn Logistics Ltd"],
        ),
        (
            "Redwood Fabric Corporation",
            ["Redwood Fabric Corp", "Redwood Fabrics"],
        ),
        ("Blue Water Tech", ["Blue Water Tech Inc", "Bluewater Tech"]),
    ] {
        let mut externals = vec![ext("1", records[0]), ext("2", records[1])];
        externals.append(&mut filler.clone());
        let got = suggest(&[org(org_name)], &externals);
        assert_eq!(got.len(), 1, "{org_name}: {got:?}");
        assert_ne!(got[0].confidence, Confidence::High, "{org_name}: {got:?}");
        // The other record is named why: a near spelling (or, run
        // together, the very same name: a tie).
        assert!(
            matches!(
                got[0].caveat,
                Some(Caveat::Duplicate { external: 1 } | Caveat::RecordNearTie { external: 1 })
            ),
            "{org_name}: {got:?}"
        );
    }
}

/// The org's words in another order score like the name; while a record
/// has them in order, the reordered one is not `high`.
#[test]
fn reordered_words_are_not_high_beside_an_in_order_candidate() {
    let externals = [
        ext("1", "Systems Pacific Data Corp"),
        ext("2", "Pacific Data Systms Inc"),
    ];
    let got = suggest(&[org("Pacific Data Systems Inc")], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_ne!(got[0].confidence, Confidence::High, "{got:?}");
}

/// A US "Corp" and a Swedish "AB" of one name are often two entities:
/// with a record that states the org's own legal form around, the other
/// form is for a person.
#[test]
fn a_legal_form_that_disagrees_is_not_high_when_another_agrees() {
    let externals = [
        ext("1", "Nordic Widgets AB"),
        ext("2", "Nordic Widgets Americas Corp"),
    ];
    let got = suggest(&[org("Nordic Widgets Corp")], &externals);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].external, 0, "{got:?}");
    assert_eq!(got[0].confidence, Confidence::Medium, "{got:?}");
    assert_eq!(got[0].caveat, Some(Caveat::LegalForm { external: 1 }));
    // Alone, a record of another legal form is the name all the same.
    assert_eq!(
        run(
            &[org("Nordic Widgets Corp")],
            &[ext("1", "Nordic Widgets AB")]
        ),
        vec![("Nordic Widgets Corp", "1", "high", "normalized_name")]
    );
    let forms = |n: &str| Normalized::new(n).forms;
    assert_eq!(forms("Acme Corporation"), forms("ACME Corp."));
    assert_ne!(forms("Acme AB"), forms("Acme Corp"));
}

/// A bracket that holds a company name is an alias to match on; one that
/// holds a qualifier is not.
#[test]
fn a_bracket_holding_a_company_name_is_an_alias() {
    let externals = [
        ext(
            "1",
            "Fuji Shashin Film Kabushiki Kaisha (Fuji Photo Film Co., Ltd.)",
        ),
        ext("2", "Globex (old)"),
    ];
    assert_eq!(
        run(&[org("Fuji Photo Film")], &externals),
        vec![("Fuji Photo Film", "1", "high", "normalized_name")]
    );
    assert_eq!(Normalized::bracket_alias("Globex (old)"), None);
    assert_eq!(Normalized::bracket_alias("Acme [London]"), None);
    assert_eq!(
        Normalized::bracket_alias("X (Fuji Photo Film Co., Ltd.)").map(|n| n.key()),
        Some("fuji photo film".to_owned())
    );
}

/// Numbered names differ by their number, not by a typo: "Store 0009"
/// beside "Store 0001" is no duplicate.
#[test]
fn a_different_number_is_no_near_spelling() {
    let externals = [
        ext("1", "Globex 00009 Ltd"),
        ext("2", "Globex 00001 Ltd"),
        ext("3", "Globex 00017 Ltd"),
    ];
    assert_eq!(
        run(&[org("Globex 00009 Limited")], &externals),
        vec![("Globex 00009 Limited", "1", "high", "normalized_name")]
    );
}

#[test]
fn a_name_alike_is_no_proof_with_only_an_acronym_two_words_more_or_a_date() {
    // Public cases: Sweden's SEB bank is not France's SEB SA, Intermediate
    // Capital Group ("ICG plc") is not ICG Enterprise Trust.
    let externals = [
        ext("seb-sa", "SEB SA"),
        ext("icg-et", "ICG Enterprise Trust PLC"),
        ext("thermo", "Thermo Fisher Scientific Inc"),
        ext("six-flags-old", "Six Flags Entertainment New"),
        ext("sap", "SAP SE"),
    ];
    let got = run(&[org("SEB Group"), org("ICG plc"), org("SAP")], &externals);
    let confidence = |name: &str| got.iter().find(|p| p.0 == name).map(|p| p.2);
    assert_ne!(confidence("SEB Group"), Some("high"), "{got:?}");
    assert_eq!(confidence("ICG plc"), Some("medium"), "{got:?}");
    assert_eq!(confidence("SAP"), Some("high"), "{got:?}");
    // A long word in common and one word more still count.
    assert_eq!(run(&[org("Thermo Fisher")], &externals)[0].2, "high");
    // A dated name: Metso since 2020 is not the Metso Oyj listed before.
    let externals = [ext("old", "Metso Oyj"), ext("x", "Outotec Oyj")];
    assert_eq!(
        run(&[org("Metso (2020–present)")], &externals)[0].2,
        "medium"
    );
    assert_eq!(run(&[org("Metso")], &externals)[0].2, "high");
    let externals = [ext("six-flags-old", "Six Flags Entertainment New")];
    // Two words more: the old Six Flags is not the one formed in 2024.
    assert_eq!(run(&[org("Six Flags")], &externals)[0].2, "medium");
}
