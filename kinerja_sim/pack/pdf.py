"""The shared page layout of the facilitator's pack: fpdf2 with the DejaVu Sans font shipped.

Why fpdf2: it is pure Python (no system libraries: WeasyPrint needs Pango and cairo, which a
facilitator's Windows laptop or a slim server image lacks), small, maintained, and writes
Unicode text with an embedded TrueType font subset, so a name such as "Ni Luh Putu Ayu
Dewi, S.Sos." or "Ê" prints the same on every printer. ReportLab would do the same but is a
much larger library whose open-source edition documents its layout API less well than
fpdf2's ``table()``. The font is DejaVu Sans (Bitstream Vera licence, free to redistribute;
``data/fonts/LICENSE_DEJAVU``), copied from matplotlib's own fonts, so the pack works offline.

Every text printed goes through :func:`kinerja_sim._core.sheets.clean_text` first: control
characters and bidirectional overrides (which could make a name read backwards) never reach
the page.
"""

from __future__ import annotations

from contextlib import ExitStack
from importlib import resources
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from kinerja_sim._core.i18n import t
from kinerja_sim._core.sheets import clean_text

__all__ = ["FONT_FAMILY", "Document", "clean"]

FONT_FAMILY = "DejaVuSans"
_FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_INK = (17, 24, 39)
_MUTED = (100, 116, 139)
_HEAD_FILL = (226, 232, 240)


def clean(value) -> str:
    """Any value as printable text without control characters."""
    return clean_text("" if value is None else str(value))


class Document(FPDF):
    """An A4 page set with the kit's font, a running footer and a few building blocks.

    Parameters
    ----------
    title : str
        The document's title (PDF metadata and the footer).
    landscape : bool
        Landscape pages (the certificate); portrait otherwise.
    lang : str, optional
        Language of the footer's page numbering.
    """

    def __init__(self, title: str, *, landscape: bool = False, lang: str | None = None):
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="A4")
        self.doc_title, self.lang = clean(title), lang
        with ExitStack() as stack:
            folder = resources.files("kinerja_sim") / "data" / "fonts"
            for style, name in _FONTS.items():
                path = stack.enter_context(resources.as_file(folder / name))
                self.add_font(FONT_FAMILY, style, str(path))
        self.set_title(self.doc_title)
        self.set_creator("kinerja-sim")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)
        self.set_text_color(*_INK)
        self.set_font(FONT_FAMILY, "", 10)

    def footer(self):
        self.set_y(-11)
        self.set_font(FONT_FAMILY, "", 7.5)
        self.set_text_color(*_MUTED)
        page = t("pack.pdf.page", self.lang, page=self.page_no(), pages="{nb}")
        self.cell(0, 4, f"kinerja-sim · {self.doc_title} · {page}", align="C")
        self.set_text_color(*_INK)

    # -- building blocks
    def heading(self, text: str, size: float = 15, *, align: str = "L", gap: float = 2) -> None:
        self.set_font(FONT_FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, clean(text), align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)
        self.set_font(FONT_FAMILY, "", 10)

    def paragraph(
        self, text: str, size: float = 10, *, align: str = "L", muted: bool = False, bold=False
    ) -> None:
        self.set_font(FONT_FAMILY, "B" if bold else "", size)
        if muted:
            self.set_text_color(*_MUTED)
        self.multi_cell(0, size * 0.48, clean(text), align=align, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*_INK)
        self.set_font(FONT_FAMILY, "", 10)
        self.ln(1)

    def grid(
        self,
        header: list[str],
        rows: list[list],
        *,
        widths: tuple[float, ...] | None = None,
        size: float = 9,
        line_height: float | None = None,
        first_column_bold: bool = False,
    ) -> None:
        """A table with a shaded header row repeated on every page; cells wrap their text.

        A cell may be ``(text, rowspan)`` to span rows; the cells it covers below are None.
        """
        self.set_font(FONT_FAMILY, "", size)
        head_style = FontFace(emphasis="BOLD", fill_color=_HEAD_FILL)
        with self.table(
            col_widths=widths,
            line_height=line_height or size * 0.5,
            headings_style=head_style,
            text_align="LEFT",
            repeat_headings=1,
            padding=1.2,
        ) as table:
            table.row([clean(cell) for cell in header])
            for cells in rows:
                row = table.row()
                for i, cell in enumerate(cells):
                    if cell is None:  # covered by a cell above that spans rows
                        continue
                    text, rowspan = cell if isinstance(cell, tuple) else (cell, 1)
                    style = FontFace(emphasis="BOLD") if first_column_bold and i == 0 else None
                    row.cell(clean(text), style=style, rowspan=rowspan)
        self.set_font(FONT_FAMILY, "", 10)
        self.ln(2)

    def box(self, label: str, width: float, height: float = 9, *, size: float = 9) -> None:
        """A labelled empty box to write in by hand (the label above its top left corner)."""
        x, y = self.get_x(), self.get_y()
        self.set_font(FONT_FAMILY, "", size * 0.8)
        self.set_text_color(*_MUTED)
        self.cell(width, 4, clean(label))
        self.set_text_color(*_INK)
        self.rect(x, y + 4, width, height)
        self.set_xy(x + width + 4, y)
        self.set_font(FONT_FAMILY, "", 10)

    def save(self, path) -> Path:
        path = Path(path)
        self.output(str(path))
        return path
