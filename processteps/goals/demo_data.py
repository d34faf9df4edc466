"""The demo's goal-tree material (Aanpak Migratievraagstuk): how the team rewords the derived
draft goals, the means and indicators it adds, and the political weighing.

The draft goals come from the demo's causal complex (step 5); a derived goal is matched to a
theme below by words in the statement of the cause it removes. The first goal of each theme
gets the team's wording, its means, an indicator with measurements and (for some) the
weighing; a concrete goal that matches no theme gets a working agenda with the partners as
its means. Without a causal complex (step 5 not done) the demo builds ``FALLBACK_TREE``.
"""

import datetime

# keywords: a regular expression matched (case-insensitively) against the cause's statement.
THEMES = [
    {
        "keywords": r"\b(woning|huisvest|opvang|wonen|woon)",
        "statement": "Nieuwkomers en andere woningzoekenden vinden binnen een jaar een passende "
        "woning",
        "domain": "wonen",
        "means": [
            (
                "Flexwoningen op tijdelijk vrije bouwlocaties",
                "Samen met de corporaties; 120 woningen in 2024 en 2025.",
            ),
            (
                "Een gemengde urgentieregeling",
                "Statushouders en andere urgent woningzoekenden "
                "in één regeling, zodat niemand voorrang krijgt ten koste van de ander.",
            ),
        ],
        "indicator": {
            "name": "Gehuisveste statushouders",
            "definition": "Aantal statushouders dat in het kwartaal een woning in de gemeente "
            "heeft gekregen, cumulatief vanaf de nulmeting.",
            "unit": "personen",
            "baseline": ("2023-10-01", "40"),
            "target": ("2025-12-31", "320"),
            "source": "Taakstellingsmonitor van het COA en de gemeente",
            "method": "Telling uit de huisvestingsadministratie",
            "frequency": "quarterly",
            "measured_by": "Team wonen van de gemeente",
            "series": ["58", "81", "97", "126", "150", "171"],
        },
        "weighing": {
            "options": [
                (
                    "Flexwoningen op tijdelijk vrije locaties",
                    "Snel beschikbaar (binnen een "
                    "jaar), tijdelijk; kosten gedeeld met de corporaties; draagvlak in de buurt "
                    "vraagt vroeg overleg.",
                    True,
                ),
                (
                    "Alleen versnelde reguliere nieuwbouw",
                    "Duurzaam, maar pas over drie tot vijf "
                    "jaar beschikbaar; de wachtlijst groeit intussen.",
                    False,
                ),
                (
                    "Woningdelen in bestaande woningen",
                    "Goedkoop en direct, maar weinig plaatsen en niet geschikt voor gezinnen.",
                    False,
                ),
            ],
            "decision": (
                "council",
                "Gemeenteraad",
                "Raadsbesluit 2024-031",
                datetime.date(2024, 5, 23),
                "adopted",
            ),
        },
    },
    {
        "keywords": r"\b(werk|baan|banen|arbeid|diploma)",
        "statement": "Nieuwkomers hebben betaald werk dat past bij wat zij kunnen",
        "domain": "werken",
        "means": [
            (
                "Een werkgeversloket voor nieuwkomers",
                "Eén plek waar werkgevers en "
                "werkzoekende nieuwkomers elkaar vinden, met begeleiding in het eerste jaar.",
            ),
            (
                "Snellere erkenning van diploma's",
                "Afspraken met het Nuffic en de "
                "beroepsorganisaties over een versnelde beoordeling.",
            ),
        ],
        "indicator": {
            "name": "Statushouders met betaald werk",
            "definition": "Aandeel van de statushouders (18-65 jaar) met betaald werk van "
            "minstens twaalf uur per week.",
            "unit": "%",
            "baseline": ("2023-12-31", "24"),
            "target": ("2026-12-31", "45"),
            "source": "CBS-monitor statushouders",
            "method": "Koppeling van BRP en polisadministratie (CBS)",
            "frequency": "half_yearly",
            "measured_by": "Onderzoeksbureau van de gemeente",
            "series": ["26", "29"],
        },
        "weighing": {
            "options": [
                (
                    "Werkgeversloket met begeleiding",
                    "Vraagt 3 fte en afspraken met het UWV; werkgevers krijgen één aanspreekpunt.",
                    True,
                ),
                (
                    "Alleen taal eerst, daarna werk",
                    "Minder kosten op korte termijn, maar "
                    "nieuwkomers blijven langer in de uitkering.",
                    False,
                ),
            ],
            "decision": None,
        },
    },
    {
        "keywords": r"\b(taal|inburger|nederlands)",
        "statement": "Nieuwkomers spreken binnen twee jaar genoeg Nederlands om mee te doen",
        "domain": "ontwikkelen",
        "means": [
            (
                "Taalcoaches van vrijwilligersorganisaties",
                "Eén taalcoach per nieuwkomer naast de formele inburgeringslessen.",
            ),
        ],
        "indicator": {
            "name": "Inburgeraars op taalniveau B1",
            "definition": "Inburgeraars die binnen twee jaar het examen op niveau B1 halen.",
            "unit": "personen",
            "baseline": ("2023-12-31", "15"),
            "target": ("2025-12-31", "90"),
            "source": "DUO",
            "method": "Examenuitslagen per gemeente",
            "frequency": "quarterly",
            "measured_by": "Team inburgering",
            "series": ["19", "27", "34"],
        },
        "weighing": None,
    },
    {
        "keywords": r"\b(draagvlak|polaris|vertrouwen|angst|beeldvorming|debat|buurt)",
        "statement": "Inwoners en nieuwkomers kennen elkaar en spreken met elkaar, niet over "
        "elkaar",
        "domain": "integreren",
        "means": [
            (
                "Buurtgesprekken vóór een nieuwe opvang of woonlocatie",
                "Georganiseerd door het welzijnswerk, met de bewoners en de nieuwe buren.",
            ),
            ("Een maatjesprogramma", "Buurtbewoners en nieuwkomers trekken een jaar samen op."),
        ],
        "indicator": {
            "name": "Inwoners die nieuwkomers welkom vinden",
            "definition": "Aandeel inwoners dat het (zeer) eens is met ‘nieuwkomers zijn "
            "welkom in mijn buurt’.",
            "unit": "%",
            "baseline": ("2023-11-01", "48"),
            "target": ("2026-11-01", "60"),
            "source": "Omnibusenquête van de gemeente",
            "method": "Steekproef van 1.500 inwoners",
            "frequency": "yearly",
            "measured_by": "Onderzoeksbureau van de gemeente",
            "series": ["51"],
        },
        "weighing": {
            "options": [
                (
                    "Buurtgesprekken en maatjes",
                    "Vraagt budget voor het welzijnswerk; werkt "
                    "alleen als bewoners vroeg en eerlijk worden betrokken.",
                    True,
                ),
                (
                    "Een voorlichtingscampagne",
                    "Bereikt veel mensen, maar verandert weinig aan wat mensen van elkaar weten.",
                    False,
                ),
            ],
            "decision": (
                "board",
                "College van burgemeester en wethouders",
                "Collegebesluit B&W 2024/0412",
                datetime.date(2024, 6, 4),
                "amended",
            ),
        },
    },
    {
        "keywords": r"\b(procedure|wacht|onzeker|ind\b|asiel|regels)",
        "statement": "Nieuwkomers weten binnen zes maanden waar zij aan toe zijn",
        "domain": "",
        "means": [
            (
                "Ketenoverleg over doorlooptijden",
                "Gemeente, COA, IND en VluchtelingenWerk "
                "bespreken elk kwartaal de dossiers die vastlopen.",
            ),
        ],
        "indicator": None,
        "weighing": None,
    },
]

# The means a concrete goal gets when it matches no theme (a real first step: who does what).
AGENDA_MEANS = (
    "Werkagenda met de betrokken partners",
    "Afspraken over wie wat doet om deze oorzaak weg te nemen, met een eerste evaluatie na een "
    "halfjaar.",
)

# Without a causal complex: a small tree as the team would draw it (statement, level, parent
# index or None, domain, means).
FALLBACK_TREE = [
    ("Nieuwkomers en inwoners leven als buren samen en doen allemaal mee", 0, None, "", []),
    (THEMES[0]["statement"], 1, 0, "wonen", THEMES[0]["means"]),
    (THEMES[1]["statement"], 1, 0, "werken", THEMES[1]["means"]),
    (THEMES[2]["statement"], 1, 0, "ontwikkelen", THEMES[2]["means"]),
    (THEMES[3]["statement"], 1, 0, "integreren", THEMES[3]["means"]),
]

DOELENBOOM_SECTIONS = {
    "inleiding": (
        "<p>Deze beleidsnota vat de doelenboom van het project samen: van de abstracte doelen "
        "bovenin tot de concrete doelen met hun middelen onderin. De eerste opzet is afgeleid "
        "uit de probleem- en oorzakenanalyse van stap 5 (elke oorzaak omgezet in de positieve "
        "situatie die haar wegneemt) en uit de streefbeelden die de politieke bijeenkomst heeft "
        "vastgesteld. Teamleden ontwierpen eerst ieder een eigen doelenboom; de projectleider "
        "voegde ze samen.</p>"
    ),
}
