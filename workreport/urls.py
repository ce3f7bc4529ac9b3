from django.urls import path

from workreport import compare_views, draft_views, hwpx_views, publishing_views, review_views, views

app_name = "workreport"

urlpatterns = [
    path("", views.home, name="home"),
    # The live report (drafts render from current data): preview and PDF downloads.
    path("report/", views.report_latest, name="report_latest"),
    path("report/<int:year>/", views.report_preview, name="report_preview"),
    path("report/<int:year>/pdf/", draft_views.report_pdf, name="report_pdf"),
    path("report/<int:year>/unit/<str:number>/pdf/", draft_views.unit_pdf, name="unit_pdf"),
    # …while the task worker makes a draft PDF that is not cached yet: its status, a retry.
    path("report/<int:year>/pdf/task/<str:task_id>/status/", draft_views.pdf_task_status,
         name="report_pdf_task_status"),
    path("report/<int:year>/pdf/task/<str:task_id>/retry/", draft_views.pdf_task_retry,
         name="report_pdf_task_retry"),
    path("report/<int:year>/unit/<str:number>/pdf/task/<str:task_id>/status/", draft_views.pdf_task_status,
         name="unit_pdf_task_status"),
    path("report/<int:year>/unit/<str:number>/pdf/task/<str:task_id>/retry/", draft_views.pdf_task_retry,
         name="unit_pdf_task_retry"),
    # The same report as an editable 한글 document (HWPX).
    path("report/<int:year>/hwpx/", hwpx_views.report_hwpx, name="report_hwpx"),
    path("report/<int:year>/unit/<str:number>/hwpx/", hwpx_views.unit_hwpx, name="unit_hwpx"),
    # 신구대조표 of a programme page: now against the last published edition and the previous year.
    path("report/<int:year>/compare/<str:number>/", compare_views.compare_page, name="compare_page"),
    path("report/<int:year>/compare/<str:number>/pdf/", compare_views.compare_pdf, name="compare_pdf"),
    # Published editions: frozen files with their SHA-256.
    path("report/published/", publishing_views.published_list, name="published_list"),
    path("report/published/publish/", publishing_views.publish_edition, name="publish_edition"),
    # …a publication in the task worker: its page, its status, a retry.
    path("report/published/task/<str:task_id>/", publishing_views.publish_task, name="publish_task"),
    path("report/published/task/<str:task_id>/status/", publishing_views.publish_task_status,
         name="publish_task_status"),
    path("report/published/task/<str:task_id>/retry/", publishing_views.publish_task_retry,
         name="publish_task_retry"),
    path("report/published/<int:pk>/pdf/", publishing_views.published_download, name="published_download"),
    # The report cycle: a round, each part submitted, sent back or confirmed (workreport.review).
    path("review/", review_views.round_dashboard, name="round_dashboard"),
    path("review/open/", review_views.open_round, name="open_round"),
    path("review/<int:pk>/", review_views.transition, name="review_transition"),
    # The auditors' page: every change since the last published edition.
    path("audit/changes/", views.change_audit_page, name="change_audit"),
]
