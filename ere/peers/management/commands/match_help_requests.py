from django.core.management.base import BaseCommand

from ere.peers import requests


class Command(BaseCommand):
    help = (
        "Propose les demandes d'aide en attente aux collègues disponibles (toutes ensemble, pour la meilleure "
        "répartition), après avoir fait passer à un autre collègue celles restées sans réponse à temps. À lancer "
        "toutes les quelques minutes ; sans effet quand il n'y a rien à faire."
    )

    def handle(self, *args, **options):
        summary = requests.dispatch()
        if options["verbosity"] > 1:
            for proposal in summary.proposals:
                self.stdout.write(f"Demande n° {proposal.request_id} proposée à {proposal.candidate.get_full_name()}")
            for help_request in summary.unmatched:
                self.stdout.write(f"Demande n° {help_request.pk} : aucun collègue disponible sur {help_request.tool}")
        if options["verbosity"] > 0:
            self.stdout.write(f"Demandes d'aide : {summary}.")
