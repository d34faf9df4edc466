"""Membership: adding people by e-mail, roles, removal, own commitment."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from processteps.models import Membership, Project, Role

from .audit import audit_record


def member_add(*, actor, project: Project, email: str, role: str, name: str = "") -> Membership:
    """Add the person with ``email`` to the project.

    An existing account joins; otherwise an account without a usable password is created and a
    set-your-password e-mail goes out (Django's reset flow) once the transaction commits.
    """
    from processteps.tasks import send_invitation

    email = get_user_model().objects.normalize_email(email.strip()).lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Kies een geldige rol.")})
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).order_by("pk").first()
        created = user is None
        if created:
            first, _sep, last = name.strip().partition(" ")
            user = User(
                username=_free_username(email), email=email, first_name=first, last_name=last
            )
            user.set_unusable_password()
            user.save()
        if project.memberships.filter(user=user).exists():
            raise ValidationError(
                {"email": _("%(email)s is al lid van dit project.") % {"email": email}}
            )
        membership = Membership.objects.create(project=project, user=user, role=role)
        audit_record(
            actor=actor,
            project=project,
            action="member.invited" if created else "member.added",
            target=membership.user,
            data={"role": role},
        )
        if created:
            transaction.on_commit(lambda: send_invitation.delay(membership.pk))
    return membership


def _free_username(email: str) -> str:
    User = get_user_model()
    base = email.split("@", 1)[0][:140] or "gebruiker"
    username, n = base, 2
    while User.objects.filter(username=username).exists():
        username, n = f"{base}{n}", n + 1
    return username


def _ensure_a_leader_remains(membership: Membership, new_role: str | None) -> None:
    if membership.role == Role.LEADER and new_role != Role.LEADER:
        leaders = membership.project.memberships.filter(role=Role.LEADER).count()
        if leaders <= 1:
            raise ValidationError(_("Een project heeft minstens één projectleider nodig."))


def member_set_role(*, actor, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Kies een geldige rol.")})
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        _ensure_a_leader_remains(membership, role)
        membership.role = role
        membership.save(update_fields=["role"])
        if role == Role.CLIENT:
            # A client does no team work: their tasks go back to the team.
            membership.project.tasks.filter(assignee=membership.user).update(assignee=None)
        audit_record(
            actor=actor,
            project=membership.project,
            action="member.role_changed",
            target=membership.user,
            data={"role": role},
        )
    return membership


def member_remove(*, actor, membership: Membership) -> None:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _ensure_a_leader_remains(membership, None)
        audit_record(
            actor=actor, project=membership.project, action="member.removed", target=membership.user
        )
        # Tasks of someone who leaves fall back to the team.
        membership.project.tasks.filter(assignee=membership.user).update(assignee=None)
        membership.delete()


def commitment_set(*, actor, membership: Membership, commitment: str) -> Membership:
    if membership.user_id != actor.pk:
        raise ValidationError(_("Alleen de persoon zelf bepaalt de eigen inzet."))
    with transaction.atomic():
        membership.commitment = commitment.strip()
        membership.full_clean()
        membership.save(update_fields=["commitment"])
        audit_record(
            actor=actor,
            project=membership.project,
            action="member.commitment",
            target=membership.user,
            data={"commitment": membership.commitment or "–"},
        )
    return membership
