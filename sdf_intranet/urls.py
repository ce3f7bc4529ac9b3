from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sdf_intranet import views

admin.site.site_header = "서울디지털재단 인트라넷"
admin.site.site_title = "서울디지털재단 인트라넷"
admin.site.index_title = "업무보고 데이터 관리"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staffing/", include("staffing.urls")),
    path("budget/", include("budget.urls")),
    path("login/", auth_views.LoginView.as_view(authentication_form=views.LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("", include("reports.urls")),
    path("", include("accounts.urls")),
]
