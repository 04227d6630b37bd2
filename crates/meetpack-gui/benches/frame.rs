//! One headless frame of the viewer showing the largest document of the largest seed.
//!
//! `steady`: the same view again (what an idle repaint or a hover costs).
//! `jump`: each frame jumps to another place in the document, so new items are laid out
//! (the cost of scrolling through a long paper).
//! Both include tessellation, the CPU side of painting; the GPU upload is not measured.

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Pos2, RawInput, Rect, vec2};
use meetpack_core::model::{DocId, Pack};
use meetpack_gui::{Anchor, Command, Location, MeetPackApp};

const SEED: &[u8] = include_bytes!("../../../seeds/004_9a99625675b12858.txt");

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1280.0, 800.0))),
        ..RawInput::default()
    }
}

fn largest(pack: &Pack) -> (DocId, usize) {
    let doc = pack
        .documents
        .iter()
        .max_by_key(|d| d.lines.last() - d.lines.first())
        .expect("the seed has documents");
    (doc.id, doc.blocks.len())
}

/// Runs one frame, tessellates it, and drops the texture updates a renderer would take.
fn frame(ctx: &egui::Context, app: &mut MeetPackApp) {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    let primitives = ctx.tessellate(output.shapes.clone(), output.pixels_per_point);
    std::hint::black_box(primitives);
    output.drop_without_applying_deltas();
}

fn bench_frames(c: &mut Criterion) {
    let mut app = MeetPackApp::from_bytes("004_9a99625675b12858.txt", SEED);
    let (doc, blocks) = app.pack().map(largest).expect("the seed parses");
    app.command(Command::Go(Location::top(doc)));
    let ctx = egui::Context::default();
    // Let the reader measure what it shows and settle.
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    c.bench_function("frame/steady (largest document, 1280x800)", |b| {
        b.iter(|| frame(&ctx, &mut app));
    });

    let mut block = 0;
    c.bench_function("frame/jump (new place each frame)", |b| {
        b.iter(|| {
            block = (block + 37) % blocks.max(1);
            app.command(Command::Go(Location {
                doc,
                anchor: Anchor::Block(block),
            }));
            frame(&ctx, &mut app);
        });
    });
}

criterion_group!(benches, bench_frames);
criterion_main!(benches);
