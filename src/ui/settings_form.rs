//! Editing the report settings: one text box per line group, parsed back on save.

use crate::report::doc::MoneyUnit;
use crate::report::{CostBasis, ReportSettings};
use rust_decimal::Decimal;
use std::str::FromStr;

pub struct SettingsForm {
    pub s: ReportSettings,
    bases: String,
    articles: [String; 4],
    recipients: String,
    target: String,
    pub error: Option<String>,
}

impl SettingsForm {
    pub fn new(s: ReportSettings) -> Self {
        let a = |i: usize| s.articles.get(i).cloned().unwrap_or_default();
        SettingsForm {
            bases: s.bases.join("\n"),
            articles: [a(0), a(1), a(2), a(3)],
            recipients: s.recipients.join("\n"),
            target: s.time_cut_target.to_string(),
            error: None,
            s,
        }
    }

    fn lines(text: &str) -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    /// The settings as typed, or what is wrong with them.
    pub fn result(&self) -> Result<ReportSettings, String> {
        let mut s = self.s.clone();
        s.bases = Self::lines(&self.bases);
        s.articles = self.articles.iter().map(|a| a.trim().to_string()).collect();
        s.recipients = Self::lines(&self.recipients);
        s.time_cut_target = crate::model::parse_decimal_vi(&self.target)
            .or_else(|| Decimal::from_str(self.target.trim()).ok())
            .filter(|v| !v.is_sign_negative() && *v <= Decimal::ONE_HUNDRED)
            .ok_or_else(|| "Mục tiêu cắt giảm thời gian phải là số từ 0 đến 100".to_string())?;
        Ok(s)
    }

    pub fn show(&mut self, ui: &mut egui::Ui) {
        let mut dummy = false;
        let w = 640.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("settings")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        for (label, v) in [
                            ("Cơ quan (dòng 1)", &mut self.s.body_upper),
                            ("Cơ quan (dòng 2)", &mut self.s.body_lower),
                            ("Số, ký hiệu", &mut self.s.number),
                            ("Địa danh, ngày tháng", &mut self.s.place_date),
                            ("Trích yếu ({n} = số TTHC)", &mut self.s.subject),
                            ("Thẩm quyền ban hành", &mut self.s.signer_authority),
                            ("Đề nghị của", &mut self.s.proposal),
                            ("Quyền hạn ký (TM.)", &mut self.s.sign_for),
                            ("Ký thay (KT.)", &mut self.s.sign_deputy),
                            ("Chức vụ người ký", &mut self.s.sign_title),
                            ("Họ tên người ký", &mut self.s.signer_name),
                            ("Ghi chú phụ lục", &mut self.s.annex_note),
                        ] {
                            ui.label(label);
                            super::widgets::text(ui, v, label, w, &mut dummy);
                            ui.end_row();
                        }
                        ui.label("Mục tiêu cắt giảm thời gian (%)");
                        super::widgets::text(
                            ui,
                            &mut self.target,
                            "Mục tiêu cắt giảm thời gian",
                            80.0,
                            &mut dummy,
                        );
                        ui.end_row();
                        ui.label("Căn cứ (mỗi dòng một căn cứ)");
                        super::widgets::text_multi(ui, &mut self.bases, "Căn cứ", w, &mut dummy);
                        ui.end_row();
                        for (k, a) in self.articles.iter_mut().enumerate() {
                            let label = format!("Điều {}", k + 1);
                            ui.label(&label);
                            super::widgets::text_multi(ui, a, &label, w, &mut dummy);
                            ui.end_row();
                        }
                        ui.label("Nơi nhận (mỗi dòng một nơi)");
                        super::widgets::text_multi(
                            ui,
                            &mut self.recipients,
                            "Nơi nhận",
                            w,
                            &mut dummy,
                        );
                        ui.end_row();

                        ui.label("Đơn vị tính (bảng tổng hợp)");
                        ui.horizontal(|ui| {
                            for u in MoneyUnit::ALL {
                                ui.radio_value(&mut self.s.money_unit, u, u.label());
                            }
                        });
                        ui.end_row();
                        ui.label("Chi phí trong phần lợi ích");
                        ui.horizontal(|ui| {
                            for b in CostBasis::ALL {
                                ui.radio_value(&mut self.s.cost_basis, b, b.label());
                            }
                        });
                        ui.end_row();
                        ui.label("Số tiền bằng chữ");
                        ui.horizontal(|ui| {
                            ui.checkbox(&mut self.s.amounts_in_words, "Ghi bằng chữ sau số tiền");
                            ui.checkbox(&mut self.s.words.le, "đọc «lẻ» (105: một trăm lẻ năm)");
                            ui.checkbox(&mut self.s.words.ngan, "đọc «ngàn»");
                        });
                        ui.end_row();
                    });
                ui.add_space(8.0);
                ui.strong("Báo cáo một bản rà soát (để trống: lấy cơ quan, phòng của bản rà soát)");
                egui::Grid::new("settings_single")
                    .num_columns(2)
                    .spacing([10.0, 6.0])
                    .show(ui, |ui| {
                        let one = &mut self.s.single;
                        for (label, v) in [
                            ("Cơ quan (dòng 1)", &mut one.body_upper),
                            ("Đơn vị (dòng 2)", &mut one.body_lower),
                            ("Số, ký hiệu", &mut one.number),
                            ("Địa danh, ngày tháng", &mut one.place_date),
                            ("Người ký bên trái", &mut one.left_title),
                            ("Người ký bên phải", &mut one.right_title),
                            ("Họ tên người ký bên phải", &mut one.right_name),
                        ] {
                            ui.label(label);
                            // Named apart from the decision's fields of the same name.
                            let name = format!("Báo cáo một bản rà soát: {label}");
                            super::widgets::text(ui, v, &name, w, &mut dummy);
                            ui.end_row();
                        }
                    });
            });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }
}
