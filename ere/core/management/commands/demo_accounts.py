from django.conf import settings
from django.core.management.base import BaseCommand

from ere.core.demo import DEMO_ACCOUNTS
from ere.org.enums import Role
from ere.org.models import Region, User


def perimeter(user):
    """What the account sees, in words: its territory, its agency, the region or the whole platform."""
    if user is None:
        return "non chargé (lancez « make demo »)"
    if user.is_superuser or user.role == Role.ADMIN:
        return "Toute la plateforme"
    if user.territory_scope_id:
        return user.territory_scope.name
    if user.agency_id:
        return user.agency.name
    if user.role == Role.ANALYST:
        region = Region.objects.order_by("pk").first()
        return region.name if region else "Toute la région"
    return "—"


class Command(BaseCommand):
    help = "Affiche les comptes de démonstration et leur mot de passe."

    def handle(self, *args, **options):
        users = User.objects.select_related("agency", "territory_scope").in_bulk(
            [account["email"] for account in DEMO_ACCOUNTS], field_name="email"
        )
        headers = ("E-mail", "Rôle", "Périmètre", "Mot de passe")
        rows = [
            (account["email"], account["label"], perimeter(users.get(account["email"])), settings.ERE_DEMO_PASSWORD)
            for account in DEMO_ACCOUNTS
        ]
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

        def line(cells):
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write("Comptes de démonstration :")
        self.stdout.write(line(headers))
        self.stdout.write(line("─" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))
