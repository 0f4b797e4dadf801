"""The printable PDF: the master grid on landscape pages first, then one A4 page per participant.

Each participant's agenda is shrunk to fit its page, so the organizer can print the file and hand
out one sheet of paper per person.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from scheduler.agendas import (
    MEET_SEPARATOR,
    AgendaRow,
    about_line,
    display_name,
    event_days,
    grid_people,
    participant_agenda,
    slot_labels,
    unscheduled_rows,
)
from scheduler.agendas_pdf_style import (
    MARGIN,
    Styles,
    chunks,
    footer,
    lines,
    para,
    register_fonts,
    table_style,
)
from scheduler.event import Event, Participant, Slot
from scheduler.result import Schedule

TABLES_PER_GRID_PAGE = 6  # keeps a grid column wide enough for two company names
GRID_ROWS_PER_PAGE = 12  # slots per grid page; a longer session is split evenly
PRODUCTS_MAX_CHARS = 160  # long catalogues are cut so an agenda stays on one page


def _slot_blocks(event: Event) -> list[list[Slot]]:
    """Slots cut into page-sized blocks: whole sessions where they fit, evenly split otherwise."""
    runs: list[list[Slot]] = []
    for slot in event.slots:
        if runs and runs[-1][-1].session == slot.session:
            runs[-1].append(slot)
        else:
            runs.append([slot])
    blocks: list[list[Slot]] = []
    for run in runs:
        for piece in chunks(run, GRID_ROWS_PER_PAGE):
            if blocks and len(blocks[-1]) + len(piece) <= GRID_ROWS_PER_PAGE:
                blocks[-1] = blocks[-1] + piece  # short sessions share a page
            else:
                blocks.append(piece)
    return blocks


def _grid_story(event: Event, schedule: Schedule, styles: Styles) -> list[Flowable]:
    """One page per group of tables and session, so the grid can be pinned up by the tables."""
    width = landscape(A4)[0] - 2 * MARGIN
    time_width = 2.4 * cm
    people = grid_people(event, schedule)
    labels = slot_labels(event.slots)
    line_break = f"<br/>{styles.fonts.arrow} "
    story: list[Flowable] = [
        para(f"Jadwal induk — {event.event_id}", styles.title),
        para(
            " · ".join(
                filter(None, (event_days(event), f"{len(schedule.assignments)} pertemuan",
                              f"{len(event.tables)} meja", f"status {schedule.status}"))
            ),
            styles.subtitle,
        ),
    ]  # fmt: skip
    blocks = [
        (tables, run)
        for tables in chunks(event.tables, TABLES_PER_GRID_PAGE)
        for run in _slot_blocks(event)
    ]
    for n, (tables, run) in enumerate(blocks):
        if n:
            story.append(PageBreak())
        heading = f"Meja {tables[0]}–{tables[-1]}" if len(tables) > 1 else f"Meja {tables[0]}"
        sessions = list(dict.fromkeys(slot.session for slot in run if slot.session))
        if sessions:
            heading += " · sesi " + ", ".join(sessions)
        rows: list[list[Flowable]] = [[para("Waktu", styles.cell_bold)]]
        rows[0] += [para(f"Meja {t}", styles.cell_bold) for t in tables]
        for slot in run:
            row: list[Flowable] = [para(labels[slot.id], styles.cell_bold)]
            for table in tables:
                names = people.get((slot.id, table), [])
                # One name per line: narrow columns read better than one long wrapped line.
                row.append(Paragraph(line_break.join(escape(n) for n in names), styles.grid))
            rows.append(row)
        column = (width - time_width) / max(len(tables), TABLES_PER_GRID_PAGE // 2)
        grid = Table(
            rows, colWidths=[time_width] + [column] * len(tables), repeatRows=1, hAlign="LEFT"
        )
        grid.setStyle(table_style(session_breaks=[]))
        story += [Spacer(1, 0.3 * cm), para(heading, styles.heading), Spacer(1, 0.15 * cm), grid]
    return story + _unscheduled_story(event, schedule, styles)


def _unscheduled_story(event: Event, schedule: Schedule, styles: Styles) -> list[Flowable]:
    left_out = unscheduled_rows(event, schedule)
    if not left_out:
        return []
    arrow = f" {styles.fonts.arrow} "
    rows = [[para(h, styles.cell_bold) for h in ("Pertemuan", "Peserta", "Alasan")]]
    rows += [
        [
            para(mid, styles.cell),
            para(who.replace(MEET_SEPARATOR, arrow), styles.cell),
            para(why, styles.cell),
        ]
        for mid, who, why in left_out
    ]
    width = landscape(A4)[0] - 2 * MARGIN
    table = Table(
        rows, colWidths=[width * f for f in (0.1, 0.45, 0.45)], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(table_style(session_breaks=[]))
    heading = para(f"Tidak terjadwal ({len(left_out)} pertemuan)", styles.heading)
    return [Spacer(1, 0.6 * cm), heading, Spacer(1, 0.2 * cm), table]


def _session_breaks(event: Event) -> list[int]:
    """Table rows (1 = first slot) where a new session starts; drawn with a heavier line."""
    return [
        i + 1
        for i in range(1, len(event.slots))
        if event.slots[i].session != event.slots[i - 1].session
    ]


def _cut(text: str) -> str:
    return text if len(text) <= PRODUCTS_MAX_CHARS else text[: PRODUCTS_MAX_CHARS - 1] + "…"


def _agenda_row(line: AgendaRow, styles: Styles) -> list[Flowable]:
    if line.is_free:
        return [
            para(line.time_label, styles.cell_bold),
            para("", styles.free),
            para(line.status, styles.free),
        ]
    return [
        para(line.time_label, styles.cell_bold),
        para(line.table, styles.cell_bold),
        lines([c.label for c in line.counterparts], styles.cell_bold),
        lines([_cut(text) for text in line.product_lines], styles.cell),
        lines([c.regency or "" for c in line.counterparts], styles.cell),
    ]


def _participant_story(
    event: Event, schedule: Schedule, person: Participant, styles: Styles
) -> list[Flowable]:
    agenda = participant_agenda(event, schedule, person.id)
    meetings = sum(not line.is_free for line in agenda)
    title = " · ".join(filter(None, (f"Temu bisnis — {event.event_id}", event_days(event))))
    header = [
        para(title, styles.subtitle),
        para(f"{display_name(person)} ({person.id})", styles.title),
        para(about_line(person), styles.subtitle),
        para(f"{meetings} pertemuan", styles.heading),
        Spacer(1, 0.3 * cm),
    ]
    if person.products:
        header.insert(3, para(f"Produk: {_cut(person.products)}", styles.subtitle))
    heading = ["Waktu", "Meja", "Bertemu dengan", "Produk", "Kabupaten/Kota"]
    rows: list[list[Flowable]] = [[para(h, styles.cell_bold) for h in heading]]
    rows += [_agenda_row(line, styles) for line in agenda]
    width = A4[0] - 2 * MARGIN
    fractions = (0.13, 0.07, 0.30, 0.31, 0.19)
    table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1, hAlign="LEFT")
    style = table_style(session_breaks=_session_breaks(event))
    for i, line in enumerate(agenda, start=1):
        if line.is_free:  # a free slot reads across the whole row
            style.add("SPAN", (2, i), (4, i))
    table.setStyle(style)
    return [*header, table]


def write_pdf(event: Event, schedule: Schedule, path: Path) -> Path:
    """Write the master grid and one page per participant to `path` and return it."""
    fonts = register_fonts()
    styles = Styles(fonts)
    templates = []
    for name, size in (("grid", landscape(A4)), ("agenda", A4)):
        frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id=name)
        templates.append(
            PageTemplate(
                id=name,
                frames=[frame],
                onPage=footer(fonts, event.event_id, size[0]),
                pagesize=size,
            )
        )
    doc = BaseDocTemplate(
        str(path),
        pageTemplates=templates,
        title=f"Agenda temu bisnis {event.event_id}",
        author="Mitra",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    story = _grid_story(event, schedule, styles)
    story.append(NextPageTemplate("agenda"))
    page_width, page_height = A4[0] - 2 * MARGIN, A4[1] - 2 * MARGIN - 12  # 12: frame padding
    for person in event.participants:
        story.append(PageBreak())
        content = _participant_story(event, schedule, person, styles)
        story.append(KeepInFrame(page_width, page_height, content, mode="shrink"))
    doc.build(story)
    return path
