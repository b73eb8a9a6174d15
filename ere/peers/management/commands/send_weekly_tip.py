import datetime

from django.core.management.base import BaseCommand, CommandError

from ere.peers import posts


class Command(BaseCommand):
    help = (
        "Choisit « l'astuce de la semaine » (l'astuce visible et à jour la plus utile, pas choisie depuis 8 semaines) "
        "et l'envoie une fois par semaine : une notification à chaque utilisateur d'Entraide, un e-mail à ceux qui "
        "le souhaitent. Relancée la même semaine, elle n'envoie rien. À lancer le lundi matin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            metavar="AAAA-MM-JJ",
            help="Un jour de la semaine à traiter (par défaut aujourd'hui, heure de Paris).",
        )

    def handle(self, *args, date, **options):
        day = None
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date : date invalide « {date} », attendu AAAA-MM-JJ.") from None
        result = posts.send_weekly_tip(posts.week_of(day))
        self.stdout.write(posts.digest_summary(result))
