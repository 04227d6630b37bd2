//! The library at scale (issue 8): makes a synthetic library of N packs from the seeds
//! and the corpus, then measures in one run indexing from scratch, one changed file
//! re-indexed, search latency (p50/p99 over a fixed query set), the index's size on disk
//! and the process's peak memory.
//!
//! `nice cargo bench --no-default-features --bench library_scale -- 1000` (N packs,
//! default 100; the library goes under /tmp and is deleted afterwards; `--keep` keeps it,
//! and `--search-only` measures search again on a library an earlier `--keep` run left).
//!
//! Each pack is a seed pack with its committee, meeting date and people's surnames
//! replaced, its long paragraphs swapped for others drawn from every seed and corpus text
//! with some words replaced from a made-up vocabulary (so the index's vocabulary grows as
//! a real archive's does), and reports appended until it is about 180 KB of text.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use meetpack_core::library::{Filter, Library, LibraryPaths, SortBy, UpdateOptions};

const COMMITTEES: &[&str] = &[
    "Education and Children's Services Scrutiny Board (2)",
    "Finance and Corporate Services Scrutiny Board (1)",
    "Health and Social Care Scrutiny Board (5)",
    "Planning Committee",
    "Licensing and Regulatory Committee",
    "Cabinet",
    "Audit and Procurement Committee",
    "Business, Economy and Enterprise Scrutiny Board (3)",
    "Communities and Neighbourhoods Scrutiny Board (4)",
    "Health and Wellbeing Board",
    "Council",
    "Ethics Committee",
];

const SURNAMES: &[&str] = &[
    "Abbott",
    "Ahmed",
    "Bailey",
    "Baker",
    "Bennett",
    "Bradley",
    "Carter",
    "Chowdhury",
    "Clarke",
    "Davies",
    "Dixon",
    "Edwards",
    "Evans",
    "Fisher",
    "Foster",
    "Gill",
    "Graham",
    "Hall",
    "Harris",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Kaur",
    "Khan",
    "Lewis",
    "Lloyd",
    "Marshall",
    "Mason",
    "Morgan",
    "Murphy",
    "Nash",
    "Owen",
    "Patel",
    "Price",
    "Rahman",
    "Reid",
    "Roberts",
    "Shaw",
    "Singh",
    "Smith",
    "Taylor",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Queries a councillor might type: words, phrases, prefixes, rare and common terms.
const QUERIES: &[&str] = &[
    "ofsted",
    "\"family valued\"",
    "school transport",
    "librar*",
    "safeguarding partnership",
    "\"social workers\"",
    "budget",
    "early help hubs",
    "apprentice*",
    "\"holiday activities\"",
    "reunification",
    "mental health",
    "recruitment retention",
    "exclusions",
    "\"work programme\"",
    "covid*",
    "housing",
    "council",
    "children",
    "inspection framework",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn read_texts(dir: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(dir),
    ) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|e| e == "txt")
            && let Ok(t) = std::fs::read_to_string(&p)
        {
            out.push(t);
        }
    }
}

/// Generates `n` packs into `dir`; returns the bytes written.
fn generate(n: usize, dir: &Path) -> u64 {
    let mut seeds = Vec::new();
    read_texts("seeds", &mut seeds);
    let mut corpus = seeds.clone();
    read_texts("tests/corpus/other-councils", &mut corpus);
    read_texts("tests/corpus/pdf", &mut corpus);
    // Whole packs (a front sheet and minutes) are the templates.
    let templates: Vec<&String> = seeds.iter().filter(|s| s.len() > 40_000).collect();
    let paragraphs: Vec<&str> = corpus
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| l.len() > 200 && !l.contains('\t'))
        .collect();
    let original_committee = "Education and Children's Services Scrutiny Board (2)";
    let seed_surnames = [
        "Thomas",
        "Sandhu",
        "Blundell",
        "Keough",
        "Masih",
        "Reeves",
        "Tucker",
        "Akhtar",
        "Lancaster",
        "Nazir",
        "Khan",
        "Seaman",
        "Jobbar",
        "Brown",
        "Mutton",
        "Ali",
        "Hanson",
        "Lepoidevin",
        "Lloyd",
        "Kaur",
        "Kelly",
        "Thay",
        "Maton",
        "Clifford",
    ];
    let mut rng = Rng(8);
    let mut total = 0u64;
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let committee = COMMITTEES[i % COMMITTEES.len()];
        let year = 2000 + (i / COMMITTEES.len()) % 27;
        let month = rng.below(12);
        let day = 1 + rng.below(28);
        let template = templates[i % templates.len()];
        let mut text = template.replace(original_committee, committee);
        // The meeting's date on the front sheet and in the minutes' heading.
        let date = format!("{day}th {}, {year}", MONTHS[month]);
        text = replace_dates(&text, &date);
        // The same committee keeps the same people across its meetings.
        for (k, s) in seed_surnames.iter().enumerate() {
            let pick = SURNAMES[(k * 7 + i % COMMITTEES.len() * 3) % SURNAMES.len()];
            text = text.replace(&format!(" {s}"), &format!(" {pick}"));
        }
        let mut out = String::with_capacity(200_000);
        for line in text.lines() {
            if line.len() > 200 && !line.contains('\t') && rng.below(3) > 0 {
                out.push_str(&vary(paragraphs[rng.below(paragraphs.len())], &mut rng));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        // Reports appended until the pack is about 180 KB.
        let mut report = 1;
        while out.len() < 175_000 {
            out.push_str(&format!(
                "\n\u{c}\nBriefing Note\n\nTo: {committee}\n\nSubject: Report {report} on service {}\n\n1 Purpose of the Note\n\n",
                rng.below(500)
            ));
            for p in 0..12 {
                out.push_str(&format!(
                    "1.{} {}\n\n",
                    p + 1,
                    vary(paragraphs[rng.below(paragraphs.len())], &mut rng)
                ));
            }
            report += 1;
        }
        let path = dir.join(format!("pack-{i:05}.txt"));
        std::fs::write(&path, &out).unwrap();
        total += out.len() as u64;
    }
    total
}

/// Replaces a few words with made-up ones so the vocabulary keeps growing.
fn vary(paragraph: &str, rng: &mut Rng) -> String {
    paragraph
        .split(' ')
        .map(|w| {
            if w.len() > 6 && rng.below(12) == 0 {
                format!(
                    "{}{}",
                    &w[..w.char_indices().nth(4).map_or(w.len(), |(i, _)| i)],
                    rng.below(20_000)
                )
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "21st December, 2023" / "9th January, 2020" / "17th March, 2022" at the top of a
/// seed → the generated date (only in the first 60 lines: the front sheet and the
/// minutes' heading keep their roles, the bodies keep their own dates).
fn replace_dates(text: &str, date: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        if n < 60 && line.contains(" am on ") {
            let at = line.find(" on ").unwrap();
            let weekday_end = line[at + 4..].find(',').map_or(at + 4, |c| at + 4 + c + 1);
            out.push_str(&line[..weekday_end]);
            out.push(' ');
            out.push_str(date);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn size_on_disk(index: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", index.display())).ok())
        .map(|m| m.len())
        .sum()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100);
    let search_only = args.iter().any(|a| a == "--search-only");
    let keep = search_only || args.iter().any(|a| a == "--keep");
    let root = std::env::temp_dir().join(format!("meetpack-scale-{n}"));
    let paths = LibraryPaths::at(root.join("index.sqlite3"));
    if search_only {
        measure_search(&paths);
        return;
    }
    let _ = std::fs::remove_dir_all(&root);
    let packs = root.join("packs");
    let t = Instant::now();
    let bytes = generate(n, &packs);
    println!(
        "generated {n} packs, {:.1} MB of text, in {:.1} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let mut lib = Library::open(paths.clone()).unwrap();
    lib.add_folders(std::slice::from_ref(&packs)).unwrap();
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let report = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds().map(|c| c - cpu0.unwrap_or(0.0));
    println!(
        "indexed from scratch: {} files ({} failed) in {:.1} s wall, {} CPU s ({}x wall: both cores used when near 2), {:.1} MB/s",
        report.added,
        report.failed.len(),
        wall,
        cpu.map_or("?".into(), |c| format!("{c:.1}")),
        cpu.map_or("?".into(), |c| format!("{:.2}", c / wall)),
        bytes as f64 / 1e6 / wall
    );
    println!(
        "index on disk: {:.1} MB ({:.2}x the text)",
        size_on_disk(&paths.index) as f64 / 1e6,
        size_on_disk(&paths.index) as f64 / bytes as f64
    );

    // One changed file.
    let one = packs.join(format!("pack-{:05}.txt", n / 2));
    let mut text = std::fs::read_to_string(&one).unwrap();
    text.push_str("\nA late paragraph about the zanzibarian quokka survey.\n");
    std::fs::write(&one, text).unwrap();
    let t = Instant::now();
    let report = lib
        .update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    println!(
        "one changed file: {} changed, {} unchanged, in {:.0} ms (walk, compare, parse, rewrite)",
        report.changed,
        report.unchanged,
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    lib.update(UpdateOptions::default(), &mut |_, _| {})
        .unwrap();
    println!(
        "nothing changed: update in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(lib);
    measure_search(&paths);
    if !keep {
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// Search latency on a freshly opened index (each query run 10 times), then the other
/// answers once, and the process's peak memory.
fn measure_search(paths: &LibraryPaths) {
    let lib = Library::open(paths.clone()).unwrap();
    let mut times = Vec::new();
    let mut per_query = Vec::new();
    for q in QUERIES {
        let mut qt = Vec::new();
        let mut count = 0;
        for _ in 0..10 {
            let t = Instant::now();
            let hits = lib
                .search(q, &Filter::default(), false, SortBy::Relevance, 30)
                .unwrap();
            qt.push(t.elapsed());
            count = hits.len();
        }
        qt.sort();
        per_query.push((q, percentile(&qt, 0.5), qt[qt.len() - 1], count));
        times.extend(qt);
    }
    times.sort();
    println!(
        "search over {} runs of {} queries: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        QUERIES.len(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
    for (q, p50, max, count) in &per_query {
        println!(
            "    {q:<28} p50 {:>7.1} ms  max {:>7.1} ms  {count} hits",
            p50.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
    let filtered = Filter {
        committee: Some("planning".into()),
        since: Some("2015-01-01".into()),
        ..Filter::default()
    };
    let t = Instant::now();
    let hits = lib
        .search("children", &filtered, false, SortBy::Newest, 30)
        .unwrap();
    println!(
        "filtered search (committee and date) 'children': {} hits in {:.1} ms",
        hits.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let people = lib.people(&Filter::default()).unwrap();
    println!(
        "people: {} in {:.0} ms",
        people.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let decisions = lib.decisions(&Filter::default()).unwrap();
    println!(
        "decisions: {} in {:.0} ms",
        decisions.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "peak memory of this process: {:.0} MB",
        peak_rss_mb().unwrap_or(0.0)
    );
}

/// User + system CPU seconds of this process (all threads), from /proc.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks: 100 a second on Linux.
    Some((utime + stime) / 100.0)
}
