"""Reading usage logs into canonical events, ready for the lake.

Everything here is pure Python, DuckDB and Arrow: no Django. The service (`ere.usage.services`) gives it the mapping
rules, the known tool slugs and the HMAC key read from the database and the settings, and writes the result.
"""
