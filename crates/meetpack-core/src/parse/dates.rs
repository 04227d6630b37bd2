//! Dates as councils write them, to ISO `YYYY-MM-DD`.

use super::text::static_regex;

static_regex!(
    DAY_MONTH_YEAR,
    r"(?i)\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b"
);
static_regex!(
    MONTH_DAY_YEAR,
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"
);
// Welsh: "9fed Hydref 2019", "11eg RHAGFYR 2019".
static_regex!(
    WELSH_DAY_MONTH_YEAR,
    r"(?i)\b(\d{1,2})\s*(?:af|il|ydd|edd|ed|fed|eg|ain)?\s+(ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)\s+(\d{4})\b"
);
static_regex!(NUMERIC, r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b");
static_regex!(ISO, r"\b(\d{4})-(\d{2})-(\d{2})\b");
static_regex!(
    DATE_LINE,
    r"(?i)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}\s*(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\.?(?:\s+[-–]\s+.*)?$"
);

fn month(name: &str) -> Option<u32> {
    let m = match name.get(..3)?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn welsh_month(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "ionawr",
        "chwefror",
        "mawrth",
        "ebrill",
        "mai",
        "mehefin",
        "gorffennaf",
        "awst",
        "medi",
        "hydref",
        "tachwedd",
        "rhagfyr",
    ];
    let lower = name.to_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .map(|k| k as u32 + 1)
}

fn iso(year: i32, month: u32, day: u32) -> Option<String> {
    (is_real_day(year, month, day) && (1900..=2200).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The day exists: month 1 to 12, day within the month, 29 February in leap years only.
fn is_real_day(year: i32, month: u32, day: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(year, month, day).is_some()
}

/// `YYYY-MM-DD` (four, two and two ASCII digits) naming a day that exists: `2024-02-29`
/// is one, `2023-02-29`, `2023-02-31` and `2023-04-31` are not. Dates typed into the
/// library's filters (command line and viewer) are checked with it.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shape
        && match (s[0..4].parse(), s[5..7].parse(), s[8..10].parse()) {
            (Ok(y), Ok(m), Ok(d)) => is_real_day(y, m, d),
            _ => false,
        }
}

/// The first full date (day, month and year) in the text, as ISO.
/// UK order is assumed for numeric dates (`17.12.2019`, `4/3/21`).
pub fn find_iso(text: &str) -> Option<String> {
    // Every form has a year in ASCII digits (another script's digits match `\d` but do
    // not parse as a year): a text without one is not searched.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let candidates = [
        DAY_MONTH_YEAR.captures(text).and_then(|c| {
            let start = c.get(0)?.start();
            Some((
                start,
                iso(c[3].parse().ok()?, month(&c[2])?, c[1].parse().ok()?)?,
            ))
        }),
        MONTH_DAY_YEAR.captures(text).and_then(|c| {
            let start = c.get(0)?.start();
            Some((
                start,
                iso(c[3].parse().ok()?, month(&c[1])?, c[2].parse().ok()?)?,
            ))
        }),
        WELSH_DAY_MONTH_YEAR.captures(text).and_then(|c| {
            let start = c.get(0)?.start();
            Some((
                start,
                iso(c[3].parse().ok()?, welsh_month(&c[2])?, c[1].parse().ok()?)?,
            ))
        }),
        NUMERIC.captures(text).and_then(|c| {
            let start = c.get(0)?.start();
            let year: i32 = c[3].parse().ok()?;
            let year = if year < 100 { 2000 + year } else { year };
            Some((start, iso(year, c[2].parse().ok()?, c[1].parse().ok()?)?))
        }),
        ISO.captures(text).and_then(|c| {
            let start = c.get(0)?.start();
            Some((
                start,
                iso(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?,
            ))
        }),
    ];
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|(start, _)| *start)
        .map(|(_, iso)| iso)
}

static_regex!(
    MEETING_CONTEXT,
    r"(?i)\b(?:held|to be held|will be held|meeting|summoned|cyfarfod|a gynhaliwyd|time and date|date and time)\b"
);
static_regex!(DATE_LABEL, r"(?i)^\s*date\s*:");
static_regex!(
    WEEKDAY,
    r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bdydd\s+\w+"
);
static_regex!(
    NOT_MEETING,
    r"(?i)\b(?:published|despatch|dispatch|issued|printed|circulated|date of publication|previous|last meeting|next meeting|minutes of)\b"
);

/// The date of the meeting a document is for, from its first lines: a date on a line
/// that says "held on" or "meeting" (or just below one), or with a weekday, beats a
/// bare date; a publication date or the last meeting's date loses. Ties go to the first.
pub fn meeting_date<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(i32, String)> = None;
    let mut prev = "";
    for line in lines {
        if let Some(iso) = find_iso(line) {
            let mut score = 0;
            if MEETING_CONTEXT.is_match(line) || MEETING_CONTEXT.is_match(prev) {
                score += 3;
            }
            if WEEKDAY.is_match(line) {
                score += 2;
            }
            // The line above may say whose date it is ("… the minutes of the meeting held
            // on" / "4 February 2025.").
            let carried = prev
                .trim_end()
                .ends_with(|c: char| c.is_lowercase() || c == ',');
            if NOT_MEETING.is_match(line) || (carried && NOT_MEETING.is_match(prev)) {
                score -= 4;
            }
            // A front sheet's "Date:" label.
            if DATE_LABEL.is_match(line) {
                score += 1;
            }
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, iso));
            }
        }
        prev = line;
    }
    best.map(|(_, iso)| iso)
}

/// The whole line is a date, perhaps with a weekday and a short remark
/// ("27th January 2022 - postponed", "January 2020", "17.12.2019").
pub fn is_date_line(text: &str) -> bool {
    text.len() < 80 && DATE_LINE.is_match(text.trim())
}

/// `2023-12-21` → `Thursday 21 December 2023`; anything else is shown as written. The
/// viewer's cards, the window title and the export all print a meeting's date this way.
pub fn long_date(iso: &str) -> String {
    let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else {
        return iso.to_string();
    };
    const MONTHS: [&str; 12] = [
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
    let Some(month) = m.checked_sub(1).and_then(|i| MONTHS.get(i as usize)) else {
        return iso.to_string();
    };
    format!("{} {d} {month} {y}", weekday(y, m, d))
}

/// Sakamoto's method: the weekday of a Gregorian date.
fn weekday(y: u32, m: u32, d: u32) -> &'static str {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    const NAMES: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let y = if m < 3 { y.saturating_sub(1) } else { y };
    let t = T.get(m.saturating_sub(1) as usize).copied().unwrap_or(0);
    NAMES[((y + y / 4 - y / 100 + y / 400 + t + d) % 7) as usize]
}

/// Does lower-cased `t` open with a month's name ("october 2025", "oct. 2025", "hydref")?
pub fn starts_with_month(t: &str) -> bool {
    static_regex!(
        MONTH_WORD,
        r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$"
    );
    let word: &str = t.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let month = MONTH_WORD.is_match(word) || welsh_month(word).is_some();
    // "May" is a month only before a year or a day ("may the council" is not).
    let may_verb = word == "may"
        && !t[word.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    month && !may_verb
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_month_opens_a_date_not_an_item() {
        for t in [
            "october 2025 at 10.00 am",
            "oct. 2025",
            "sept 2024",
            "may 2025",
            "hydref 2019",
        ] {
            assert!(starts_with_month(t), "{t}");
        }
        for t in ["apologies", "may the council", "marketing", "", "2025"] {
            assert!(!starts_with_month(t), "{t}");
        }
    }

    #[test]
    fn iso_dates_must_be_real_days() {
        use super::is_iso_date;
        assert!(is_iso_date("2022-03-01"));
        assert!(is_iso_date("2024-02-29"), "a leap day");
        assert!(is_iso_date("2000-02-29"), "400 years: a leap year");
        assert!(!is_iso_date("1900-02-29"), "100 years: not a leap year");
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2023-02-31"));
        assert!(!is_iso_date("2023-04-31"));
        assert!(!is_iso_date("2023-13-01"));
        assert!(!is_iso_date("2023-00-10"));
        assert!(!is_iso_date("2023-01-00"));
        assert!(!is_iso_date("2023-1-01"));
        assert!(!is_iso_date("2023/01/01"));
        assert!(!is_iso_date("+023-01-01"));
        assert!(!is_iso_date("1 March 2022"));
        assert!(!is_iso_date("２０２３-01-01"));
    }

    #[test]
    fn dates_read_in_full() {
        use super::long_date;
        assert_eq!(long_date("2023-12-21"), "Thursday 21 December 2023");
        assert_eq!(long_date("2024-02-29"), "Thursday 29 February 2024");
        assert_eq!(long_date("Dec 2023"), "Dec 2023");
        assert_eq!(long_date("2023-13-01"), "2023-13-01");
    }

    use super::*;

    #[test]
    fn written_dates_become_iso() {
        assert_eq!(
            find_iso("10.00 am on Thursday, 21st December, 2023").as_deref(),
            Some("2023-12-21")
        );
        assert_eq!(
            find_iso("held at 10.00 am on Thursday, 23 November 2023").as_deref(),
            Some("2023-11-23")
        );
        assert_eq!(find_iso("Date: 17.12.2019").as_deref(), Some("2019-12-17"));
        assert_eq!(
            find_iso("Last updated 4/3/21").as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(
            find_iso("MONDAY, 23RD MAY, 2016, AT 3.00PM").as_deref(),
            Some("2016-05-23")
        );
        assert_eq!(find_iso("Date: January 2020"), None);
        assert_eq!(find_iso("31 February 2020"), None);
    }

    #[test]
    fn date_lines_are_recognised() {
        assert!(is_date_line("Wednesday, 13 December 2023"));
        assert!(is_date_line("27th January 2022 - postponed"));
        assert!(is_date_line("18 April 2024"));
        assert!(is_date_line("January 2020"));
        assert!(is_date_line("18th December 2019."));
        assert!(!is_date_line("18 April 2024 was the day we met the board"));
        assert!(!is_date_line("Items for 2023-24"));
    }
}
