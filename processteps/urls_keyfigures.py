"""URLs of the consultation round: keyfigures (included by processteps.urls)."""

urlpatterns: list = []
