//! Frame timing for `MEETPACK_PROFILE_FRAMES=N`: startup and per-frame cost, printed
//! when the window closes, to compare renderers under software rendering.

use std::time::Instant;

/// Frame timing printed when `MEETPACK_PROFILE_FRAMES=N` is set: used to compare the
/// renderers under software rendering (see `run`).
pub(super) struct Profile {
    frames: u32,
    started: Instant,
    first_frame: Option<f64>,
    /// When the second frame starts, the first one has been presented.
    first_present: Option<f64>,
    last: Option<Instant>,
    periods: Vec<f64>,
    cpu: Vec<f32>,
}

pub(super) fn profile_from_env() -> Option<Profile> {
    let frames = std::env::var("MEETPACK_PROFILE_FRAMES")
        .ok()?
        .parse()
        .ok()?;
    Some(Profile {
        frames,
        started: *PROCESS_START.get_or_init(Instant::now),
        first_frame: None,
        first_present: None,
        last: None,
        periods: Vec::new(),
        cpu: Vec::new(),
    })
}

pub(super) static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

impl Profile {
    /// Records one frame; returns true when enough frames were seen.
    pub(super) fn frame(&mut self, cpu: Option<f32>) -> bool {
        let now = Instant::now();
        if self.first_frame.is_none() {
            self.first_frame = Some(now.duration_since(self.started).as_secs_f64() * 1e3);
        }
        if self.last.is_some() && self.first_present.is_none() {
            self.first_present = Some(now.duration_since(self.started).as_secs_f64() * 1e3);
        }
        if let Some(last) = self.last {
            let period = now.duration_since(last).as_secs_f64() * 1e3;
            self.periods.push(period);
        }
        self.cpu.extend(cpu);
        self.last = Some(now);
        self.periods.len() as u32 >= self.frames
    }

    pub(super) fn report(&self) -> String {
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
        format!(
            "startup_to_first_ui_ms={:.1} startup_to_first_present_ms={:.1} frames={} mean_frame_ms={:.2} median_frame_ms={:.2} mean_cpu_ms={:.2}",
            self.first_frame.unwrap_or(0.0),
            self.first_present.unwrap_or(0.0),
            self.periods.len(),
            mean(&self.periods),
            median,
            mean(&cpu)
        )
    }
}
