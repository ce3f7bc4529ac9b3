"""django-tasks-db's app under a Korean name in the admin (superusers only: no role has its
permissions). Its label, tables and migrations stay the package's own."""
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    verbose_name = "배경 작업"
