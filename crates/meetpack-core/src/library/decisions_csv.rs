//! Decisions across meetings as CSV: one writer for `library decisions --csv` and the
//! viewer's Save CSV…, so both write the same columns.

use std::io::Write;

use super::DecisionRow;

pub const HEADER: [&str; 10] = [
    "date",
    "committee",
    "minute",
    "minute_title",
    "number",
    "decision",
    "outcome",
    "file",
    "first_line",
    "last_line",
];

/// Writes a header row and one row per decision ([`crate::csvutil`]: CRLF line ends, as
/// RFC 4180 asks).
pub fn write(rows: &[DecisionRow], out: impl Write) -> std::io::Result<()> {
    let mut w = crate::csvutil::writer(out);
    records(rows, &mut w)?;
    w.flush()
}

/// The same as a string.
pub fn to_string(rows: &[DecisionRow]) -> String {
    crate::csvutil::to_string(|w| records(rows, w))
}

fn records<W: Write>(rows: &[DecisionRow], w: &mut csv::Writer<W>) -> csv::Result<()> {
    w.write_record(HEADER)?;
    for r in rows {
        w.write_record([
            r.date.as_deref().unwrap_or(""),
            r.committee.as_deref().unwrap_or(""),
            r.minute.as_deref().unwrap_or(""),
            r.minute_title.as_deref().unwrap_or(""),
            r.number.as_deref().unwrap_or(""),
            &r.text,
            r.outcome.as_deref().unwrap_or(""),
            &r.file,
            &r.lines[0].to_string(),
            &r.lines[1].to_string(),
        ])?;
    }
    Ok(())
}
