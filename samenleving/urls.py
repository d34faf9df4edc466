from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from processteps.registry import tools
from processteps.views.projects import home

admin.site.site_header = _("Samenleving – beheer")
admin.site.site_title = _("Samenleving")

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("processteps.urls")),
    # The documents app and every step tool bring their own URLs (see processteps.registry).
    *(path("", include(tool.urls)) for tool in tools() if tool.urls),
]
