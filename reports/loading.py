"""Loading a year's YAML (fixtures/<year>/*.yaml): the edition itself, and the helper every app's loader uses.

workreport.loading reads the files and calls each app's `load` (see reports.parts) in one transaction.
"""
from django.core.exceptions import ValidationError

from reports.models import PurposeBusiness, ReportEdition


def save_checked(obj, where):
    """Validate and save obj; a validation error is re-raised with the YAML line it came from."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(f"{where}: {' '.join(error.messages)}") from error
    obj.save()
    return obj


def load_edition(data: dict) -> ReportEdition:
    """edition.yaml: the cover, 설립목적 and the numbered 목적사업."""
    edition = save_checked(ReportEdition(
        year=data["year"],
        title=data["title"],
        issued_on=data["issued_on"],
        figures_as_of=data["figures_as_of"],
        organisation_name=data["organisation_name"],
        purpose=data["purpose"],
        purpose_source=data.get("purpose_source", ""),
    ), "edition.yaml")
    for order, text in enumerate(data.get("purpose_businesses", []), start=1):
        save_checked(PurposeBusiness(edition=edition, order=order, text=text), f"edition.yaml 목적사업 {order}")
    return edition
