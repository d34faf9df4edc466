"""Reads of steps 6-8 that later steps use."""

from .models import ADOPTED_STATES, InterventionPoint, TargetImage


def intervention_points(project):
    return InterventionPoint.objects.filter(project=project).select_related("cause")


def adopted_target_images(project):
    """The target images the political meeting adopted (as they were or changed)."""
    return TargetImage.objects.filter(project=project, status__in=ADOPTED_STATES)
