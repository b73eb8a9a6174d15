import importlib
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from ere.core.demo import DEFAULT_SEED, DEMO_ACCOUNT_EMAILS, DEMO_EMAIL_DOMAIN, LOADERS
from ere.org.models import User


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (organisation, catalogue…). Idempotent : une deuxième exécution "
        "ne crée rien de plus."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"graine du tirage aléatoire (par défaut {DEFAULT_SEED}). Une autre graine tire d'autres agents : "
            "sur une base déjà chargée, ils s'ajoutent aux premiers.",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="redonne à tous les comptes de démonstration le mot de passe ERE_DEMO_PASSWORD",
        )

    def handle(self, *args, seed, reset_passwords, **options):
        started = time.monotonic()
        self.stdout.write(f"Chargement des données de démonstration (graine {seed})…")
        with transaction.atomic():
            for path in LOADERS:
                # Each loader draws from its own generator, so that what one loader draws never shifts another's
                # data (adding a module later leaves the existing demo unchanged).
                rng = random.Random(f"{seed}:{path}")
                importlib.import_module(path).load(rng, self.stdout)
            if reset_passwords:
                count = User.objects.filter(
                    Q(email__in=DEMO_ACCOUNT_EMAILS) | Q(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
                ).update(password=make_password(settings.ERE_DEMO_PASSWORD))
                self.stdout.write(f"Mots de passe : {count} comptes réinitialisés")
        elapsed = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Données de démonstration prêtes en {elapsed} s."))
