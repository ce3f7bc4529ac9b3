"""The site's URLs: the composition root names every app, by string only."""
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staffing/", include("staffing.urls")),
    path("budget/", include("budget.urls")),
    path("", include("accounts.urls")),
    path("", include("workreport.urls")),
]
