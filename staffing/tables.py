"""Tables of the HR desk: the 인력 table by grade, people by unit, and 팀별 주요업무."""
import django_tables2 as tables
from django.utils.html import format_html_join

from reports.desk import CountColumn, DeskTable, GapColumn
from staffing.models import Person, Post


class HeadcountTable(DeskTable):
    """정원 / 현원 / 과부족 per grade (staffing.figures.headcount_table); the 계 row is the footer."""

    grade = tables.Column("직급", orderable=False)
    authorised = CountColumn("정원")
    current = CountColumn("현원")
    gap = GapColumn("과부족")

    class Meta(DeskTable.Meta):
        pass


class QuarterHistoryTable(DeskTable):
    """The data under the history chart: 정원, 현원 and 과부족 at each quarter end."""

    label = tables.Column("분기")
    quarter_end = tables.DateColumn(format="Y-m-d", verbose_name="기준일")
    authorised = CountColumn("정원")
    current = CountColumn("현원")
    gap = GapColumn("과부족")

    class Meta(DeskTable.Meta):
        pass


class PostTable(DeskTable):
    """Regular staff by unit: one line per post (a person holding two posts appears twice)."""

    unit = tables.Column("조직", accessor="unit__name", order_by=("unit__order", "unit__name", "order"))
    title = tables.Column("직위")
    name = tables.Column("성명", accessor="person__name")
    phone = tables.Column("전화", accessor="person__phone", orderable=False)
    grade = tables.Column("직급", accessor="person__grade__name", order_by=("person__grade__order",), default="-")

    class Meta(DeskTable.Meta):
        model = Post
        fields = ()
        sequence = ("unit", "title", "name", "phone", "grade")


class ContractStaffTable(DeskTable):
    """계약직 (정원 외 인력) listed by name, apart from the regular staff."""

    name = tables.Column("성명")
    phone = tables.Column("전화", orderable=False)
    posts = tables.Column("소속·직위", empty_values=(), orderable=False)

    class Meta(DeskTable.Meta):
        model = Person
        fields = ()
        sequence = ("name", "phone", "posts")

    def render_posts(self, record):
        return ", ".join(f"{post.unit.name} {post.title}" for post in record.posts.all()) or "-"

    value_posts = render_posts


class DutyTable(DeskTable):
    """팀별 주요업무: one line per duty group ([heading]) with its items (○)."""

    unit = tables.Column("부서명", order_by=("unit_order",))
    heading = tables.Column("업무 구분", default="-")
    items = tables.Column("업무 내용", orderable=False)

    class Meta(DeskTable.Meta):
        pass

    def render_items(self, value):
        return format_html_join("", "<div>○ {}</div>", ((item,) for item in value))

    def value_items(self, value):
        return "\n".join(f"○ {item}" for item in value)
