"""Importing usage events: the one entry point of the command, the upload page, the collector API and the task.

Order of work, so that a failure anywhere writes nothing: validate and prepare the whole input in memory (DuckDB);
then, holding the lake's lock, deduplicate and write the Parquet files aside; then, in one database transaction,
count the raw applications, mark the import done and move the files into place. If the transaction fails, the moved
files are removed again.
"""

import logging
import shutil
import tempfile
import threading
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F
from django.utils import timezone

from ere.catalog.models import Tool
from ere.usage import lake
from ere.usage.enums import ImportFormat, ImportStatus
from ere.usage.imports import pipeline
from ere.usage.imports.errors import ImportRejected, plural
from ere.usage.imports.mapping import Mapper, Rule
from ere.usage.models import MappingRule, RawApplication, UsageImport

logger = logging.getLogger(__name__)

UNEXPECTED = "Erreur inattendue pendant l'import : rien n'a été écrit. L'équipe technique peut en trouver le détail."


def current_mapper():
    """The admin's mapping rules, in order, and the catalogue's slugs."""
    rules = [
        Rule(field=rule.field, kind=rule.kind, pattern=rule.pattern, tool=rule.tool.slug, label=f"n° {rule.pk}")
        for rule in MappingRule.objects.select_related("tool")
    ]
    return Mapper(rules, Tool.objects.values_list("slug", flat=True))


def import_file(path, format="auto", agent=None, source=None, user=None, progress=None, usage_import=None):
    """Import a usage file into the lake; returns its UsageImport (status DONE or FAILED, never raises on bad input).

    `usage_import` is an existing row to fill (the background task creates it at upload); `progress(percent)` is
    called as the import moves on. The returned object also has `unmapped`: raw application names of this file
    still « à rattacher ».
    """
    path = Path(path)
    usage_import = usage_import or UsageImport(
        source=(source or path.name)[:120], filename=path.name[:255], format=format or ImportFormat.AUTO,
        created_by=user,
    )  # fmt: skip
    usage_import.filename = usage_import.filename or path.name[:255]

    def prepare(con, report):
        if not path.is_file():
            raise ImportRejected(f"Fichier introuvable : {path}.")
        fmt = format if format not in (None, "", ImportFormat.AUTO) else pipeline.detect_format(path)
        name = source or ("activitywatch" if fmt == ImportFormat.ACTIVITYWATCH else usage_import.filename)
        usage_import.source = name[:120]
        usage_import.format = fmt
        return pipeline.prepare(
            con, path=path, fmt=fmt, agent=agent, source=name, mapper=current_mapper(),
            hmac_key=settings.USAGE_HMAC_KEY, progress=report,
        )  # fmt: skip

    return _run(usage_import, prepare, progress)


def import_records(records, source, agent=None, user=None, progress=None, usage_import=None):
    """Import a JSON batch (a list of dicts with the canonical keys), e.g. from the collector API."""
    usage_import = usage_import or UsageImport(source=str(source)[:120], format=ImportFormat.API, created_by=user)

    def prepare(con, report):
        return pipeline.prepare(
            con, records=records, agent=agent, source=str(source), mapper=current_mapper(),
            hmac_key=settings.USAGE_HMAC_KEY, progress=report,
        )  # fmt: skip

    return _run(usage_import, prepare, progress)


def _run(usage_import, prepare, progress):
    usage_import.status = ImportStatus.RUNNING
    usage_import.progress = 0
    usage_import.errors = []
    usage_import.save()
    usage_import.unmapped = []

    owner = threading.get_ident()
    # Progress also comes from pipeline.watching()'s polling thread. That thread writes to the database only when
    # this one holds no transaction (it would wait for its lock), and closes its own connection each time.
    share = not transaction.get_connection().in_atomic_block

    def report(percent):
        if percent <= usage_import.progress and percent:
            return
        usage_import.progress = percent
        if threading.get_ident() == owner:
            UsageImport.objects.filter(pk=usage_import.pk).update(progress=percent)
        elif share:
            try:
                UsageImport.objects.filter(pk=usage_import.pk).update(progress=percent)
            finally:
                connections.close_all()
        if progress:
            progress(percent)

    work_root = lake.lake_dir() / ".work"
    work_root.mkdir(parents=True, exist_ok=True)
    work_dir = Path(tempfile.mkdtemp(prefix=f"import-{usage_import.pk}-", dir=work_root))
    con = None
    try:
        con = pipeline.connect(work_dir)
        if progress:
            progress(0)
        prepared = prepare(con, report)
        usage_import.rows, usage_import.dropped = prepared.rows, prepared.dropped
        with lake.locked():
            with pipeline.watching(con, report, 50, 90):
                staging = lake.stage(con, prepared, usage_import.pk)
            report(90)
            _commit(usage_import, staging, prepared.raw_names)
        if progress:
            progress(100)
    except ImportRejected as rejected:
        _fail(usage_import, rejected.errors)
    except Exception:
        logger.exception("Usage import %s failed", usage_import.pk)
        _fail(usage_import, [UNEXPECTED])
    finally:
        if con is not None:
            con.close()
        shutil.rmtree(work_dir, ignore_errors=True)
    return usage_import


def _commit(usage_import, staging, raw_names):
    """Count raw applications, mark the import done and publish its files: together or not at all."""
    try:
        with transaction.atomic():
            counts = staging.inserted_by_tool
            now = timezone.now()
            known = set(RawApplication.objects.filter(name__in=raw_names).values_list("name", flat=True))
            RawApplication.objects.bulk_create(
                [RawApplication(name=name, events=counts.get(name, 0)) for name in raw_names if name not in known]
            )
            for name in known:
                if counts.get(name):
                    RawApplication.objects.filter(name=name).update(events=F("events") + counts[name], last_seen=now)
            usage_import.unmapped = list(
                RawApplication.objects.filter(name__in=raw_names, tool__isnull=True).values_list("name", flat=True)
            )
            usage_import.inserted = staging.inserted
            usage_import.duplicates = staging.duplicates
            usage_import.status = ImportStatus.DONE
            usage_import.progress = 100
            usage_import.errors = []
            usage_import.finished_at = now
            usage_import.save()
            staging.publish()
    except BaseException:
        staging.unpublish()
        staging.discard()
        raise


def _fail(usage_import, errors):
    usage_import.status = ImportStatus.FAILED
    usage_import.errors = errors
    usage_import.inserted = usage_import.duplicates = 0
    usage_import.finished_at = timezone.now()
    usage_import.save()


def summary(usage_import):
    """« 12 345 événements ajoutés, 12 doublons ignorés, 3 applications à rattacher » (and events dropped, if any)."""
    parts = [
        plural(usage_import.inserted, "événement ajouté", "événements ajoutés"),
        plural(usage_import.duplicates, "doublon ignoré", "doublons ignorés"),
    ]
    if usage_import.dropped:
        parts.append(plural(usage_import.dropped, "événement écarté", "événements écartés"))
    unmapped = getattr(usage_import, "unmapped", None)
    if unmapped is not None:
        parts.append(plural(len(unmapped), "application à rattacher", "applications à rattacher"))
    return ", ".join(parts)


def queue_import(path, user=None, format="auto", agent=None, source=None, filename=None, delete_file=True):
    """Create a pending UsageImport and run the import in the background worker (the upload page's entry point).

    `path` must stay readable by the worker until the task ends; with `delete_file` the task deletes it then.
    """
    from ere.usage.tasks import import_usage_task

    path = Path(path)
    usage_import = UsageImport.objects.create(
        source=(source or filename or path.name)[:120], filename=(filename or path.name)[:255],
        format=format or ImportFormat.AUTO, status=ImportStatus.PENDING, created_by=user,
    )  # fmt: skip
    transaction.on_commit(
        lambda: import_usage_task.enqueue(
            usage_import.pk, str(path), format=format, agent=agent, source=source, delete_file=delete_file
        )
    )
    return usage_import
