"""The demo's action book (Aanpak Migratievraagstuk): twelve action forms on the demo's goal
tree (step 9) and the causes of its team analysis (step 5).

Each action is matched to a goal, a cause and an intervention point by ``keywords`` (a regular
expression matched, case-insensitively, against their wording); where none matches, the next
one in order is taken, so the forms are complete whatever the earlier steps hold. Without a
team analysis there are no causes to remove and those parts stay open. Two forms are left
incomplete on purpose (``leave_out``): the overview of incomplete forms has work to show.
"""

PARTNERS = {
    "gemeente": ("Gemeente Voorbeeld", "M. de Vries", "m.devries@voorbeeld.example"),
    "corporatie": ("Woningcorporatie Thuis", "S. Bakker", "s.bakker@thuis.example"),
    "coa": ("COA, locatie Voorbeeld", "R. Jansen", "r.jansen@coa.example"),
    "vluchtelingenwerk": ("VluchtelingenWerk", "A. Haddou", "a.haddou@vluchtelingenwerk.example"),
    "werkgevers": ("Ondernemersvereniging Voorbeeld", "K. Smit", "k.smit@ov.example"),
    "uwv": ("UWV Werkbedrijf", "P. Visser", "p.visser@uwv.example"),
    "roc": ("ROC Voorbeeld", "L. Mulder", "l.mulder@roc.example"),
    "bibliotheek": ("Bibliotheek Voorbeeld", "E. de Boer", "e.deboer@bibliotheek.example"),
    "welzijn": ("Welzijnsstichting De Brug", "J. Meijer", "j.meijer@debrug.example"),
    "buurt": ("Bewonersplatform Noord", "H. Bos", "h.bos@noord.example"),
}

ACTIONS = [
    {
        "title": "Flexwoningen op tijdelijk vrije bouwlocaties",
        "keywords": r"\b(woning|huisvest|opvang|wonen|woon)",
        "domain": "wonen",
        "by": "member",
        "description": "Samen met de corporatie 120 flexwoningen bouwen op drie bouwlocaties "
        "die de komende vijftien jaar vrij liggen, voor statushouders en andere "
        "woningzoekenden samen.",
        "citizens": "Omwonenden denken mee over de inrichting van de locaties en verwelkomen "
        "hun nieuwe buren.",
        "risks": "Bezwaarprocedures tegen de tijdelijke vergunning; stijgende bouwkosten.",
        "assumptions": "De provincie staat tijdelijke bewoning op de locaties toe.",
        "dates": ("2024-07-01", "2026-06-30"),
        "parties": [
            ("gemeente", "accountable"),
            ("corporatie", "responsible"),
            ("buurt", "consulted"),
            ("coa", "informed"),
        ],  # fmt: skip
        "budget": [
            ("1.800.000", "Volkshuisvestingsfonds", 2024),
            ("600.000", "Gemeentelijke begroting", 2025),
        ],  # fmt: skip
        "milestones": [
            ("Vergunning verleend", "2024-10-01", True),
            ("Eerste 40 woningen bewoond", "2025-04-01", True),
            ("Alle 120 woningen bewoond", "2026-03-01", False),
        ],  # fmt: skip
        "indicator": (
            "Bewoonde flexwoningen",
            "woningen",
            ("2024-07-01", "0"),
            ("2026-06-30", "120"),
            "quarterly",
            ["0", "0", "40", "64", "88", "104"],
            "Verhuuradministratie van de corporatie",
        ),  # fmt: skip
    },
    {
        "title": "Gemengde urgentieregeling",
        "keywords": r"\b(woning|huisvest|wacht|wonen|woon)",
        "domain": "wonen",
        "by": "leader",
        "description": "Eén urgentieregeling voor statushouders en andere urgent "
        "woningzoekenden, zodat niemand voorrang krijgt ten koste van de ander.",
        "citizens": "Woningzoekenden geven hun situatie eerlijk op; buren accepteren de "
        "gezamenlijke toewijzing.",
        "risks": "Onbegrip bij woningzoekenden die langer wachten.",
        "assumptions": "De corporaties passen hun toewijzingsbeleid aan.",
        "dates": ("2024-09-01", "2025-12-31"),
        "parties": [
            ("gemeente", "accountable"),
            ("corporatie", "responsible"),
            ("vluchtelingenwerk", "consulted"),
        ],  # fmt: skip
        "budget": [("45.000", "Gemeentelijke begroting", 2024)],
        "milestones": [
            ("Regeling vastgesteld door het college", "2024-12-01", True),
            ("Eerste evaluatie", "2025-09-01", False),
        ],  # fmt: skip
        "indicator": (
            "Toewijzingen via de gemengde regeling",
            "toewijzingen",
            ("2024-09-01", "0"),
            ("2025-12-31", "150"),
            "quarterly",
            ["12", "35", "61", "90", "118"],
            "Woonruimteverdeling",
        ),  # fmt: skip
    },
    {
        "title": "Werk vanaf de eerste dag",
        "keywords": r"\b(werk|baan|banen|arbeid)",
        "domain": "werken",
        "by": "member",
        "description": "Statushouders krijgen binnen een maand na huisvesting een werkcoach "
        "en een plek bij een werkgever, met taal op de werkvloer.",
        "citizens": "Collega's op de werkvloer zijn maatje van een nieuwe collega.",
        "risks": "Te weinig werkgevers die meedoen buiten de zorg en de bouw.",
        "assumptions": "De inburgeringsplicht laat werk naast de taallessen toe.",
        "dates": ("2024-07-01", "2026-12-31"),
        "parties": [
            ("gemeente", "accountable"),
            ("werkgevers", "responsible"),
            ("uwv", "responsible"),
            ("vluchtelingenwerk", "consulted"),
        ],  # fmt: skip
        "budget": [
            ("350.000", "Participatiebudget", 2024),
            ("350.000", "Participatiebudget", 2025),
        ],
        "milestones": [
            ("Twintig werkgevers aangesloten", "2024-12-01", True),
            ("Honderd plaatsingen", "2025-12-01", False),
        ],  # fmt: skip
        "indicator": (
            "Statushouders met betaald werk",
            "personen",
            ("2024-07-01", "25"),
            ("2026-12-31", "200"),
            "half_yearly",
            ["48", "77", "104", "131"],
            "Klantvolgsysteem van de gemeente",
        ),  # fmt: skip
    },
    {
        "title": "Erkenning van buitenlandse diploma's versnellen",
        "keywords": r"\b(diploma|erkenning|werk|arbeid)",
        "domain": "werken",
        "by": "leader",
        "description": "Een loket dat diploma's laat waarderen en overbruggingstrajecten bij "
        "het ROC regelt, zodat nieuwkomers in hun eigen vak aan de slag kunnen.",
        "citizens": "Vakmensen uit de regio begeleiden een nieuwkomer in hetzelfde vak.",
        "risks": "Lange doorlooptijden bij de landelijke diplomawaardering.",
        "assumptions": "Het ROC biedt verkorte trajecten aan.",
        "dates": ("2024-09-01", "2026-08-31"),
        "parties": [("roc", "accountable"), ("uwv", "responsible"), ("gemeente", "consulted")],
        "budget": [("120.000", "Regionaal werkbedrijf", 2025)],
        "milestones": [
            ("Loket open", "2025-01-15", True),
            ("Eerste groep in overbruggingstraject", "2025-09-01", False),
        ],  # fmt: skip
        "indicator": (
            "Gewaardeerde diploma's",
            "diploma's",
            ("2024-09-01", "0"),
            ("2026-08-31", "80"),
            "half_yearly",
            ["9", "23", "38"],
            "Registratie van het loket",
        ),  # fmt: skip
    },
    {
        "title": "Taalcoaches in elke wijk",
        "keywords": r"\b(taal|inburger|nederlands)",
        "domain": "ontwikkelen",
        "by": "member",
        "description": "Vrijwillige taalcoaches oefenen wekelijks met een nieuwkomer, in de "
        "bibliotheek of thuis, naast de formele inburgeringslessen.",
        "citizens": "Inwoners worden taalcoach: een uur per week, een jaar lang.",
        "risks": "Te weinig vrijwilligers in de wijken buiten het centrum.",
        "assumptions": "De bibliotheek stelt ruimte en materiaal beschikbaar.",
        "dates": ("2024-07-01", "2026-06-30"),
        "parties": [
            ("bibliotheek", "accountable"),
            ("welzijn", "responsible"),
            ("gemeente", "informed"),
        ],  # fmt: skip
        "budget": [("60.000", "Wet inburgering", 2024), ("60.000", "Wet inburgering", 2025)],
        "milestones": [
            ("Vijftig coaches getraind", "2024-11-01", True),
            ("Coaches in alle wijken", "2025-06-01", True),
        ],  # fmt: skip
        "indicator": (
            "Actieve koppels taalcoach–nieuwkomer",
            "koppels",
            ("2024-07-01", "10"),
            ("2026-06-30", "150"),
            "quarterly",
            ["24", "51", "73", "96", "112", "127"],
            "Registratie van de bibliotheek",
        ),  # fmt: skip
    },
    {
        "title": "Taal en kinderopvang tegelijk",
        "keywords": r"\b(taal|inburger|kinder|ouders)",
        "domain": "ontwikkelen",
        "by": "leader",
        "description": "Taallessen overdag met kinderopvang in hetzelfde gebouw, zodat ouders "
        "met jonge kinderen niet thuis hoeven te blijven.",
        "citizens": "Ouders uit de buurt doen mee aan de gezamenlijke ouderochtenden.",
        "risks": "Wachtlijsten bij de kinderopvang.",
        "assumptions": "De kinderopvang kan twee extra groepen openen.",
        "dates": ("2024-09-01", "2025-12-31"),
        "parties": [
            ("roc", "accountable"),
            ("welzijn", "responsible"),
            ("gemeente", "consulted"),
        ],  # fmt: skip
        "budget": [("95.000", "Wet inburgering", 2025)],
        "milestones": [("Twee groepen open", "2024-11-01", True)],
        "indicator": (
            "Ouders in taallessen met kinderopvang",
            "personen",
            ("2024-09-01", "0"),
            ("2025-12-31", "60"),
            "quarterly",
            ["14", "27", "38", "46", "55"],
            "Presentielijsten van het ROC",
        ),  # fmt: skip
    },
    {
        "title": "Buurtgesprekken vóór een besluit over opvang",
        "keywords": r"\b(draagvlak|vertrouwen|angst|beeldvorming|betrek|bewoners|buurt)",
        "domain": "integreren",
        "by": "member",
        "description": "Voor elk besluit over een opvanglocatie spreken gemeente, COA en "
        "omwonenden elkaar aan tafel, met afspraken die worden nagekomen.",
        "citizens": "Omwonenden komen naar de gesprekken en denken mee over de afspraken.",
        "risks": "Gesprekken die als schijninspraak worden ervaren.",
        "assumptions": "Het college neemt pas een besluit na de gesprekken.",
        "dates": ("2024-07-01", "2026-12-31"),
        "parties": [
            ("gemeente", "accountable"),
            ("coa", "responsible"),
            ("buurt", "consulted"),
            ("welzijn", "responsible"),
        ],  # fmt: skip
        "budget": [("40.000", "Gemeentelijke begroting", 2024)],
        "milestones": [
            ("Werkwijze vastgesteld", "2024-09-01", True),
            ("Eerste locatie besproken", "2024-11-15", True),
        ],  # fmt: skip
        "indicator": (
            "Omwonenden dat zich gehoord voelt",
            "%",
            ("2024-07-01", "31"),
            ("2026-12-31", "70"),
            "yearly",
            ["44", "58"],
            "Buurtenquête",
        ),
    },
    {
        "title": "Samen eten, samen praten",
        "keywords": r"\b(contact|ontmoet|vertrouwen|buurt|eenzaam)",
        "domain": "integreren",
        "by": "leader",
        "description": "Maandelijkse buurtmaaltijden waar nieuwkomers en inwoners samen koken "
        "en eten, in de wijkcentra.",
        "citizens": "Inwoners koken mee of schuiven aan.",
        "risks": "Vooral mensen die elkaar al kennen komen.",
        "assumptions": "De wijkcentra zijn op zondag open.",
        "dates": ("2024-09-01", "2025-12-31"),
        "parties": [
            ("welzijn", "accountable"),
            ("buurt", "responsible"),
            ("vluchtelingenwerk", "responsible"),
        ],  # fmt: skip
        "budget": [("18.000", "Welzijnsbudget", 2024), ("22.000", "Welzijnsbudget", 2025)],
        "milestones": [("Eerste maaltijd", "2024-09-29", True)],
        "indicator": (
            "Deelnemers aan buurtmaaltijden",
            "deelnemers",
            ("2024-09-01", "0"),
            ("2025-12-31", "900"),
            "quarterly",
            ["120", "310", "480", "620", "790"],
            "Tellingen van de welzijnsstichting",
        ),  # fmt: skip
    },
    {
        "title": "Duidelijkheid binnen zes maanden",
        "keywords": r"\b(procedure|wacht|onzeker|asiel|regels)",
        "domain": "",
        "by": "member",
        "description": "Een vaste contactpersoon per nieuwkomer die de procedure, de rechten "
        "en de volgende stappen uitlegt, en knelpunten aan het Rijk meldt.",
        "citizens": "Vrijwilligers begeleiden nieuwkomers naar afspraken.",
        "risks": "De duur van de asielprocedure ligt buiten de invloed van de gemeente.",
        "assumptions": "Het Rijk neemt gemelde knelpunten op in het overleg met de IND.",
        "dates": ("2024-07-01", "2025-12-31"),
        "parties": [
            ("vluchtelingenwerk", "accountable"),
            ("coa", "responsible"),
            ("gemeente", "informed"),
        ],  # fmt: skip
        "budget": [("75.000", "Gemeentelijke begroting", 2024)],
        "milestones": [("Contactpersonen aangesteld", "2024-09-01", True)],
        "indicator": (
            "Nieuwkomers met een vaste contactpersoon",
            "%",
            ("2024-07-01", "20"),
            ("2025-12-31", "95"),
            "quarterly",
            ["46", "68", "81", "88", "93"],
            "Registratie van VluchtelingenWerk",
        ),  # fmt: skip
    },
    {
        "title": "Maatjes voor jongeren",
        "keywords": r"\b(jong|school|onderwijs|taal)",
        "domain": "ontwikkelen",
        "by": "leader",
        "description": "Jonge nieuwkomers krijgen een maatje van hun leeftijd voor sport, "
        "school en vrije tijd.",
        "citizens": "Jongeren uit de gemeente worden maatje.",
        "risks": "Maatjes haken na een paar maanden af.",
        "assumptions": "Scholen en sportverenigingen werven mee.",
        "dates": ("2024-09-01", "2026-06-30"),
        "parties": [
            ("welzijn", "accountable"),
            ("roc", "consulted"),
            ("gemeente", "informed"),
        ],  # fmt: skip
        "budget": [("30.000", "Jeugdbudget", 2025)],
        "milestones": [("Dertig maatjes gekoppeld", "2025-02-01", True)],
        "indicator": (
            "Gekoppelde jongeren",
            "koppels",
            ("2024-09-01", "0"),
            ("2026-06-30", "80"),
            "half_yearly",
            ["18", "37", "52"],
            "Registratie van de welzijnsstichting",
        ),  # fmt: skip
    },
    # Deliberately incomplete: no cause it removes, no indicator, no intervention point.
    {
        "title": "Welkomstgids voor nieuwe inwoners",
        "keywords": r"\b(welkom|informatie)",
        "domain": "integreren",
        "by": "member",
        "description": "Een gids in acht talen over de gemeente, de buurt en de voorzieningen.",
        "citizens": "",
        "risks": "Snel verouderde informatie.",
        "assumptions": "",
        "dates": ("2024-10-01", "2025-03-31"),
        "parties": [("gemeente", "accountable"), ("bibliotheek", "responsible")],
        "budget": [("12.500", "Communicatiebudget", 2024)],
        "milestones": [("Gids gedrukt", "2025-01-15", False)],
        "indicator": None,
        "leave_out": ("causes", "intervention_point"),
    },
    # Deliberately incomplete: no owner yet, no budget, no planning.
    {
        "title": "Stageplaatsen bij de gemeente",
        "keywords": r"\b(werk|stage|arbeid)",
        "domain": "werken",
        "by": "member",
        "description": "De gemeente biedt zelf stageplaatsen aan nieuwkomers, als werkgever "
        "met het goede voorbeeld.",
        "citizens": "",
        "risks": "",
        "assumptions": "",
        "dates": (None, None),
        "parties": [],
        "budget": [],
        "milestones": [],
        "indicator": None,
        "leave_out": (),
    },
]

COMMENTS = [
    (
        0,
        "corporatie",
        "2024-08-20",
        "Wij kunnen de eerste 40 woningen in april leveren als de "
        "vergunning vóór oktober rond is. Graag een gezamenlijke bewonersavond.",
    ),  # fmt: skip
    (
        2,
        "werkgevers",
        "2024-08-28",
        "Onze leden willen meedoen; vraag is wel wie de werkcoach betaalt na het eerste jaar.",
    ),  # fmt: skip
    (
        6,
        "buurt",
        "2024-09-10",
        "Goed dat we vooraf meepraten. Zorg dat de afspraken op papier "
        "komen en dat we horen wat ermee is gedaan.",
    ),  # fmt: skip
]

ACTIEBOEK_SECTIONS = {
    "inleiding": (
        "<p>Dit actieboek werkt de doelenboom uit in concrete acties. Elke actie is gericht op "
        "het wegnemen van oorzaken uit de probleem- en oorzakenanalyse, benut een "
        "interventiepunt uit de expertbijeenkomsten en heeft één eigenaar. De organisaties "
        "met een rol in de uitvoering zijn uitgenodigd om op hun acties te reageren.</p>"
    ),
}
