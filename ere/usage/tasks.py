from pathlib import Path

from django_tasks import task

from ere.usage.models import UsageImport


@task()
def import_usage_task(import_id, path, format="auto", agent=None, source=None, delete_file=False):
    """Run an import in the background worker; the page follows `UsageImport.progress` and `status`.

    The UsageImport row is created by the caller (services.queue_import) so that the page can show it at once.
    """
    from ere.usage.services import import_file

    usage_import = UsageImport.objects.get(pk=import_id)
    try:
        import_file(
            path, format=format, agent=agent, source=source, user=usage_import.created_by, usage_import=usage_import
        )
    finally:
        if delete_file:
            Path(path).unlink(missing_ok=True)
    return {
        "status": usage_import.status,
        "rows": usage_import.rows,
        "inserted": usage_import.inserted,
        "duplicates": usage_import.duplicates,
        "dropped": usage_import.dropped,
        "errors": usage_import.errors,
    }
