//! Minutes: the meeting date, attendance, numbered minutes and their decisions.

use super::lines::Line;
use super::text::{self, static_regex};
use super::{Context, dates, decisions, numbering};
use crate::model::{
    Attendance, Block, BlockKind, DiagnosticKind, Lines, MinuteItem, Minutes, Resolution, Text,
};

static_regex!(
    LABEL,
    r"(?i)^(present(?: in the chair)?|(?:committee |board |panel )?members(?: present)?|councillors(?: present)?|in the chair|(?:vice[- ])?chair(?:man|person)?|co-?opted members?|other members|cabinet members?|also present|also in attendance|in attendance|others?(?: in attendance| present)?|officials in attendance|officers(?: present| in attendance)?|employees(?: \([^)]*\))?|invited|by invitation|apologies(?: for absence)?|absent|presennol|ymddiheuriadau)\s*(:-?|$)\s*(.*)$"
);
static_regex!(
    STOP,
    r"(?i)^(?:public|private)\s+business$|^\d{1,4}(?:\\?[.)]\s|/\d)|^[A-Z]{1,4}[ .]?\d{1,4}/\d|^<h[1-6]"
);
static_regex!(
    TITLE_PREFIX,
    r"(?i)^(councillors?|cllrs?\.?|cynghorwyr|cynghorydd)\s+"
);

/// Which field of [`Minutes`] an attendance label fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Present,
    CoOpted,
    Other,
    Employees,
    Invited,
    Apologies,
}

fn role(label: &str) -> Role {
    let l = label.to_lowercase();
    if l.contains("co-opted") || l.contains("coopted") {
        Role::CoOpted
    } else if l.starts_with("apolog") || l.starts_with("ymddiheuriadau") || l.starts_with("absent")
    {
        Role::Apologies
    } else if l.starts_with("other") || l.starts_with("cabinet") || l.starts_with("also") {
        // Before "attendance": "Also in attendance" lists other members, not officers.
        Role::Other
    } else if l.starts_with("employees") || l.starts_with("officers") || l.contains("attendance") {
        Role::Employees
    } else if l.contains("invit") {
        Role::Invited
    } else {
        Role::Present
    }
}

/// Reads the minutes, marking decision blocks as [`BlockKind::Resolution`].
pub fn parse(lines: &[Line<'_>], blocks: &mut [Block], cx: &mut Context) -> Minutes {
    let starts = numbering::find_items(lines);
    let first_item_line = starts
        .first()
        .and_then(|s| lines.get(s.at))
        .map_or(u32::MAX, |l| l.no);
    // The heading says when the meeting was held; skip front matter (a web page's date).
    let after_front = super::lines::front_matter(lines).map_or(0, |(_, end)| end + 1);
    let head_lines: Vec<&str> = lines[after_front.min(lines.len())..]
        .iter()
        .filter(|l| !l.is_blank() && l.no < first_item_line)
        .take(15)
        .map(|l| l.plain.as_ref())
        .collect();
    // A date on its own line first; else one wrapped over two lines ("held on Thursday,
    // / 13 February 2025").
    let date = dates::meeting_date(head_lines.iter().copied())
        .or_else(|| dates::find_iso(&head_lines.join(" ")));
    let mut minutes = Minutes {
        date,
        ..Minutes::default()
    };
    read_attendance(lines, first_item_line, &mut minutes);
    minutes.items = read_items(&starts, blocks, lines, cx);
    minutes
}

/// An attendance group being read: a list written with commas runs on across lines
/// ("…, Dan Bride, Tom / Byrne, Tony Doran"), so its text is gathered until a line
/// ends an entry, then split into names.
struct OpenGroup<'p> {
    group: Attendance,
    plural: Option<&'p str>,
    pending: String,
}

/// The most text an attendance list carries from line to line before it is read.
const MAX_CARRIED: usize = 1_000;

impl OpenGroup<'_> {
    fn add(&mut self, t: &str) {
        if !self.pending.is_empty() {
            self.pending.push(' ');
        }
        self.pending.push_str(t);
        // Officers are listed one a line ("A Smith – Head of Finance and Performance")
        // unless a comma or a bracket carries the line on.
        // A list cut inside a name ("…, Dan Bride, Tom / Byrne, …") carries on; a line
        // that ends with a whole name ("Councillor B Kaur") does not.
        // So does a post, which may wrap ("Sue Chandler, Cabinet Member for Integrated
        // Children's / Services.").
        let employees = role(&self.group.label) == Role::Employees;
        let names = split_names(&self.pending);
        // Surnames alone ("Cllrs. Cook (Chair), Norman, Hilton and Lewis") are whole.
        let full_names = names
            .iter()
            .filter(|n| text::word_count(n.split('(').next().unwrap_or("")) >= 2)
            .count();
        let cut_name = !employees
            && names.len() > 1
            && full_names * 2 >= names.len()
            && names.last().is_some_and(|last| {
                let last = last.trim();
                (text::word_count(last) == 1 && !is_post_nominal(last))
                    || (is_post(last) && open_ended(last))
            });
        let carried = !employees && (self.pending.ends_with(',') || self.pending.ends_with(" and"));
        let open_paren = self.pending.matches('(').count() > self.pending.matches(')').count();
        // A list carried on for ever (a page of commas) is read in pieces, so the time
        // stays linear in the lines.
        let too_long = self.pending.len() > MAX_CARRIED;
        if too_long || (!open_paren && !cut_name && !carried) {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.pending);
        let role = role(&self.group.label);
        add_entries(&mut self.group, &text, role, self.plural);
    }

    fn close(mut self) -> Attendance {
        self.flush();
        // "In the Chair: Councillor J Smith" names the chair.
        let label = self.group.label.to_lowercase();
        if label.contains("chair") && !label.starts_with("present") {
            let post = if label.starts_with("vice") {
                " (Vice-Chair)"
            } else {
                " (Chair)"
            };
            for entry in &mut self.group.entries {
                if !entry.contains("Chair") {
                    entry.push_str(post);
                }
            }
        }
        self.group
    }
}

fn read_attendance(lines: &[Line<'_>], stop_at: u32, minutes: &mut Minutes) {
    let mut current: Option<OpenGroup<'_>> = None;
    let mut groups: Vec<Attendance> = Vec::new();
    for line in lines {
        if line.no >= stop_at {
            break;
        }
        let t = line.plain.as_ref();
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if STOP.is_match(t) {
            break;
        }
        if let Some(c) = LABEL.captures(t) {
            if let Some(open) = current.take() {
                groups.push(open.close());
            }
            let rest = c.get(3).map_or("", |m| m.as_str());
            let mut open = OpenGroup {
                group: Attendance {
                    label: c[1].to_string(),
                    lines: Lines(line.no, line.no),
                    entries: Vec::new(),
                },
                plural: TITLE_PREFIX.captures(rest).and_then(|p| singular(&p[1])),
                pending: String::new(),
            };
            open.add(rest);
            current = Some(open);
            continue;
        }
        // The meeting's details (a front sheet's "Date:", "Venue:", "Tel:", an e-mail
        // address) are not people: they end the group above.
        if is_meeting_detail(t) || is_prose(t) {
            if let Some(open) = current.take() {
                groups.push(open.close());
            }
            continue;
        }
        if let Some(open) = current.as_mut() {
            if text::word_count(t) > 30 || is_section_heading(t) {
                break;
            }
            open.add(t);
            open.group.lines.1 = line.no;
        }
    }
    if let Some(open) = current {
        groups.push(open.close());
    }
    if groups.is_empty() {
        groups.extend(run_in_attendance(lines, stop_at));
    }
    // "Present:" alone heads the groups under it; drop it when it is empty.
    groups.retain(|g| !g.entries.is_empty());
    for g in &groups {
        let target = match role(&g.label) {
            Role::Present => &mut minutes.present,
            Role::CoOpted => &mut minutes.co_opted,
            Role::Other => &mut minutes.other_members,
            Role::Employees => &mut minutes.employees,
            Role::Invited => &mut minutes.invited,
            Role::Apologies => &mut minutes.apologies,
        };
        target.extend(g.entries.iter().cloned());
    }
    minutes.substitutes = minutes
        .present
        .iter()
        .filter(|e| e.to_lowercase().contains("substitute for"))
        .cloned()
        .collect();
    minutes.attendance = groups;
}

/// A sentence about the meeting ("Under item 4(v) of the Standing Orders, the Town Clerk
/// advised Committee that for this …"), not a list of people.
fn is_prose(t: &str) -> bool {
    const GLUE: [&str; 13] = [
        "the", "that", "was", "were", "would", "had", "has", "is", "be", "to", "with", "for",
        "from",
    ];
    let words: Vec<String> = t.split_whitespace().map(str::to_lowercase).collect();
    words.len() >= 8 && words.iter().filter(|w| GLUE.contains(&w.as_str())).count() >= 3
}

/// "Date: …", "Time:", "Venue:", "Contact:", "Tel:", "Issued by:", an e-mail address or a
/// telephone number: where and when, or whom to ask, not who attended.
fn is_meeting_detail(t: &str) -> bool {
    static_regex!(
        DETAIL,
        r"(?i)^(?:date|time|venue|place|location|contact(?:\s+officer)?|enquiries(?:\s+to)?|tel(?:ephone)?|e-?mail|issued\s+by|published|despatched|dispatched|direct\s+(?:dial|line)|ask\s+for|webcast(?:ing)?)\s*(?:no\.?|number)?\s*[:.-]"
    );
    DETAIL.is_match(t) || text::has_email(t) || (text::has_phone(t) && text::word_count(t) <= 6)
}

/// A short line in capitals with no name's punctuation ("UNRESTRICTED ITEMS", "PUBLIC
/// BUSINESS"): a heading of the minutes under the attendance, not one more name.
/// Names in capitals ("JOHN SMITH") stay names: the line must hold a word of a heading.
fn is_section_heading(t: &str) -> bool {
    const HEADING_WORDS: [&str; 10] = [
        "ITEMS",
        "ITEM",
        "BUSINESS",
        "SESSION",
        "PART",
        "MATTERS",
        "RESTRICTED",
        "UNRESTRICTED",
        "EXEMPT",
        "MINUTES",
    ];
    let words = text::word_count(t);
    (1..=5).contains(&words)
        && !t.contains([',', '(', '.'])
        && !t.chars().any(char::is_lowercase)
        && t.split_whitespace().any(|w| HEADING_WORDS.contains(&w))
}

static_regex!(
    CLLR_SPLIT,
    r"\s+(?:Cllr|County Councillor|Borough Councillor|Councillor)\s"
);

/// Attendance written inside running text, when a page was flattened to one line:
/// "… Present: Cllr A (Chair) Cllr B Cllr C Apologies …".
fn run_in_attendance(lines: &[Line<'_>], stop_at: u32) -> Option<Attendance> {
    const ENDS: &[&str] = &[" apologies", " in attendance", " also present", " absent"];
    // Offsets are found in the original text, ASCII-case-insensitively: a full lower-casing
    // changes the byte length of some letters (İ, the Kelvin sign), so its offsets would
    // cut the original in the wrong place.
    let (line, start) = lines.iter().filter(|l| l.no < stop_at).find_map(|l| {
        let at = text::find_ascii_ci(l.text, "present:")?;
        Some((l, at + "present:".len()))
    })?;
    let rest = &line.text[start..];
    let mut end = rest.len().min(600);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(stop) = ENDS
        .iter()
        .filter_map(|w| text::find_ascii_ci(rest, w))
        .min()
    {
        end = end.min(stop);
    }
    let names = rest[..end].trim();
    let mut entries = Vec::new();
    let mut last = 0;
    for m in CLLR_SPLIT.find_iter(names) {
        // Each title starts a new name; keep the title with it.
        entries.push(
            names[last..m.start()]
                .trim()
                .trim_end_matches(',')
                .to_string(),
        );
        last = m.start();
    }
    entries.push(
        names[last..]
            .trim()
            .trim_end_matches([',', '.'])
            .to_string(),
    );
    entries.retain(|e| !e.is_empty());
    Some(Attendance {
        label: "Present".into(),
        lines: Lines(line.no, line.no),
        entries,
    })
}

/// The title to give each name after a plural one: "Councillors A, B" → "Councillor A".
fn singular(prefix: &str) -> Option<&'static str> {
    match prefix.to_lowercase().trim_end_matches('.') {
        "councillors" => Some("Councillor"),
        "cllrs" => Some("Cllr"),
        "cynghorwyr" => Some("Cynghorydd"),
        _ => None,
    }
}

/// Splits "Councillors T Khan, R Lancaster, and S Nazir" into one entry a person.
/// Officers' lines ("Law and Governance G Holmes, T Robinson") stay whole.
fn add_entries(group: &mut Attendance, src: &str, role: Role, plural: Option<&str>) {
    let src = src.trim().trim_end_matches([',', '.']).trim();
    let src = src.strip_suffix(" and").unwrap_or(src);
    if src.is_empty() {
        return;
    }
    let mut src = src;
    if src.starts_with('(')
        && let Some(last) = group.entries.last_mut()
    {
        // "(Deputy Cabinet Member …)" finishes the entry above; names may follow it.
        let close = src.find(')').map_or(src.len(), |c| c + 1);
        last.push(' ');
        last.push_str(&src[..close]);
        let rest = src[close..].trim_start_matches([',', ' ']).trim();
        src = rest.strip_prefix("and ").unwrap_or(rest);
        if src.is_empty() {
            return;
        }
    }
    if role == Role::Employees {
        // "A Smith (Director of X), B Jones (Clerk) and C Brown (Officer)": each officer
        // with a post in brackets; otherwise a line is one entry ("People A Brennan, …").
        let parts: Vec<&str> = src
            .split_inclusive("), ")
            .flat_map(|p| p.split_inclusive(") and "))
            .map(|p| p.trim_end_matches(", ").trim_end_matches(" and ").trim())
            .collect();
        if parts.len() >= 2 && parts.iter().all(|p| p.contains('(') && p.ends_with(')')) {
            group.entries.extend(parts.iter().map(|p| p.to_string()));
        } else {
            group.entries.push(src.to_string());
        }
        return;
    }
    let src = match TITLE_PREFIX.captures(src) {
        Some(c) if singular(&c[1]).is_some() => &src[c[0].len()..],
        _ => src,
    };
    let mut after_post = false;
    for part in split_names(src) {
        let part = part.trim().trim_end_matches([',', '.']).trim();
        if part.is_empty() {
            continue;
        }
        // "Head of Finance and Resources": a word or two after a post's "and" finish it.
        if after_post
            && text::word_count(part) <= 2
            && !has_title(part)
            && let Some(last) = group.entries.last_mut()
        {
            last.push_str(" and ");
            last.push_str(part);
            continue;
        }
        after_post = is_post(part);
        // "Sir Paul Carter, CBE": an honour or qualification after the comma belongs to
        // the name before it, not a person of its own.
        // So is a post after the comma ("Sue Chandler, Cabinet Member for …").
        if (is_post_nominal(part) || is_post(part))
            && let Some(last) = group.entries.last_mut()
        {
            last.push_str(", ");
            last.push_str(part);
            continue;
        }
        let entry = match plural {
            Some(title)
                if !TITLE_PREFIX.is_match(part) && !has_title(part) && !starts_lower(part) =>
            {
                format!("{title} {part}")
            }
            _ => part.to_string(),
        };
        group.entries.push(entry);
    }
}

/// A post cut at the line's end: "… Member for Integrated Children’s", "… Head of".
fn open_ended(post: &str) -> bool {
    let last = post.split_whitespace().last().unwrap_or("").to_lowercase();
    ["for", "of", "and", "the", "to", "&"].contains(&last.as_str())
        || last.ends_with("'s")
        || last.ends_with("’s")
}

/// "CBE", "OBE", "MBE", "DL", "JP", "KC", "FRICS", "M.B.E.": capitals alone, short.
fn is_post_nominal(s: &str) -> bool {
    let letters: String = s.chars().filter(|c| *c != '.').collect();
    (2..=5).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// "Cabinet Member for Children's Services", "Head of Finance", "Clerk": a post, not a
/// person.
fn is_post(s: &str) -> bool {
    static_regex!(
        POST,
        r"(?i)^(?:cabinet\s+member|(?:managing|executive|strategic|corporate|service)\s+director|(?:deputy\s+|assistant\s+)?(?:leader|director|chief\s+executive|head\s+of|clerk|treasurer|accountant|solicitor|monitoring\s+officer|portfolio\s+holder|democratic\s+services)|(?:service|senior|project|programme|finance|team)\s+(?:manager|officer|lead)|(?:vice[-\s])?chair(?:man|person)?$)\b"
    );
    POST.is_match(s)
}

fn starts_lower(s: &str) -> bool {
    s.starts_with(|c: char| c.is_lowercase())
}

fn has_title(s: &str) -> bool {
    [
        "Mr ",
        "Mrs ",
        "Ms ",
        "Miss ",
        "Dr ",
        "Cllr",
        "Councillor",
        "County",
        "Borough",
    ]
    .iter()
    .any(|t| s.starts_with(t))
}

/// Splits on ", " and " and " outside parentheses.
fn split_names(s: &str) -> Vec<String> {
    // Welsh joins the last name with " a " ("A Jones a B Evans"); in English " a " is
    // an article, so it separates names only in a Welsh list (Cyng., Cynghorydd).
    let welsh = s.contains("Cyng");
    let separators: &[&str] = if welsh {
        &[", and ", ", ", " and ", " & ", " a "]
    } else {
        &[", and ", ", ", " and ", " & "]
    };
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let separator = separators
            .iter()
            .find(|sep| depth == 0 && rest.starts_with(**sep));
        if let Some(sep) = separator {
            parts.push(std::mem::take(&mut cur));
            rest = &rest[sep.len()..];
            continue;
        }
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    parts.push(cur);
    parts
}

/// The minutes' item sequence (see [`numbering`]); decisions under each are marked and
/// collected.
fn read_items(
    starts: &[numbering::ItemStart],
    blocks: &mut [Block],
    lines: &[Line<'_>],
    cx: &mut Context,
) -> Vec<MinuteItem> {
    let last_line = lines.last().map_or(0, |l| l.no);
    let mut items: Vec<MinuteItem> = Vec::new();
    let mut seen: std::collections::HashMap<&str, Lines> = std::collections::HashMap::new();
    for (n, st) in starts.iter().enumerate() {
        let Some(first) = lines.get(st.at).map(|l| l.no) else {
            continue;
        };
        let end_line = starts
            .get(n + 1)
            .and_then(|s| lines.get(s.at))
            .map_or(last_line, |l| l.no.saturating_sub(1));
        let span = Lines(first, end_line.max(first));
        if let Some(prev) = seen.get(st.number.as_str()) {
            cx.diagnostics.push(crate::model::Diagnostic {
                kind: DiagnosticKind::Minutes,
                message: format!("two minutes numbered {}", st.number),
                lines: span,
                related: Some(*prev),
            });
        } else {
            seen.insert(st.number.as_str(), span);
        }
        let b0 = blocks.partition_point(|b| b.lines.first() < first);
        let b1 = blocks.partition_point(|b| b.lines.first() <= span.last());
        let mut resolutions = mark_resolutions(&mut blocks[b0..b1.max(b0)]);
        // A decision read from a block that also holds the minute's heading ("24/047
        // Minutes" / "RESOLVED that …" with no blank line between) starts below it.
        // Not a run-in title ("2572. Updates: A466 …"), whose line is the decision's too.
        let pure_heading = lines.get(st.heading_end).is_some_and(|l| {
            let t = l.plain.trim().trim_end_matches([':', '.', '*']).trim_end();
            t.ends_with(st.title.trim()) || numbering::item_reference(l.plain.trim()).is_some()
        });
        if pure_heading && let Some(heading_end) = lines.get(st.heading_end).map(|l| l.no) {
            for r in &mut resolutions {
                let (from, to) = (r.lines.first(), r.lines.last());
                if from <= heading_end && to > heading_end {
                    let drop = (heading_end - from + 1) as usize;
                    if let Some(rest) = r.text.splitn(drop + 1, '\n').nth(drop) {
                        r.text = rest.trim().to_string();
                        r.lines = Lines(heading_end + 1, to);
                    }
                }
            }
        }
        // The item's own lines, by index: each line is looked at once per item.
        let end_at = starts.get(n + 1).map_or(lines.len(), |s| s.at);
        let item_lines = lines.get(st.at..end_at.max(st.at)).unwrap_or(&[]);
        let mut covered = vec![false; item_lines.len()];
        for r in &resolutions {
            let from = r.lines.first().saturating_sub(first) as usize;
            let to = (r.lines.last().saturating_sub(first) as usize + 1).min(covered.len());
            for c in covered.iter_mut().take(to).skip(from) {
                *c = true;
            }
        }
        // Outcomes written in a column ("… £200    Approved.") or as planning responses
        // ("No objection") are decisions too, one a line.
        for (line, done) in item_lines.iter().zip(&covered) {
            if *done {
                continue;
            }
            if let Some(outcome) = decisions::line_outcome(line.raw) {
                resolutions.push(Resolution {
                    number: None,
                    lead_in: None,
                    text: line.plain.trim().to_string(),
                    lines: Lines(line.no, line.no),
                    outcome,
                    votes: None,
                });
            }
        }
        resolutions.sort_by_key(|r| r.lines);
        let item_lines: Vec<&Line<'_>> = item_lines.iter().collect();
        decisions::attach_votes(&mut resolutions, &item_lines);
        items.push(MinuteItem {
            number: st.number.clone(),
            title: st.title.clone(),
            lines: span,
            resolutions,
        });
    }
    items
}

/// The decisions of a document that has no numbered minutes (a decision notice, or
/// minutes without numbers), with their recorded votes.
pub fn decisions_in(blocks: &mut [Block], lines: &[Line<'_>]) -> Vec<Resolution> {
    let mut out = mark_resolutions(blocks);
    let all: Vec<&Line<'_>> = lines.iter().collect();
    decisions::attach_votes(&mut out, &all);
    out
}

/// Finds the decisions in one minute's blocks: "RESOLVED that …" on its own, with numbered
/// parts in the list below it, or with its text in the next paragraph ("And Resolved:").
fn mark_resolutions(blocks: &mut [Block]) -> Vec<Resolution> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < blocks.len() {
        // A decision may be a paragraph, or a numbered paragraph of the minute ("3.
        // RESOLVED that …", "(4) RESOLVED …").
        let (text, marker) = match &blocks[k].kind {
            BlockKind::Paragraph { text } => (text, None),
            BlockKind::ListItem { text, marker, .. } => (text, Some(marker.clone())),
            BlockKind::Numbered { text, number } => (text, Some(number.clone())),
            // A run-in minute whose heading line holds the decision ("6. Approval of
            // Minutes The minutes … were confirmed"): recorded, the heading kept.
            BlockKind::Heading { text, number, .. } => {
                let plain = text.to_plain();
                if text::word_count(&plain) >= 5 && decisions::is_decision(&plain) {
                    out.push(Resolution {
                        number: number.clone(),
                        lead_in: None,
                        outcome: decisions::outcome(&plain),
                        text: plain,
                        lines: blocks[k].lines,
                        votes: None,
                    });
                }
                k += 1;
                continue;
            }
            _ => {
                k += 1;
                continue;
            }
        };
        let plain = text.to_plain();
        if !decisions::is_decision(&plain) {
            k += 1;
            continue;
        }
        // "Amendment lost." records the fate of the amendment proposed above it: the
        // decision starts at the proposal and reads as it.
        if decisions::is_vote_outcome_only(&plain)
            && let Some(p) = (0..k).rev().take(40).find(|&p| match &blocks[p].kind {
                BlockKind::Paragraph { text }
                | BlockKind::ListItem { text, .. }
                | BlockKind::Numbered { text, .. } => decisions::puts_a_motion(&text.to_plain()),
                BlockKind::Resolution { .. } => false,
                _ => false,
            })
            && !out
                .iter()
                .any(|r: &Resolution| r.lines.contains(blocks[p].lines.first()))
        {
            let motion = match &blocks[p].kind {
                BlockKind::Paragraph { text }
                | BlockKind::ListItem { text, .. }
                | BlockKind::Numbered { text, .. } => text.to_plain(),
                _ => String::new(),
            };
            out.push(Resolution {
                number: marker.map(|m| m.trim_matches(['(', ')', '.']).to_string()),
                lead_in: Some(motion),
                outcome: decisions::outcome(&plain),
                text: plain,
                lines: Lines(blocks[p].lines.first(), blocks[k].lines.last()),
                votes: None,
            });
            let text = text.clone();
            blocks[k].kind = BlockKind::Resolution { number: None, text };
            k += 1;
            continue;
        }
        // "Proposed by …; Seconded by …; And Resolved: …": the decision starts where the
        // motion was put.
        let mut lead = blocks[k].lines;
        for b in blocks[k.saturating_sub(3)..k].iter().rev() {
            match &b.kind {
                BlockKind::Paragraph { text } if decisions::is_proposal(&text.to_plain()) => {
                    lead = Lines(b.lines.first(), lead.last());
                }
                _ => break,
            }
        }
        let text = text.clone();
        let number = marker.map(|m| m.trim_matches(['(', ')', '.']).to_string());
        blocks[k].kind = BlockKind::Resolution {
            number: number.clone(),
            text,
        };
        let mut j = k + 1;
        // "RESOLVED that the Board:" (or without its colon) introduces numbered parts.
        let lead_in = plain.trim_end().ends_with(':')
            || (!plain.trim_end().ends_with('.') && text::word_count(&plain) <= 12);
        if lead_in {
            j = mark_parts(blocks, j, &plain, &mut out);
        }
        if j == k + 1 {
            let lead_only = lead_in && text::word_count(&plain) <= 8;
            match blocks.get(j).map(|b| &b.kind) {
                Some(BlockKind::Paragraph { text }) if lead_only => {
                    out.push(Resolution {
                        number,
                        lead_in: Some(plain.clone()),
                        text: text.to_plain(),
                        lines: Lines(lead.first(), blocks[j].lines.last()),
                        outcome: decisions::outcome(&plain),
                        votes: None,
                    });
                    let text: Text = text.clone();
                    blocks[j].kind = BlockKind::Resolution { number: None, text };
                    j += 1;
                }
                _ => out.push(Resolution {
                    number,
                    lead_in: None,
                    outcome: decisions::outcome(&plain),
                    text: plain,
                    lines: lead,
                    votes: None,
                }),
            }
        }
        k = j;
    }
    out
}

/// Marks the numbered parts below a decision's lead-in ("RESOLVED that the Board:"), from
/// block `j` on, and records each as a decision; returns the index after the last part.
fn mark_parts(blocks: &mut [Block], mut j: usize, plain: &str, out: &mut Vec<Resolution>) -> usize {
    let mut last_part: Option<u32> = None;
    loop {
        // The parts run on over a page break: its header and footer lines (separator
        // blocks) stand between two parts and are passed over, kept as they are.
        let next = j + blocks[j..]
            .iter()
            .take_while(|b| matches!(b.kind, BlockKind::Separator { .. }))
            .count();
        // Past a page break a part must go on with the parts' numbering (1 after
        // none, then 2, 3 …), as a list's own items need not.
        let continues = |number: &String| {
            next == j || part_value(number) == Some(last_part.map_or(1, |p| p + 1))
        };
        let Some((number, text)) =
            resolution_part(&blocks[next..], last_part).filter(|(n, _)| continues(n))
        else {
            break;
        };
        j = next;
        last_part = part_value(&number);
        out.push(Resolution {
            number: Some(number.clone()),
            lead_in: Some(plain.to_string()),
            text: text.to_plain(),
            lines: blocks[j].lines,
            outcome: decisions::outcome(plain),
            votes: None,
        });
        blocks[j].kind = BlockKind::Resolution {
            number: Some(number),
            text,
        };
        j += 1;
    }
    j
}

/// The next numbered part of a decision's list ("RESOLVED that the Board: 1) … 2) …"), with
/// its number: a numbered list item, or — where the parts stand apart, as in a PDF whose
/// paragraphs are spaced — a numbered paragraph or a short numbered line read as a heading,
/// when its number continues the parts' own numbering (1 after none, then 2, 3 …), so a
/// minute's next heading is never taken for a part.
fn resolution_part(rest: &[Block], last: Option<u32>) -> Option<(String, Text)> {
    let (marker, text, list) = match &rest.first()?.kind {
        BlockKind::ListItem { marker, text, .. } => (marker.as_str(), text, true),
        BlockKind::Numbered { number, text } => (number.as_str(), text, false),
        BlockKind::Heading {
            number: Some(number),
            text,
            ..
        } => (number.as_str(), text, false),
        _ => return None,
    };
    if marker.chars().all(|c| matches!(c, '•' | '–')) {
        return None;
    }
    let number = marker.trim_matches(['(', ')', '.']).to_string();
    if !list {
        let value = part_value(&number)?;
        let continues = match last {
            None => value == 1,
            Some(prev) => value == prev + 1,
        };
        if !continues {
            return None;
        }
    }
    Some((number, text.clone()))
}

/// A part's number as a count: `3` → 3, `c` → 3, `iv` is not read (roman parts are rare
/// and ambiguous with letters).
fn part_value(number: &str) -> Option<u32> {
    if let Ok(n) = number.parse::<u32>() {
        return Some(n);
    }
    let mut chars = number.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() => Some(c as u32 - 'a' as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cut from corpus 25 (Kent, as pdftotext reads it): lists written with commas wrap
    // inside a name and inside a post; officers are each given with a post in brackets.
    const KENT_TOP: &str = "CORPORATE PARENTING PANEL – 10th December 2024\n        MINUTES of the meeting held in the Darent Room, Sessions House, County Hall, Maidstone.\n\n        PRESENT: Shellina Prendergast (Chair), Paul Bartlett (Vice-Chair), David Brazier,\n        Lesley Game, Kelly Grehan, Sarah Hamilton, Sarah Hammond, Dan Bride, Tom\n        Byrne, Tony Doran, Kayleigh Leonard, Caroline Smith and Tracy Scott\n        ALSO PRESENT: Sue Chandler, Cabinet Member for Integrated Children’s\n        Services.\n        IN ATTENDANCE: Kevin Kasaven (Director of Children's Countywide Services),\n        Hayley Bodiam (Service Manager Quality Assurance and Professional Standards), Georgia Humphreys (Democratic Services Officer) and\n        Ashlie Gash (Democratic Services Officer)\n\n\n        Apologies and Substitutes\n(Item 1)\nApologies were received from Dylan Jeffrey.\n\n        Minutes of the meeting held on 29 October 2024\n(Item 3)\n        RESOLVED that the minutes of the meeting held on 29 October 2024 were a correct\n        record and that they be signed by the Chair.\n\n        Participation Team Update\n(Item 4)\n           1. Jo Carpenter, Participation and Engagement Manager, Kayleigh Leonard,\n              Participation Support Assistant, and Tom Byrne, Participation Support Officer,\n              presented the report.\n\n           2. RESOLVED that the update be noted.\n";

    #[test]
    fn a_committee_named_alone_its_members_under_a_councillors_label_and_the_chair() {
        // The shape of a city council's ModernGov minutes: the council over "Minutes of
        // the X Committee", the date and time alone on a line, a "Councillors:" label
        // inside "Committee Members Present:", officers under "Officers in Attendance:-".
        let text = "Anytown City Council\nMinutes of the Policy Committee\n23 October 2025 at 10.00 am\n\n\
                    Committee Members Present:\n\
                    Councillors: Tony Dyer (Chair), Heather Mack (Vice-Chair), Martin Fodor and Ed Plowden\n\n\
                    Officers in Attendance:-\nStephen Peacock (Chief Executive), Denise Murray (Director of Finance)\n\n\
                    In the Chair: Councillor J Smith\n\n\
                    1 Welcome, Introductions and Safety Information\nThe Chair welcomed all.\n\n\
                    2 Apologies for Absence\nApologies were received from Councillor X.\n";
        let pack = crate::parse::parse(text);
        assert_eq!(pack.documents.len(), 1);
        assert_eq!(pack.documents[0].kind, crate::model::DocKind::Minutes);
        assert_eq!(pack.meta.committee.as_deref(), Some("Policy Committee"));
        let m = pack.documents[0].minutes.as_ref().expect("minutes");
        assert_eq!(
            m.present,
            [
                "Tony Dyer (Chair)",
                "Heather Mack (Vice-Chair)",
                "Martin Fodor",
                "Ed Plowden",
                "Councillor J Smith (Chair)"
            ]
        );
        assert_eq!(m.employees.len(), 2, "{:?}", m.employees);
        let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2"], "the date's day is not item 23");
    }

    #[test]
    fn the_meetings_details_are_not_people() {
        // A front sheet read as minutes (its kind misjudged): the members' label is
        // followed by the date, time, venue and e-mail, which are not people.
        let text = "Minutes\nPolicy Committee\nMembers: Councillors Tony Dyer (Chair), Heather Mack\n\
                    Date: Monday, 23 October 2025\nTime: 10.00 am\nVenue: The Council Chamber, City Hall\n\
                    E-mail: democratic.services@anytown.gov.uk\n\n1. Apologies\nNone.\n\
                    2. Budget\nRESOLVED that it be noted.\n";
        let pack = crate::parse::parse(text);
        let m = pack.documents[0].minutes.as_ref().expect("minutes");
        let people: Vec<&str> = m
            .attendance
            .iter()
            .flat_map(|g| g.entries.iter().map(String::as_str))
            .collect();
        assert_eq!(
            people,
            ["Councillor Tony Dyer (Chair)", "Councillor Heather Mack"]
        );
    }

    /// A city council's minutes: labels with spaced colons, surnames under a plural
    /// title, "Others in Attendance" one a line with their posts, numbered paragraphs.
    const CITY_MINUTES: &str = "                                     CABINET

MEETING    : Wednesday, 8th January 2025

PRESENT    : Cllrs. Cook (Chair), Norman, Hilton and Lewis

Others in Attendance
Councillor Field, Leader of the Liberal Democrat Group
Jon McGinty, Managing Director
Greg Maw, Head of Finance and Resources

APOLOGIES  : Cllr. Padilla


45.   DECLARATIONS OF INTEREST

      45.1 There were no declarations of interest.

46.   MINUTES

      46.1 RESOLVED – That the minutes of the meeting held on 4th December 2024 are
           confirmed and signed by the Chair as a correct record.

47.   PUBLIC QUESTION TIME (15 MINUTES)

      47.1 There were no public questions.

48.   MONEY PLAN 2025-30 AND BUDGET PROPOSALS FOR 2025/26

      48.1 Cabinet considered the report of the Cabinet Member for Performance and
           Resources.

      48.2 RESOLVED that Cabinet RECOMMENDS to Council that:
           (1) the Money Plan be approved; and
           (2) the budget be approved.

Time of commencement: 6.30 pm
Time of conclusion: 7.15 pm
                                                                          Chair
";

    #[test]
    fn surnames_under_a_plural_title_and_posts_after_names_are_read_whole() {
        let pack = crate::parse::parse(CITY_MINUTES);
        let m = pack.documents[0].minutes.as_ref().expect("minutes");
        assert_eq!(
            m.present,
            [
                "Cllr Cook (Chair)",
                "Cllr Norman",
                "Cllr Hilton",
                "Cllr Lewis"
            ]
        );
        assert_eq!(
            m.other_members,
            [
                "Councillor Field, Leader of the Liberal Democrat Group",
                "Jon McGinty, Managing Director",
                "Greg Maw, Head of Finance and Resources"
            ]
        );
        assert_eq!(m.apologies.len(), 1);
        let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["45", "46", "47", "48"]);
    }

    #[test]
    fn references_with_the_year_first_or_letters_and_a_decision_under_its_heading() {
        for (reference, want) in [("24/0", "24/047"), ("PC4", "PC47/24")] {
            let n = |k: u32| {
                if reference == "PC4" {
                    format!("PC{}/24", 45 + k)
                } else {
                    format!("24/{:03}", 45 + k)
                }
            };
            let text = format!(
                "Minutes of the Meeting of Anyvillage Parish Council held on 5 March 2024\n\n\
                 Present: Cllrs A Smith, B Jones\n\n{} Apologies\nNone.\n\n\
                 {} Declarations of Interest\nNone.\n\n{} Minutes\n\
                 RESOLVED that the minutes be signed.\n\n{} Planning\nNo objection.\n",
                n(0),
                n(1),
                n(2),
                n(3)
            );
            let pack = crate::parse::parse(&text);
            let m = pack.documents[0].minutes.as_ref().expect("minutes");
            assert_eq!(m.present, ["Cllr A Smith", "Cllr B Jones"], "{reference}");
            assert_eq!(m.items.len(), 4, "{reference}");
            let third = &m.items[2];
            assert_eq!(third.number, want);
            // The decision is its own line, not the heading above it.
            assert_eq!(third.resolutions.len(), 1);
            assert_eq!(third.resolutions[0].lines, Lines(12, 12));
            assert_eq!(
                third.resolutions[0].text,
                "RESOLVED that the minutes be signed."
            );
        }
    }

    #[test]
    fn a_list_wrapped_inside_a_name_keeps_the_name_whole() {
        let pack = crate::parse::parse(KENT_TOP);
        let m = pack.documents[0].minutes.as_ref().expect("minutes");
        assert_eq!(m.present.len(), 13, "{:?}", m.present);
        assert!(m.present.contains(&"Tom Byrne".to_string()));
        assert_eq!(
            m.other_members,
            ["Sue Chandler, Cabinet Member for Integrated Children’s Services"]
        );
        assert_eq!(m.employees.len(), 4, "{:?}", m.employees);
        assert_eq!(m.employees[3], "Ashlie Gash (Democratic Services Officer)");
    }

    #[test]
    fn a_heading_with_its_item_reference_is_one_block_and_the_decision_its_own_line() {
        let pack = crate::parse::parse(KENT_TOP);
        let doc = &pack.documents[0];
        let m = doc.minutes.as_ref().expect("minutes");
        let numbers: Vec<&str> = m.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["1", "3", "4"]);
        // The decision starts on the RESOLVED line, not on the heading two lines above.
        let firsts: Vec<u32> = m.items[1]
            .resolutions
            .iter()
            .map(|r| r.lines.first())
            .collect();
        assert_eq!(firsts, [20]);
        let heading = doc
            .blocks
            .iter()
            .find(|b| b.lines.first() == 18)
            .expect("a block at the heading");
        assert!(matches!(heading.kind, BlockKind::Heading { .. }));
        assert_eq!(
            heading.lines.last(),
            19,
            "the (Item 3) line is the heading's"
        );
        // A numbered paragraph is not a heading, though its first line is short of a
        // sentence.
        let para = doc
            .blocks
            .iter()
            .find(|b| b.lines.first() == 25)
            .expect("the paragraph");
        assert!(!matches!(para.kind, BlockKind::Heading { .. }), "{para:?}");
    }

    #[test]
    fn a_decisions_parts_spaced_apart_are_all_parts() {
        // Cut from seeds/002 as printed to PDF: each part its own paragraph, the short
        // ones read as numbered lines.
        let text = "Minutes\n\n26. Early Years\n\nThe Board discussed the report.\n\n\
                    RESOLVED that the Scrutiny Board\n\n\
                    1. Acknowledge the progress in early years and recognise the barriers that staff and parents continue\n\
                    to face\n\n2. Request a map with providers of early years provision\n\n\
                    27. Post 16 Transitions\n\nThe Board heard from the college.\n";
        let pack = crate::parse::parse(text);
        let minutes = pack.documents[0].minutes.as_ref().expect("minutes");
        let numbers: Vec<&str> = minutes.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["26", "27"]);
        let parts: Vec<(Option<&str>, &str)> = minutes.items[0]
            .resolutions
            .iter()
            .map(|r| (r.number.as_deref(), r.text.as_str()))
            .collect();
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert_eq!(
            parts[1],
            (
                Some("2"),
                "Request a map with providers of early years provision"
            )
        );
        assert!(minutes.items[1].resolutions.is_empty());
    }

    #[test]
    fn a_decisions_parts_run_on_over_a_page_break() {
        // The shape of a minutes page printed from a browser: the parts are a list, the
        // page's foot ("Page 4") and the next page's top stand between parts 2 and 3, and
        // on another page between the lead-in and part 1.
        let text = "Minutes\n\n21. Holiday Activities\n\nThe Board discussed the report.\n\n\
                    RESOLVED that the Scrutiny Board:\n\n\
                    - 1) Note the content of the briefing note\n\
                    - 2) Write to the Cabinet Member requesting support\n\nPage 4\n\
                    \u{c}- 3) Write to the LGA and the Department for Education\n\n\
                    22. School Readiness\n\nThe Board considered a note.\n\n\
                    RESOLVED that the Scrutiny Board\n\nPage 5\n\
                    \u{c}- 1) Acknowledge the progress\n- 2) Request a map\n\n\
                    23. Work Programme\n\nNoted.\n";
        let pack = crate::parse::parse(text);
        let minutes = pack.documents[0].minutes.as_ref().expect("minutes");
        let numbers: Vec<&str> = minutes.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["21", "22", "23"]);
        let parts = |i: usize| -> Vec<Option<&str>> {
            minutes.items[i]
                .resolutions
                .iter()
                .map(|r| r.number.as_deref())
                .collect()
        };
        assert_eq!(parts(0), [Some("1"), Some("2"), Some("3")]);
        assert_eq!(parts(1), [Some("1"), Some("2")]);
        assert_eq!(
            minutes.items[0].resolutions[2].text,
            "Write to the LGA and the Department for Education"
        );
    }

    #[test]
    fn a_heading_in_capitals_ends_the_attendance() {
        let text = "MINUTES of a meeting of the Cabinet held on Thursday, 7 November 2024.\n\n\
                    PRESENT: Mr R Gough (Chairman), Mr P Oakford\n\n\
                    IN ATTENDANCE: Mrs A Beer (Chief Executive)\n\nUNRESTRICTED ITEMS\n\n\
                    101. Apologies\n(Item 1)\n\nNone.\n\n102. Budget\n(Item 2)\n\nNoted.\n";
        let pack = crate::parse::parse(text);
        let minutes = pack.documents[0].minutes.as_ref().expect("minutes");
        assert_eq!(minutes.employees, ["Mrs A Beer (Chief Executive)"]);
        // Names shouted in capitals are still names.
        let text = "Minutes of the meeting of Anyton Parish Council held on 3 March 2024\n\n\
                    Present:\nJOHN SMITH\nMARY JONES\n\n1. Apologies\nNone.\n2. Finance\nNoted.\n";
        let pack = crate::parse::parse(text);
        let minutes = pack.documents[0].minutes.as_ref().expect("minutes");
        assert_eq!(minutes.present, ["JOHN SMITH", "MARY JONES"]);
    }

    #[test]
    fn an_honour_after_a_comma_stays_with_its_name() {
        let mut group = Attendance {
            label: "Present".into(),
            lines: crate::model::Lines(1, 1),
            entries: Vec::new(),
        };
        add_entries(
            &mut group,
            "Mr N Baker, Sir Paul Carter, CBE, Mrs S Chandler, Mr P M Hill, OBE",
            Role::Present,
            None,
        );
        assert_eq!(
            group.entries,
            vec![
                "Mr N Baker",
                "Sir Paul Carter, CBE",
                "Mrs S Chandler",
                "Mr P M Hill, OBE"
            ]
        );
    }

    /// Issue 9 (a): letters whose lower case has another UTF-8 length (İ, the Kelvin sign)
    /// made the run-in attendance cut the line at a wrong offset and panic, or cut names.
    #[test]
    fn run_in_attendance_with_letters_that_change_length_in_lower_case() {
        for odd in ["İİİİ", "\u{212A}elvin", "Åsa Ωmega ẞ"] {
            let text = format!(
                "Minutes of the meeting\nThose present: Cllr A {odd} (Chair) Cllr B Jones, apologies from Cllr C Smith\n1. Welcome"
            );
            let lines = crate::parse::lines::split(&text);
            let group = run_in_attendance(&lines, u32::MAX).expect("a run-in attendance");
            assert_eq!(
                group.entries,
                vec![format!("Cllr A {odd} (Chair)"), "Cllr B Jones".to_string()],
                "{odd}"
            );
        }
    }

    #[test]
    fn names_split_outside_parentheses() {
        assert_eq!(
            split_names("T Khan, R Lancaster, and S Nazir"),
            vec!["T Khan", "R Lancaster", "S Nazir"]
        );
        assert_eq!(
            split_names("R Brown (Cabinet Member for Strategic Finance and Resources)"),
            vec!["R Brown (Cabinet Member for Strategic Finance and Resources)"]
        );
    }
}
