//! One golden outline per seed: a change in what the parser finds shows as a diff of
//! `tests/snapshots/golden__*.snap`, reviewed line by line before it is accepted.

#[test]
fn seed_outlines() {
    insta::glob!("../../../seeds", "*.txt", |path| {
        let bytes = std::fs::read(path).expect("seed is readable");
        let pack = meetpack_core::input::load(&bytes)
            .map(|loaded| loaded.pack)
            .expect("seed parses");
        insta::assert_snapshot!(meetpack_core::views::outline::outline(&pack));
    });
}
