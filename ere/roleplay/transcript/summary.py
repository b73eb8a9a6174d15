"""Three strengths and three priorities, in short French sentences, from the advisor's figures and findings.

Each candidate sentence has a weight (how much it matters, growing with its figure); the three heaviest of each side
are kept. A candidate exists only when its figure says so: nothing is invented, so a side has fewer than three
sentences when the call gives fewer (a very short call, or one without any fault).
"""


def _number(value, digits=1):
    return f"{value:.{digits}f}".replace(".", ",")


def _percent(share):
    return f"{round(share * 100)} %"


def _quote(text, limit=70):
    """The words quoted in a sentence of the summary: one line, at most `limit` characters, no final full stop
    (the sentence brings its own)."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _plural(n, singular, plural=None):
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _lines(numbers, limit=4):
    shown = ", ".join(f"L{n}" for n in numbers[:limit])
    return shown + ("…" if len(numbers) > limit else "")


def build_summary(analysis, details, rules):
    advisor = analysis.speaker(analysis.advisor)
    if advisor is None or not advisor.words:
        return {"strengths": [], "priorities": []}
    others_words = sum(s.words for s in analysis.speakers if s.name != analysis.advisor)
    has_other = len(analysis.speakers) > 1
    strengths, priorities = [], []
    kinds = {}
    for finding in analysis.findings:
        kinds.setdefault(finding.kind, []).append(finding)
    share = advisor.talk_share_time if advisor.talk_share_time is not None else advisor.talk_share
    share_of = "du temps de parole" if advisor.talk_share_time is not None else "des mots de l'appel"
    questions = advisor.questions_open + advisor.questions_closed

    # Strengths -------------------------------------------------------------------------------------------------
    reformulations = details.get("reformulations", [])
    if reformulations:
        strengths.append(
            (
                3 + len(reformulations),
                f"{_plural(len(reformulations), 'reformulation')} du besoin de l'interlocuteur "
                f"({_lines(reformulations)}).",
            )
        )
    if details.get("next_step"):
        strengths.append((4, f"Conclusion sur une action datée : « {_quote(details['next_step'])} »."))
    used = details.get("names_used", [])
    if used:
        strengths.append(
            (
                2 + min(len(used), 3),
                f"Vous nommez l'interlocuteur ou son entreprise ({_plural(len(used), 'fois', 'fois')}, "
                f"« {used[0]} »).",
            )
        )
    if advisor.questions_open >= 2 and advisor.questions_open >= advisor.questions_closed:
        strengths.append(
            (
                3 + advisor.questions_open / max(questions, 1),
                f"{advisor.questions_open} questions ouvertes sur {questions} : l'interlocuteur peut s'exprimer.",
            )
        )
    if has_other and advisor.words >= 30 and share <= rules["talk_share_balanced"]:
        strengths.append((2.5, f"Parole partagée : vous avez {_percent(share)} {share_of}."))
    if advisor.words >= 80 and advisor.filler_rate < rules["filler_rate_low"]:
        if advisor.filler_rate == 0:
            strengths.append((2, "Aucun mot de remplissage : un discours net."))
        else:
            strengths.append(
                (2, f"Peu de mots de remplissage : {_number(advisor.filler_rate)} pour 100 mots, un discours net.")
            )
    explained = details.get("explained", [])
    if explained:
        strengths.append((2, f"Sigles et mots du métier expliqués ({', '.join(explained[:4])})."))
    if advisor.words >= 80 and "negative" not in kinds:
        strengths.append((1, "Aucune formulation négative ou défensive relevée."))
    if advisor.words >= 80 and "jargon" not in kinds:
        strengths.append((1, "Aucun sigle ni mot du métier laissé sans explication."))

    # Priorities ------------------------------------------------------------------------------------------------
    if advisor.filler_rate >= rules["filler_rate_high"]:
        top = ", ".join(f"{word} ×{n}" for word, n in list(advisor.fillers.items())[:3])
        priorities.append(
            (
                3 + advisor.filler_rate / 2,
                f"Mots de remplissage : {_number(advisor.filler_rate)} pour 100 mots ({top}) : "
                "marquez une pause plutôt.",
            )
        )
    negatives = details.get("negatives", [])
    if negatives:
        said, alternative = negatives[0]
        priorities.append(
            (
                2 + len(negatives),
                f"{_plural(len(negatives), 'formulation négative', 'formulations négatives')} : dites par exemple "
                f"« {alternative} » plutôt que « {said} ».",
            )
        )
    jargon = details.get("jargon", [])
    if jargon:
        priorities.append(
            (
                2 + len(jargon),
                f"{_plural(len(jargon), 'sigle ou mot du métier', 'sigles ou mots du métier')} sans explication "
                f"({', '.join(jargon[:4])}) : dites ce qu'{'il veut' if len(jargon) == 1 else 'ils veulent'} dire.",
            )
        )
    if "no_next_step" in kinds:
        if details.get("next_step_undated"):
            priorities.append((4, "Action de fin d'appel sans date : précisez quand (« d'ici jeudi »)."))
        else:
            priorities.append((4, "Pas d'action datée en fin d'appel : proposez une suite précise (quoi, quand)."))
    if advisor.questions_closed >= 3 and advisor.questions_closed > 2 * advisor.questions_open:
        priorities.append(
            (
                2.5 + advisor.questions_closed / max(questions, 1),
                f"{advisor.questions_closed} questions fermées pour {advisor.questions_open} ouverte"
                f"{'s' if advisor.questions_open > 1 else ''} : ouvrez avec « comment », « qu'est-ce que », "
                "« parlez-moi de ».",
            )
        )
    elif "closed_questions" in kinds:
        runs = len(kinds["closed_questions"])
        priorities.append(
            (2, f"{_plural(runs, 'série', 'séries')} de questions fermées : glissez une question ouverte.")
        )
    if has_other and share > rules["talk_share_high"]:
        priorities.append(
            (3 + share, f"Vous avez {_percent(share)} {share_of} : posez une question, puis laissez répondre.")
        )
    monologues = kinds.get("long_monologue", [])
    if monologues:
        priorities.append(
            (
                2 + len(monologues),
                f"{_plural(len(monologues), 'réplique trop longue', 'répliques trop longues')} "
                f"({_lines([f.line for f in monologues])}) : découpez et vérifiez la compréhension.",
            )
        )
    if has_other and not reformulations and others_words >= rules["min_interlocutor_words"]:
        priorities.append(
            (2.5, "Aucune reformulation : résumez le besoin (« Si je comprends bien, vous cherchez… »).")
        )
    known = details.get("names_known", [])
    if known and not used:
        priorities.append((1.5, f"Nommez votre interlocuteur (« {known[0]} ») : l'échange devient personnel."))
    if advisor.words_per_minute and advisor.words_per_minute > rules["wpm_high"]:
        priorities.append(
            (2, f"Débit rapide : {round(advisor.words_per_minute)} mots par minute ; ralentissez au téléphone.")
        )

    def best(candidates):
        ordered = sorted(enumerate(candidates), key=lambda item: (-item[1][0], item[0]))
        return [sentence for _, (_, sentence) in ordered[:3]]

    return {"strengths": best(strengths), "priorities": best(priorities)}
