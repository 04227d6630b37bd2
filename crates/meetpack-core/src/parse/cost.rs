//! A count of the bytes the parser's scanning loops examine, for the test that proves
//! parsing time grows linearly with the input (`tests` below and `benches/pathological.rs`
//! print the same families). Counting is compiled only into the library's own tests: in
//! a normal build `examined` is empty and vanishes.

#[cfg(test)]
thread_local! {
    static EXAMINED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Records that `n` bytes (or lines, or words) were looked at.
#[inline(always)]
pub(crate) fn examined(n: usize) {
    #[cfg(test)]
    EXAMINED.with(|c| c.set(c.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// The count on this thread so far.
#[cfg(test)]
pub(crate) fn total() -> u64 {
    EXAMINED.with(std::cell::Cell::get)
}

/// A family of inputs: its name, and its text at a size.
pub type Family = (&'static str, fn(usize) -> String);

/// The pathological inputs of issue 9, each `n` units long (a line, a repeated piece of
/// markup, a document, an agenda item with its paper), for `benches/pathological.rs` and
/// the linear-work test below.
pub fn families() -> [Family; 8] {
    [
        ("plain lines", plain_lines),
        ("open [*", |n| "[*".repeat(n)),
        ("open [x](*", |n| "[x](*".repeat(n)),
        ("open <http://a*", |n| "<http://a*".repeat(n)),
        ("open <a *", |n| "<a *".repeat(n)),
        ("stamped documents", stamped_documents),
        ("items x papers", items_and_papers),
        ("one long table", |n| "a\tb\tc\n".repeat(n)),
    ]
}

/// One paragraph of `n` plain lines, no blank line between.
fn plain_lines(n: usize) -> String {
    "the board noted the report and asked for an update at a later meeting of the board\n".repeat(n)
}

/// `n` papers, each opened by an "Agenda Item N" stamp.
fn stamped_documents(n: usize) -> String {
    let mut out = String::new();
    for k in 0..n {
        out.push_str(&format!(
            "Agenda Item {}\n\nBriefing note on the progress of the work.\n\n",
            k % 1000
        ));
    }
    out
}

/// A front sheet of `n` items and `n` briefing notes whose subjects match them, unstamped,
/// so every item is linked by title similarity.
fn items_and_papers(n: usize) -> String {
    let word = |k: usize| format!("topic{k}");
    let mut out = String::from("Public Business\n\n");
    for k in 1..=n {
        out.push_str(&format!(
            "{k}. **{} and {} review** (Pages {} - {})\n",
            word(k),
            word(k + n),
            2 * k,
            2 * k + 1
        ));
    }
    for k in 1..=n {
        out.push_str(&format!(
            "\nBriefing Note\n\nTo: Scrutiny Board\nDate: 1 May 2024\nSubject: {} and {} review\n\n1 Purpose of the Note\n\n1.1 To inform the board of the progress made.\n",
            word(k),
            word(k + n)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work_of(text: &str) -> u64 {
        let before = total();
        let pack = crate::parse::parse(text);
        assert!(!pack.documents.is_empty());
        total() - before
    }

    /// Issue 9: "10× more input → 54–98× more time". The work counted (bytes, lines and
    /// words the parser's scanning loops examine) of ten times the input must be within
    /// 10 × 1.3 of the work of the input: linear, with room for fixed costs.
    #[test]
    fn pathological_inputs_take_linear_work() {
        for (name, generate) in families() {
            let base = if name == "items x papers" { 100 } else { 1000 };
            let small = generate(base);
            let large = generate(10 * base);
            let (w1, w10) = (work_of(&small), work_of(&large));
            assert!(
                w1 as usize >= small.len(),
                "{name}: every byte is examined once"
            );
            let ratio = w10 as f64 / w1 as f64;
            assert!(
                ratio <= 13.0,
                "{name}: 10x the input took {ratio:.1}x the work ({w1} -> {w10})"
            );
        }
    }
}
