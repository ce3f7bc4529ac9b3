from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User

from accounts.models import StaffProfile
from accounts.staff_access import grant_admin_access


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    raw_id_fields = ["person"]
    verbose_name_plural = "직원 연결 (팀 범위 권한의 기준)"


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
