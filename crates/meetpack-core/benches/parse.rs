//! Parse throughput: the largest seed and all seeds concatenated, beside pulldown-cmark
//! parsing the same text as a reference point (`cargo bench --bench parse`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn seeds() -> Vec<(String, String)> {
    let dir = concat!(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."), "/seeds");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            (name, std::fs::read_to_string(&p).expect("seed is UTF-8"))
        })
        .collect()
}

fn pulldown(text: &str) -> usize {
    pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::all()).count()
}

fn bench(c: &mut Criterion) {
    let seeds = seeds();
    let largest = seeds
        .iter()
        .max_by_key(|(_, t)| t.len())
        .cloned()
        .expect("a seed");
    let all: String = seeds
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for (label, text) in [("largest seed", &largest.1), ("all seeds", &all)] {
        let mut group = c.benchmark_group(label);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("meetpack", |b| {
            b.iter(|| meetpack_core::parse::parse(black_box(text)))
        });
        group.bench_function("pulldown-cmark", |b| b.iter(|| pulldown(black_box(text))));
        // The cross-reference pass alone (part of `meetpack` above), on a parsed pack: its
        // share of the parse time is what it costs.
        let parsed = meetpack_core::parse::parse(text);
        group.bench_function("xrefs pass", |b| {
            // By reference: the copy is dropped outside the timing (dropping a pack costs
            // about as much as the pass itself).
            b.iter_batched_ref(
                || parsed.clone(),
                |pack| meetpack_core::parse::xrefs::link(black_box(pack)),
                criterion::BatchSize::LargeInput,
            )
        });
        // Find in pack as the viewer runs it on each keystroke: the texts gathered and
        // folded once per pack, then one scan per query (a common letter, a word).
        let texts = meetpack_core::views::find::PackText::new(&parsed);
        group.bench_function("find in pack: gather", |b| {
            b.iter(|| meetpack_core::views::find::PackText::new(black_box(&parsed)))
        });
        for query in ["e", "family"] {
            group.bench_function(format!("find in pack: {query:?}"), |b| {
                b.iter(|| texts.find(black_box(query)))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
