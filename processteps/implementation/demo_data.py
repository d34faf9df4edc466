"""The material of the implementation plan's part of the demo ("Aanpak Migratievraagstuk")."""

# (name, kind, role, task, party kind)
BODIES = [
    ("Stuurgroep Aanpak Migratie", "body", "steering",
     "Stelt elk jaar de prioriteiten vast, besluit over bijsturing en legt verantwoording af "
     "aan de opdrachtgever.", "overheden"),
    ("Projectleider uitvoering", "person", "steering",
     "Stuurt de uitvoerders dagelijks aan, bewaakt planning en budget en bereidt de "
     "stuurgroep voor.", ""),
    ("Uitvoeringsteam Samenwereld", "body", "execution",
     "Voert de acties uit het actieboek uit en houdt de gegevensbank bij.",
     "maatschappelijke_organisaties"),
    ("Gemeente, afdeling Wonen", "body", "execution",
     "Zorgt voor woonruimte en vergunningen voor de acties rond huisvesting.", "overheden"),
    ("VluchtelingenWerk", "body", "execution",
     "Begeleidt nieuwkomers bij taal, werk en meedoen in de wijk.",
     "maatschappelijke_organisaties"),
    ("Adviesraad nieuwkomers", "body", "advice",
     "Geeft gevraagd en ongevraagd advies over de uitvoering vanuit de nieuwe inwoners.",
     "nieuwe_inwoners"),
]  # fmt: skip

# (kind, title, frequency, responsible, audience, purpose)
MOMENTS = [
    ("meeting", "Stuurgroepoverleg", "monthly", "Projectleider uitvoering",
     "Stuurgroep Aanpak Migratie", "Voortgang per actie, risico's en besluiten over bijsturing."),
    ("meeting", "Uitvoeringsoverleg", "fortnightly", "Projectleider uitvoering",
     "Uitvoeringsteam Samenwereld", "Afstemming tussen de uitvoerders; knelpunten oplossen."),
    ("report", "Voortgangsrapportage", "quarterly", "Uitvoeringsteam Samenwereld",
     "Stuurgroep Aanpak Migratie", "Status van elke actie en de stand van de indicatoren."),
    ("report", "Jaarverslag aan de opdrachtgever", "yearly", "Stuurgroep Aanpak Migratie", "",
     "Wat is bereikt, wat is bijgestuurd, wat volgend jaar voorrang krijgt."),
]  # fmt: skip

SITUATIONS = {
    "wonen": "Statushouders wachten gemiddeld meer dan een jaar op een woning; de "
    "taakstelling wordt niet gehaald.",
    "werken": "Veel nieuwkomers hebben geen betaald werk; diploma's worden zelden erkend.",
    "integreren": "Er is weinig contact tussen buurtbewoners en nieuwkomers.",
    "veiligheid": "Bewoners rond de opvanglocatie voelen zich niet gehoord.",
}

# The statuses the demo's actions get, in turn: (status, note).
STATUSES = [
    ("running", ""),
    ("done", "Opgeleverd volgens planning."),
    ("delayed", "Vergunning laat verleend; start schuift een kwartaal op."),
    ("running", ""),
    ("planned", ""),
    ("stopped", "Samengevoegd met een andere actie."),
]

SECTIONS = {
    "inleiding": (
        "<p>Dit uitvoeringsplan maakt het beleid uitvoeringsgereed: wie stuurt, wie voert uit, "
        "in welk ritme wordt bijgestuurd, wanneer gebeurt wat en hoe volgen we of het werkt. "
        "Het is samengesteld uit het actieboek, de doelenboom en de gegevensbank van het "
        "project.</p>"
    ),
}

# The kind of party of an action's owner, guessed from a word in its name (for the framework's
# "betrokken partijen" table); the first match wins.
PARTY_KIND_WORDS = [
    ("gemeente", "overheden"),
    ("uwv", "overheden"),
    ("coa", "overheden"),
    ("provincie", "overheden"),
    ("woningcorporatie", "instellingen"),
    ("roc", "instellingen"),
    ("school", "instellingen"),
    ("bibliotheek", "instellingen"),
    ("ondernemer", "ondernemers"),
    ("bewoners", "burgers"),
    ("vluchtelingenwerk", "maatschappelijke_organisaties"),
    ("welzijn", "maatschappelijke_organisaties"),
    ("stichting", "maatschappelijke_organisaties"),
]
