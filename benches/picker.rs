//! Filter time per keystroke of the external-org picker over 10,000 orgs:
//! the matcher dialoguer's FuzzySelect runs (skim v2) over every item, then
//! the sort by score, as it does on each key. Run: `cargo bench --bench picker`.
//! Goal (issue #5): under 16 ms per keystroke (one frame).

use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

fn main() {
    const WORDS: [&str; 8] = [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne",
    ];
    // As the picker shows them: name, id, and who they are mapped to.
    let items: Vec<String> = (1..=10_000)
        .map(|i| {
            let mapped = if i % 7 == 0 {
                format!("  → mapped to Customer {i:05}")
            } else {
                String::new()
            };
            format!("{} {i:05} Ltd  ({i}){mapped}", WORDS[i % WORDS.len()])
        })
        .collect();
    let matcher = SkimMatcherV2::default();
    let query = "Initech 01234";
    let mut times = Vec::new();
    for _round in 0..5 {
        for end in 1..=query.len() {
            let term = &query[..end];
            let started = Instant::now();
            let mut scored: Vec<(i64, usize)> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| matcher.fuzzy_match(item, term).map(|s| (s, i)))
                .collect();
            scored.sort_unstable_by_key(|(score, _)| std::cmp::Reverse(*score));
            std::hint::black_box(&scored);
            times.push(started.elapsed());
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "picker filter over {} items, per keystroke: median {:.2} ms, worst {:.2} ms (goal: under 16 ms)",
        items.len(),
        ms(times[times.len() / 2]),
        ms(*times.last().unwrap())
    );
}
