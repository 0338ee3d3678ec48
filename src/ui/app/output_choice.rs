//! Where no file dialog can be shown: the report's name and format asked in the app itself, so
//! Word and Excel stay reachable, in the reviews folder or beside the review.

use crate::report::Format;
use std::path::PathBuf;

pub struct OutputChoice {
    /// The reviews of a compile; none for one review's export.
    pub files: Option<Vec<PathBuf>>,
    pub dir: PathBuf,
    /// The name as typed, without extension.
    pub name: String,
    pub format: Format,
}

fn ext(f: Format) -> &'static str {
    match f {
        Format::Pdf => "pdf",
        Format::Docx => "docx",
        Format::Xlsx => "xlsx",
    }
}

impl OutputChoice {
    /// The question for a report in `dir`, suggesting a name that is free as a PDF.
    pub fn new(files: Option<Vec<PathBuf>>, dir: PathBuf, stem: &str) -> Self {
        let free = crate::storage::free_name_ext(&dir, stem, "pdf");
        let name = free
            .file_stem()
            .map_or_else(|| stem.to_string(), |s| s.to_string_lossy().into_owned());
        OutputChoice {
            files,
            dir,
            name,
            format: Format::Pdf,
        }
    }

    /// The file to write: the name (its own extension dropped) with the chosen format's.
    pub fn path(&self) -> PathBuf {
        let name = self.name.trim();
        let stem = std::path::Path::new(name)
            .file_stem()
            .map_or_else(|| "bao-cao".into(), |s| s.to_string_lossy().into_owned());
        // A name is a name: no folders typed into it.
        let stem: String = stem.chars().filter(|c| !matches!(c, '/' | '\\')).collect();
        self.dir.join(format!("{stem}.{}", ext(self.format)))
    }

    /// Draws the question; `Some(true)` writes, `Some(false)` cancels.
    pub fn show(&mut self, ui: &mut egui::Ui) -> Option<bool> {
        let mut out = None;
        ui.heading("Xuất báo cáo");
        ui.label(format!(
            "Không mở được hộp thoại chọn tệp trên máy này. Báo cáo được ghi vào thư mục {}.",
            self.dir.display()
        ));
        ui.horizontal(|ui| {
            let l = ui.label("Tên tệp");
            ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(360.0))
                .labelled_by(l.id);
        });
        ui.horizontal(|ui| {
            for (f, label) in [
                (Format::Pdf, "PDF (để ký, in)"),
                (Format::Docx, "Word .docx (để sửa tiếp)"),
                (Format::Xlsx, "Excel .xlsx (để kiểm tra số liệu)"),
            ] {
                ui.radio_value(&mut self.format, f, label);
            }
        });
        ui.weak(format!("Sẽ ghi: {}", self.path().display()));
        ui.horizontal(|ui| {
            if ui
                .add_enabled(!self.name.trim().is_empty(), egui::Button::new("Xuất"))
                .clicked()
            {
                out = Some(true);
            }
            if ui.button("Hủy").clicked() {
                out = Some(false);
            }
        });
        out
    }
}
