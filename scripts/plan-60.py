#!/usr/bin/env python3
"""A 60-row review plan for looking at the plan page at real size.

Usage: python3 scripts/plan-60.py OUT_DIR
Writes OUT_DIR/saved-reviews/: the shipped examples, about 30 reviews made from the xăng dầu
example (other codes, names, rooms and stages), one quality comment, and ke-hoach-2026.plan.ron
listing the three examples and 57 more TTHC across four rooms. Then run the app from OUT_DIR.
"""
import os, random, re, shutil, sys

root = sys.argv[1] if len(sys.argv) > 1 else "plan60"
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "saved-reviews")
out = os.path.join(root, "saved-reviews")
os.makedirs(out, exist_ok=True)
for f in os.listdir(here):
    if f.endswith(".ron") and not f.endswith(".plan.ron"):
        shutil.copy(os.path.join(here, f), out)
random.seed(7)
rooms = [("Phòng Quản lý Công nghiệp", ["Vật liệu nổ công nghiệp", "An toàn thực phẩm", "Hóa chất"]),
         ("Phòng Quản lý Thương mại - Xuất nhập khẩu", ["Lưu thông hàng hóa trong nước", "Xúc tiến thương mại", "Thương mại quốc tế"]),
         ("Phòng Quản lý Năng lượng", ["Điện", "Năng lượng"]),
         ("Thanh tra Sở", ["Giải quyết khiếu nại, tố cáo"])]
verbs = ["Cấp", "Cấp lại", "Điều chỉnh", "Gia hạn", "Thu hồi", "Xác nhận"]
things = ["Giấy phép sản xuất rượu thủ công", "Giấy chứng nhận đủ điều kiện kinh doanh khí",
          "Giấy phép bán lẻ sản phẩm thuốc lá", "Giấy xác nhận ưu đãi dự án sản xuất sản phẩm công nghiệp hỗ trợ",
          "Giấy phép hoạt động điện lực", "Giấy chứng nhận đủ điều kiện sản xuất hóa chất",
          "Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài",
          "Giấy xác nhận đăng ký tổ chức hội chợ, triển lãm thương mại", "Giấy phép kinh doanh bán lẻ rượu",
          "Giấy chứng nhận huấn luyện an toàn hóa chất"]
base = open(os.path.join(here, "xang-dau-cap-gcn-cua-hang.ron"), encoding="utf-8").read()
vlncn = "thuộc thẩm quyền giải quyết của Sở Công Thương"
rows = [("1", "", f"Cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp {vlncn}", "Vật liệu nổ công nghiệp", rooms[0][0]),
        ("2", "", f"Cấp lại Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp {vlncn}", "Vật liệu nổ công nghiệp", rooms[0][0]),
        ("3", "2.000648 000.00.00 H32", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", "Lưu thông hàng hóa trong nước", rooms[1][0])]
stages = ["SentForAssessment", "Commented", "Completed", "InDecision", None]
used, n = set(), 4
while len(rows) < 60:
    name = f"{random.choice(verbs)} {random.choice(things)}"
    if name in used:
        continue
    used.add(name)
    room, fields = random.choice(rooms)
    field = random.choice(fields)
    code = f"2.00{random.randint(1000, 9999)}"
    rows.append((str(n), code, name, field, room))
    if random.random() < 0.55:
        text = base.replace('code: "2.000648.000.00.00.H32"', f'code: "{code}"', 1)
        text = text.replace('name: "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",', f'name: "{name}",', 1)
        text = text.replace('room: "Phòng Quản lý Thương mại - Xuất nhập khẩu"', f'room: "{room}"', 1)
        stage = random.choice(stages)
        if stage is None:
            text = re.sub(r"  tracking: \[\n.*?\n  \],\n", "", text, flags=re.S)
        else:
            day = f"2026-0{random.randint(6, 9)}-{random.randint(10, 28)}"
            text = text.replace('(stage: SentForAssessment, date: "2024-07-25")', f'(stage: {stage}, date: "{day}")')
        if stage == "Commented":
            text = text.rstrip()[:-1] + ('  comments: [\n    (author: "Văn phòng UBND tỉnh", date: "2026-07-05", part: CurrentCost, '
                                         'text: "Số giờ chuẩn bị hồ sơ chưa có căn cứ; đề nghị khảo sát lại"),\n  ],\n)\n')
            stages.remove("Commented")  # one commented review carries the comment
        open(os.path.join(out, f"tthc-{n:02d}.ron"), "w", encoding="utf-8").write(text)
    n += 1
q = lambda s: '"' + s.replace('"', '\\"') + '"'
lines = ["(", "  year: 2026,", '  document: "Kèm theo Kế hoạch số 25/KH-SCT ngày 12/3/2026 của Sở Công Thương",',
         "  milestones: [",
         '    (kind: ReviewDone, label: "Các phòng hoàn thành rà soát, đánh giá", date: "2026-07-15"),',
         '    (kind: SentForAssessment, label: "Gửi Văn phòng UBND tỉnh đánh giá chất lượng", date: "2026-07-30"),',
         '    (kind: Decision, label: "Dự thảo quyết định thông qua phương án đơn giản hóa", date: "2026-12-15"),',
         "  ],", '  time_cut_target: "30",', "  rows: ["]
for stt, code, name, field, lead in rows:
    lines.append(f"    (stt: {q(stt)}, code: {q(code)}, name: {q(name)}, field: {q(field)}, lead: {q(lead)}, partners: \"Văn phòng\"),")
lines += ["  ],", ")"]
open(os.path.join(out, "ke-hoach-2026.plan.ron"), "w", encoding="utf-8").write("\n".join(lines) + "\n")
print(f"{out}: {len(rows)} plan rows")
