"""Small French wording helpers shared by pages, commands and demo loaders."""


def plural(count, singular, plural_form=None):
    """« 0 agence », « 1 agence », « 12 agences » (in French, 0 takes the singular)."""
    return f"{count} {singular if count < 2 else plural_form or singular + 's'}"
