"""The method catalogue of the *Methode Samenlevingsbeleid* (Circulair Beleid Maken).

Plain data, no Django: the eleven process steps as given in the table "Methode Samenlevingsbeleid –
stap voor stap" (seeds/000), with obvious OCR typos fixed ("aarerebeelden" -> "streefbeelden",
"doelindecatoren" -> "doelindicatoren", "Consuleren" -> "Consulteren", "Doelboom" -> "Doelenboom").
Document names follow the step table in DESIGN.md.

Each entry of ``CATALOGUE`` has:

- ``number``: 1..11, the position of the step in the method;
- ``key``: a stable name for the step that code refers to (step tools register by key, since
  a step's number or name can be edited);
- ``name``: the step ("processtap");
- ``document_name`` / ``document_type``: the process document the step ends in, with a stable slug;
- ``essence``, ``methodology``, ``communication``, ``data_collection``, ``uncertainty_reduction``:
  the table's cells in Dutch; several parts of one cell are separated by newlines;
- ``arenas``: keys from ``ARENAS`` (the "Samenleving / Politiek / Bestuur" row);
- ``checklist``: the separate items of the checklist cell;
- ``beleidskompas``: numbers of the ``BELEIDSKOMPAS_QUESTIONS`` (seeds/003) that the step's
  document helps to answer. This mapping is an editorial judgement, not part of the source table.

A project copies this catalogue when it is created, so a team can adapt its own steps without
changing the method.
"""

ARENAS: list[tuple[str, str]] = [
    ("samenleving", "Samenleving"),
    ("politiek", "Politiek"),
    ("bestuur", "Bestuur"),
]

# The six questions of the national Beleidskompas, in its own order and wording (seeds/003).
BELEIDSKOMPAS_QUESTIONS: list[tuple[int, str]] = [
    (1, "Wat is het probleem?"),
    (2, "Wie zijn belanghebbenden en waarom?"),
    (3, "Wat is het beoogde doel?"),
    (4, "Wat zijn opties om het doel te realiseren?"),
    (5, "Wat zijn de gevolgen van deze opties?"),
    (6, "Wat is de voorkeursoptie?"),
]

CATALOGUE: list[dict] = [
    {
        "number": 1,
        "key": "start",
        "name": "Starten van het proces",
        "document_name": "Plan van aanpak",
        "document_type": "plan_van_aanpak",
        "essence": "Een goed begin is het halve werk",
        "methodology": "Doorbreken status quo",
        "arenas": ["politiek"],
        "communication": "Opdrachtgever/opdrachtnemer\nProjectleider/projectteam",
        "data_collection": "Feiten rondom probleemvermoeden",
        "uncertainty_reduction": "Proces onzekerheden geëlimineerd",
        "checklist": ["Dekking", "Team", "Middelen", "Training"],
        "beleidskompas": [1],
    },
    {
        "number": 2,
        "key": "key_figures",
        "name": "Inventariseren sleutelfiguren",
        "document_name": "Omgevingsanalyse",
        "document_type": "omgevingsanalyse",
        "essence": "Vind de beste sleutelfiguren via een (sub-)functionele analyse",
        "methodology": "Doel stellen: Stap 1\nDoel bereiken: Punt A",
        "arenas": ["samenleving"],
        "communication": "Betrekken relevante omgeving",
        "data_collection": "Kenmerken en gegevens sleutelfiguren",
        "uncertainty_reduction": "Twijfel over de juiste gesprekspartners weggenomen",
        "checklist": [
            "Functionele invalshoeken",
            "Subfunctionele invalshoeken",
            "NAW-gegevens",
            "Usual suspects",
            "Unusual suspects",
        ],
        "beleidskompas": [2],
    },
    {
        "number": 3,
        "key": "interviews",
        "name": "Consulteren sleutelfiguren",
        "document_name": "Oogst consultatieronde",
        "document_type": "oogst_consultatieronde",
        "essence": "Haal waarheid, wijsheid en waarachtigheid op uit de samenleving",
        "methodology": "Doel stellen: Stap 1, 2 en 3a\nDoel bereiken: Punt A en B",
        "arenas": ["samenleving"],
        "communication": "Persoonsgerichte benadering van sleutelfiguren",
        "data_collection": "Door sleutelfiguren aangedragen documenten",
        "uncertainty_reduction": "We laten onwetendheid over het vraagstuk achter ons",
        "checklist": [
            "Voldoende interviewers",
            "Succesvolle briefing",
            "Inlevering verslagen",
        ],
        "beleidskompas": [1, 2],
    },
    {
        "number": 4,
        "key": "harvest",
        "name": "Omvormen oogst consultatieronde",
        "document_name": "Bloemlezing",
        "document_type": "bloemlezing",
        "essence": "Waarheid, wijsheid en waarachtigheid worden integraal ontsloten",
        "methodology": "Doel stellen: Stap 1, 2 en 3a\nDoel bereiken: Punt A en B",
        "arenas": ["samenleving"],
        "communication": (
            "Opdrachtgever, sleutelfiguren en interviewers ontvangen Bloemlezing\nOnline publicatie"
        ),
        "data_collection": "Analyse kenmerken geraadpleegde personen",
        "uncertainty_reduction": "Gebrek aan integraliteit behoort tot het verleden",
        "checklist": [
            "Alle input consultatieronde verwerkt",
            "Heldere inhoudsopgave",
        ],
        "beleidskompas": [1, 2],
    },
    {
        "number": 5,
        "key": "causal_complexes",
        "name": "Ontwerpen oorzakelijke complexen",
        "document_name": "Probleem- en oorzakenanalyse",
        "document_type": "probleem_oorzakenanalyse",
        "essence": "Toegang tot de complexe wereld van het maatschappelijk vraagstuk",
        "methodology": "Doel stellen: Stap 5",
        "arenas": ["samenleving"],
        "communication": "Opdrachtgever\nOnline publicatie",
        "data_collection": "Empirisch en statistisch onderzoek",
        "uncertainty_reduction": "Gebrek aan inzicht in de complexe materie is afgenomen",
        "checklist": [
            "Logisch ontwerp causale relaties",
            "Correcte gelaagdheid (symptomen/oorzaken)",
        ],
        "beleidskompas": [1],
    },
    {
        "number": 6,
        "key": "expert_meetings",
        "name": "Organiseren van expertmeetings",
        "document_name": "Politiek-bestuurlijke interventiepunten",
        "document_type": "interventiepunten",
        "essence": "Validering procesdocumenten en vooruitblik",
        "methodology": "Doel stellen: Stap 4, 5 en 6",
        "arenas": ["samenleving"],
        "communication": "Opdrachtgever\nOnline publicatie",
        "data_collection": "Door experts aangedragen documenten",
        "uncertainty_reduction": "Onzekerheid over draagvlak samenleving is verdwenen",
        "checklist": ["Zijn alle fundamentele vragen beantwoord?"],
        "beleidskompas": [1, 4],
    },
    {
        "number": 7,
        "key": "citizen_dialogues",
        "name": "Organiseren van burgerdialogen",
        "document_name": "Visie en streefbeelden op basis van de Algemene Wil (concept-visie)",
        "document_type": "concept_visie",
        "essence": "Streven naar gezamenlijkheid en verbondenheid",
        "methodology": "Doel stellen: Stap 3b\nDoel bereiken: Punt B",
        "arenas": ["samenleving"],
        "communication": "Oproepen burgers",
        "data_collection": "Aanvullend wetenschappelijke studies",
        "uncertainty_reduction": "Onzekerheid over analytische fase van het proces is weggenomen",
        "checklist": [
            "Voldoende burgers betrokken?",
            "Bijeenkomsten in alle vrijheid verlopen?",
        ],
        "beleidskompas": [2, 3],
    },
    {
        "number": 8,
        "key": "political_meeting",
        "name": "Organiseren politieke bijeenkomst",
        "document_name": "Visie en streefbeelden op basis van het Algemeen Belang (visienota)",
        "document_type": "visienota",
        "essence": "Politieke sanctivering van de Algemene Wil",
        "methodology": "Doel stellen: Stap 3c\nDoel bereiken: Punt B",
        "arenas": ["politiek"],
        "communication": "Openbare bijeenkomst",
        "data_collection": "Overzicht bestaand beleid",
        "uncertainty_reduction": "Onzekerheid over draagvlak samenleving is verdwenen",
        "checklist": [
            "Politiek-bestuurlijke afweging",
            "Rechtvaardigheidstoets",
        ],
        "beleidskompas": [3],
    },
    {
        "number": 9,
        "key": "decision_making",
        "name": "Organiseren besluitvormingsproces",
        "document_name": "Doelenboom, inclusief middelen (beleidsnota)",
        "document_type": "doelenboom",
        "essence": "Politiek-bestuurlijke afwegingen",
        "methodology": "Doel stellen: Stap 6\nDoel bereiken: Punt B en Route van A naar B",
        "arenas": ["politiek", "bestuur"],
        "communication": "Openbare bijeenkomst",
        "data_collection": "Data die betrekking hebben op doelindicatoren",
        "uncertainty_reduction": "Onzekerheid over haalbaarheid is gereduceerd",
        "checklist": [
            "Doelenboom",
            "Logische opbouw van concreet naar abstract",
        ],
        "beleidskompas": [3, 4, 6],
    },
    {
        "number": 10,
        "key": "actions",
        "name": "Formuleren en uitwerken van acties",
        "document_name": "Actieboek",
        "document_type": "actieboek",
        "essence": "Acties gericht op het wegnemen van oorzaken",
        "methodology": "Doel stellen: Stap 7\nDoel bereiken: Route van A naar B, bandbreedte",
        "arenas": ["bestuur"],
        "communication": "Betrekken organisaties en personen die rol hebben in de uitvoering",
        "data_collection": "Data die betrekking hebben op uitvoeringsindicatoren",
        "uncertainty_reduction": (
            "Onzekerheid of beleid daadwerkelijk wordt uitgevoerd is afgenomen"
        ),
        "checklist": ["Actieformulieren volledig en goed ingevuld"],
        "beleidskompas": [4, 5],
    },
    {
        "number": 11,
        "key": "implementation_plan",
        "name": "Schrijven uitvoeringsplan",
        "document_name": "Uitvoeringsplan",
        "document_type": "uitvoeringsplan",
        "essence": "Beleid uitvoeringsgereed maken",
        "methodology": "Doel bereiken: Route van A naar B, bandbreedte",
        "arenas": ["bestuur"],
        "communication": "Online publicatie",
        "data_collection": "Opzetten gegevensbanken",
        "uncertainty_reduction": (
            "Onzekerheid of beleid daadwerkelijk wordt uitgevoerd is verder afgenomen"
        ),
        "checklist": [
            "Uitvoeringsorganisatie",
            "Aansturing uitvoering",
        ],
        "beleidskompas": [5, 6],
    },
]


# The steps' keys in the method's order.
STEP_KEYS: list[str] = [step["key"] for step in CATALOGUE]
