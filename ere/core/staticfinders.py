"""Front-end files shipped inside Python packages, served as static files without copying whole package folders."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# static path → file inside an installed package
PACKAGE_FILES = {
    "vendor/plotly.min.js": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
}


class PackageFileFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        found = PACKAGE_FILES.get(path)
        if found is None or not found.exists():
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        for static_path, file in PACKAGE_FILES.items():
            storage = FileSystemStorage(location=str(file.parent))
            storage.prefix = str(Path(static_path).parent)
            yield file.name, storage
