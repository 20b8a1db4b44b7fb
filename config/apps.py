from django.contrib.admin.apps import AdminConfig


class CasebookAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.CasebookAdminSite"
