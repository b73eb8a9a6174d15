"""Mapping raw applications, window titles and URLs to tools.

Rules are applied in DuckDB, once per distinct (application, title, URL) of an import rather than once per event, and
with DuckDB's regular expressions (RE2) both for the check in the admin and at import, so that what the admin
accepts is exactly what the import runs. Regular expressions search anywhere in the text, ignoring case.
"""

import re
from dataclasses import dataclass

import duckdb

from ere.usage.imports.errors import ImportRejected, quote

FIELDS = ("app", "title", "url")
RAW_NAME_MAX_LENGTH = 200  # RawApplication.name


@dataclass(frozen=True)
class Rule:
    field: str  # "app", "title" or "url"
    kind: str  # "exact" or "regex"
    pattern: str
    tool: str  # slug of the target tool
    label: str = ""  # how to name the rule in an error message


def normalise_app(name):
    """The tool identifier of an unmapped application: lower case, without a trailing « .exe »."""
    name = name.strip().lower()
    name = re.sub(r"\.exe$", "", name).strip()
    return name[:RAW_NAME_MAX_LENGTH]


def sql_string(value):
    """A SQL string literal (DuckDB strings have no backslash escapes: doubling quotes is enough)."""
    return "'" + str(value).replace("'", "''") + "'"


def normalise_app_sql(column):
    """SQL twin of normalise_app()."""
    return f"left(trim(regexp_replace(lower(trim({column})), '\\.exe$', '')), {RAW_NAME_MAX_LENGTH})"


def regex_error(pattern):
    """None when DuckDB accepts the regular expression, else a French reason."""
    try:
        duckdb.sql(f"SELECT regexp_matches('', {sql_string(pattern)}, 'i')").fetchall()
    except duckdb.Error as error:
        reason = str(error).split(":", 2)[-1].strip()
        return f"expression régulière invalide ({reason})"
    return None


class Mapper:
    """Ordered rules plus the catalogue's slugs: the first matching rule wins, then a known slug, then the raw name."""

    def __init__(self, rules=(), slugs=()):
        self.rules = list(rules)
        self.slugs = sorted({slug.lower() for slug in slugs})

    @property
    def key_fields(self):
        """The columns the rules look at: titles and URLs are read only when a rule needs them."""
        used = {rule.field for rule in self.rules}
        return [field for field in FIELDS if field == "app" or field in used]

    def check(self):
        """Raise ImportRejected when a rule cannot run (an invalid regular expression saved outside the admin)."""
        errors = []
        for index, rule in enumerate(self.rules, start=1):
            if rule.field not in FIELDS:
                errors.append(f"Règle de rattachement {rule.label or index} : champ inconnu {quote(rule.field)}.")
            elif rule.kind == "regex" and (reason := regex_error(rule.pattern)):
                errors.append(f"Règle de rattachement {rule.label or index} : {reason}.")
            elif rule.kind not in ("exact", "regex"):
                errors.append(f"Règle de rattachement {rule.label or index} : type inconnu {quote(rule.kind)}.")
        if errors:
            raise ImportRejected(errors)

    def rules_sql(self):
        """A CASE expression giving the slug of the first matching rule, or NULL."""
        if not self.rules:
            return "NULL::VARCHAR"
        branches = []
        for rule in self.rules:
            column = rule.field
            pattern = rule.pattern.strip() if rule.kind == "exact" else rule.pattern
            if rule.kind == "exact" and column == "app":
                # Matches the application as written or its normalised name (« WINWORD.EXE » and « winword »).
                lowered = sql_string(pattern.lower())
                condition = f"(lower(app) = {lowered} OR {normalise_app_sql('app')} = {lowered})"
            elif rule.kind == "exact":
                condition = f"lower({column}) = {sql_string(pattern.lower())}"
            else:
                condition = f"regexp_matches({column}, {sql_string(pattern)}, 'i')"
            branches.append(f"WHEN {condition} THEN {sql_string(rule.tool)}")
        return "CASE " + " ".join(branches) + " ELSE NULL END"

    def build(self, con, source, target="tool_map"):
        """Create `target`: one row per distinct key of `source`, with `tool` and `is_raw` (no rule, no slug).

        Key columns are NULL-free (`''` for « none ») so that joins back to the events are plain equi-joins.
        """
        keys = self.key_fields
        con.execute("CREATE OR REPLACE TEMP TABLE known_slugs (slug VARCHAR PRIMARY KEY)")
        if self.slugs:
            con.execute("INSERT INTO known_slugs SELECT unnest(?::VARCHAR[])", [self.slugs])
        distinct = ", ".join(f"coalesce({field}, '') AS key_{field}" for field in keys)
        nullable = ", ".join(f"nullif(key_{field}, '') AS {field}" for field in keys)
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE {target} AS
            WITH keys AS (SELECT DISTINCT {distinct} FROM {source}),
            matched AS (
                SELECT {", ".join(f"key_{field}" for field in keys)},
                    {self.rules_sql()} AS rule_tool,
                    {normalise_app_sql("app")} AS raw_name
                FROM (SELECT *, {nullable} FROM keys)
            )
            SELECT {", ".join(f"key_{field} AS {field}" for field in keys)},
                coalesce(rule_tool, raw_name, '') AS tool,
                rule_tool IS NULL AND known_slugs.slug IS NULL AS is_raw
            FROM matched LEFT JOIN known_slugs ON known_slugs.slug = matched.raw_name
            """
        )
        return keys
