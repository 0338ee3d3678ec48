//! The desktop app: a thin layer over the domain.

pub mod fonts;
pub mod home;

use crate::templates::Templates;
use std::path::PathBuf;
use std::process::ExitCode;

/// Where the shipped and saved reviews live.
pub fn default_reviews_dir() -> PathBuf {
    std::env::var_os("TTHC_REVIEWS").map_or_else(|| PathBuf::from("saved-reviews"), PathBuf::from)
}

pub struct App {
    pub templates: Templates,
    pub dir: PathBuf,
    pub rows: Vec<home::HomeRow>,
}

impl App {
    pub fn new(templates: Templates, dir: PathBuf) -> Self {
        let rows = home::read_folder(&templates, &dir);
        App {
            templates,
            dir,
            rows,
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Rà soát, đánh giá thủ tục hành chính");
            ui.label(format!("Thư mục: {}", self.dir.display()));
            ui.separator();
            home::show(ui, &self.rows);
        });
    }
}

pub fn run_native() -> ExitCode {
    let templates = match Templates::load_default() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("Lỗi mẫu biểu: {e}");
            return ExitCode::from(2);
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_title("Rà soát thủ tục hành chính"),
        system_font_fallback: false,
        ..Default::default()
    };
    let dir = default_reviews_dir();
    let result = eframe::run_native(
        "tthc-review",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            Ok(Box::new(App::new(templates, dir)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Không mở được cửa sổ: {e}");
            ExitCode::FAILURE
        }
    }
}
