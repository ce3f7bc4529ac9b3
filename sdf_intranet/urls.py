"""The site's URLs: the composition root names every app, by string only."""
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from sdf_intranet.health import HealthView
from sdf_intranet.views import favicon

# Every app's admin.py registers its models here, where the admin is served, not at django.setup()
# (sdf_intranet.admin_site.IntranetAdminConfig): commands that never open the admin start without them.
admin.autodiscover()

urlpatterns = [
    path("health/", login_not_required(HealthView.as_view()), name="health"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("staffing/", include("staffing.urls")),
    path("budget/", include("budget.urls")),
    path("", include("accounts.urls")),
    path("", include("workreport.urls")),
]
