"""주요 현안업무 pages (one per 단위사업) and the strategy of section II."""
import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from simple_history.models import HistoricalRecords

from budget.models import UnitProgram
from projects.periods import Period, format_period
from reports.models import ReportEdition
from staffing.models import Post


class ProgramPage(models.Model):
    """The page of one 단위사업 in section III: goal, 사업개요, 추진실적, 향후일정."""

    unit = models.OneToOneField(UnitProgram, on_delete=models.PROTECT, related_name="page", verbose_name="단위사업")
    goal = models.TextField("목표", help_text="한 문장으로 된 사업 목표(상자 안에 인쇄)")
    background = models.TextField("추진배경")
    content = models.TextField("사업내용")
    updated_at = models.DateTimeField("최종 수정", auto_now=True)
    version = models.PositiveIntegerField("판", default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "주요 현안업무"
        verbose_name_plural = "주요 현안업무"
        ordering = ["unit__policy__order", "unit__order"]

    def __str__(self):
        return str(self.unit)


class ProgramContact(models.Model):
    class Role(models.TextChoices):
        DIRECTOR = "director", "실·본부장"
        TEAM_LEAD = "team_lead", "팀장"
        OFFICER = "officer", "담당"

    page = models.ForeignKey(ProgramPage, on_delete=models.CASCADE, related_name="contacts", verbose_name="주요 현안업무")
    role = models.CharField("역할", max_length=20, choices=Role.choices)
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="contacts", verbose_name="보직")
    order = models.PositiveSmallIntegerField("순서", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "연락처"
        verbose_name_plural = "연락처"
        ordering = ["page", "order"]

    def __str__(self):
        return f"{self.get_role_display()} {self.post}"


class Marker(models.TextChoices):
    BULLET = "bullet", "- 항목"
    NOTE = "note", "※ 참고"
    ARROW = "arrow", "▶ 흐름"
    FOOTNOTE = "footnote", "* 각주"
    TABLE = "table", "표(두 칸)"


# The mark the report prints before a line of each kind; a bullet's mark depends on its level
# (projects.pages.item_mark). Typed again at the start of the text, it is not printed twice.
KIND_MARKS = {Marker.NOTE: "※", Marker.ARROW: "▶", Marker.FOOTNOTE: "*"}
# A level's mark (○ - ·) and a space at the start of a line's text: the mark typed into the text.
LEADING_LEVEL_MARK = re.compile(r"(?:[○◦●ㅇ]|[-–−]|[·ㆍ•∙])\s")


def clean_line_text(line, kinds=KIND_MARKS):
    """One line is one line of the report: no line break or tab inside (the report would run the
    two together; a tab is a table's cell), the line's own mark typed at its start ("※ 서울시 …" on
    a ※ line) is dropped, and a - line does not start with another kind's mark (it would print
    "- ※ …": choose the ※ kind instead). A line outside the levels (0) is a note, ▶ or * line."""
    text = line.text.strip()
    if "\n" in text or "\r" in text or "\t" in text:
        raise ValidationError({"text": "한 줄에 한 항목만 적습니다. 줄바꿈이나 Tab 대신 줄을 하나 더 추가하세요."})
    mark = kinds.get(line.marker)
    while mark and text.startswith(mark):
        text = text[len(mark):].lstrip()
    if line.marker == Marker.BULLET and (text.startswith(tuple(KIND_MARKS.values()) + ("►", "▷"))
                                         or LEADING_LEVEL_MARK.match(text)):
        raise ValidationError({"text": f"내용이 '{text[0]}'(으)로 시작합니다. 기호는 단계와 종류로 고르고 내용에서는 빼세요."})
    if getattr(line, "level", None) == 0 and line.marker in (Marker.BULLET, Marker.TABLE):
        raise ValidationError({"level": "단계 0(본문 밖)은 ※ ▶ * 줄만 씁니다. - 항목과 표는 1단계 이상입니다."})
    line.text = text


class OverviewSubItem(models.Model):
    """A line under (사업내용) of 사업개요, e.g. (메타버스) …, or a ※ note."""

    page = models.ForeignKey(ProgramPage, on_delete=models.CASCADE, related_name="overview_items", verbose_name="주요 현안업무")
    order = models.PositiveSmallIntegerField("순서", default=0)
    marker = models.CharField("기호", max_length=10, choices=[(Marker.BULLET, "- 항목"), (Marker.NOTE, "※ 참고")], default=Marker.BULLET)
    text = models.TextField("내용")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "사업내용 세부 항목"
        verbose_name_plural = "사업내용 세부 항목"
        ordering = ["page", "order"]

    def __str__(self):
        return self.text[:40]

    def clean(self):
        clean_line_text(self)


class AchievementItem(models.Model):
    """One line of 추진실적: a bullet at level 1–3, a ※ note, a ▶ line, a * footnote, or a small table."""

    page = models.ForeignKey(ProgramPage, on_delete=models.CASCADE, related_name="achievements", verbose_name="주요 현안업무")
    order = models.PositiveSmallIntegerField("순서", default=0)
    level = models.PositiveSmallIntegerField("단계", default=1, choices=[(0, "0(본문 밖)"), (1, "1"), (2, "2"), (3, "3")])
    marker = models.CharField("기호", max_length=10, choices=Marker.choices, default=Marker.BULLET)
    text = models.TextField("내용", blank=True, help_text="표일 때는 비워 둡니다(표 행은 아래에).")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "추진실적"
        verbose_name_plural = "추진실적"
        ordering = ["page", "order"]

    def __str__(self):
        return self.text[:40] or "(표)"

    def clean(self):
        clean_line_text(self)
        if self.marker != Marker.TABLE and not self.text:
            raise ValidationError({"text": "내용을 입력하세요."})
        if self.marker == Marker.TABLE and self.text:
            raise ValidationError({"text": "표 줄의 내용은 비워 둡니다. 표의 칸은 표 행에 적습니다."})


class AchievementTableRow(models.Model):
    """A row of a small two-column table in 추진실적 (구분 | 내용)."""

    item = models.ForeignKey(AchievementItem, on_delete=models.CASCADE, related_name="rows", verbose_name="추진실적 표")
    order = models.PositiveSmallIntegerField("순서", default=0)
    label = models.CharField("구분", max_length=100)
    content = models.TextField("내용", help_text="여러 줄은 줄바꿈으로 나눕니다.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "추진실적 표 행"
        verbose_name_plural = "추진실적 표 행"
        ordering = ["item", "order"]

    def __str__(self):
        return self.label


class ScheduleItem(models.Model):
    """One line of 향후일정 with its period, or a ※ note under it (no period).

    A period is stored as dates; precision says whether to print months (10~12월)
    or days (11.5~11.7). An open start prints as ~11월. A period written in words
    ("연중", "11월 중") keeps its words, printed as written (projects.periods).
    """

    class Precision(models.TextChoices):
        MONTH = "month", "월"
        DAY = "day", "일"

    page = models.ForeignKey(ProgramPage, on_delete=models.CASCADE, related_name="schedule", verbose_name="주요 현안업무")
    order = models.PositiveSmallIntegerField("순서", default=0)
    level = models.PositiveSmallIntegerField("단계", default=1, choices=[(0, "0(본문 밖)"), (1, "1"), (2, "2")])
    marker = models.CharField("기호", max_length=10, choices=[(Marker.BULLET, "- 항목"), (Marker.NOTE, "※ 참고")], default=Marker.BULLET)
    text = models.TextField("내용")
    starts_on = models.DateField("시작", null=True, blank=True, help_text="비우면 '~11월'처럼 끝만 인쇄")
    ends_on = models.DateField("종료", null=True, blank=True)
    precision = models.CharField("표기 단위", max_length=5, choices=Precision.choices, default=Precision.MONTH)
    written_period = models.CharField(
        "낱말 기간", max_length=20, blank=True, help_text="'연중', '상시', '11월 중'처럼 낱말로 적은 기간(적은 그대로 인쇄)"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "향후일정"
        verbose_name_plural = "향후일정"
        ordering = ["page", "order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True) | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="schedule_period_ordered",
                violation_error_message="종료일이 시작일보다 앞설 수 없습니다.",
            )
        ]

    def __str__(self):
        return self.text[:40]

    def clean(self):
        clean_line_text(self)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "종료일이 시작일보다 앞설 수 없습니다."})
        if self.starts_on and not self.ends_on:
            raise ValidationError({"ends_on": "시작이 있으면 종료도 입력하세요. 한 달이면 같은 달을 적습니다."})
        if self.marker != Marker.NOTE and self.ends_on is None and not self.written_period:
            raise ValidationError({"text": "향후일정 줄에는 기간이 있어야 합니다(※ 참고 줄만 기간 없이 적습니다)."})
        if self.marker == Marker.NOTE and (self.ends_on is not None or self.written_period):
            raise ValidationError({"text": "※ 참고 줄에는 기간을 적지 않습니다. 기간이 있으면 - 항목으로 고르세요."})

    @property
    def period(self) -> Period | None:
        """The stored period, or None for a line without one (a ※ note)."""
        if self.ends_on is None and not self.written_period:
            return None
        return Period(self.starts_on, self.ends_on, self.precision, self.written_period)

    @period.setter
    def period(self, period: Period | None):
        period = period or Period(None, None)
        self.starts_on, self.ends_on = period.starts_on, period.ends_on
        self.precision, self.written_period = period.precision, period.written

    @property
    def period_label(self) -> str:
        """The period as printed: "10~12월", "~11월", "12월~’25.2월", "11.5~11.7", "연중"; "" for a ※ note."""
        return format_period(self.period, self.page.unit.policy.edition.year)

    def is_due_between(self, first: datetime.date, last: datetime.date, open_from: datetime.date) -> bool:
        """Whether the period overlaps first…last. An open start ("~12월") runs from `open_from`,
        the report's 기준일: the work is under way from then until its end."""
        if not self.ends_on:
            return False
        start = self.starts_on or min(open_from, self.ends_on)
        return start <= last and self.ends_on >= first


class Strategy(models.Model):
    """Section II: 미션, 비전 and the period of the 중기 정책목표."""

    edition = models.OneToOneField(ReportEdition, on_delete=models.PROTECT, related_name="strategy", verbose_name="연도판")
    mission = models.CharField("미션", max_length=200)
    vision = models.CharField("비전", max_length=200)
    goals_start_year = models.PositiveSmallIntegerField("중기 정책목표 시작 연도")
    goals_end_year = models.PositiveSmallIntegerField("중기 정책목표 끝 연도")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "정책목표 및 추진전략"
        verbose_name_plural = "정책목표 및 추진전략"

    def __str__(self):
        return f"{self.edition.year} 추진전략"

    def clean(self):
        if self.goals_start_year and self.goals_end_year and self.goals_end_year < self.goals_start_year:
            raise ValidationError({"goals_end_year": "끝 연도가 시작 연도보다 앞설 수 없습니다."})


class CoreValue(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="core_values", verbose_name="추진전략")
    order = models.PositiveSmallIntegerField("순서", default=0)
    name = models.CharField("핵심가치", max_length=50)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "핵심가치"
        verbose_name_plural = "핵심가치"
        ordering = ["strategy", "order"]

    def __str__(self):
        return self.name


class MidTermGoal(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="mid_term_goals", verbose_name="추진전략")
    order = models.PositiveSmallIntegerField("순서", default=0)
    text = models.CharField("중기 정책목표", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "중기 정책목표"
        verbose_name_plural = "중기 정책목표"
        ordering = ["strategy", "order"]

    def __str__(self):
        return self.text


class StrategicGoal(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="strategic_goals", verbose_name="추진전략")
    order = models.PositiveSmallIntegerField("순서", default=0)
    name = models.CharField("전략목표", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "전략목표"
        verbose_name_plural = "전략목표"
        ordering = ["strategy", "order"]

    def __str__(self):
        return self.name


class StrategicTask(models.Model):
    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="tasks", verbose_name="전략목표")
    order = models.PositiveSmallIntegerField("순서", default=0)
    name = models.CharField("전략과제", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "전략과제"
        verbose_name_plural = "전략과제"
        ordering = ["goal", "order"]

    def __str__(self):
        return self.name


PAGE_LINES = (OverviewSubItem, AchievementItem, AchievementTableRow, ScheduleItem, ProgramContact)


def line_changed(sender, instance, raw=False, **kwargs):
    """A line, table row or contact saved or deleted anywhere (its own admin page, an import, a
    script): its page is at a new version, so a page form opened before is refused rather than
    writing the old line back (projects.concurrency)."""
    if raw:
        return
    if sender is AchievementTableRow:
        pages = AchievementItem.objects.filter(pk=instance.item_id).values("page_id")
    else:
        pages = [instance.page_id]
    ProgramPage.objects.filter(pk__in=pages).update(version=F("version") + 1)


for line_model in PAGE_LINES:
    post_save.connect(line_changed, sender=line_model, dispatch_uid=f"projects.line_saved.{line_model.__name__}")
    post_delete.connect(line_changed, sender=line_model, dispatch_uid=f"projects.line_deleted.{line_model.__name__}")
