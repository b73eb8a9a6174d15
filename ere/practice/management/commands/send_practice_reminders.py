import datetime

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from ere.core.demo import plural
from ere.practice.models import week_start
from ere.practice.tasks import due_reminders, paris_today, send_practice_reminder


class Command(BaseCommand):
    help = (
        "Envoie le rappel du quart d'heure de pratique aux agents des agences dont le créneau d'équipe tombe "
        "aujourd'hui et qui ne l'ont pas encore fait cette semaine (un rappel par semaine au plus). À lancer chaque "
        "jour ouvré, le matin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            metavar="AAAA-MM-JJ",
            help="Le jour à traiter (par défaut aujourd'hui, heure de Paris). Les rappels ne partent que ce jour-là : "
            "un autre jour, ils sont comptés « sans objet ».",
        )

    def handle(self, *args, date, **options):
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date : date invalide « {date} », attendu AAAA-MM-JJ.") from None
        else:
            today = paris_today()
        slots, agents, finished, reminded = due_reminders(today)
        week = week_start(today).isoformat()
        results = {}
        for n, user in enumerate(agents, start=1):
            result = send_practice_reminder.enqueue(user.pk, week, today.isoformat(), user.agency_id)
            if result.status == TaskResultStatus.SUCCESSFUL:
                status = result.return_value
            else:
                status = "failed" if result.status == TaskResultStatus.FAILED else "queued"
            results[status] = results.get(status, 0) + 1
            if n % 100 == 0:
                self.stdout.write(f"… {n} sur {len(agents)}")
        sent, queued, failed = (results.get(key, 0) for key in ("sent", "queued", "failed"))
        # Due when listed, no longer when the task ran: another day, a quarter finished or a reminder sent meanwhile…
        moot = sum(results.values()) - sent - queued - failed
        self.stdout.write(
            f"Rappels du quart d'heure du {today:%d/%m/%Y} : {plural(len(slots), 'agence')} dont le créneau est "
            f"aujourd'hui, {plural(sent, 'rappel envoyé', 'rappels envoyés')}"
            + (f", {plural(queued, 'rappel mis', 'rappels mis')} en file d'attente" if queued else "")
            + (f", {plural(failed, 'envoi a', 'envois ont')} échoué" if failed else "")
            + (f", {plural(moot, 'rappel', 'rappels')} sans objet" if moot else "")
            + f" ; {plural(finished, 'agent a', 'agents ont')} déjà fait {'leur' if finished > 1 else 'son'} quart "
            "d'heure, "
            f"{plural(reminded, 'agent a', 'agents ont')} déjà reçu le rappel de la semaine."
        )
