"""ERE Digitale settings: one module, driven by environment variables (see .env.example and docs/configuration.md).

Defaults suit a developer's machine (SQLite under var/, DEBUG on). Production sets DEBUG=False, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL; everything secure follows from DEBUG being off.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a boolean: only true/false (any case), 1/0 or an empty value are accepted."""
    value = os.getenv(name, "").strip().lower()
    if value == "":
        return default
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise ImproperlyConfigured(f"{name} doit valoir true ou false (reçu : {value!r})")


def envint(name, default):
    value = os.getenv(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as e:
        raise ImproperlyConfigured(f"{name} doit être un nombre entier (reçu : {value!r})") from e


def envlist(name, default=""):
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def envsecret(name, default=None):
    """Read NAME, or the content of the file named by NAME_FILE (for secrets mounted as files)."""
    if path := os.getenv(f"{name}_FILE"):
        return Path(path).read_text(encoding="utf-8").strip()
    return os.getenv(name, default)


DEBUG = envbool("DEBUG", True)
VAR_DIR = Path(os.getenv("VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY est obligatoire quand DEBUG=false")
    SECRET_KEY = "insecure-dev-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "widget_tweaks",
    "dsfr",
    # After dsfr: its templates of Django's widgets (django/forms/widgets/radio_option.html…) must win.
    "django.forms",
    "django_htmx",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "ere.core",
    "ere.org",
    "ere.catalog",
    "ere.usage",
    "ere.skills",
    "ere.practice",
    "ere.roleplay",
    "ere.peers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ere.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it must see the outcome of the authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ere" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ere.core.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'ere.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    # Cancel any statement that runs away, as les-emplois does.
    DATABASES["default"]["OPTIONS"]["options"] = (
        f"-c statement_timeout={envint('DATABASE_STATEMENT_TIMEOUT_MS', 30000)}"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout so that the web server and the worker can share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.getenv("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ere_cache"}
    )
}

# Background tasks: the database backend runs everywhere (worker: `manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    }
}

# Authentication
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Failed logins: after AXES_FAILURE_LIMIT failures for one account from one address, wait AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Count failures per address whatever its case, as the login itself ignores case.
AXES_USERNAME_CALLABLE = "ere.org.views.axes_username"
AXES_LOCKOUT_CALLABLE = "ere.org.views.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions and cookies
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 60 * 60 * 10)  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE = not DEBUG
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", SECURE)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", SECURE)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# The header consents to the browsers' preload list (the registration itself is a separate step at hstspreload.org).
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_HSTS_INCLUDE_SUBDOMAINS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if os.getenv("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER"], "https")

# E-mail: printed in the console unless an SMTP server is configured.
EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.getenv("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "ERE Digitale <ne-pas-repondre@ere-digitale.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Internationalisation
LANGUAGE_CODE = "fr-FR"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y à H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# Static files, served by whitenoise in production.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.min.js from the plotly package: the site works on an isolated network, no CDN.
    "ere.core.staticfinders.PackageFileFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Product settings
ERE_SITE_TITLE = "ERE Digitale"
ERE_SITE_TAGLINE = "Maîtriser ses outils numériques, rendre l'offre numérique lisible"
# A tool launched or announced within this many days shows in « Nouveautés ».
ERE_NEWS_DAYS = envint("ERE_NEWS_DAYS", 60)
# Usage map (ere.usage)
USAGE_LAKE_DIR = Path(os.getenv("USAGE_LAKE_DIR", VAR_DIR / "lake"))
# Key of the HMAC that pseudonymises agent identifiers in usage data. Required in production; changing it makes
# past and future events of one agent look like two agents.
USAGE_HMAC_KEY = envsecret("USAGE_HMAC_KEY") or ("" if not DEBUG else "insecure-dev-usage-key")
if not USAGE_HMAC_KEY:
    raise ImproperlyConfigured("USAGE_HMAC_KEY est obligatoire quand DEBUG=false")
# Groups with fewer agents than this are suppressed in every manager/analyst page, export and API.
USAGE_MIN_GROUP = envint("USAGE_MIN_GROUP", 5)
# Raw usage events older than this are deleted by `purge_usage` (run it daily).
USAGE_RETENTION_DAYS = envint("USAGE_RETENTION_DAYS", 395)

# Role-plays (ere.roleplay): local speech-to-text of uploaded call recordings, never an external service. A
# faster-whisper model name or directory (e.g. "small" already in the local cache, or /srv/models/whisper-small);
# empty = no transcription, a transcript must be uploaded. Needs the optional extra: pip install -e ".[audio]".
ROLEPLAY_WHISPER_MODEL = os.getenv("ROLEPLAY_WHISPER_MODEL", "")
ROLEPLAY_WHISPER_DEVICE = os.getenv("ROLEPLAY_WHISPER_DEVICE", "cpu")
# Largest recording accepted (MB) and largest transcript file (kB).
ROLEPLAY_MAX_AUDIO_MB = envint("ROLEPLAY_MAX_AUDIO_MB", 200)
ROLEPLAY_MAX_TRANSCRIPT_KB = envint("ROLEPLAY_MAX_TRANSCRIPT_KB", 2048)

# Entraide (ere.peers): requests a helper gets in a week unless they opt in to more (their own setting, this is
# the default), and how long a proposed colleague has to answer before the request moves on, by urgency (hours).
PEERS_WEEKLY_CAP = envint("PEERS_WEEKLY_CAP", 3)
PEERS_ANSWER_HOURS = {
    "high": envint("PEERS_ANSWER_HOURS_HIGH", 1),
    "normal": envint("PEERS_ANSWER_HOURS_NORMAL", 8),
    "low": envint("PEERS_ANSWER_HOURS_LOW", 48),
}

# Local passwords of the demo accounts (load_demo); never used outside a demo.
ERE_DEMO_PASSWORD = os.getenv("ERE_DEMO_PASSWORD", "demo-ere-2026")
