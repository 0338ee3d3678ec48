//! The desktop app: a thin layer over the domain.

pub mod app;
pub mod dialogs;
pub mod editor;
pub mod fonts;
pub mod home;
mod ime_keys;
mod key_releases;
pub mod plan_import;
pub mod plan_view;
mod receive_job;
mod report_job;
mod settings_form;
mod undo;
mod widgets;

pub use app::App;

use crate::templates::Templates;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the shipped and saved reviews live.
pub fn default_reviews_dir() -> PathBuf {
    std::env::var_os("TTHC_REVIEWS").map_or_else(|| PathBuf::from("saved-reviews"), PathBuf::from)
}

/// The renderers to try, in order. `TTHC_RENDERER=glow|wgpu` puts one first. Otherwise wgpu (on
/// Windows: Direct3D 12, with its software adapter where there is no GPU), then OpenGL — except
/// under Wine, where wgpu's Direct3D goes through vkd3d and aborts the process instead of
/// failing, so OpenGL comes first there.
fn renderers() -> Vec<eframe::Renderer> {
    use eframe::Renderer::{Glow, Wgpu};
    let wine = cfg!(windows)
        && (std::env::var_os("WINELOADER").is_some()
            || std::path::Path::new(r"C:\windows\system32\winecfg.exe").exists());
    match std::env::var("TTHC_RENDERER").ok().as_deref() {
        Some("glow") => vec![Glow, Wgpu],
        Some("wgpu") => vec![Wgpu, Glow],
        _ if wine => vec![Glow, Wgpu],
        _ => vec![Wgpu, Glow],
    }
}

/// Opens the window on the reviews folder, or straight on `file`.
pub fn run_native(file: Option<PathBuf>) -> ExitCode {
    let templates = match Templates::load_default() {
        Ok(t) => t,
        Err(e) => {
            crate::console::err(format_args!("Lỗi mẫu biểu: {e}"));
            return ExitCode::from(2);
        }
    };
    let dir = default_reviews_dir();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        crate::console::err(format_args!(
            "{}: không tạo được thư mục ({})",
            dir.display(),
            crate::storage::io_words(&e)
        ));
        return ExitCode::FAILURE;
    }
    let mut last_error = None;
    for renderer in renderers() {
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_inner_size([1280.0, 720.0])
                .with_min_inner_size([900.0, 600.0])
                .with_title("Rà soát thủ tục hành chính"),
            system_font_fallback: false,
            // The window's size and place are remembered between runs (eframe's own storage,
            // in the user's data folder); the reviews themselves are never stored there.
            persist_window: true,
            // No dithering pass in the fragment shader: the window is flat colours and text, and
            // without a GPU (Mesa's llvmpipe, a remote desktop) every pixel's shader runs on the CPU.
            dithering: false,
            renderer,
            ..Default::default()
        };
        let templates = templates.clone();
        let dir = dir.clone();
        let file = file.clone();
        let result = eframe::run_native(
            "tthc-review",
            options,
            Box::new(move |cc| {
                fonts::install(&cc.egui_ctx);
                let mut app = App::new(templates, dir, Box::new(dialogs::NativeDialogs::default()));
                if let Some(f) = file {
                    app.open_path(f);
                }
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => return ExitCode::SUCCESS,
            // The window could not be drawn with this renderer: try the next one.
            Err(e) => {
                crate::console::err(format_args!(
                    "Không mở được cửa sổ bằng bộ vẽ {renderer:?} ({e}); thử bộ vẽ khác…"
                ));
                last_error = Some(e);
            }
        }
    }
    if let Some(e) = last_error {
        crate::console::err(format_args!("Không mở được cửa sổ: {e}"));
    }
    ExitCode::FAILURE
}
