"""Shared helpers of the goal-tree tests: a small causal complex (step 5) and target images
(step 8), written through the earlier tools' models, as their merged team work would be."""

import datetime
from types import SimpleNamespace

from processteps.causes.models import (
    AnalysisKind,
    CausalAnalysis,
    CausalFactor,
    CausalLink,
    Confidence,
    FactorKind,
    Polarity,
)
from processteps.meetings.models import TargetImage, TargetImageStatus


def causal_complex(project) -> SimpleNamespace:
    """A team analysis with one symptom, two causes and two root causes:

    - "Trage bouwprocedures" (root) → "Te weinig betaalbare woningen" (cause)
      → "Lange wachtlijsten voor een woning" (symptom);
    - "Weinig vertrouwen tussen buurt en nieuwkomers" (root), linked to nothing;
    - "Weinig aanbod van taallessen" (cause) *weakens* the symptom (not a reason to remove it).
    """
    analysis = CausalAnalysis.objects.create(project=project, kind=AnalysisKind.TEAM)

    def factor(statement, kind, position):
        return CausalFactor.objects.create(
            analysis=analysis, statement=statement, kind=kind, position=position
        )

    symptom = factor("Lange wachtlijsten voor een woning", FactorKind.SYMPTOM, 1)
    cause = factor("Te weinig betaalbare woningen", FactorKind.CAUSE, 2)
    language = factor("Weinig aanbod van taallessen", FactorKind.CAUSE, 3)
    root = factor("Trage bouwprocedures", FactorKind.ROOT_CAUSE, 4)
    trust = factor("Weinig vertrouwen tussen buurt en nieuwkomers", FactorKind.ROOT_CAUSE, 5)
    CausalLink.objects.create(analysis=analysis, source=cause, target=symptom)
    CausalLink.objects.create(
        analysis=analysis, source=root, target=cause, confidence=Confidence.HIGH
    )
    CausalLink.objects.create(
        analysis=analysis, source=language, target=symptom, polarity=Polarity.WEAKENS
    )
    return SimpleNamespace(
        analysis=analysis, symptom=symptom, cause=cause, language=language, root=root,
        trust=trust,
    )  # fmt: skip


def target_image(project, title="Iedereen woont passend", *, domain="wonen", horizon="long",
                 status=TargetImageStatus.ADOPTED) -> TargetImage:  # fmt: skip
    return TargetImage.objects.create(
        project=project, domain=domain, horizon=horizon, title=title, status=status
    )


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
