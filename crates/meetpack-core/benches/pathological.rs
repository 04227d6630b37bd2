//! Pathological inputs (issue 9) at 1×, 10× and 100× their base size: time per run and
//! the growth ratio from one size to the next. Linear parsing shows ratios near 10.
//! A plain harness (`harness = false`): `cargo bench --bench pathological`.

use std::time::{Duration, Instant};

fn best_of(runs: usize, text: &str) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(meetpack_core::parse::parse(std::hint::black_box(text)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; a filter word selects families by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    println!(
        "{:<20} {:>10} {:>12} {:>10} {:>8}",
        "family", "n", "bytes", "time", "growth"
    );
    for (name, generate) in meetpack_core::parse::cost::families() {
        if !filter.is_empty() && !filter.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let base = if name == "items x papers" { 20 } else { 1000 };
        let mut previous: Option<Duration> = None;
        for scale in [1, 10, 100] {
            let text = generate(base * scale);
            let runs = if scale == 100 { 1 } else { 3 };
            let time = best_of(runs, &text);
            let growth = previous.map_or(String::from("-"), |p| {
                format!("{:.1}x", time.as_secs_f64() / p.as_secs_f64().max(1e-9))
            });
            println!(
                "{:<20} {:>10} {:>12} {:>9.1?} {:>8}",
                name,
                base * scale,
                text.len(),
                time,
                growth
            );
            previous = Some(time);
        }
    }
}
