from django.contrib.admin.apps import AdminConfig


class CasebookAdminConfig(AdminConfig):
    default_site = "config.admin_site.CasebookAdminSite"
