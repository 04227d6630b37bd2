//! Start-up and frame timing, printed to stderr when `MEETPACK_PROFILE_FRAMES=N` is set:
//! how long each start-up step took from the top of `main()`, the resident memory after
//! it, when the first frame was built and presented, and the period of the next N frames.
//! `MEETPACK_PROFILE_FRAMES=shown` prints the same once the whole pack is shown (the
//! "pack shown" step) and closes the window, so a pack's load can be timed from outside.
//!
//! It is public so that `examples/blank_window.rs` (an empty eframe window with the same
//! eframe build) prints the same figures, and `benches/startup.sh` can compare the two.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();
static STEPS: Mutex<Vec<Step>> = Mutex::new(Vec::new());

/// One start-up step: when it ended (ms after `start`) and the resident memory then.
#[derive(Debug, Clone, Copy)]
struct Step {
    name: &'static str,
    at_ms: f64,
    rss: Option<Resident>,
}

/// Resident memory split as the kernel counts it: anonymous pages (the heap, thread
/// stacks, the GL driver's buffers and compiled shaders), file-backed pages (the parts of
/// the binary and the shared libraries that were touched) and shared memory (X11 SHM).
#[derive(Debug, Clone, Copy, Default)]
struct Resident {
    anon_mb: f64,
    file_mb: f64,
    shmem_mb: f64,
}

impl Resident {
    fn total(&self) -> f64 {
        self.anon_mb + self.file_mb + self.shmem_mb
    }
}

/// Takes the process's start time; call it first thing in `main()`.
pub fn start() {
    START.get_or_init(Instant::now);
}

fn since_start() -> f64 {
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// Records the end of a start-up step, when profiling is on (a cheap no-op otherwise).
pub fn mark(name: &'static str) {
    if !enabled() {
        return;
    }
    let step = Step {
        name,
        at_ms: since_start(),
        rss: resident(),
    };
    if let Ok(mut steps) = STEPS.lock() {
        steps.push(step);
    }
}

/// Whether the "pack shown" step has been recorded.
fn pack_shown() -> bool {
    STEPS
        .lock()
        .is_ok_and(|steps| steps.iter().any(|s| s.name.starts_with("pack shown")))
}

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("MEETPACK_PROFILE_FRAMES").is_some())
}

/// The process's resident memory now, from `/proc/self/status` (Linux only).
fn resident() -> Option<Resident> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some(Resident {
        anon_mb: status_mb(&status, "RssAnon:")?,
        file_mb: status_mb(&status, "RssFile:")?,
        shmem_mb: status_mb(&status, "RssShmem:")?,
    })
}

/// The process's peak resident memory so far (`VmHWM`), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status_mb(&status, "VmHWM:")
}

/// A `kB` field of `/proc/self/status`, in MB.
fn status_mb(status: &str, field: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Frame timing of one window.
pub struct Profile {
    frames: u32,
    first_frame: Option<f64>,
    /// When the second frame starts, the first one has been presented.
    first_present: Option<f64>,
    /// Done when the pack is shown, not after a number of frames.
    until_shown: bool,
    last: Option<Instant>,
    periods: Vec<f64>,
    cpu: Vec<f32>,
}

impl Profile {
    /// A profile when `MEETPACK_PROFILE_FRAMES=N` is set: N frames after the first.
    pub fn from_env() -> Option<Profile> {
        let value = std::env::var("MEETPACK_PROFILE_FRAMES").ok()?;
        let (frames, until_shown) = if value == "shown" {
            (0, true)
        } else {
            (value.parse().ok()?, false)
        };
        Some(Profile {
            frames,
            until_shown,
            first_frame: None,
            first_present: None,
            last: None,
            periods: Vec::new(),
            cpu: Vec::new(),
        })
    }

    /// Records one frame; returns true when enough frames were seen.
    pub fn frame(&mut self, cpu: Option<f32>) -> bool {
        let now = Instant::now();
        if self.first_frame.is_none() {
            self.first_frame = Some(since_start());
            mark("first frame built");
        }
        if self.last.is_some() && self.first_present.is_none() {
            self.first_present = Some(since_start());
            mark("first frame presented");
        }
        if let Some(last) = self.last {
            self.periods
                .push(now.duration_since(last).as_secs_f64() * 1e3);
        }
        self.cpu.extend(cpu);
        self.last = Some(now);
        if self.until_shown {
            return pack_shown();
        }
        self.periods.len() as u32 >= self.frames
    }

    /// The summary (see [`Self::report`]) and the size of egui's font atlas, which grows
    /// with every glyph size and font drawn and is kept both in memory and as a texture.
    pub fn report_with_atlas(&self, ctx: &egui::Context) -> String {
        let ([w, h], fill) = ctx.fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio()));
        format!(
            "{}\n  font atlas {w}x{h} px ({:.1} MB as RGBA, {:.0} % used)",
            self.report(),
            (w * h * 4) as f64 / (1024.0 * 1024.0),
            fill * 100.0
        )
    }

    /// One summary line (`key=value`, read by `benches/startup.sh`), then one line per
    /// start-up step.
    pub fn report(&self) -> String {
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let mut sorted = self.periods.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
        let cpu: Vec<f64> = self.cpu.iter().map(|c| f64::from(*c) * 1e3).collect();
        let mut out = format!(
            "startup_to_first_ui_ms={:.1} startup_to_first_present_ms={:.1} frames={} mean_frame_ms={:.2} median_frame_ms={:.2} mean_cpu_ms={:.2} peak_rss_mb={:.1}",
            self.first_frame.unwrap_or(0.0),
            self.first_present.unwrap_or(0.0),
            self.periods.len(),
            mean(&self.periods),
            median,
            mean(&cpu),
            peak_mb().unwrap_or(0.0),
        );
        let steps = STEPS.lock().map(|s| s.clone()).unwrap_or_default();
        let mut previous = 0.0;
        for step in steps {
            let rss = step.rss.unwrap_or_default();
            out.push_str(&format!(
                "\n  step {:<36} at {:>7.1} ms (+{:>6.1})  rss {:>6.1} MB (anon {:>5.1}, file {:>5.1}, shm {:>4.1})",
                step.name,
                step.at_ms,
                step.at_ms - previous,
                rss.total(),
                rss.anon_mb,
                rss.file_mb,
                rss.shmem_mb,
            ));
            previous = step.at_ms;
        }
        out
    }
}
