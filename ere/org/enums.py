from django.db import models


class Role(models.TextChoices):
    AGENT = "agent", "Conseiller"
    CHAMPION = "champion", "Référent numérique"
    TRAINER = "trainer", "Formateur"
    MANAGER = "manager", "Manager"
    ANALYST = "analyst", "Analyste territorial"
    ADMIN = "admin", "Administrateur"


class Specialty(models.TextChoices):
    EMPLOYERS = "employers", "Conseiller à dominante entreprises"
    JOB_SEEKERS = "job_seekers", "Conseiller à dominante demandeurs d'emploi"
