"""The vision and its target images (steps 7-8): drafting them from the harvest, the political
meeting's decisions, and the justice test."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from processteps.access import get_project
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import (
    DecisionForm,
    JusticeRowFormSet,
    JusticeTestForm,
    TargetImageForm,
    VisionAdoptForm,
    VisionForm,
)
from ..models import HarvestItem, TargetImage, TargetImageStatus, Vision
from ..services import vision as services
from .common import DRAFT, MANAGE, VIEW, get_in_project


def _as_html(text: str) -> str:
    return text if "<" in text else linebreaks(text, autoescape=True)


def _overview(project):
    return redirect("meetings:target_images", project=project.pk)


@login_required
def target_images(request, project):
    project = get_project(request, project, VIEW)
    images = list(selectors.target_images_for_project(project))
    for image in images:
        test = getattr(image, "justice_test", None)
        image.test_state = (
            "none"
            if test is None
            else "complete"
            if test.is_complete(list(test.rows.all()))
            else "incomplete"
        )
    return render(
        request,
        "meetings/target_images.html",
        {
            "project": project,
            "vision": Vision.objects.filter(project=project).first(),
            "domains": selectors.group_by_domain(images),
            "count": len(images),
            "may_draft": request.user.has_perm(DRAFT, project),
            "may_manage": request.user.has_perm(MANAGE, project),
        },
    )


@login_required
def vision_edit(request, project):
    project = get_project(request, project, DRAFT)
    vision = Vision.objects.filter(project=project).first()
    form = VisionForm(
        request.POST or None, initial={"concept_text": vision.concept_text if vision else ""}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.vision_save(
                actor=request.user,
                project=project,
                concept_text=_as_html(form.cleaned_data["concept_text"]),
            )
            messages.success(request, _("De visie is opgeslagen."))
            return _overview(project)
        status = 400
    return render(
        request,
        "meetings/simple_form.html",
        {
            "project": project,
            "form": form,
            "title": _("Visie op basis van de Algemene Wil"),
            "back": ("meetings:target_images", _("Visie en streefbeelden")),
        },
        status=status,
    )


@login_required
def vision_adopt(request, project):
    project = get_project(request, project, MANAGE)
    vision = Vision.objects.filter(project=project).first()
    initial = {}
    if vision:
        initial = {
            "adopted_text": vision.adopted_text or vision.concept_text,
            "argument": vision.adoption_argument,
            "meeting": vision.adopted_at_meeting_id,
        }
    form = VisionAdoptForm(request.POST or None, project=project, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["adopted_text"] = _as_html(data["adopted_text"])
            try:
                services.vision_adopt(actor=request.user, project=project, **data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De vastgestelde visie is vastgelegd."))
                return _overview(project)
        status = 400
    return render(
        request,
        "meetings/simple_form.html",
        {
            "project": project,
            "form": form,
            "title": _("Visie vaststellen (Algemeen Belang)"),
            "back": ("meetings:target_images", _("Visie en streefbeelden")),
        },
        status=status,
    )


def _items_for(project, domain: str, show_all: bool, cited=()):
    """The harvest items a target image form offers: those about its domain (or about no
    domain) and those it cites already; or all of them."""
    items = HarvestItem.objects.filter(project=project).select_related("meeting")
    if not show_all and domain:
        items = items.filter(
            Q(domain_tags__domain=domain) | Q(domain_tags__isnull=True) | Q(pk__in=list(cited))
        ).distinct()
    return items.order_by("meeting__starts_at", "id")


@login_required
def image_create(request, project):
    project = get_project(request, project, DRAFT)
    domain = request.POST.get("domain") or request.GET.get("domain", "")
    show_all = (request.POST.get("show_all") or request.GET.get("show_all")) == "1"
    form = TargetImageForm(
        request.POST or None,
        items=_items_for(project, domain, show_all),
        initial={"domain": domain, "horizon": request.GET.get("horizon", "")},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                image = services.target_image_create(
                    actor=request.user, project=project, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(
                    request, _("Het streefbeeld '%(title)s' is opgeslagen.") % {"title": image}
                )
                return _overview(project)
        status = 400
    return render(
        request,
        "meetings/image_form.html",
        {"project": project, "form": form, "show_all": show_all, "domain": domain},
        status=status,
    )


@login_required
def image_edit(request, project, image):
    project = get_project(request, project, DRAFT)
    image = get_in_project(TargetImage, project, image)
    cited = list(image.citations.values_list("item_id", flat=True))
    show_all = (request.POST.get("show_all") or request.GET.get("show_all")) == "1"
    form = TargetImageForm(
        request.POST or None,
        items=_items_for(project, image.domain, show_all, cited),
        initial={
            "domain": image.domain,
            "horizon": image.horizon,
            "title": image.title,
            "text": image.text,
            "items": cited,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.target_image_update(actor=request.user, image=image, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het streefbeeld is opgeslagen."))
                return _overview(project)
        status = 400
    return render(
        request,
        "meetings/image_form.html",
        {
            "project": project,
            "form": form,
            "image": image,
            "show_all": show_all,
            "domain": image.domain,
        },
        status=status,
    )


@login_required
@require_POST
def image_delete(request, project, image):
    project = get_project(request, project, DRAFT)
    image = get_in_project(TargetImage, project, image)
    try:
        services.target_image_delete(actor=request.user, image=image)
    except ValidationError as exc:
        apply_errors(request, exc)
    else:
        messages.success(request, _("Het streefbeeld is verwijderd."))
    return _overview(project)


@login_required
def image_decide(request, project, image):
    project = get_project(request, project, MANAGE)
    image = get_in_project(TargetImage, project, image)
    form = DecisionForm(
        request.POST or None,
        project=project,
        initial={"title": image.title, "text": image.text, "outcome": TargetImageStatus.ADOPTED},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.target_image_decide(actor=request.user, image=image, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("Het besluit is vastgelegd."))
                return _overview(project)
        status = 400
    return render(
        request,
        "meetings/decide.html",
        {
            "project": project,
            "form": form,
            "image": image,
            "decisions": list(image.decisions.select_related("meeting", "decided_by")),
        },
        status=status,
    )


@login_required
def justice_test(request, project, image):
    project = get_project(request, project, DRAFT)
    image = get_in_project(TargetImage, project, image)
    test = selectors.justice_test_of(image)
    rows = list(test.rows.all()) if test else []
    form = JusticeTestForm(
        request.POST or None,
        initial={
            "doability": test.doability if test else "",
            "doability_explanation": test.doability_explanation if test else "",
            "justification": test.justification if test else "",
        },
    )
    formset = JusticeRowFormSet(
        request.POST or None,
        prefix="rows",
        initial=[
            {"party": r.party, "domain": r.domain, "burdens": r.burdens, "benefits": r.benefits}
            for r in rows
        ]
        or [{"domain": image.domain}],
    )
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            try:
                services.justice_test_save(
                    actor=request.user,
                    image=image,
                    rows=[f.cleaned_data for f in formset.forms if f.cleaned_data],
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                apply_errors(request, exc, form)
            else:
                messages.success(request, _("De rechtvaardigheidstoets is opgeslagen."))
                return _overview(project)
        status = 400
    return render(
        request,
        "meetings/justice_test.html",
        {
            "project": project,
            "image": image,
            "form": form,
            "formset": formset,
            "complete": test.is_complete(rows) if test else False,
        },
        status=status,
    )
