"""The one place that turns an agent identifier into the pseudonym stored in the lake.

The analytics use the same function on registered users' e-mail addresses to link them to their events: both sides
must normalise identically, so nobody should re-implement this.
"""

import hashlib
import hmac


def pseudonymise(identifier, key):
    """HMAC-SHA256 of the trimmed, lower-cased identifier with `key`, as 64 hex characters."""
    if isinstance(key, str):
        key = key.encode()
    return hmac.new(key, identifier.strip().lower().encode(), hashlib.sha256).hexdigest()


def pseudonymise_many(identifiers, key):
    """{identifier: pseudonym} for distinct identifiers (one HMAC per agent, not per event)."""
    if isinstance(key, str):
        key = key.encode()
    return {
        identifier: hmac.new(key, identifier.strip().lower().encode(), hashlib.sha256).hexdigest()
        for identifier in identifiers
    }
