use std::sync::Arc;

use super::*;
use crate::ui::prompt::{Answer, Scripted};
use mapctl_core::mapping::suggest::{Unmatched, Why};
use mapctl_core::matching::Reason;
use mapctl_core::model::Org;

fn open(names: &[&str]) -> Vec<Open> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Open {
            id: format!("{}", 40 + i),
            name: (*n).to_owned(),
            metadata: Default::default(),
        })
        .collect()
}

fn found(list: Vec<Suggestion>, open: Vec<Open>, unmatched: &[&str]) -> Suggestions {
    Suggestions {
        integration: "halopsa".into(),
        considered: list.len() + unmatched.len(),
        list,
        open,
        already_mapped: Vec::new(),
        unmatched: unmatched
            .iter()
            .map(|name| Unmatched {
                org: Arc::new(Org {
                    org_id: format!("id-{name}").into(),
                    name: (*name).to_owned(),
                    is_active: true,
                    ..Org::default()
                }),
                candidates: vec![3],
            })
            .collect(),
    }
}

fn suggestion(org: &str, open: &[Open], external: usize, confidence: Confidence) -> Suggestion {
    Suggestion {
        org: format!("id-{org}").into(),
        org_name: org.to_owned(),
        integration: "halopsa".into(),
        external_org_id: open[external].id.clone().into(),
        external_org_name: open[external].name.clone(),
        score: 0.9,
        confidence,
        reason: Reason::Fuzzy,
        org_record: Arc::new(Org {
            org_id: format!("id-{org}").into(),
            name: org.to_owned(),
            tenant_id: None,
            domains: Vec::new(),
            is_active: true,
            created_at: String::new(),
            updated_at: String::new(),
            created_by: String::new(),
        }),
        external,
        alternatives: vec![],
        why: None,
    }
}

#[test]
fn high_ones_are_ticked_in_a_list_and_the_others_default_to_skip_with_why() {
    let open = open(&["Acme Ltd", "Globex Inc", "Initech", "Umbrella", "Vendor Co"]);
    let mut initech = suggestion("Initech Corp", &open, 2, Confidence::Medium);
    initech.why = Some(Why::NearSpelling {
        id: "49".into(),
        name: "Initech Inc".into(),
    });
    let list = vec![
        suggestion("Acme", &open, 0, Confidence::High),
        suggestion("Globex", &open, 1, Confidence::High),
        initech,
        suggestion("Umbrella", &open, 3, Confidence::Low),
        suggestion("Vendor", &open, 4, Confidence::Medium),
    ];
    let found = found(list, open, &[]);
    let p = Scripted::new(vec![
        // Globex unticked: reviewed one by one with the others.
        Answer::Untick(&["Globex"]),
        Answer::Pick("Skip"),
        Answer::Pick("Accept"),
        Answer::Pick("Wrong match"),
        Answer::Pick("Ignore"),
    ]);
    let got = review(&p, &found).unwrap();
    assert_eq!(got.map, vec![(0, 0), (2, 2)]);
    assert_eq!(got.reject, vec![3]);
    assert_eq!(got.ignore, vec![4]);
    assert_eq!(got.ended, Ended::Done);
    let asked = p.asked.lock().unwrap();
    assert!(asked[0].starts_with("2 high-confidence suggestion(s) for halopsa"));
    assert!(asked[1].starts_with("(1/4) Globex → Globex Inc (41) [high"));
    assert_eq!(
        asked[2],
        "(2/4) Initech Corp → Initech (42) [medium, fuzzy 0.90]\n  not high: another open record is a near spelling: Initech Inc (49)"
    );
    let offered = p.offered.lock().unwrap();
    assert_eq!(offered[0].len(), 2, "the high ones, one line each");
    assert_eq!(offered[1][0], SKIP, "Skip is the default (first)");
}

#[test]
fn stop_and_ctrl_c_keep_what_was_decided() {
    let open = open(&["Acme Ltd", "Globex Inc", "Initech"]);
    let list = vec![
        suggestion("Acme", &open, 0, Confidence::High),
        suggestion("Globex", &open, 1, Confidence::Medium),
        suggestion("Initech", &open, 2, Confidence::Medium),
    ];
    let found = found(list, open, &[]);
    let p = Scripted::new(vec![Answer::Keep, Answer::Pick("Stop")]);
    let got = review(&p, &found).unwrap();
    assert_eq!((got.map.clone(), got.ended), (vec![(0, 0)], Ended::Stopped));
    let p = Scripted::new(vec![
        Answer::Keep,
        Answer::Pick("Accept"),
        Answer::Interrupt,
    ]);
    let got = review(&p, &found).unwrap();
    assert_eq!(got.map, vec![(0, 0), (1, 1)]);
    assert_eq!(got.ended, Ended::Interrupted);
    // Esc on the list of high ones is a stop too: nothing accepted.
    let p = Scripted::new(vec![Answer::Cancel]);
    let got = review(&p, &found).unwrap();
    assert!(got.is_empty() && got.ended == Ended::Stopped);
}

#[test]
fn another_is_picked_from_the_candidates_first_and_never_one_already_taken() {
    let open = open(&["Acme Ltd", "Acme Logistics", "Acme Holdings", "Zeta"]);
    let mut wrong = suggestion("Acme Holdings Group", &open, 1, Confidence::Medium);
    wrong.alternatives = vec![1, 2];
    let list = vec![suggestion("Acme", &open, 0, Confidence::High), wrong];
    let found = found(list, open, &[]);
    let p = Scripted::new(vec![
        Answer::Keep,
        Answer::Pick("Pick another"),
        Answer::Pick("Acme Holdings"),
    ]);
    let got = review(&p, &found).unwrap();
    assert_eq!(got.map, vec![(0, 0), (1, 2)]);
    let asked = p.asked.lock().unwrap();
    assert!(
        asked[2].starts_with("halopsa organization for Acme Holdings Group"),
        "{}",
        asked[2]
    );
}

#[test]
fn a_proposal_whose_external_org_was_taken_cannot_be_accepted() {
    let open = open(&["Acme Ltd", "Other"]);
    let mut second = suggestion("ACME", &open, 0, Confidence::Medium);
    second.alternatives = vec![0, 1];
    let list = vec![suggestion("Acme", &open, 0, Confidence::High), second];
    let found = found(list, open, &[]);
    let p = Scripted::new(vec![
        Answer::Keep,
        Answer::Pick("Pick another"),
        Answer::Pick("Other"),
    ]);
    assert_eq!(review(&p, &found).unwrap().map, vec![(0, 0), (1, 1)]);
    let offered = p.offered.lock().unwrap();
    // The menu of the second offers neither accepting nor ignoring the taken
    // external org, and its picker offers only what is left.
    assert_eq!(offered[1], [SKIP, PICK, WRONG, STOP]);
    assert_eq!(offered[2], ["Other  (41)"]);
}

#[test]
fn orgs_without_a_suggestion_are_offered_for_a_pick_or_skipped_at_once() {
    let open = open(&["Acme Ltd", "Globex Inc", "Hooli", "Initech Inc"]);
    let list = vec![suggestion("Acme", &open, 0, Confidence::High)];
    let found = found(list, open, &["Initech", "Zeta"]);
    let p = Scripted::new(vec![
        Answer::Keep,
        Answer::Pick("Pick a record for each"),
        Answer::Pick("Initech Inc"),
        Answer::Cancel,
    ]);
    let got = review(&p, &found).unwrap();
    assert_eq!(got.picked, vec![(0, 3)]);
    let offered = p.offered.lock().unwrap();
    assert_eq!(
        offered[2][0], "Initech Inc  (43)",
        "its likely record first"
    );
    let asked = p.asked.lock().unwrap();
    assert_eq!(
        asked[1],
        "2 org(s) have no suggestion in halopsa: Initech, Zeta"
    );
    // One keystroke skips them all.
    let p = Scripted::new(vec![Answer::Keep, Answer::Pick("Skip them")]);
    assert!(review(&p, &found).unwrap().picked.is_empty());
}
