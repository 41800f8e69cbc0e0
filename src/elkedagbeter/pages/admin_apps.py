from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The Django admin, with our role-based site instead of the default one."""

    default_site = "elkedagbeter.pages.admin_site.AdminSite"
