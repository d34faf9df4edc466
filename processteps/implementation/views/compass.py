"""The Beleidskompas crosswalk (seed 003) and the integral framework (seed 004): read-only
views over the project's own data, the crosswalk also as one document (PDF)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from processteps.access import get_project
from processteps.models import Domain
from processteps.views.common import apply_errors

from .. import selectors
from ..forms import SituationForm
from ..services import organisation as services
from .common import EDIT, VIEW, step_of


@login_required
def compass(request, project):
    project = get_project(request, project, VIEW)
    context = {
        "project": project,
        "step": step_of(project),
        "answers": selectors.compass(project),
    }
    return render(request, "implementation/compass.html", context)


@login_required
def compass_export(request, project):
    """The crosswalk as one PDF document (rendered here: it is small and never stored)."""
    from documents.rendering import render_pdf

    from ..documents import BeleidskompasExport

    project = get_project(request, project, VIEW)
    pdf = render_pdf(BeleidskompasExport(project).html())
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"beleidskompas-{project.name}") or "beleidskompas"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
def framework(request, project):
    project = get_project(request, project, VIEW)
    may_edit = request.user.has_perm(EDIT, project)
    context = {
        "project": project,
        "step": step_of(project),
        "framework": selectors.framework(
            project, edit_links=may_edit, actions=selectors.framework_actions(project)
        ),
        "may_edit": may_edit,
    }
    return render(request, "implementation/framework.html", context)


@login_required
def situation_edit(request, project, domain):
    project = get_project(request, project, EDIT)
    if domain not in Domain.values:
        raise Http404
    situation = project.domain_situations.filter(domain=domain).first()
    form = SituationForm(
        request.POST or None, initial={"text": situation.text if situation else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.situation_save(
                actor=request.user, project=project, domain=domain, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            apply_errors(request, exc, form)
        else:
            messages.success(request, _("De huidige situatie is opgeslagen."))
            return redirect("implementation:framework", project=project.pk)
    context = {
        "project": project,
        "step": step_of(project),
        "domain": Domain(domain),
        "form": form,
    }
    return render(request, "implementation/situation_form.html", context)
