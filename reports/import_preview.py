"""The import preview in the report's terms (issue 10, part 4).

One column per field; a changed cell shows the stored value beside the file's (8,193,261 → 8,200,000)
as the report prints them (천원 with separators, △ for negatives, dates 2024. 11. 1.); a row's
plausibility warnings stand on that row; a summary counts 새 항목, 바뀜, 그대로 and 경고.
The library's own preview is a character diff of raw values ("2̶400000"), which hides what changes.
"""
import datetime
from dataclasses import dataclass

from import_export import resources

from reports.formatting import EMPTY, format_date
from reports.workbook import NUMERIC_KINDS


@dataclass(frozen=True)
class PreviewCell:
    """One field of one row: `old` is the stored value's text, "" for a new record."""

    old: str
    new: str
    kind: str = "text"  # "number" (right-aligned, as in the report's tables), "date" or "text"

    @property
    def changed(self):
        return bool(self.old) and self.old != self.new


def preview_text(field, value):
    """A value as the report prints it: the field's widget may say how (NumberWidget: 천원 amounts)."""
    if value is None or value == "":
        return EMPTY
    shown = getattr(field.widget, "preview_text", None)
    if shown is not None:
        return shown(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, bool):
        return "예" if value else EMPTY
    return str(value)


def cell_kind(field):
    """How the preview aligns a field: "number" (right, as in the report's tables), "date" or "text"."""
    kind = getattr(field.widget, "kind", "text")
    return "number" if kind in NUMERIC_KINDS else ("date" if kind == "date" else "text")


class DeskDiff(resources.Diff):
    """The old and new values of a row, as PreviewCells in report formatting (not HTML)."""

    def __init__(self, resource, instance, new):
        self.fields = resource.get_import_fields()
        self.left = [] if new else self.values_of(instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        self.right = self.values_of(instance)

    def values_of(self, instance):
        if instance is None:
            return [EMPTY] * len(self.fields)
        return [preview_text(field, field.export(instance)) for field in self.fields]

    def as_html(self):
        # the library stores this as the row's `diff`; the desk's preview template reads the cells
        old = self.left or [""] * len(self.right)
        return [PreviewCell(before, after, cell_kind(field)) for field, before, after in zip(self.fields, old, self.right)]


KIND_LABELS = {"new": "새 항목", "update": "바뀜", "skip": "그대로", "delete": "삭제"}


@dataclass(frozen=True)
class PreviewRow:
    label: str  # the spreadsheet row: "2행" (the header is row 1)
    import_type: str  # "new", "update", "skip"
    cells: list
    warnings: list

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.import_type, self.import_type)


@dataclass(frozen=True)
class ImportPreview:
    headers: list
    rows: list
    counts: dict  # {"새 항목": n, "바뀜": n, "그대로": n, "경고": n}


def import_preview(result):
    """The preview of a dry run with no errors: its rows in the file's order, warnings on their rows."""
    warnings = getattr(result, "warnings_by_row", {})
    rows_above = getattr(result, "rows_above", 1)  # the header, and a title or example row
    rows = []
    for index, row in enumerate(result.rows):
        if row.import_type not in KIND_LABELS:
            continue
        number = index + 1
        # an unchanged row shows its values once, not as "x → x"
        cells = row.diff or []
        if row.import_type != "update":
            cells = [PreviewCell("", cell.new, cell.kind) for cell in cells]
        rows.append(PreviewRow(f"{number + rows_above}행", row.import_type, cells, warnings.get(number, [])))
    counts = {label: sum(1 for row in rows if row.import_type == kind) for kind, label in KIND_LABELS.items()
              if kind != "delete"}
    counts["경고"] = sum(len(row.warnings) for row in rows)
    return ImportPreview(list(result.diff_headers), rows, counts)
