//! The choice of eframe renderer (`--renderer glow|wgpu`).

/// Which eframe renderer draws the window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Renderer {
    /// OpenGL. The default: under software rendering (virtual desktops without a GPU) it
    /// is several times cheaper per frame than wgpu (measured under Xvfb with Mesa's
    /// llvmpipe: about 19 ms against 65–101 ms a frame).
    #[default]
    Glow,
    Wgpu,
}

impl std::str::FromStr for Renderer {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "glow" | "gl" | "opengl" => Ok(Renderer::Glow),
            "wgpu" => Ok(Renderer::Wgpu),
            other => Err(format!("unknown renderer {other:?}: use glow or wgpu")),
        }
    }
}

impl std::fmt::Display for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Renderer::Glow => "glow",
            Renderer::Wgpu => "wgpu",
        })
    }
}
