"""The site's URLs: the composition root names every app, by string only."""
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from sdf_intranet.health import HealthView
from sdf_intranet.views import favicon

urlpatterns = [
    path("health/", login_not_required(HealthView.as_view()), name="health"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("staffing/", include("staffing.urls")),
    path("budget/", include("budget.urls")),
    path("", include("accounts.urls")),
    path("", include("workreport.urls")),
]
