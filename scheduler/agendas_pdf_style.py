"""Fonts, paragraph styles and table looks shared by the agenda PDF pages."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Paragraph, TableStyle

T = TypeVar("T")
MARGIN = 1.2 * cm
_HEADER_BG = colors.HexColor("#DDE6F0")
_GRID_LINE = colors.HexColor("#A0A0A0")


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    arrow: str  # what joins two names in a meeting


@cache  # reading the TrueType files takes a noticeable moment; once per process is enough
def register_fonts() -> Fonts:
    """DejaVu Sans when found (full Latin and the ↔ arrow), else the built-in Helvetica."""
    for folder in _font_folders():
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return Fonts("DejaVuSans", "DejaVuSans-Bold", "↔")
    return Fonts("Helvetica", "Helvetica-Bold", "-")


def _font_folders() -> list[Path]:
    folders = [Path("/usr/share/fonts/truetype/dejavu")]
    try:  # matplotlib is a dependency and ships DejaVu Sans
        import matplotlib

        folders.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    return folders


class Styles:
    def __init__(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.title = ParagraphStyle("title", fontName=fonts.bold, fontSize=16, leading=20)
        self.subtitle = ParagraphStyle("subtitle", fontName=fonts.regular, fontSize=10, leading=13)
        self.heading = ParagraphStyle("heading", fontName=fonts.bold, fontSize=11, leading=14)
        self.cell = ParagraphStyle("cell", fontName=fonts.regular, fontSize=8, leading=10)
        self.cell_bold = ParagraphStyle("cellb", parent=self.cell, fontName=fonts.bold)
        self.grid = ParagraphStyle("grid", parent=self.cell, fontSize=7.5, leading=9)
        self.free = ParagraphStyle("free", parent=self.cell, textColor=colors.grey)


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text or ""), style)


def lines(texts: list[str], style: ParagraphStyle) -> Paragraph:
    """One line per company, so a group meeting reads name by name."""
    return Paragraph("<br/>".join(escape(t) for t in texts), style)


def chunks(items: list[T], most: int) -> list[list[T]]:
    """Split evenly: 25 tables at most 6 per page → 5, 5, 5, 5, 5 rather than 6, 6, 6, 6, 1."""
    if not items:
        return []
    parts = math.ceil(len(items) / most)
    size = math.ceil(len(items) / parts)
    return [items[i : i + size] for i in range(0, len(items), size)]


def table_style(session_breaks: list[int]) -> TableStyle:
    style = TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BG),
            ("GRID", (0, 0), (-1, -1), 0.5, _GRID_LINE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    for row in session_breaks:
        style.add("LINEABOVE", (0, row), (-1, row), 1.5, colors.black)
    return style


def footer(fonts: Fonts, event_id: str, width: float) -> Callable[[Canvas, BaseDocTemplate], None]:
    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, MARGIN / 2, f"Mitra · {event_id}")
        canvas.drawRightString(width - MARGIN, MARGIN / 2, f"Halaman {doc.page}")
        canvas.restoreState()

    return draw
