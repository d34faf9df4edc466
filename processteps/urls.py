from django.urls import path

from .views import projects, sources, steps, tasks

app_name = "processteps"

P = "projects/<int:project>/"
S = P + "steps/<int:number>/"

urlpatterns = [
    path("projects/new/", projects.project_create, name="project_create"),
    path("my/tasks/", tasks.my_tasks, name="my_tasks"),
    path(P, projects.dashboard, name="dashboard"),
    path(P + "edit/", projects.project_edit, name="project_edit"),
    path(P + "activity/", projects.activity, name="activity"),
    path(P + "members/", projects.members, name="members"),
    path(P + "members/<int:membership>/role/", projects.member_role, name="member_role"),
    path(P + "members/<int:membership>/remove/", projects.member_remove, name="member_remove"),
    path(P + "commitment/", projects.commitment, name="commitment"),
    path(P + "agreements/add/", projects.agreement_add, name="agreement_add"),
    path(
        P + "agreements/<int:agreement>/remove/",
        projects.agreement_remove,
        name="agreement_remove",
    ),
    path(P + "tasks/add/", tasks.task_add, name="task_add"),
    path(P + "tasks/<int:task>/edit/", tasks.task_edit, name="task_edit"),
    path(P + "tasks/<int:task>/delete/", tasks.task_delete, name="task_delete"),
    path(P + "sources/<int:source>/download/", sources.source_download, name="source_download"),
    path(P + "sources/<int:source>/delete/", sources.source_delete, name="source_delete"),
    path(S, steps.step_detail, name="step"),
    path(S + "edit/", steps.step_edit, name="step_edit"),
    *(
        path(S + f"{action}/", steps.step_transition, {"action": action}, name=f"step_{action}")
        for action in ("start", "complete", "skip", "reopen")
    ),
    path(S + "decision/", steps.step_decide, name="step_decide"),
    path(S + "uncertainty/", steps.step_uncertainty, name="step_uncertainty"),
    path(S + "checklist/add/", steps.checklist_add, name="checklist_add"),
    path(S + "checklist/<int:item>/toggle/", steps.checklist_toggle, name="checklist_toggle"),
    path(S + "checklist/<int:item>/remove/", steps.checklist_remove, name="checklist_remove"),
    path(S + "sources/add/", sources.source_add, name="source_add"),
]
