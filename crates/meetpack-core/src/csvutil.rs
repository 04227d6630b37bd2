//! CSV as MeetPack writes it everywhere (a table's Save CSV…, `inspect --decisions
//! --csv`, the library's decisions): RFC 4180 quoting by the `csv` crate, CRLF line ends,
//! records of any length (a table's header rows may be shorter than its body).

use std::io::Write;

/// The writer every CSV goes through.
pub fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The records `write` gives to a [`writer`], as a string. Writing to memory does not
/// fail; were `write` to stop with an error, what it wrote until then is returned.
pub fn to_string(write: impl FnOnce(&mut csv::Writer<&mut Vec<u8>>) -> csv::Result<()>) -> String {
    let mut buf = Vec::new();
    {
        let mut w = writer(&mut buf);
        let _ = write(&mut w);
        let _ = w.flush();
    }
    // Every field is a &str, so the bytes are UTF-8.
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting_with_crlf_and_uneven_records() {
        let csv = to_string(|w| {
            w.write_record(["a", "b, c"])?;
            w.write_record(["say \"hi\"", "two\nlines", "third"])?;
            w.write_record(["é"])
        });
        assert_eq!(
            csv,
            "a,\"b, c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\",third\r\né\r\n"
        );
    }
}
