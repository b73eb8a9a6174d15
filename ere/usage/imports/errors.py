"""Errors of an import, in French, for the person who sent the file."""

MAX_ERRORS = 20


class ImportRejected(Exception):
    """The input cannot be imported: nothing is written. `errors` holds at most MAX_ERRORS French messages."""

    def __init__(self, errors, total=None):
        if isinstance(errors, str):
            errors = [errors]
        errors = list(errors)
        total = max(total or 0, len(errors))
        shown = errors[:MAX_ERRORS]
        if total > len(shown):
            more = total - len(shown)
            shown.append(f"… et {fr_int(more)} autre{'s' if more > 1 else ''} erreur{'s' if more > 1 else ''}.")
        self.errors = shown
        self.total = total
        super().__init__("\n".join(shown))


def quote(value, limit=40):
    """« value » for a message, shortened: a message names the bad value without copying a whole line."""
    text = str(value).replace("\n", " ").replace("\r", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"« {text} »"


def fr_int(number):
    """12345 → « 12 345 », with the narrow no-break space French typography (and Django's fr format) uses."""
    return f"{number:,}".replace(",", "\u202f")


def plural(number, singular, plural_form=None):
    """« 1 événement », « 0 événement », « 2 événements » (French: 0 and 1 take the singular)."""
    word = singular if abs(number) < 2 else (plural_form or singular + "s")
    return f"{fr_int(number)} {word}"
