"""URLs of the consultation round: interviews (included by processteps.urls)."""

urlpatterns: list = []
