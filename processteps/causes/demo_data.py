"""The demo's causal complex (Aanpak Migratievraagstuk, step 5): plain data, no Django.

``FACTORS``: (key, statement, kind, complex, fragments, who). ``kind`` is S(ymptom), C(ause)
or R(oot cause); ``complex`` one of ``COMPLEXES``; ``fragments`` are the beginnings of the
demo's consultation fragments cited as evidence (see ``consultation.demo_data``); ``who`` says
whose own analysis proposes it: "m" (the team member), "l" (the leader's own analysis), "ml"
(both), "t" (added by the leader in the team analysis after merging). ``KIND_OF`` gives the
member's different view of a factor (a disagreement the comparison shows).

``LINKS``: (cause key, effect key, polarity, confidence, rationale, who); ``who`` as above.
``REVERSED`` is a link the leader's own analysis draws the other way round; the leader drops
that direction from the team analysis after the merge. ``LOOP`` is the link the leader marks
as a deliberate reinforcing loop.
"""

COMPLEXES = [
    ("Opvang en huisvesting", "Van de opvang naar een eigen woning.", "Opvang en huisvesting"),
    ("Werk en meedoen", "Taal, werk en aansluiting in de buurt.", "Arbeid en economie"),
    ("Draagvlak en vertrouwen", "Hoe de buurt en de overheid tegenover elkaar staan.",
     "Draagvlak en polarisatie"),
]  # fmt: skip
HOUSING, WORK, TRUST = (c[0] for c in COMPLEXES)

S, C, R = "symptom", "cause", "root_cause"

FACTORS = [
    # Opvang en huisvesting.
    ("wait", "Statushouders wachten maanden in het azc op een woning", S, HOUSING,
     ["Mensen die al een verblijfsvergunning hebben"], "ml"),
    ("emergency", "Noodopvang gaat steeds opnieuw open en weer dicht", S, HOUSING,
     ["Rijnhoven heeft in twee jaar"], "ml"),
    ("houses", "Te weinig betaalbare woningen in de gemeente", C, HOUSING,
     ["Bouw flexwoningen voor iedereen"], "ml"),
    ("yearly", "Gemeenten plannen de opvang van jaar tot jaar", C, HOUSING,
     ["Gemeenten die wel meewerken"], "l"),
    ("outflow", "De doorstroming uit het azc stokt", C, HOUSING, [], "ml"),
    ("moves", "Gezinnen verhuizen vaak van azc naar azc", C, HOUSING,
     ["Elke verhuizing van azc naar azc"], "m"),
    ("target", "De taakstelling voor huisvesting is niet meerjarig", R, HOUSING,
     ["Maak de taakstelling meerjarig"], "l"),
    ("building", "Er wordt structureel te weinig gebouwd", R, HOUSING,
     ["Wie hier werkt, hoort hier fatsoenlijk te kunnen wonen"], "t"),
    ("procedure", "Trage asielprocedures houden mensen jaren in onzekerheid", R, HOUSING,
     ["Investeer in de voorkant", "Zorgvuldigheid en snelheid"], "ml"),
    # Werk en meedoen.
    ("nowork", "Veel statushouders hebben geen betaald werk", S, WORK,
     ["Ik heb vacatures die al een jaar openstaan"], "m"),
    ("withdraw", "Nieuwkomers trekken zich terug uit de buurt", S, WORK,
     ["De eerste maanden bepalen"], "m"),
    ("diplomas", "Buitenlandse diploma's worden laat of niet erkend", C, WORK,
     ["Ik was verpleegkundige in Aleppo"], "m"),
    ("rules", "De regels voor werken tijdens de procedure zijn ingewikkeld", C, WORK,
     ["De regels rond werken tijdens de asielprocedure"], "ml"),
    ("language", "Nieuwkomers leren de taal langzaam", C, WORK,
     ["Taal leren ze op de bouwplaats"], "ml"),
    ("contacts", "Een gezin heeft veel wisselende contactpersonen", C, WORK,
     ["Een gezin heeft soms zes verschillende contactpersonen"], "ml"),
    ("invites", "Werkgevers nodigen nieuwkomers minder vaak uit voor een gesprek", C, WORK,
     ["Mensen met een migratieachtergrond worden bij gelijke diploma"], "m"),
    ("recognition", "Erkenning van diploma's is niet op de werkvloer ingericht", R, WORK,
     ["Snellere erkenning van diploma's"], "m"),
    ("reunion", "Gezinshereniging duurt lang", R, WORK,
     ["Al die tijd wist ik niet of mijn vrouw", "Behandel gezinshereniging met voorrang"], "m"),
    ("fragmented", "De begeleiding is versnipperd over instanties", R, WORK,
     ["Eén vaste begeleider per huishouden"], "ml"),
    # Draagvlak en vertrouwen.
    ("unrest", "Onvrede in de wijken over de komst van nieuwkomers", S, TRUST,
     ["Het gevoel van concurrentie om woningen"], "ml"),
    ("polarised", "Het debat over migratie is gepolariseerd", S, TRUST,
     ["Het beeld in de media is zwart-wit"], "l"),
    ("competition", "Bewoners voelen concurrentie om woningen", C, TRUST,
     ["Het gevoel van concurrentie om woningen"], "ml"),
    ("late", "Omwonenden worden laat betrokken bij opvang", C, TRUST,
     ["De buurt hoorde via de krant"], "ml"),
    ("promises", "De overheid doet niet altijd wat zij de buurt belooft", C, TRUST,
     ["Betrouwbaarheid: als overheid"], "l"),
    ("media", "Media tonen een zwart-wit beeld van migratie", C, TRUST, [], "l"),
    ("distrust", "Weinig vertrouwen tussen buurt en overheid", R, TRUST,
     ["Ze zijn niet tegen vluchtelingen"], "l"),
    ("numbers", "Het debat gaat over aantallen in plaats van over mensen", R, TRUST,
     ["Het debat gaat over aantallen"], "t"),
]  # fmt: skip

# The member sees the felt competition for houses as a symptom, not a cause.
KIND_OF = {("m", "competition"): S}

STRONG, WEAK = "strengthens", "weakens"
LINKS = [
    ("houses", "outflow", STRONG, "high", "Zonder woning geen uitstroom uit het azc.", "ml"),
    ("outflow", "wait", STRONG, "high", "", "ml"),
    ("outflow", "emergency", STRONG, "medium", "Een vol azc dwingt tot noodopvang.", "l"),
    ("yearly", "emergency", STRONG, "high", "", "l"),
    ("moves", "withdraw", STRONG, "medium", "Elke verhuizing breekt net gelegde contacten.", "m"),
    ("outflow", "moves", STRONG, "medium", "", "m"),
    ("target", "yearly", STRONG, "high", "", "l"),
    ("building", "houses", STRONG, "high", "", "t"),
    ("procedure", "outflow", STRONG, "medium", "", "ml"),
    ("procedure", "wait", STRONG, "low", "", "m"),
    ("diplomas", "nowork", STRONG, "high", "", "m"),
    ("rules", "nowork", STRONG, "medium", "", "ml"),
    ("language", "nowork", STRONG, "high", "", "ml"),
    ("language", "withdraw", STRONG, "medium", "", "m"),
    ("contacts", "withdraw", STRONG, "medium", "", "ml"),
    ("contacts", "language", WEAK, "low", "Versnipperde begeleiding remt het taalleren.", "m"),
    ("invites", "nowork", STRONG, "medium", "", "m"),
    ("recognition", "diplomas", STRONG, "high", "", "m"),
    ("reunion", "language", STRONG, "medium", "Wie zijn gezin mist, heeft zijn hoofd niet vrij.",
     "m"),
    ("fragmented", "contacts", STRONG, "high", "", "ml"),
    ("competition", "unrest", STRONG, "high", "", "ml"),
    ("houses", "competition", STRONG, "high", "Schaarste maakt van nieuwkomers concurrenten.",
     "ml"),
    ("late", "unrest", STRONG, "high", "", "ml"),
    ("promises", "unrest", STRONG, "medium", "", "l"),
    ("late", "promises", STRONG, "medium", "", "l"),
    ("promises", "late", STRONG, "low", "Wie de buurt niet vertrouwt, betrekt haar laat.", "t"),
    ("media", "polarised", STRONG, "high", "", "l"),
    ("competition", "polarised", STRONG, "low", "", "l"),
    ("distrust", "promises", STRONG, "medium", "", "l"),
    ("numbers", "media", STRONG, "medium", "", "t"),
]  # fmt: skip

# The leader's own analysis draws this one the other way round (cause ← effect).
REVERSED = ("contacts", "language")
# The leader accepts late involvement ↔ broken promises as a reinforcing loop.
LOOP = ("promises", "late")

PROBLEM_STATEMENT = (
    "Nieuwkomers komen in de gemeente vast te zitten: in de opvang, op weg naar werk en in de "
    "buurt. De buurt en de overheid vertrouwen elkaar te weinig om dat samen op te lossen."
)

ANALYSIS_SECTIONS = {
    "inleiding": (
        "<p>Deze probleem- en oorzakenanalyse zet de oogst van de consultatieronde om in een "
        "model van het probleem: symptomen bovenaan, oorzaken eronder en grondoorzaken onderaan. "
        "Het projectteam maakte eerst ieder een eigen analyse; de projectleider voegde ze samen "
        "tot deze teamanalyse, in drie oorzakelijke complexen.</p>"
    ),
    "symptomen": (
        "<p>Wat iedereen ziet: lange wachttijden in de opvang, steeds nieuwe noodopvang, weinig "
        "werk, nieuwkomers die zich terugtrekken en onvrede in de wijken.</p>"
    ),
    "oorzaken": (
        "<p>De grondoorzaken liggen in hoe we plannen en bouwen, in trage procedures en "
        "versnipperde begeleiding, en in het gebrek aan vertrouwen tussen buurt en overheid. "
        "Late betrokkenheid en gebroken beloften versterken elkaar: een bewuste lus.</p>"
    ),
}
