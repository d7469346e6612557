"""Real article files for tests, made on the spot: a saved news page (HTML) with its boilerplate,
PDFs (with a text layer, scanned, encrypted) made with fpdf2 and pypdf, and Word files (and a zip
bomb) made with python-docx. Each function writes `path` and returns it."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

# words only the page's boilerplate holds: none of them may reach the index
BOILERPLATE = ("Subscribe to our newsletter", "Accept all cookies", "Advertisement",
               "Cheap flights to Sanya", "Related stories", "Terms of use", "Breaking Business",
               "trackingPixelLoaded", "Reader comments")
# a news article of 597 words in eleven paragraphs (ASCII: the PDF core fonts are latin-1)
STORY = [" ".join(p.split()) for p in """
On March 3, a delegation from the Hongkou District government led by deputy district governor
Wang Jianhua visited the Lingang Special Area to discuss cooperation on new energy vehicles,
smart manufacturing and international shipping services. The visit was the first of its kind
since the two districts opened a joint office in the spring of last year.

The visitors toured the Tesla Gigafactory and the Lingang innovation centre, where engineers
demonstrated autonomous logistics vehicles that move containers between the Yangshan port
terminals and the bonded warehouses without a driver. Officials from both sides agreed that the
partnership would strengthen the region's competitiveness in advanced manufacturing.

In the afternoon, both sides signed a framework agreement covering talent exchange, industrial
investment and shared research platforms. The agreement runs for five years and will be reviewed
annually by a joint committee chaired by the two district governors, who will meet alternately
in Hongkou and in Lingang.

Under the agreement, Hongkou will help companies from its North Bund financial cluster set up
treasury and settlement centres in the special area, while Lingang will open its pilot
programmes for cross-border data flows to Hongkou's shipping and insurance firms. Both sides
expect the first projects to be announced before the end of the year.

Chen Ming, director of the Lingang administrative committee, said the two districts were natural
partners. Hongkou has one of the oldest shipping communities in the country, and Lingang has the
newest port infrastructure, he said, adding that the cooperation would let each side concentrate
on what it does best instead of competing for the same investors.

The delegation also visited a training centre run by the Shanghai Maritime University, which
prepares technicians for automated terminals. The university plans to admit two hundred students
from Hongkou vocational schools next autumn, with scholarships paid jointly by the two district
governments and by three logistics companies.

Industry analysts welcomed the agreement but cautioned that its success would depend on
practical details such as housing for young engineers, commuting times between the two districts
and the speed of administrative approvals. A metro extension now under construction is expected
to cut the journey between Hongkou and Lingang to about seventy minutes.

The two districts will hold their first joint investment fair in Lingang in June. Organisers
said more than one hundred and twenty companies had already registered, most of them in shipping
finance, marine equipment and software, and that a second fair would follow in Hongkou in the
autumn if the first one met its targets.

Environmental groups asked the two districts to publish the emissions targets of the new
projects. The agreement mentions green shipping only in general terms, they said, although both
districts have promised to cut the carbon intensity of their industries by a fifth within five
years. A spokesperson for the joint committee said detailed targets would be released with the
first list of projects.

For Hongkou, the agreement is part of a wider effort to keep its shipping services relevant as
cargo moves to deeper ports further from the city centre. The district has lost several freight
forwarders to Pudong in the past decade, and officials hope that a formal link with Lingang will
persuade the remaining firms to expand rather than relocate.

The visit ended with a meeting at the Lingang planning exhibition hall, where the delegation was
shown models of the special area's next phase, including a hydrogen refuelling network and a
research campus for marine robotics. Wang Jianhua said he would return in the summer with
business leaders from Hongkou to see the progress for themselves.
""".strip().split("\n\n")]
COLUMN = 110  # mm: a newspaper column, narrow enough that long words break across lines
HEADER = "Harbour Daily | Business"  # make_pdf's running header


def make_html(path: Path, title: str, date: str, paragraphs: list[str],
              boilerplate: bool = True) -> Path:
    """A saved news page: `title` in <title>, og:title and <h1>, `date` ("2024-01-05"; "" for
    none) as article:published_time and a <time>, the paragraphs as <p>; with `boilerplate`, a
    nav menu, cookie banner, ads, a <script> with text, related links, comments and a footer
    (their words are in BOILERPLATE; the footer's copyright year is no publication date)."""
    esc = html.escape
    meta = [f'<meta property="og:title" content="{esc(title)}">']
    byline = '<p class="byline">By Staff Reporter</p>'
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T08:00:00+08:00">')
        byline = f'<p class="byline">By Staff Reporter, <time datetime="{date}">{date}</time></p>'
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    article = f"<article>\n<h1>{esc(title)}</h1>\n{byline}\n{body}\n</article>"
    if boilerplate:
        article = _wrapped(article)
    page = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<title>{esc(title)} - Harbour Daily</title>\n{chr(10).join(meta)}\n</head>\n"
            f"<body>\n{article}\n</body></html>\n")
    path.write_text(page, encoding="utf-8")
    return path


def _wrapped(article: str) -> str:
    """The article amid a news site's page furniture."""
    nav = ('<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
           '<li><a href="/business">Breaking Business</a></li>'
           '<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>')
    cookie = ('<div id="cookie-banner" class="cookie-consent">We use cookies to improve your '
              'experience on our site. <button>Accept all cookies</button></div>')
    ad = ('<aside class="ad advertisement"><p>Advertisement</p><p>Cheap flights to Sanya from '
          '199 yuan, book today and save on your next holiday</p></aside>')
    script = ('<script>var trackingPixelLoaded = "Thank you for reading Harbour Daily today"; '
              'document.title = "Subscribe to our newsletter";</script>')
    related = ('<section class="related"><h2>Related stories</h2><ul>'
               '<li><a href="/a">Port volumes rise again in the third quarter of the year</a></li>'
               '<li><a href="/b">New ferry line opens to the islands next month</a></li>'
               '</ul></section>')
    comments = ('<section id="comments" class="comments"><h3>Reader comments</h3>'
                '<p>Great news for the region, I hope more companies follow this example.</p>'
                '</section>')
    footer = ('<footer><p>Subscribe to our newsletter for the morning briefing.</p>'
              '<p>Copyright 2025 Harbour Daily. All rights reserved. Terms of use. '
              'Privacy policy.</p></footer>')
    return (f"{cookie}\n<header>{nav}</header>\n<main>\n{ad}\n{article}\n{related}\n{comments}\n"
            f"</main>\n{script}\n{footer}")


def make_pdf(path: Path, title: str, paragraphs: list[str], pages: int = 1,
             header: str = HEADER) -> Path:
    """A PDF with a real text layer, as a newspaper exports one: `title` in the metadata and as a
    bold heading, the paragraphs justified (long ones wrap; words of 9+ letters may break across
    a line with a hyphen), spread evenly over at least `pages` pages, `header` on top of every
    page ("" for none) and "Page n of N" at the foot. Core fonts: latin-1 text only."""
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", "I", 9)
                self.cell(0, 8, header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 9)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Paper(format="A4")
    pdf.set_title(title)
    pdf.set_author("Harbour Daily")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    per_page = -(-len(paragraphs) // max(pages, 1))
    for i, para in enumerate(paragraphs):
        if i and per_page and i % per_page == 0:
            pdf.add_page()
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(COLUMN, 5.5, _hyphenable(para), align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    while pdf.page_no() < pages:
        pdf.add_page()
    pdf.output(str(path))
    return path


def _hyphenable(text: str) -> str:
    """Soft hyphens inside long words: fpdf2 breaks a word there with a visible hyphen."""
    words = []
    for word in text.split(" "):
        if len(word) >= 9 and word.isalpha():
            word = word[:4] + "\u00ad" + word[4:-3] + "\u00ad" + word[-3:]
        words.append(word)
    return " ".join(words)


def make_scanned_pdf(path: Path, text: str = "Lingang signs a pact with Hongkou.") -> Path:
    """A PDF of one page that is a picture of text (drawn with Pillow): no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 1600), "white")
    draw = ImageDraw.Draw(image)
    for row in range(20):
        draw.text((80, 80 + row * 60), text, fill="black")
    pdf = FPDF(format="A4")
    pdf.set_title("A scanned page")
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def make_encrypted_pdf(path: Path, password: str = "secret") -> Path:
    """A PDF with a text layer that opens only with `password` (RC4-128: pypdf writes it without
    the cryptography package)."""
    from pypdf import PdfReader, PdfWriter

    make_pdf(path, "A locked report",
             ["Lingang and Hongkou signed a cooperation agreement on new energy. " * 4])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(path.read_bytes())))
    writer.encrypt(user_password=password, owner_password=password + "-owner",
                   algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


def make_docx(path: Path, title: str, paragraphs: list[str], heading: str = "",
              table: list[list[str]] | None = None) -> Path:
    """A Word file: `title` in its core properties ("" for none), `heading` ("" for none) as a
    Heading 1 above the paragraphs, and `table` (rows of cells) after them when given."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    if heading:
        doc.add_heading(heading, level=1)
    for para in paragraphs:
        doc.add_paragraph(para)
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    doc.save(str(path))
    return path


def make_zip_bomb_docx(path: Path, megabytes: int = 60) -> Path:
    """A real Word file with one more member: `megabytes` MB of zeros that compress ~1000:1
    (a small file on disk that would fill memory if it were unpacked)."""
    make_docx(path, "An innocent memo", ["Lingang signs a pact with Hongkou on new energy."])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/media/image1.bin", "w", force_zip64=True) as member:
        for _ in range(megabytes):
            member.write(bytes(1_000_000))
    return path
