"""Load ``catalogue.CATALOGUE`` into the method tables (used by the data migration)."""

from .catalogue import CATALOGUE


def load_catalogue(MethodStep, MethodChecklistItem) -> None:
    """Create or update the eleven method steps; takes model classes so migrations can use it
    (a historical model from before steps had keys gets none)."""
    has_key = any(f.name == "key" for f in MethodStep._meta.get_fields())
    for entry in CATALOGUE:
        step, _created = MethodStep.objects.update_or_create(
            number=entry["number"],
            defaults={
                "name": entry["name"],
                "document_name": entry["document_name"],
                "document_type": entry["document_type"],
                "essence": entry["essence"],
                "methodology": entry["methodology"],
                "in_society": "samenleving" in entry["arenas"],
                "in_politics": "politiek" in entry["arenas"],
                "in_administration": "bestuur" in entry["arenas"],
                "communication": entry["communication"],
                "data_collection": entry["data_collection"],
                "uncertainty_reduction": entry["uncertainty_reduction"],
                "beleidskompas": entry.get("beleidskompas", []),
                **({"key": entry["key"]} if has_key else {}),
            },
        )
        MethodChecklistItem.objects.filter(step=step).delete()
        MethodChecklistItem.objects.bulk_create(
            MethodChecklistItem(step=step, position=i, text=text)
            for i, text in enumerate(entry["checklist"], start=1)
        )
