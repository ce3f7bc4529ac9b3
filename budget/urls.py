from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("programmes/", views.programmes, name="programmes"),
    path("execution/", views.execution, name="execution"),
    path("templates/<slug:kind>.xlsx", views.import_template, name="import_template"),
]
