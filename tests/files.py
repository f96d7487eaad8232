"""Builders for test inputs in every supported format, written by us at test time."""

from __future__ import annotations

import io
import zipfile

AD_LINES = [
    "Field Sales Executive",
    "You will visit customers across your own territory and win new business face to face.",
    "Plan your week of appointments, drive to client sites and close deals.",
    "Uncapped commission on top of salary, a company car and monthly sales targets.",
]


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (Helvetica), with a correct xref."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects)


def make_pdf_without_text() -> bytes:
    """A PDF page that only draws a rectangle: what a scan looks like to a text reader."""
    stream = b"0 0 0 rg 100 100 200 200 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx(title: str, paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.rows[r].cells[c].text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip_bomb(declared: int) -> bytes:
    """A zip whose one part inflates to `declared` bytes of zeros (about 1,000:1)."""
    out = io.BytesIO()
    block = b"\0" * (1 << 20)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("word/document.xml", "w", force_zip64=True) as part:
        for _ in range(declared // len(block)):
            part.write(block)
    return out.getvalue()


def make_odt(content: str) -> bytes:
    """An OpenDocument text whose content.xml is `content`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return buffer.getvalue()


def make_html(title: str, lines: list[str]) -> str:
    items = "".join(f"<li>{line}</li>" for line in lines[1:])
    return (f"<!doctype html><html><head><title>{title} | Careers</title><style>p {{}}</style>"
            f"<script>var x = 'cold calling';</script></head><body><nav>Home &raquo; Jobs</nav>"
            f"<h1>{title}</h1><p>{lines[0]}</p><ul>{items}</ul></body></html>")


def mixed_ads(n: int, seed: int = 19) -> list[dict]:
    """`n` ads made of the bundled examples' lines, mixed by a seeded shuffle (ids 0..n-1,
    every tenth without a title), with an empty text and a missing one among them: a few
    hundred different ads for the engines' tests, error rows included."""
    import random
    from pathlib import Path

    examples = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))
    lines = [[ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()] for p in examples]
    rng = random.Random(seed)
    ads = []
    for i in range(n):
        first, second = rng.sample(lines, 2)
        body = first[1:] + rng.sample(second[1:], min(2, len(second) - 1))
        ads.append({"id": str(i), "title": None if i % 10 == 9 else first[0], "text": "\n".join(body)})
    ads[n // 3]["text"] = "   "
    ads[2 * n // 3]["text"] = None
    return ads


def numbered_ads(path, n: int):
    """A JSON Lines file of `n` short ads, each made distinct by its number."""
    import json

    path.write_text("".join(json.dumps({"id": i, "text": AD_LINES[1 + i % 3] + f" Ad {i}."}) + "\n"
                            for i in range(n)))
    return path


def wait_for_size(path, size: int, seconds: float = 120) -> None:
    """Until the file (a run's partial output) holds `size` bytes, or `seconds` pass."""
    import time

    deadline = time.monotonic() + seconds
    while (not path.exists() or path.stat().st_size < size) and time.monotonic() < deadline:
        time.sleep(0.05)
