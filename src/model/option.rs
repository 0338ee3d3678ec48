//! Simplification options (phương án đơn giản hóa) and the activity tables they are costed with.

use super::Figure;
use serde::{Deserialize, Serialize};

/// The components a finding or a change sits in. Labels live in assets/templates/form.ron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    SuCanThiet,
    Ten,
    TrinhTu,
    CachThuc,
    HoSo,
    ThoiHan,
    CoQuan,
    DoiTuong,
    PhiLePhi,
    MauDon,
    YeuCauDieuKien,
    KetQua,
    CanCuPhapLy,
    Khac,
}

impl Component {
    pub const ALL: [Component; 14] = [
        Component::SuCanThiet,
        Component::Ten,
        Component::TrinhTu,
        Component::CachThuc,
        Component::HoSo,
        Component::ThoiHan,
        Component::CoQuan,
        Component::DoiTuong,
        Component::PhiLePhi,
        Component::MauDon,
        Component::YeuCauDieuKien,
        Component::KetQua,
        Component::CanCuPhapLy,
        Component::Khac,
    ];
}

/// Option kinds of spec §5. Labels live in assets/templates/option_kinds.ron.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum OptionKind {
    BaiBo,
    #[default]
    SuaDoi,
    ThayThe,
    LienThong,
    PhanCap,
    TrucTuyen,
    SangKien,
    GiuNguyen,
    /// Thay thế thành phần hồ sơ bằng dữ liệu (NQ 66.7/2025/NQ-CP).
    ThayTheDuLieu,
    /// Thực hiện không phụ thuộc địa giới hành chính trong phạm vi cấp tỉnh.
    KhongPhuThuocDiaGioi,
    /// Tái cấu trúc quy trình.
    TaiCauTruc,
}

impl OptionKind {
    pub const ALL: [OptionKind; 11] = [
        OptionKind::BaiBo,
        OptionKind::SuaDoi,
        OptionKind::ThayThe,
        OptionKind::LienThong,
        OptionKind::PhanCap,
        OptionKind::ThayTheDuLieu,
        OptionKind::KhongPhuThuocDiaGioi,
        OptionKind::TaiCauTruc,
        OptionKind::TrucTuyen,
        OptionKind::SangKien,
        OptionKind::GiuNguyen,
    ];

    pub fn id(self) -> &'static str {
        match self {
            OptionKind::BaiBo => "bai_bo",
            OptionKind::SuaDoi => "sua_doi",
            OptionKind::ThayThe => "thay_the",
            OptionKind::LienThong => "lien_thong",
            OptionKind::PhanCap => "phan_cap",
            OptionKind::TrucTuyen => "truc_tuyen",
            OptionKind::SangKien => "sang_kien",
            OptionKind::GiuNguyen => "giu_nguyen",
            OptionKind::ThayTheDuLieu => "thay_the_du_lieu",
            OptionKind::KhongPhuThuocDiaGioi => "khong_phu_thuoc_dia_gioi",
            OptionKind::TaiCauTruc => "tai_cau_truc",
        }
    }
}

/// One activity of the procedure (chia nhỏ quy trình).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Activity {
    pub name: String,
    /// Thời gian (giờ); may have decimals.
    pub hours: Figure,
    /// Chi phí thuê tư vấn, dịch vụ (đồng).
    pub service: Figure,
    /// Chi phí khác (đồng).
    pub other: Figure,
}

impl Activity {
    pub fn new(name: &str, hours: Figure, service: Figure, other: Figure) -> Self {
        Activity {
            name: name.to_string(),
            hours,
            service,
            other,
        }
    }
}

/// Who carries out a Kiến nghị thực thi.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    #[default]
    Tinh,
    BoNganh,
    ChinhPhu,
    QuocHoi,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContentLine {
    pub component: Option<Component>,
    pub change: String,
    pub reason: String,
    /// The answer key this line came from, when it was raised from a finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_answer: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImplementationLine {
    /// The văn bản to amend, e.g. "Nghị định số 71/2018/NĐ-CP".
    pub document: String,
    /// The điểm/khoản/Điều, e.g. "khoản 2 Điều 5".
    pub article: String,
    pub authority: Authority,
    /// What to do, in words (sửa đổi, bãi bỏ …), free text.
    pub action: String,
    pub deadline: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimplOption {
    pub name: String,
    pub kind: OptionKind,
    pub content: Vec<ContentLine>,
    pub implementation: Vec<ImplementationLine>,
    /// The "after" activity table.
    pub activities: Vec<Activity>,
    /// None = unchanged from the current procedure.
    pub fee: Option<Figure>,
    pub frequency: Option<Figure>,
    pub subjects: Option<Figure>,
    pub time_limit_days: Option<Figure>,
    /// For bãi bỏ: the option costs a replacement measure in `activities` and `fee`.
    pub replacement_costed: bool,
    pub chosen: bool,
    /// Phân cấp, phân quyền: who decides now and who is proposed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decentralisation: Option<super::Decentralisation>,
    /// Dossier documents replaced with data from national databases.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_replacements: Vec<super::DataReplacement>,
}
