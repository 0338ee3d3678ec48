//! The command line: a thin layer over the library. No subcommand opens the GUI (see main.rs).

mod calc;
mod check;
mod exchange;
mod export;
mod fmt;

mod plan;
mod portal;

use crate::console::tell;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "tthc-review",
    version,
    about = "Rà soát, đánh giá thủ tục hành chính và tính chi phí tuân thủ (TT 02/2017/TT-VPCP). Không có lệnh con: mở giao diện."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tính chi phí tuân thủ trước/sau, tiết kiệm, tỷ lệ cắt giảm của từng phương án.
    Calc {
        /// Tệp rà soát (.ron)
        file: PathBuf,
        /// In kết quả dạng JSON (số tiền là số nguyên đồng)
        #[arg(long)]
        json: bool,
    },
    /// Tạo bản rà soát mới từ tệp «Tải xuống chi tiết thủ tục» của Cổng Dịch vụ công quốc gia (.doc),
    /// hoặc cập nhật bản rà soát đã có (--into) theo tệp mới hơn.
    ImportTthc {
        /// Tệp tải từ Cổng (ChiTietTTHC_….doc)
        file: PathBuf,
        /// Bản rà soát mới cần ghi (.ron)
        #[arg(short = 'o', long = "output", conflicts_with = "into")]
        output: Option<PathBuf>,
        /// Ghi đè bản rà soát đã có ở -o
        #[arg(long)]
        force: bool,
        /// Bản rà soát đã có: liệt kê các mục khác với Cổng
        #[arg(long)]
        into: Option<PathBuf>,
        /// Với --into: các mục lấy theo Cổng ("all" hoặc mã mục như documents, channel_terms)
        #[arg(long, value_delimiter = ',')]
        take: Vec<String>,
    },
    /// Xuất báo cáo phương án đơn giản hóa của một bản rà soát (PDF, Word .docx hoặc Excel .xlsx theo đuôi tệp).
    Export {
        file: PathBuf,
        /// Tệp cần ghi: .pdf, .docx hoặc .xlsx
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Không xuất khi còn cảnh báo (lỗi thì luôn không xuất)
        #[arg(long)]
        strict: bool,
        /// Ghi đè tệp báo cáo đã có
        #[arg(long)]
        force: bool,
    },
    /// Lập báo cáo tổng hợp từ mọi bản rà soát trong thư mục (PDF, Word .docx hoặc Excel .xlsx theo đuôi tệp).
    Compile {
        dir: PathBuf,
        /// Tệp cần ghi: .pdf, .docx hoặc .xlsx
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Thiết lập báo cáo (.ron); mặc định là DIR/.tthc/report_settings.ron nếu có, nếu không là thiết lập có sẵn
        #[arg(long)]
        settings: Option<PathBuf>,
        /// Không lập khi còn cảnh báo (lỗi thì luôn không lập)
        #[arg(long)]
        strict: bool,
        /// Ghi đè tệp báo cáo đã có
        #[arg(long)]
        force: bool,
    },
    /// Kiểm tra rồi ghi lại tệp rà soát theo dạng chuẩn (an toàn, giữ bản .bak), ví dụ sau khi sửa tay.
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Mở giao diện trên một tệp rà soát.
    Open { file: PathBuf },
    /// Kế hoạch rà soát của năm: nhập từ Excel/CSV, theo dõi tiến độ.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Nhận bản rà soát một phòng gửi (tệp .zip, tệp .ron hoặc thư mục) vào thư mục bản rà soát: kiểm tra từng tệp, so với bản đang có, ghi nhật ký.
    Receive {
        source: PathBuf,
        /// Thư mục bản rà soát (mặc định saved-reviews)
        #[arg(default_value = "saved-reviews")]
        dir: PathBuf,
        /// Tệp khác bản đang có: thay bản đang có (bản cũ giữ ở .bak)
        #[arg(long, conflicts_with_all = ["keep_both", "skip"])]
        replace: bool,
        /// Tệp khác bản đang có: giữ cả hai (bản nhận ghi thành tệp mới)
        #[arg(long, conflicts_with = "skip")]
        keep_both: bool,
        /// Tệp khác bản đang có: bỏ qua
        #[arg(long)]
        skip: bool,
    },
    /// Gói các bản rà soát của thư mục thành một tệp .zip để gửi Văn phòng.
    Send {
        /// Thư mục bản rà soát (mặc định saved-reviews)
        #[arg(default_value = "saved-reviews")]
        dir: PathBuf,
        /// Tệp .zip cần ghi
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Ghi đè tệp đã có
        #[arg(long)]
        force: bool,
    },
    /// Kiểm tra các tệp rà soát (tệp hoặc thư mục chứa tệp .ron).
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Đọc danh mục TTHC của kế hoạch từ tệp Excel (.xlsx, .xls, .ods) hoặc CSV, ghi thành tệp kế hoạch (.plan.ron).
    Import {
        file: PathBuf,
        /// Tệp kế hoạch cần ghi (đuôi .plan.ron)
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Ghi đè tệp kế hoạch đã có (bản cũ giữ thành .bak)
        #[arg(long)]
        force: bool,
        /// Các mốc của kế hoạch khi tệp không ghi: hoàn thành rà soát, gửi Văn phòng UBND tỉnh,
        /// dự thảo quyết định, ví dụ "15/07/2025,30/07/2025,31/08/2025"
        #[arg(long)]
        milestones: Option<String>,
    },
    /// Ghi bảng tiến độ theo kế hoạch ra Excel (.xlsx): mỗi TTHC một dòng.
    Export {
        /// Thư mục chứa bản rà soát và tệp kế hoạch (mặc định saved-reviews)
        #[arg(default_value = "saved-reviews")]
        dir: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Ngày đối chiếu hạn, dạng 2024-07-31 (mặc định hôm nay)
        #[arg(long)]
        today: Option<String>,
        /// Ghi đè tệp đã có
        #[arg(long)]
        force: bool,
    },
    /// Tiến độ theo kế hoạch: từng TTHC, trạng thái, quá hạn, số liệu; theo từng đơn vị chủ trì.
    Status {
        /// Thư mục chứa bản rà soát và tệp kế hoạch (mặc định saved-reviews)
        #[arg(default_value = "saved-reviews")]
        dir: PathBuf,
        /// Tệp kế hoạch (mặc định: tệp *.plan.ron trong thư mục)
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Ngày đối chiếu hạn, dạng 2024-07-31 (mặc định hôm nay)
        #[arg(long)]
        today: Option<String>,
        /// In dạng JSON
        #[arg(long)]
        json: bool,
    },
}

/// The review files of a folder, or a message.
fn folder_files(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>, u8> {
    crate::storage::review_files(dir).map_err(|e| {
        tell!(
            "{}: không đọc được thư mục ({})",
            dir.display(),
            crate::storage::io_words(&e)
        );
        1u8
    })
}

/// The reviews of a folder, each loaded or with its error in words (the plan takes both: a
/// file that does not load is shown, never skipped).
fn review_items(dir: &std::path::Path) -> Result<Vec<crate::storage::LoadedReview>, u8> {
    Ok(crate::storage::load_reviews(folder_files(dir)?))
}

pub fn run(cmd: Command) -> ExitCode {
    let templates = match crate::templates::Templates::load_default() {
        Ok(t) => t,
        Err(e) => {
            tell!("Lỗi mẫu biểu: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match cmd {
        Command::Calc { file, json } => calc::run(&templates, &file, json),
        Command::ImportTthc {
            file,
            output,
            force,
            into,
            take,
        } => match (output, into) {
            (_, Some(into)) => portal::refresh(&file, &into, &take),
            (Some(output), None) => portal::import(&templates, &file, &output, force),
            (None, None) => {
                tell!("cần -o BẢN_MỚI.ron hoặc --into BẢN_ĐÃ_CÓ.ron");
                Err(2)
            }
        },
        Command::Check { paths } => check::run(&templates, &paths),
        Command::Fmt { files } => fmt::run(&templates, &files),
        Command::Export {
            file,
            output,
            strict,
            force,
        } => export::export(&templates, &file, &output, strict, force),
        Command::Compile {
            dir,
            output,
            settings,
            strict,
            force,
        } => export::compile(
            &templates,
            &dir,
            &output,
            settings.as_deref(),
            strict,
            force,
        ),
        Command::Receive {
            source,
            dir,
            replace,
            keep_both,
            skip,
        } => {
            use crate::exchange::Choice;
            let choice = match (replace, keep_both, skip) {
                (true, _, _) => Some(Choice::Replace),
                (_, true, _) => Some(Choice::KeepBoth),
                (_, _, true) => Some(Choice::Skip),
                _ => None,
            };
            exchange::receive(&templates, &source, &dir, choice)
        }
        Command::Send { dir, output, force } => exchange::send(&dir, &output, force),
        Command::Open { file } => return crate::ui::run_native(Some(file)),
        Command::Plan { command } => match command {
            PlanCommand::Import {
                file,
                output,
                force,
                milestones,
            } => plan::import(&file, &output, force, milestones.as_deref()),
            PlanCommand::Status {
                dir,
                plan: plan_file,
                today,
                json,
            } => plan::status(
                &templates,
                &dir,
                plan_file.as_deref(),
                today.as_deref(),
                json,
            ),
            PlanCommand::Export {
                dir,
                output,
                plan: plan_file,
                today,
                force,
            } => plan::export(
                &templates,
                &dir,
                &output,
                plan_file.as_deref(),
                today.as_deref(),
                force,
            ),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => ExitCode::from(code),
    }
}
