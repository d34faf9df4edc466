"""Demo project: "Aanpak Migratievraagstuk" as introduced on 18 December 2023 (seeds/000).

Plain data, no Django. It reproduces how one real project applies the *Methode
Samenlevingsbeleid*: tasks per step and who does them ("team" for the project team, "leader" for
the project leader, Peter), the steps whose execution is decided later, the indicative timeline
(December 2023 to June 2024), the team agreements and the closing milestones.

``DEMO_PROJECT["steps"]`` is keyed by step number (1..11, see ``processteps.catalogue``); planned
months are "YYYY-MM" strings. Task ``status`` is "open" or "decision_pending"; ``assignee`` is
"team" or "leader". User ``role`` is "leader", "member" or "client" (``None`` for the site
administrator, who is no member of the project).
"""

_DECIDE_LATER_MEETING = "Te zijner tijd beoordelen: wel/niet organiseren? Zo ja, in welke vorm?"
_DECIDE_LATER_STEP = "Te zijner tijd bekijken of we deze processtap uitvoeren"

DEMO_PROJECT: dict = {
    "name": "Aanpak Migratievraagstuk",
    "issue": (
        "Hoe kan het migratievraagstuk in Nederland op een rechtvaardige en breed gedragen manier "
        "worden aangepakt? Volgens de Methode Samenlevingsbeleid raadplegen we eerst "
        "sleutelfiguren uit de samenleving, brengen we de problemen en hun oorzaken in kaart en "
        "werken we een visie, streefbeelden en een doelenboom uit. Op basis daarvan stellen we "
        "een advies op over de aanpak van het migratievraagstuk. We eindigen met een bezoek aan "
        "de Tweede Kamer, waar we ons advies aan de voorzitter overhandigen."
    ),
    "client_organisation": "Coöperatie Samenwereld",
    "description": (
        "Vrijwillig adviestraject van Coöperatie Samenwereld waarin een projectteam de Methode "
        "Samenlevingsbeleid stap voor stap toepast op het migratievraagstuk."
    ),
    "start_date": "2023-12-01",
    "introduction_meeting": "2023-12-18",
    "agreements": [
        "Iedereen doet mee op vrijwillige basis",
        "Iedereen bepaalt zelf zijn eigen inzet",
        "Afspraak = afspraak",
    ],
    "milestones": [
        "We eindigen met een bezoek aan de Tweede Kamer",
        "We overhandigen ons advies aan de voorzitter",
    ],
    "steps": {
        1: {
            "planned_start": "2023-12",
            "planned_end": "2023-12",
            "decision_pending": False,
            "tasks": [
                {"title": "Experiment", "assignee": "leader", "status": "open"},
                {"title": "Team", "assignee": "leader", "status": "open"},
                {"title": "Online community", "assignee": "team", "status": "open"},
                {"title": "Website", "assignee": "team", "status": "open"},
            ],
        },
        2: {
            "planned_start": "2023-12",
            "planned_end": "2024-01",
            "decision_pending": False,
            "tasks": [
                {"title": "Invalshoeken", "assignee": "leader", "status": "open"},
                {"title": "ChatGPT", "assignee": "leader", "status": "open"},
                {"title": "Verbeteren", "assignee": "team", "status": "open"},
            ],
        },
        3: {
            "planned_start": "2024-01",
            "planned_end": "2024-02",
            "decision_pending": False,
            "tasks": [
                {"title": "Online interviews", "assignee": "team", "status": "open"},
                {
                    "title": "Interviews via Zoom afnemen en opnemen",
                    "assignee": "team",
                    "status": "open",
                },
                {"title": "Uitnodigingsmail", "assignee": "leader", "status": "open"},
                {"title": "Briefing", "assignee": "leader", "status": "open"},
            ],
        },
        4: {
            "planned_start": "2024-02",
            "planned_end": "2024-02",
            "decision_pending": False,
            "tasks": [
                {"title": "Omzetten van spraak naar tekst", "assignee": "leader", "status": "open"},
                {"title": "Van tekst naar verslag", "assignee": "team", "status": "open"},
                {"title": "Bloemlezing", "assignee": "leader", "status": "open"},
            ],
        },
        5: {
            "planned_start": "2024-03",
            "planned_end": "2024-03",
            "decision_pending": False,
            "tasks": [
                {"title": "Individuele analyse", "assignee": "team", "status": "open"},
                {"title": "Teamanalyse", "assignee": "leader", "status": "open"},
            ],
        },
        6: {
            "planned_start": "2024-04",
            "planned_end": "2024-04",
            "decision_pending": True,
            "tasks": [
                {
                    "title": _DECIDE_LATER_MEETING,
                    "assignee": "leader",
                    "status": "decision_pending",
                },
            ],
        },
        7: {
            "planned_start": "2024-04",
            "planned_end": "2024-04",
            "decision_pending": True,
            "tasks": [
                {
                    "title": _DECIDE_LATER_MEETING,
                    "assignee": "leader",
                    "status": "decision_pending",
                },
            ],
        },
        8: {
            "planned_start": "2024-05",
            "planned_end": "2024-05",
            "decision_pending": False,
            "tasks": [
                {
                    "title": "Opstellen visie en streefbeelden individueel",
                    "assignee": "team",
                    "status": "open",
                },
                {
                    "title": "Opstellen visie en streefbeelden team",
                    "assignee": "leader",
                    "status": "open",
                },
            ],
        },
        9: {
            "planned_start": "2024-05",
            "planned_end": "2024-05",
            "decision_pending": False,
            "tasks": [
                {
                    "title": "Ontwerpen doelenboom individueel",
                    "assignee": "team",
                    "status": "open",
                },
                {
                    "title": "Ontwerpen doelenboom team",
                    "assignee": "leader",
                    "status": "open",
                },
                {
                    "title": "Schrijven adviesrapport voor de Tweede Kamer",
                    "assignee": "leader",
                    "status": "open",
                },
            ],
        },
        10: {
            "planned_start": "2024-06",
            "planned_end": "2024-06",
            "decision_pending": True,
            "tasks": [
                {
                    "title": _DECIDE_LATER_STEP,
                    "assignee": "leader",
                    "status": "decision_pending",
                },
            ],
        },
        11: {
            "planned_start": "2024-06",
            "planned_end": "2024-06",
            "decision_pending": True,
            "tasks": [
                {
                    "title": _DECIDE_LATER_STEP,
                    "assignee": "leader",
                    "status": "decision_pending",
                },
            ],
        },
    },
    "project_tasks": [
        {
            "title": "Data verzamelen gedurende het hele proces",
            "assignee": "team",
            "status": "open",
        },
    ],
    "users": [
        {
            "username": "projectleider",
            "first_name": "Peter",
            "last_name": "de Vries",
            "email": "projectleider@example.org",
            "role": "leader",
            "commitment": "",
            "is_superuser": False,
        },
        {
            "username": "teamlid",
            "first_name": "Sanne",
            "last_name": "Bakker",
            "email": "teamlid@example.org",
            "role": "member",
            "commitment": "Ongeveer 4 uur per week, vooral interviews",
            "is_superuser": False,
        },
        {
            "username": "opdrachtgever",
            "first_name": "Marieke",
            "last_name": "Jansen",
            "email": "opdrachtgever@example.org",
            "role": "client",
            "commitment": "",
            "is_superuser": False,
        },
        {
            "username": "admin",
            "first_name": "Jeroen",
            "last_name": "Smit",
            "email": "admin@example.org",
            "role": None,
            "commitment": "",
            "is_superuser": True,
        },
    ],
}
