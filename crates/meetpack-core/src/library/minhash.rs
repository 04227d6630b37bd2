//! The same paper in several files, found by content: MinHash over word 5-shingles.
//!
//! A briefing note published alone and bound into the whole pack differs in page
//! furniture and line breaks, never in its words; two versions of a report differ in a
//! few paragraphs. The Jaccard similarity of their sets of five-word runs tells both
//! apart from unrelated papers, and MinHash estimates it from 64 numbers per document.

/// Minima kept per document.
pub const PERMUTATIONS: usize = 64;
/// Rows per LSH band: 16 bands of 4 make documents above ~0.5 similar likely to meet.
pub const BAND_ROWS: usize = 4;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Fewer shingles than this and a document is too short to call the same as another
/// (a two-line "Apologies" document would match every pack's).
pub const MIN_SHINGLES: usize = 40;

/// The MinHash signature of a text, or `None` when it is too short to compare.
pub fn signature(text: &str) -> Option<Vec<u32>> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fnv1a(w.to_lowercase().as_bytes()))
        .collect();
    if words.len() < SHINGLE + MIN_SHINGLES {
        return None;
    }
    let mut mins = vec![u32::MAX; PERMUTATIONS];
    for window in words.windows(SHINGLE) {
        let shingle = window
            .iter()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, &w| splitmix(h ^ w));
        for (i, min) in mins.iter_mut().enumerate() {
            // One hash function per slot: the shingle's hash mixed with the slot's seed.
            let h = (splitmix(shingle ^ SEEDS[i]) >> 32) as u32;
            if h < *min {
                *min = h;
            }
        }
    }
    Some(mins)
}

/// The estimated Jaccard similarity of two signatures: the share of equal minima.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The LSH buckets of a signature: one per band, the band's index mixed in.
pub fn buckets(sig: &[u32]) -> Vec<i64> {
    sig.chunks(BAND_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let h = rows
                .iter()
                .fold(band as u64 + 1, |h, &r| splitmix(h ^ u64::from(r)));
            h as i64
        })
        .collect()
}

pub fn to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

pub fn from_blob(blob: &[u8]) -> Vec<u32> {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// FNV-1a: stable across builds and platforms, unlike std's hasher, so signatures
/// written by one version of MeetPack compare with the next.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed seeds, one per slot (splitmix64 of the slot's index).
static SEEDS: [u64; PERMUTATIONS] = {
    let mut seeds = [0u64; PERMUTATIONS];
    let mut i = 0;
    while i < PERMUTATIONS {
        let mut z = (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize, salt: &str) -> String {
        (0..n)
            .map(|i| format!("word{} {salt}{}", i * 7 % 101, i % 13))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn same_text_is_one_and_unrelated_text_is_near_zero() {
        let a = signature(&text(400, "x")).unwrap();
        let b = signature(&text(400, "x")).unwrap();
        let c = signature(&text(400, "y")).unwrap();
        assert_eq!(similarity(&a, &b), 1.0);
        assert!(similarity(&a, &c) < 0.2);
        assert_eq!(buckets(&a), buckets(&b));
        assert_eq!(from_blob(&to_blob(&a)), a);
    }

    #[test]
    fn a_revision_of_a_few_paragraphs_stays_similar() {
        let base = text(600, "x");
        let revised = format!(
            "{} some new closing paragraph about something else entirely",
            &base[..base.len() * 9 / 10]
        );
        let s = similarity(&signature(&base).unwrap(), &signature(&revised).unwrap());
        assert!((0.6..1.0).contains(&s), "{s}");
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(signature("Apologies were received from Councillor Smith").is_none());
    }
}
