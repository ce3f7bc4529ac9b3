from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.utils import timezone

from accounts.forms import AdminLoginForm
from accounts.models import StaffProfile
from accounts.staff_access import grant_admin_access


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    raw_id_fields = ["person"]
    verbose_name_plural = "직원 연결 (팀 범위 권한의 기준)"


# The admin's login says how many tries are left before the lockout, as the site's does.
admin.site.login_form = AdminLoginForm

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [StaffProfileInline]
    list_display = ["username", "last_name", "first_name", "is_staff", "is_superuser", "role_names"]
    actions = ["allow_admin_access"]

    @admin.display(description="역할")
    def role_names(self, user):
        return ", ".join(group.name for group in user.groups.all())

    @admin.action(description="역할이 있는 사용자에게 관리 화면 접근 허용 (is_staff)", permissions=["change"])
    def allow_admin_access(self, request, queryset):
        changed = grant_admin_access(queryset)
        self.message_user(request, f"{changed}명에게 관리 화면 접근을 허용했습니다. 역할이 없는 사용자는 그대로 둡니다.")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


# django-axes' failed-login records, where a lock is seen and lifted. A record is one account on
# one address (AXES_LOCKOUT_PARAMETERS); deleting it lifts that lock at once.
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    list_display = ["username", "ip_address", "failures_since_start", "status", "locked_until",
                    "attempt_time", "path_info"]
    list_display_links = ["username"]
    actions = ["lift_locks", "cleanup_expired_attempts"]

    @admin.display(description="상태")
    def status(self, attempt):
        left = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        return "잠김" if left <= 0 else f"{left}번 남음"

    @admin.display(description="잠금이 풀리는 시각")
    def locked_until(self, attempt):
        if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT:
            return "-"
        return timezone.localtime(attempt.attempt_time + get_cool_off()).strftime("%Y. %-m. %-d. %H:%M")

    @admin.action(description="선택한 아이디·IP 주소의 잠금 풀기", permissions=["delete"])
    def lift_locks(self, request, queryset):
        pairs = [f"{attempt.username} ({attempt.ip_address})" for attempt in queryset]
        queryset.delete()
        self.message_user(request, f"잠금을 풀었습니다: {', '.join(pairs)}. 이 주소에서 바로 다시 로그인할 수 있습니다.")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # 잠금 풀기 says what deleting a record does
        return actions
