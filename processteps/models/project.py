"""Projects, their members and roles, and the team's agreements."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEADER = "leader", _("Projectleider")
    MEMBER = "member", _("Teamlid")
    CLIENT = "client", _("Opdrachtgever")


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        """Projects the user may see: every project for a site admin, else their memberships."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user).distinct()


class Project(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam (URL)"), max_length=80, unique=True)
    issue = models.TextField(
        _("vraagstuk"), help_text=_("Het maatschappelijk vraagstuk waar het project over gaat.")
    )
    client_organisation = models.CharField(_("opdrachtgever (organisatie)"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    start_date = models.DateField(_("startdatum"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Goes up after every change to the project (processteps/pagecache.py): the key of its
    # cached pages.
    revision = models.PositiveBigIntegerField(_("revisie"), default=0, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projecten")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("processteps:dashboard", kwargs={"project": self.pk})

    @property
    def language(self) -> str:
        """The language the project's own texts are stored in (its copy of the catalogue, the
        titles of its documents' sections): the site's language, whoever is reading."""
        return settings.LANGUAGE_CODE

    def role_of(self, user) -> str | None:
        """The user's role in this project (memberships are prefetched where it matters)."""
        if not user.is_authenticated:
            return None
        for membership in self.memberships.all():
            if membership.user_id == user.pk:
                return membership.role
        return None


class Membership(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    commitment = models.CharField(
        _("eigen inzet"),
        max_length=300,
        blank=True,
        help_text=_("Iedereen bepaalt zelf zijn eigen inzet, bijvoorbeeld '4 uur per week'."),
    )
    joined_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)
    invitation_sent_at = models.DateTimeField(
        _("uitnodiging verstuurd"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["project", "role", "user__first_name", "user__username"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="membership_valid_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.project})"


class TeamAgreement(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("project")
    )
    text = models.CharField(_("afspraak"), max_length=300)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["project", "position", "id"]
        verbose_name = _("teamafspraak")
        verbose_name_plural = _("teamafspraken")

    def __str__(self):
        return self.text
