"""The process documents of steps 6-8, compiled from the meetings' data.

- *Politiek-bestuurlijke interventiepunten* (step 6, ``interventiepunten``): the expert
  meetings held (participants counted, never named with contact data or interests), the
  fundamental questions with the answers of approved minutes, and the intervention points
  with their causes, who can act, the argument and the meetings that support them.
- *Concept-visie* (step 7, ``concept_visie``): the citizen dialogues with their participation
  (per group, walk-ins, the host's "in alle vrijheid" judgement), World Café rounds and tables,
  harvest statistics, the vision of the Algemene Wil and the target images per domain and
  horizon as the dialogues gave them (the concept state), each with the harvest it cites.
- *Visienota* (step 8, ``visienota``): the political meeting, the adopted vision, the target
  images as decided (adopted, changed, rejected; argument and review date), the justice test of
  every adopted one, and the reasoned response to every harvest item.

Each document loads its data with a fixed number of queries (:class:`MeetingsData`), however
many meetings, participants and harvest items there are.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.builders.base import Builder, SectionSpec
from documents.builders.types import ACCOUNT
from documents.charts import bar_chart
from documents.sanitize import clean_html
from processteps.models import Domain, Horizon, PartyKind

from .models import (
    ACTIVE_ATTENDANCE,
    Attendance,
    AttendanceStatus,
    FundamentalQuestion,
    HarvestDomain,
    HarvestItem,
    InterventionPoint,
    JusticeTest,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
    QuestionAnswer,
    TargetImage,
    TargetImageCitation,
    TargetImageDecision,
    TargetImageStatus,
    Vision,
)
from .selectors import citizen_target

S = SectionSpec


class MeetingsData:
    """The meetings of one kind with their participation: one query for the meetings with
    their counts, one for the present participants per group."""

    def __init__(self, project, kind: str):
        self.meetings = list(
            Meeting.objects.filter(project=project, kind=kind)
            .exclude(status=MeetingStatus.CANCELLED)
            .select_related("theme", "split_from")
            .annotate(
                invited=Count("attendances", filter=Q(attendances__status__in=ACTIVE_ATTENDANCE)),
                present=Count(
                    "attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)
                ),
            )
            .order_by("starts_at", "id")
        )
        groups = defaultdict(Counter)
        for row in (
            Attendance.objects.filter(
                meeting__in=[m.pk for m in self.meetings], status=AttendanceStatus.PRESENT
            )
            .values("meeting_id", "participant__group")
            .annotate(n=Count("id"))
        ):
            groups[row["meeting_id"]][row["participant__group"]] += row["n"]
        for meeting in self.meetings:
            counts = groups[meeting.pk]
            meeting.group_rows = [
                (kind.label, counts[kind.value]) for kind in PartyKind if counts[kind.value]
            ]
            if counts[""]:
                meeting.group_rows.append((_("Geen groep opgegeven"), counts[""]))
            meeting.total = meeting.present + meeting.walk_ins

    @property
    def held(self):
        return [m for m in self.meetings if m.status == MeetingStatus.HELD]

    def totals(self) -> dict:
        by_group = Counter()
        for meeting in self.held:
            for label, count in meeting.group_rows:
                by_group[str(label)] += count
        walk_ins = sum(m.walk_ins for m in self.held)
        present = sum(m.present for m in self.held)
        return {
            "held": len(self.held),
            "planned": len(self.meetings) - len(self.held),
            "present": present,
            "walk_ins": walk_ins,
            "total": present + walk_ins,
            "groups": sorted(by_group.items(), key=lambda item: -item[1]),
        }


class MeetingsBuilder(Builder):
    """Shared by the three documents: their templates and the data they load once."""

    def _render(self, name: str, **context) -> str:
        return render_to_string(
            f"meetings/documents/{name}.html",
            {"project": self.project, "step": self.step, **context},
        )

    def meetings_data(self, kind) -> MeetingsData:
        cache = self.__dict__.setdefault("_meetings_data", {})
        if kind not in cache:
            cache[kind] = MeetingsData(self.project, kind)
        return cache[kind]

    @cached_property
    def images(self) -> list[TargetImage]:
        """The project's target images with citations (item texts), decisions and justice
        tests (five queries)."""
        images = list(
            TargetImage.objects.filter(project=self.project).order_by(
                "domain", "horizon", "position", "id"
            )
        )
        by_pk = {image.pk: image for image in images}
        for image in images:
            image.cited = []
            image.decision_list = []
            image.test = None
            image.test_rows = []
        citations = (
            TargetImageCitation.objects.filter(target_image__project=self.project)
            .select_related("item__meeting")
            .order_by("item__meeting__starts_at", "item_id")
        )
        for citation in citations:
            by_pk[citation.target_image_id].cited.append(citation.item)
        decisions = TargetImageDecision.objects.filter(
            target_image__project=self.project
        ).select_related("meeting")
        for decision in decisions.order_by("decided_at", "id"):
            by_pk[decision.target_image_id].decision_list.append(decision)
        tests = JusticeTest.objects.filter(target_image__project=self.project).prefetch_related(
            "rows"
        )
        for test in tests:
            image = by_pk[test.target_image_id]
            image.test = test
            image.test_rows = list(test.rows.all())
            image.test_complete = test.is_complete(image.test_rows)
        for image in images:
            first = image.decision_list[0] if image.decision_list else None
            # The concept state: as the image was before the political meeting decided.
            image.concept_title = first.title_before if first else image.title
            image.concept_text = first.text_before if first else image.text
            image.latest = image.decision_list[-1] if image.decision_list else None
        return images

    def by_domain(self, images) -> list[dict]:
        grouped = defaultdict(lambda: defaultdict(list))
        for image in images:
            grouped[image.domain][image.horizon].append(image)
        return [
            {
                "domain": domain.label,
                "anchor": f"domein-{domain.value}",
                "horizons": [
                    {"label": horizon.label, "images": grouped[domain.value][horizon.value]}
                    for horizon in Horizon
                    if grouped[domain.value][horizon.value]
                ],
            }
            for domain in Domain
            if domain.value in grouped
        ]

    @cached_property
    def vision(self):
        return (
            Vision.objects.filter(project=self.project).select_related("adopted_at_meeting").first()
        )


# -- step 6 -------------------------------------------------------------------------------------


class Interventiepunten(MeetingsBuilder):
    document_type = "interventiepunten"
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S("expertmeetings", gettext_lazy("Expertmeetings"), "expert_meetings_compiled"),
        S("vragen", gettext_lazy("Fundamentele vragen en antwoorden"), "questions_compiled"),
        S(
            "interventiepunten",
            gettext_lazy("Politiek-bestuurlijke interventiepunten"),
            "points_compiled",
        ),
        S("vooruitblik", gettext_lazy("Vooruitblik")),
        S("bronnen", gettext_lazy("Door experts aangedragen documenten"), "step_sources"),
        ACCOUNT,
    )

    def expert_meetings_compiled(self) -> str:
        data = self.meetings_data(MeetingKind.EXPERT)
        return self._render("expert_meetings", meetings=data.meetings, totals=data.totals())

    def questions_compiled(self) -> str:
        questions = list(FundamentalQuestion.objects.filter(project=self.project))
        answers = defaultdict(list)
        for answer in (
            QuestionAnswer.objects.filter(
                meeting__project=self.project, meeting__minutes__status=MinutesStatus.APPROVED
            )
            .exclude(meeting__status=MeetingStatus.CANCELLED)
            .select_related("meeting")
            .order_by("meeting__starts_at", "id")
        ):
            answers[answer.question_id].append(answer)
        for question in questions:
            question.approved_answers = answers[question.pk]
        return self._render(
            "questions",
            questions=questions,
            open_count=sum(1 for q in questions if not q.approved_answers),
        )

    def points_compiled(self) -> str:
        points = list(
            InterventionPoint.objects.filter(project=self.project)
            .select_related("cause__complex")
            .prefetch_related("supporting_meetings")
        )
        return self._render("points", points=points)


# -- step 7 -------------------------------------------------------------------------------------


class ConceptVisie(MeetingsBuilder):
    document_type = "concept_visie"
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S("burgerdialogen", gettext_lazy("Burgerdialogen"), "dialogues_compiled"),
        S("oogst", gettext_lazy("De oogst van de dialogen"), "harvest_compiled"),
        S("visie", gettext_lazy("Visie op basis van de Algemene Wil"), "concept_vision_compiled"),
        S("streefbeelden", gettext_lazy("Streefbeelden"), "concept_images_compiled"),
        S("bronnen", gettext_lazy("Aanvullende wetenschappelijke studies"), "step_sources"),
        ACCOUNT,
    )

    def dialogues_compiled(self) -> str:
        data = self.meetings_data(MeetingKind.DIALOGUE)
        meetings = data.meetings
        rounds = defaultdict(list)
        tables = defaultdict(list)
        from .models import CafeRound, CafeTable

        for cafe_round in CafeRound.objects.filter(meeting__in=[m.pk for m in meetings]):
            rounds[cafe_round.meeting_id].append(cafe_round)
        for table in CafeTable.objects.filter(meeting__in=[m.pk for m in meetings]):
            tables[table.meeting_id].append(table)
        for meeting in meetings:
            meeting.round_list = rounds[meeting.pk]
            meeting.table_list = tables[meeting.pk]
        return self._render(
            "dialogues",
            meetings=meetings,
            totals=data.totals(),
            target=citizen_target(self.project),
        )

    def harvest_compiled(self) -> str:
        items = HarvestItem.objects.filter(project=self.project)
        total = items.count()
        per_meeting = list(
            items.values("meeting__title", "meeting__starts_at")
            .annotate(n=Count("id"))
            .order_by("meeting__starts_at", "meeting__title")
        )
        per_domain = Counter(
            dict(
                HarvestDomain.objects.filter(item__project=self.project)
                .values_list("domain")
                .annotate(n=Count("id"))
            )
        )
        domain_rows = [(d.label, per_domain[d.value]) for d in Domain]
        per_round = list(
            items.filter(round__isnull=False)
            .values("meeting__title", "round__number", "round__question")
            .annotate(n=Count("id"))
            .order_by("meeting__title", "round__number")
        )
        per_cause = list(
            items.filter(causes__isnull=False)
            .values("causes__statement")
            .annotate(n=Count("id"))
            .order_by("-n", "causes__statement")[:15]
        )
        chart = bar_chart(
            chart_id="grafiek-oogst-domeinen",
            title=_("Opbrengsten per domein"),
            rows=[(label, [count]) for label, count in domain_rows],
            series=[_("opbrengsten")],
        )
        return self._render(
            "harvest_statistics",
            total=total,
            per_meeting=per_meeting,
            domain_rows=domain_rows,
            per_round=per_round,
            per_cause=per_cause,
            chart=chart,
        )

    def concept_vision_compiled(self) -> str:
        vision = self.vision
        return self._render(
            "vision",
            text=clean_html(vision.concept_text) if vision else "",
            argument="",
            meeting=None,
        )

    def concept_images_compiled(self) -> str:
        return self._render(
            "concept_images", domains=self.by_domain(self.images), count=len(self.images)
        )


# -- step 8 -------------------------------------------------------------------------------------


class Visienota(MeetingsBuilder):
    document_type = "visienota"
    outline = (
        S("inleiding", gettext_lazy("Inleiding")),
        S("bijeenkomst", gettext_lazy("De politieke bijeenkomst"), "political_meeting_compiled"),
        S(
            "visie",
            gettext_lazy("Visie op basis van het Algemeen Belang"),
            "adopted_vision_compiled",
        ),
        S("streefbeelden", gettext_lazy("Streefbeelden"), "decided_images_compiled"),
        S(
            "rechtvaardigheidstoets",
            gettext_lazy("Rechtvaardigheidstoets"),
            "justice_tests_compiled",
        ),
        S(
            "reactie_oogst",
            gettext_lazy("Reactie op de oogst van de burgerdialogen"),
            "responses_compiled",
        ),
        S("bestaand_beleid", gettext_lazy("Overzicht bestaand beleid"), "step_sources"),
        ACCOUNT,
    )

    def political_meeting_compiled(self) -> str:
        data = self.meetings_data(MeetingKind.POLITICAL)
        decided = Counter()
        for image in self.images:
            for decision in image.decision_list:
                decided[decision.meeting_id] += 1
        for meeting in data.meetings:
            meeting.decision_count = decided[meeting.pk]
        return self._render("political_meetings", meetings=data.meetings, totals=data.totals())

    def adopted_vision_compiled(self) -> str:
        vision = self.vision
        adopted = bool(vision and vision.adopted_text.strip())
        return self._render(
            "vision",
            text=clean_html(vision.adopted_text) if adopted else "",
            argument=vision.adoption_argument if adopted else "",
            meeting=vision.adopted_at_meeting if adopted else None,
            not_adopted=not adopted,
        )

    def decided_images_compiled(self) -> str:
        images = self.images
        kept = [
            i for i in images if i.status in (TargetImageStatus.ADOPTED, TargetImageStatus.CHANGED)
        ]
        rejected = [i for i in images if i.status == TargetImageStatus.REJECTED]
        undecided = [i for i in images if i.status == TargetImageStatus.CONCEPT]
        return self._render(
            "decided_images",
            domains=self.by_domain(kept),
            rejected=rejected,
            undecided=undecided,
            counts=Counter(i.status for i in images),
        )

    def justice_tests_compiled(self) -> str:
        adopted = [
            i
            for i in self.images
            if i.status in (TargetImageStatus.ADOPTED, TargetImageStatus.CHANGED)
        ]
        return self._render(
            "justice_tests",
            images=adopted,
            incomplete=sum(1 for i in adopted if not (i.test and i.test_complete)),
        )

    def responses_compiled(self) -> str:
        cited = defaultdict(list)
        for image in self.images:
            for item in image.cited:
                cited[item.pk].append(image)
        items = list(
            HarvestItem.objects.filter(project=self.project)
            .select_related("meeting")
            .only("id", "text", "response", "meeting__title", "meeting__starts_at")
            .order_by("meeting__starts_at", "meeting_id", "id")
        )
        rows = []
        for item in items:
            rows.append({"item": item, "images": cited[item.pk]})
        return self._render(
            "responses",
            rows=rows,
            taken_up=sum(1 for r in rows if r["images"]),
            explained=sum(1 for r in rows if not r["images"] and r["item"].response.strip()),
            missing=sum(1 for r in rows if not r["images"] and not r["item"].response.strip()),
        )
