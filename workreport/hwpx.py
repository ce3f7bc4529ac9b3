"""The 주요 업무보고 as an editable 한글 document (HWPX), from the context the report's templates print.

One source: the context is workreport.rendering.document_context, the very dict the PDF's templates
receive (section builders of projects.pages, figures of budget.figures and staffing.figures), and
every figure is printed by reports.formatting as the templates' filters print it. Nothing here
computes a figure or reads the HTML; what the templates add (headings, column heads, captions) is
written in the same words, in the same order: cover, contents, I … IV, each part on a new page.
The charts are not written (their figures are in the tables); docs/hwpx.md lists what differs.
"""
from importlib import metadata

from django.core.cache import cache

from reports.formatting import format_amount, format_count, format_gap, format_rate
from reports.hwpx_writer import LEVEL_STEP, Cell, HwpxWriter, amount_cell
from workreport.publishing import DRAFT_CACHE_SECONDS, draft_cache_key
from workreport.rendering import PrintStamp, document_context

HWPX_CONTENT_TYPE = "application/hwp+zip"


def build_report_hwpx(edition, unit=None, *, stamp=None) -> bytes:
    """The HWPX of the whole report of an edition, or of one 단위사업's page(s)."""
    context = document_context(edition, unit, stamp=stamp or PrintStamp.draft())
    return write_report(context).to_bytes()


def draft_hwpx(edition, unit=None) -> bytes:
    """The live HWPX of the current data, written again only when the data or the release changed:
    the draft PDF's cache key (workreport.publishing), and python-hwpx's version, which the release
    fingerprint does not cover."""
    key = f"report-draft-hwpx:{metadata.version('python-hwpx')}:{draft_cache_key(edition, unit)}"
    content = cache.get(key)
    if content is None:
        content = build_report_hwpx(edition, unit)
        cache.set(key, content, DRAFT_CACHE_SECONDS)
    return content


def write_report(context) -> HwpxWriter:
    """The document of a report context (rendering.document_context), written in print order."""
    writer = HwpxWriter(title=context["document_title"])
    edition = context["edition"]
    writer.describe(creator=edition.organisation_name, subject=context["document_subject"],
                    keywords=context["document_keywords"], created=edition.issued_on,
                    modified=context["stamp"].made_at)
    if context["unit"] is not None:
        start_part(writer, context, "III. 주요 현안업무")
        for entry in context["programme_pages"]:
            write_programme_page(writer, context, entry, page_break=not writer.is_empty)
        return writer
    writer.part()  # the cover: no running header, no page number
    write_cover(writer, context)
    start_part(writer, context, "목 차")
    write_contents(writer, context)
    write_general(writer, context)
    write_strategy(writer, context)
    write_programmes(writer, context)
    write_detail(writer, context)
    return writer


def start_part(writer, context, part_label):
    """A part on its own pages, under the PDF's running header (the part, the title) and the stamp."""
    writer.part(f"{part_label} {context['edition'].year}년 {context['edition'].title} · {context['stamp'].mark}")


# ---------------------------------------------------------------- cover and contents

def write_cover(writer, context):
    edition, stamp = context["edition"], context["stamp"]
    writer.paragraph(f"{edition.year}년 {edition.title}", size=26, bold=True, align="CENTER", before=9000, after=1200)
    writer.paragraph(f"{edition.issued_on.year}. {edition.issued_on.month:02d}.", size=16, align="CENTER", after=600)
    writer.paragraph(stamp.mark, size=11, bold=stamp.is_draft, color="#9C2A1E" if stamp.is_draft else None,
                     align="CENTER", after=6000)
    writer.paragraph(edition.organisation_name, size=18, bold=True, align="CENTER")


def write_contents(writer, context):
    writer.heading("목 차", 1)
    for entry in context["contents"]:
        writer.paragraph(entry.label, bold=entry.level == 1, left=LEVEL_STEP * (entry.level - 1),
                         before=160 if entry.level == 1 else 0)


def caption(writer, text):
    writer.paragraph(text, size=9, align="RIGHT")


def note(writer, text):
    writer.item("※", text.removeprefix("※").strip(), 1)


# ---------------------------------------------------------------- I. 일반 현황

def write_general(writer, context):
    edition = context["edition"]
    start_part(writer, context, "I. 일반 현황")
    writer.heading("I. 일반 현황", 1)

    writer.heading("□ 설립목적 및 사업", 2)
    writer.heading("○ 설립목적", 3)
    source = f"({edition.purpose_source})" if edition.purpose_source else ""
    writer.paragraph(f"{edition.purpose}{source}", left=LEVEL_STEP)
    writer.heading("○ 목적사업", 3)
    for number, business in enumerate(context["purpose_businesses"], start=1):
        writer.item(f"{number}.", business.text, 2)

    writer.heading(f"□ 조 직 : {context['org_summary']}", 2)
    for chart in context["org_charts"]:
        writer.item("○", chart["head"], 1)
        for unit in chart["staff"]:
            writer.item("-", unit.name, 2)
        for child in chart["line"]:
            writer.item("-", child.name, 2)
            for team in child.children:
                writer.item("·", team.name, 3)
                for sub in team.children:
                    writer.item("·", sub.name, 4)

    write_staffing(writer, context)
    write_duties(writer, context)

    writer.heading(f"□ {edition.year}년도 세입·세출 예산현황", 2, page_break=True)
    labels = context["labels"]
    writer.heading("○ 세입 총괄", 3)
    comparison_table(writer, context, context["revenue_summary"], labels["current"], labels["prior"], "증 감", "증감률")
    writer.heading("○ 세출 총괄", 3)
    comparison_table(writer, context, context["expenditure_summary"], labels["current"], labels["prior"], "증 감", "증감률")

    write_programme_budget(writer, context)


def write_staffing(writer, context):
    rows = context["headcount_rows"]
    writer.heading(f"□ 인 력 : {context['total_staff']}명", 2)
    caption(writer, f"({context['as_of_caption']} 기준, 단위: 명)")
    writer.table([
        [Cell("구 분"), *(Cell(row.grade) for row in rows)],
        [Cell("정 원", align="CENTER", bold=True), *(amount_cell(format_count(r.authorised), r.is_total) for r in rows)],
        [Cell("현 원", align="CENTER", bold=True), *(amount_cell(format_count(r.current), r.is_total) for r in rows)],
        [Cell("과부족", align="CENTER", bold=True), *(amount_cell(format_gap(r.gap), r.is_total) for r in rows)],
    ], widths=[2] + [1] * len(rows))
    note(writer, f"정원 외 인력 : 계약직 {context['contract_staff']}명")


def write_duties(writer, context):
    writer.heading("□ 팀별 주요업무", 2)
    rows = [[Cell("부 서 명"), Cell("업 무 내 용")]]
    for team in context["teams"]:
        lines = []
        for group in team.duty_groups.all():
            if group.heading:
                lines.append(f"[{group.heading}]")
            lines += [f"○ {item.text}" if group.heading else item.text for item in group.items.all()]
        rows.append([Cell(team.name, align="CENTER", bold=True), Cell("\n".join(lines))])
    writer.table(rows, widths=[1, 4])


def comparison_table(writer, context, rows, current_label, prior_label, change_label, rate_label):
    """The one table of every comparison of 예산현액 with 최종예산 (report/_comparison_table.html)."""
    caption(writer, f"({context['as_of_caption']} 기준, 단위 : 천원, %)")
    table = [
        [Cell("구 분", rowspan=2), Cell(current_label, rowspan=2), Cell(prior_label, rowspan=2),
         Cell(change_label, colspan=2)],
        [Cell("증감액"), Cell(rate_label)],
    ]
    for row in rows:
        table.append([
            Cell(row.name, align="CENTER" if row.is_total else "LEFT", bold=row.is_total),
            amount_cell(format_amount(row.current), row.is_total),
            amount_cell(format_amount(row.prior), row.is_total),
            amount_cell(format_amount(row.change), row.is_total),
            amount_cell(format_rate(row.rate), row.is_total),
        ])
    writer.table(table, header_rows=2, widths=[30, 19, 19, 18, 14])


def write_programme_budget(writer, context):
    edition = context["edition"]
    writer.heading(f"□ {edition.year}년 사업 및 예산", 2, page_break=True)
    writer.item("○", context["composition_sentence"], 1)
    caption(writer, f"({context['as_of_caption']} 기준, 단위 : 천원)")
    table = [[Cell("정책사업"), Cell("단위사업"), Cell("세부사업명"), Cell("예산액"), Cell("비 고")]]
    for row in context["programme_rows"]:
        cells = []
        if row["policy_cell"]:
            policy = row["policy_cell"]
            cells.append(Cell(policy["name"], rowspan=policy["rowspan"], colspan=policy["colspan"], align="CENTER",
                              bold=True))
        if row["unit_cell"]:
            cells.append(Cell(row["unit_cell"]["name"], rowspan=row["unit_cell"]["rowspan"]))
        total = row["kind"] != "detail"
        if row["kind"] == "grand-total":
            cells.append(Cell(row["name"], colspan=3, align="CENTER", bold=True))
        else:
            cells.append(Cell(row["name"], align="CENTER" if total else "LEFT", bold=total))
        cells += [amount_cell(format_amount(row["amount"]), total), Cell(row["note"])]
        table.append(cells)
    writer.table(table, widths=[18, 25, 32, 12, 13])


# ---------------------------------------------------------------- II. 정책목표 및 추진전략

def write_strategy(writer, context):
    start_part(writer, context, "II. 정책목표 및 추진전략")
    writer.heading("II. 정책목표 및 추진전략", 1)
    strategy = context["strategy"]
    if strategy:
        def lines(values):
            return "\n".join(values)

        writer.table([
            [Cell("미션", align="CENTER", bold=True), Cell(strategy.mission, align="CENTER")],
            [Cell("비전", align="CENTER", bold=True), Cell(strategy.vision, align="CENTER")],
            [Cell("핵심 가치", align="CENTER", bold=True),
             Cell(lines(value.name for value in strategy.core_values.all()), align="CENTER")],
            [Cell(f"중기 정책목표({strategy.goals_start_year}~{strategy.goals_end_year})", align="CENTER", bold=True),
             Cell(lines(goal.text for goal in strategy.mid_term_goals.all()), align="CENTER")],
        ], header_rows=0, widths=[1, 4])
        goals = list(strategy.strategic_goals.all())
        if goals:
            writer.table([
                [Cell("전략 목표"), *(Cell(goal.name) for goal in goals)],
                [Cell("전략 과제", align="CENTER", bold=True),
                 *(Cell(lines(task.name for task in goal.tasks.all())) for goal in goals)],
            ], widths=[1] + [1] * len(goals))

    writer.heading("□ 주요 현안업무", 2, page_break=True)
    for section in context["programme_sections"]:
        policy = section["policy"]
        writer.paragraph(f"{policy.number} {policy.name}", bold=True, before=160)
        for entry in section["entries"]:
            writer.item("-", f"{entry.number}. {entry.title}", 2)


# ---------------------------------------------------------------- III. 주요 현안업무

def write_programmes(writer, context):
    start_part(writer, context, "III. 주요 현안업무")
    writer.heading("III. 주요 현안업무", 1)
    first = True
    for section in context["programme_sections"]:
        policy = section["policy"]
        writer.heading(f"{policy.number}. {policy.name}", 2, page_break=not first)
        first = False
        for entry in section["entries"]:
            writer.item("", f"{entry.circled} {entry.title}", 2)
        for entry in section["entries"]:
            write_programme_page(writer, context, entry)


def write_programme_page(writer, context, entry, *, page_break=True):
    """One 주요 현안업무 page (report/_programme_page.html): title, contacts, 목표, 사업개요, 추진실적, 향후일정."""
    writer.heading(f"{entry.number}. {entry.title}", 2, page_break=page_break)
    contacts = "  ".join(f"{c.title}:{c.names}" + (f" ☎{c.phone}" if c.phone else "") for c in entry.contacts)
    writer.paragraph(contacts, size=10, align="RIGHT")
    writer.table([[Cell(entry.page.goal, align="CENTER", bold=True)]], header_rows=0)

    writer.heading("□ 사업개요", 3)
    writer.item("○", f"(추진배경) {entry.page.background}", 1)
    writer.item("○", f"(사업내용) {entry.page.content}", 1)
    for item in entry.overview_items:
        writer.item(item.mark, item.text, max(item.level, 1) + 1)
    budget = f"총 {format_amount(entry.total)}천원 ※ {entry.budget_note}" if entry.budget_note \
        else f"{format_amount(entry.total)}천원"
    writer.item("○", f"(사업예산) {budget}", 1)

    writer.heading("□ 추진실적", 3)
    for item in entry.achievements:
        if item.rows:
            rows = [[Cell(item.header.label), Cell(item.header.content)]] if item.header else []
            rows += [[Cell(row.label, align="CENTER", bold=True), Cell(row.content)] for row in item.rows]
            writer.table(rows, header_rows=1 if item.header else 0, widths=[1, 3], level=max(item.level, 1) + 1)
        else:
            writer.item(item.mark, item.text, max(item.level, 1))

    writer.heading("□ 향후일정", 3)
    for item in entry.schedule:
        writer.item(item.mark, f"{item.text} : {item.period}" if item.period else item.text, max(item.level, 1))


# ---------------------------------------------------------------- IV. 세입·세출예산 세부현황

def write_detail(writer, context):
    edition, labels = context["edition"], context["labels"]
    start_part(writer, context, f"IV. {edition.year} 세입·세출예산 세부현황")
    writer.heading(f"IV. {edition.year} 세입 · 세출예산 세부현황", 1)
    writer.heading("□ 세입예산", 2)
    comparison_table(writer, context, context["revenue_detail"], labels["current_short"], labels["prior_short"],
                     labels["versus_prior"], "증감률")

    writer.heading("□ 세출예산 집행현황", 2, page_break=True)
    caption(writer, f"({context['as_of_caption']} 기준, 단위 : 천원, %)")
    table = [
        [Cell("구 분", rowspan=2), Cell("예산현액", rowspan=2), Cell("집행액", colspan=2), Cell("집행률", colspan=2)],
        [Cell("원인행위액"), Cell("지출액"), Cell("원인행위"), Cell("지출")],
    ]
    for row in context["execution_rows"]:
        total = row.level == 0
        table.append([
            Cell(row.name, align="CENTER" if total else "LEFT", bold=row.level < 2, indent=1 if row.level == 2 else 0),
            *(amount_cell(format_amount(value), row.level < 2) for value in (row.budget, row.committed, row.spent)),
            *(amount_cell(format_rate(value), row.level < 2) for value in (row.committed_rate, row.spent_rate)),
        ])
    writer.table(table, header_rows=2, widths=[38, 13, 13, 12, 12, 12])
    note(writer, "집행률 기준: 원인행위 집행률 = 원인행위액 ÷ 예산현액, 지출 집행률 = 지출액 ÷ 예산현액")
    note(writer, f"원인행위액·지출액은 {context['as_of_caption']} 기준 누계")
