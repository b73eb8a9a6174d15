import pytest

from ere.roleplay.transcript import TranscriptError, analyze, parse


def run(text, **kwargs):
    kwargs.setdefault("advisor", "Sophie")
    return analyze(parse(text), **kwargs)


def said(text, speaker="Sophie", other="Mme Durand : D'accord."):
    """A two-speaker call where `speaker` says `text` (one line per « | »)."""
    lines = [f"{speaker} : {part.strip()}" for part in text.split("|")]
    return "\n".join(lines + [other])


def fillers(text):
    return [(f.word, f.text) for f in run(said(text)).fillers if f.speaker == "Sophie"]


def questions(text):
    return [(q.kind, q.text) for q in run(said(text)).questions if q.speaker == "Sophie"]


def kinds(analysis, kind):
    return [f for f in analysis.findings if f.kind == kind]


# Fillers -------------------------------------------------------------------------------------------------------


def test_hesitations_are_fillers_and_heu_counts_as_euh():
    assert fillers("Euh, je regarde. Heu… euuuh, voilà.") == [
        ("euh", "Euh"),
        ("euh", "Heu"),
        ("euh", "euuuh"),
        ("voilà", "voilà"),
    ]


def test_a_filler_finding_points_to_the_words_in_the_line():
    analysis = run(said("Alors, du coup, on avance."))
    [finding] = kinds(analysis, "filler")
    assert (finding.line, finding.text, finding.start, finding.end) == (1, "du coup", 7, 14)
    assert "pause" in finding.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Voilà le lien vers l'annonce.",
        "Voilà ce que je vous propose.",
        "Ah, vous voilà !",
        "Voilà pourquoi on présélectionne.",
    ],
)
def test_voila_that_introduces_something_is_not_a_filler(text):
    assert fillers(text) == []


@pytest.mark.parametrize("text", ["C'est envoyé, voilà.", "Voilà, c'est fait.", "Et voilà."])
def test_voila_that_introduces_nothing_is_a_filler(text):
    assert [word for word, _ in fillers(text)] == ["voilà"]


@pytest.mark.parametrize(
    "text", ["Ce genre de profil est rare.", "Le genre de poste qui plaît.", "Quel genre de contrat ?"]
)
def test_genre_as_a_noun_is_not_a_filler(text):
    assert fillers(text) == []


def test_genre_as_a_tic_is_a_filler():
    assert fillers("Il faudrait genre trois semaines.") == [("genre", "genre")]


@pytest.mark.parametrize(
    "text", ["Un bon chauffeur, il en fait beaucoup.", "Qu'il en fait trop, c'est sûr.", "Ça en fait trois."]
)
def test_en_fait_with_the_pronoun_en_and_the_verb_faire_is_not_a_filler(text):
    assert fillers(text) == []


def test_en_fait_as_a_tic_is_a_filler():
    assert fillers("En fait, c'est simple. C'est gratuit, en fait.") == [
        ("en fait", "En fait"),
        ("en fait", "en fait"),
    ]


@pytest.mark.parametrize(
    "text",
    ["C'est un bon candidat.", "C'est bon pour moi.", "Ah bon ?", "Bon courage !", "Ce sera bon.", "Le bon moment."],
)
def test_bon_as_an_adjective_is_not_a_filler(text):
    assert fillers(text) == []


def test_bon_as_an_interjection_is_a_filler_and_so_is_ben_after_it():
    assert fillers("Bon, ben, on commence.") == [("bon", "Bon"), ("ben", "ben")]
    assert fillers("Bon alors, on y va.") == [("bon", "Bon")]


@pytest.mark.parametrize(
    "text", ["Quoi ?", "De quoi avez-vous besoin ?", "Vous cherchez quoi ?", "Je ne sais pas quoi.", "À quoi ça sert."]
)
def test_quoi_that_asks_is_not_a_filler(text):
    assert fillers(text) == []


@pytest.mark.parametrize(
    "text", ["C'est compliqué, quoi.", "C'est compliqué quoi.", "On manque de monde quoi, vraiment."]
)
def test_quoi_at_the_end_of_a_statement_is_a_filler(text):
    assert [word for word, _ in fillers(text)] == ["quoi"]


def test_du_coup_before_de_is_a_noun_phrase():
    assert fillers("On vous donne un coup de main, c'est du coup de pouce.") == []
    assert fillers("Du coup, je vous rappelle.") == [("du coup", "Du coup")]


def test_enfin_followed_by_a_word_is_the_adverb_of_time_and_before_a_pause_a_filler():
    assert fillers("Vous avez enfin reçu le contrat.") == []
    assert fillers("Le lundi, enfin, le mardi.") == [("enfin", "enfin")]
    assert fillers("Enfin bref, on verra.") == [("enfin", "Enfin"), ("bref", "bref")]


def test_vous_voyez_and_vous_savez_count_only_between_pauses():
    assert fillers("Vous voyez le bouton en haut ?") == []
    assert fillers("Vous savez si le poste est pourvu ?") == []
    assert fillers("C'est simple, vous voyez, il suffit de cliquer.") == [("vous voyez", "vous voyez")]
    assert fillers("Vous savez, c'est un métier dur.") == [("vous savez", "Vous savez")]


def test_disons_and_bref_count_only_as_tics():
    assert fillers("Disons que c'est un poste polyvalent.") == []
    assert fillers("Il faut, disons, trois semaines.") == [("disons", "disons")]
    assert fillers("Je serai bref.") == []
    assert fillers("En bref, trois points.") == []
    assert fillers("Bref, on avance.") == [("bref", "Bref")]


def test_fillers_are_counted_for_every_speaker_but_only_the_advisor_gets_findings():
    analysis = run("Sophie : Bonjour madame.\nMme Durand : Euh, bah, bonjour, euh.")
    durand = analysis.speaker("Mme Durand")
    assert durand.fillers == {"euh": 2, "bah": 1}
    assert durand.filler_rate == pytest.approx(100 * 3 / 4, abs=0.1)
    assert kinds(analysis, "filler") == []


def test_the_filler_rate_is_per_hundred_words_of_the_speaker():
    analysis = run(said("Euh, je vous envoie le document et on en reparle."))
    sophie = analysis.speaker("Sophie")
    assert sophie.words == 10
    assert sophie.filler_rate == 10.0


# Questions -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vous avez combien de salariés ?",
        "De quoi avez-vous besoin ?",
        "Qu'est-ce qui vous inquiète ?",
        "Comment ça se passe aujourd'hui ?",
        "Quelles sont vos attentes ?",
        "Vous êtes situés où exactement ?",
        "C'est pour quand ?",
        "Quand pouvez-vous commencer ?",
        "Il commencerait à quelle heure ?",
        "Il y en aura combien, vous dites ?",
        "Qu'en pensez-vous ?",
        "Que pensez-vous de ce profil ?",
        "Qui s'occupe du recrutement chez vous ?",
        "Est-ce que vous pouvez me dire comment se passe une journée ?",
        "Je voulais savoir combien de personnes vous recevez.",
        "Parlez-moi de votre entreprise.",
        "Racontez-moi comment vous avez recruté la dernière fois",
        "Dites-moi comment vous recrutez.",
        "Quoi ?",
    ],
)
def test_a_question_that_cannot_be_answered_by_yes_or_no_is_open(text):
    assert questions(text) == [("open", text)]


@pytest.mark.parametrize(
    "text",
    [
        "Est-ce que vous avez déjà recruté ?",
        "Vous avez un local ?",
        "Avez-vous un local",
        "Est-ce que vous recrutez en ce moment",
        "C'est quand même urgent ?",
        "Vous pouvez me rappeler quand vous aurez le temps ?",
        "Est-ce que vous voulez que je vous explique comment faire ?",
        "Est-ce que c'est l'agence où vous êtes inscrit ?",
        "Plutôt le matin ou l'après-midi ?",
        "Vous êtes d'accord ou quoi ?",
        "Je me demandais si vous seriez disponible jeudi.",
        "C'est bien ça ?",
    ],
)
def test_a_yes_or_no_or_alternative_question_is_closed(text):
    assert questions(text) == [("closed", text)]


@pytest.mark.parametrize(
    "text", ["Calmez-vous.", "Connectez-vous sur le site.", "Rappelez-moi quand vous voulez.", "Quel dommage."]
)
def test_imperatives_and_exclamations_are_not_questions(text):
    assert questions(text) == []


def test_an_ellipsis_before_a_lower_case_word_does_not_end_the_question():
    text = "Est-ce que vous pouvez me dire comment… enfin comment ça se passe ?"
    assert questions(text) == [("open", text)]


def test_each_question_of_a_line_is_labelled_with_its_offsets():
    analysis = run(said("D'accord. Vous recrutez ? Pour quel poste ?"))
    first, second = [q for q in analysis.questions if q.speaker == "Sophie"]
    assert (first.kind, first.text, first.start, first.end) == ("closed", "Vous recrutez ?", 10, 25)
    assert (second.kind, second.text) == ("open", "Pour quel poste ?")
    assert analysis.speaker("Sophie").questions_open == 1
    assert analysis.speaker("Sophie").questions_closed == 1


def test_three_closed_questions_in_a_row_get_one_finding_on_the_third():
    analysis = run(said("Vous recrutez ? | Un CDI ? | Temps plein ? | Le samedi aussi ?"))
    [finding] = kinds(analysis, "closed_questions")
    assert (finding.line, finding.text) == (3, "Temps plein ?")
    assert "L1, L2, L3" in finding.suggestion
    assert not finding.positive


def test_an_open_question_breaks_a_run_of_closed_ones():
    analysis = run(said("Vous recrutez ? | Un CDI ? | Quels horaires ? | Le samedi aussi ?"))
    assert kinds(analysis, "closed_questions") == []


# Negative formulations -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found", "alternative"),
    [
        ("Pas de souci, je m'en occupe.", "Pas de souci", "avec plaisir"),
        ("Pas de problème.", "Pas de problème", "c'est entendu"),
        ("Je sais pas.", "Je sais pas", "je vais vérifier et je reviens vers vous"),
        ("Ce n'est pas vraiment possible.", "Ce n'est pas vraiment possible", "voici ce que je peux vous proposer"),
        ("C'est pas possible avant lundi.", "C'est pas possible", "voici ce que je peux vous proposer"),
        ("Vous n'avez pas compris.", "Vous n'avez pas compris", "je me suis mal exprimé(e)"),
        ("Calmez-vous, monsieur.", "Calmez-vous", "je comprends votre agacement"),
        ("C'est pas moi qui décide.", "C'est pas moi qui décide", "je transmets votre demande"),
        ("Il faut que vous remplissiez le formulaire.", "Il faut que vous", "je vous propose de"),
        ("Malheureusement, le poste est pris.", "Malheureusement", "ce que je peux faire"),
        ("Ne vous inquiétez pas.", "Ne vous inquiétez pas", "soyez rassuré(e)"),
        ("J'en sais rien.", "J'en sais rien", "je vais vérifier"),
    ],
)
def test_a_negative_formulation_gets_a_positive_alternative(text, found, alternative):
    [finding] = kinds(run(said(text)), "negative")
    assert finding.text == found
    assert alternative in finding.suggestion


def test_je_ne_sais_pas_si_softens_a_question_and_is_not_flagged():
    assert kinds(run(said("Je ne sais pas si vous connaissez la méthode ?")), "negative") == []


def test_overlapping_formulations_are_flagged_once_by_the_longest():
    [finding] = kinds(run(said("Ce n'est pas moi qui décide.")), "negative")
    assert finding.text == "Ce n'est pas moi qui décide"


def test_the_interlocutor_is_not_coached():
    analysis = run("Sophie : Bonjour.\nMme Durand : Pas de souci, je sais pas, c'est pas possible.")
    assert kinds(analysis, "negative") == []


# Jargon --------------------------------------------------------------------------------------------------------


def test_an_acronym_of_the_base_list_is_flagged_with_its_meaning():
    [finding] = kinds(run(said("Vous avez fait la DPAE ?")), "jargon")
    assert finding.text == "DPAE"
    assert "« la déclaration préalable à l'embauche »" in finding.suggestion


def test_the_glossary_adds_acronyms_and_its_meaning_wins():
    glossary = {"ZTX": "zone de test expérimentale", "DPAE": "la déclaration d'embauche"}
    analysis = run(said("La ZTX et la DPAE."), glossary=glossary)
    assert [(f.text, f.suggestion.split("dites ")[1]) for f in kinds(analysis, "jargon")] == [
        ("ZTX", "« zone de test expérimentale », ou expliquez le sigle."),
        ("DPAE", "« la déclaration d'embauche », ou expliquez le sigle."),
    ]


def test_everyday_acronyms_are_not_flagged_even_from_the_glossary():
    analysis = run(said("Un CDI ou un CDD, au SMIC, pour une PME."), glossary={"CDI": "contrat à durée indéterminée"})
    assert kinds(analysis, "jargon") == []


def test_an_acronym_explained_in_the_same_line_is_not_flagged():
    assert kinds(run(said("La DPAE, c'est-à-dire la déclaration à faire avant l'embauche.")), "jargon") == []
    assert kinds(run(said("La déclaration préalable à l'embauche, la DPAE, se fait en ligne.")), "jargon") == []


def test_an_acronym_explained_in_the_next_line_of_the_same_speaker_is_not_flagged():
    analysis = run(said("Il y a la POEI. | C'est une préparation opérationnelle à l'emploi, individuelle."))
    assert kinds(analysis, "jargon") == []


def test_an_acronym_explained_only_after_the_interlocutor_asks_is_flagged():
    text = "Sophie : Il y a la POEI.\nMme Durand : La quoi ?\nSophie : La préparation opérationnelle à l'emploi."
    assert [f.text for f in kinds(run(text), "jargon")] == ["POEI"]


def test_an_unexplained_acronym_is_flagged_once_per_call():
    analysis = run(said("La DPAE est obligatoire. | Vous ferez la DPAE en ligne."))
    assert [f.line for f in kinds(analysis, "jargon")] == [1]


def test_acronyms_are_matched_in_capitals_only():
    assert kinds(run(said("Je suis allée à Rome, au bord de la mer.")), "jargon") == []
    assert [f.text for f in kinds(run(said("Le code ROME du poste."), glossary={}), "jargon")] == ["code ROME"]


def test_internal_words_are_flagged_in_all_their_forms_with_a_plain_alternative():
    [finding] = kinds(run(said("Je vous prescris une prestation.")), "jargon")[:1]
    assert finding.text == "prescris"
    assert "« proposer »" in finding.suggestion
    assert [f.text for f in kinds(run(said("Je l'ai dans mon portefeuille.")), "jargon")] == ["portefeuille"]


# Reformulation, names, next step --------------------------------------------------------------------------------


def test_a_reformulation_marker_is_a_strength():
    text = (
        "Sophie : Parlez-moi du poste.\nMme Durand : Un vendeur pour le week-end.\nSophie : Si je résume, un vendeur."
    )
    [finding] = kinds(run(text), "reformulation")
    assert (finding.line, finding.text, finding.positive) == (3, "Si je résume", True)


def test_repeating_the_interlocutors_content_words_is_a_reformulation():
    text = (
        "Sophie : Parlez-moi du poste.\n"
        "Mme Durand : On cherche un vendeur souriant pour les samedis et les dimanches matin.\n"
        "Sophie : Un vendeur souriant pour le samedi et le dimanche matin, c'est noté."
    )
    assert [f.line for f in kinds(run(text), "reformulation")] == [3]


def test_an_answer_on_another_subject_is_not_a_reformulation():
    text = (
        "Sophie : Parlez-moi du poste.\n"
        "Mme Durand : On cherche un vendeur souriant pour les samedis et les dimanches matin.\n"
        "Sophie : Très bien. Vous avez déjà publié une annonce ?"
    )
    analysis = run(text)
    assert kinds(analysis, "reformulation") == []
    assert any("Aucune reformulation" in s for s in analysis.summary["priorities"]) is False  # too few words heard


def test_using_the_interlocutors_name_from_the_speaker_label_is_a_strength():
    analysis = run("Sophie : Bonjour Madame Durand.\nMme Durand : Bonjour.")
    [finding] = kinds(analysis, "name_use")
    assert (finding.text, finding.positive) == ("Madame Durand", True)


def test_names_and_companies_given_in_a_self_introduction_count():
    text = (
        "Sophie : Bonjour.\n"
        "Employeur : Je suis Karim Benali, du Garage Benali.\n"
        "Sophie : Merci Karim.\n"
        "Sophie : Le Garage Benali recrute donc."
    )
    assert [f.text for f in kinds(run(text), "name_use")] == ["Karim", "Garage Benali"]


def test_interlocutor_names_given_by_the_caller_count_and_role_labels_do_not():
    text = "Sophie : Bonjour, la Boulangerie du Parc ?\nEmployeur : Oui.\nSophie : Très bien, employeur."
    analysis = run(text, interlocutor_names=["Boulangerie du Parc"])
    assert [f.text for f in kinds(analysis, "name_use")] == ["Boulangerie du Parc"]


def test_the_advisors_side_and_companies_named_later_are_not_the_interlocutors_name():
    text = (
        "Sophie : Bonjour, Sophie, de France Travail.\n"
        "Employeur : C'est France Travail ? C'est Sophie ?\n"
        "Sophie : Oui.\n"
        "Employeur : Oui.\n"
        "Employeur : Oui.\n"
        "Employeur : L'entreprise Morel recrute aussi.\n"
        "Sophie : France Travail contactera l'entreprise Morel, Sophie s'en occupe."
    )
    assert kinds(run(text), "name_use") == []


def test_names_given_by_the_caller_match_as_written_only():
    text = "Sophie : Bonjour, vous êtes bien Net Services ?\nEmployeur : Oui.\nSophie : Le net, c'est pratique."
    analysis = run(text, interlocutor_names=["Net Services"])
    assert [f.line for f in kinds(analysis, "name_use")] == [1]


def test_a_dated_action_at_the_end_is_a_strength():
    text = "Sophie : Bonjour.\nMme Durand : Bonjour.\nSophie : Je vous envoie les profils jeudi. Bonne journée."
    [finding] = kinds(run(text), "next_step")
    assert (finding.text, finding.positive) == ("Je vous envoie les profils jeudi.", True)
    assert kinds(run(text), "no_next_step") == []


@pytest.mark.parametrize(
    "closing",
    ["On se rappelle demain à 10 h.", "Je vous inscris d'ici vendredi.", "Rendez-vous le 14 mars à l'agence."],
)
def test_several_shapes_of_dated_actions_are_recognised(closing):
    assert kinds(run(said(closing, other="Mme Durand : Merci.")), "next_step")


def test_a_call_that_ends_without_a_dated_action_gets_a_suggestion_on_the_last_advisor_line():
    text = "Sophie : Bonjour.\nMme Durand : Bonjour.\nSophie : Très bien, au revoir.\nMme Durand : Au revoir."
    [finding] = kinds(run(text), "no_next_step")
    assert (finding.line, finding.text) == (3, "Très bien, au revoir.")
    assert "action datée" in finding.suggestion


def test_an_action_without_a_date_asks_for_one():
    [finding] = kinds(run(said("Je vous envoie les profils.")), "no_next_step")
    assert finding.text == "Je vous envoie les profils."
    assert finding.suggestion.startswith("Précisez quand")


# Figures -------------------------------------------------------------------------------------------------------


def test_talk_share_and_turns_are_counted_by_words_and_runs_of_lines():
    analysis = run("Sophie : Un deux trois.\nSophie : Quatre.\nMme Durand : Cinq six.\nSophie : Sept huit.")
    sophie, durand = analysis.speakers
    assert (sophie.words, sophie.turns, sophie.longest_monologue_words) == (6, 2, 4)
    assert (sophie.talk_share, durand.talk_share) == (0.75, 0.25)
    assert sophie.words_per_minute is None
    assert sophie.longest_monologue_s is None
    assert sophie.talk_share_time is None


def test_timed_transcripts_give_words_per_minute_and_talk_share_in_time():
    text = (
        "[00:00:00 - 00:00:06] Sophie : Un deux trois quatre cinq six sept huit neuf dix.\n"
        "[00:00:06 - 00:00:10] Mme Durand : Un deux.\n"
        "[00:00:10 - 00:00:12] Sophie : Un deux."
    )
    sophie, durand = run(text).speakers
    assert sophie.words_per_minute == 90.0  # 12 words in 8 s
    assert durand.words_per_minute == 30.0
    assert (sophie.talk_share_time, durand.talk_share_time) == (0.667, 0.333)
    assert sophie.longest_monologue_s == 6.0


def test_a_turn_over_120_words_is_a_long_monologue():
    long_turn = " ".join(["mot"] * 80) + " | " + " ".join(["mot"] * 45)
    [finding] = kinds(run(said(long_turn)), "long_monologue")
    assert finding.line == 1
    assert "125 mots" in finding.suggestion
    assert finding.text == " ".join(["mot"] * 12)


def test_a_turn_over_60_seconds_is_a_long_monologue_even_when_short_in_words():
    text = "[00:00:00 - 00:01:05] Sophie : Bonjour madame.\n[00:01:05 - 00:01:06] Mme Durand : Bonjour."
    [finding] = kinds(run(text), "long_monologue")
    assert "65 s" in finding.suggestion


# Advisor -------------------------------------------------------------------------------------------------------


def test_the_advisor_is_the_speaker_named_conseillere():
    assert analyze(parse("Gérant : Bonjour.\nConseillère : Bonjour monsieur.")).advisor == "Conseillère"


def test_the_advisor_is_the_one_who_introduces_themself_from_france_travail():
    text = "Karim : Allô ?\nJulien : Julien Moreau, de France Travail.\nKarim : Oui ?"
    assert analyze(parse(text)).advisor == "Julien"


def test_otherwise_the_advisor_is_the_one_who_asks_the_most_questions():
    text = "Karim : Bonjour.\nJulien : Vous recrutez ? Pour quand ?\nKarim : Oui, lundi. Et vous ?"
    assert analyze(parse(text)).advisor == "Julien"


def test_without_any_question_the_advisor_is_the_first_speaker():
    assert analyze(parse("Karim : Bonjour.\nJulien : Bonjour.")).advisor == "Karim"


def test_a_given_advisor_is_matched_without_case_or_accents_and_an_unknown_one_is_refused():
    assert analyze(parse("Amélie : Bonjour.\nM. Caron : Bonjour."), advisor="amelie").advisor == "Amélie"
    with pytest.raises(TranscriptError, match="« Bob » n'apparaît pas dans la transcription"):
        analyze(parse("Amélie : Bonjour."), advisor="Bob")


# Summary and JSON ----------------------------------------------------------------------------------------------


def test_the_summary_gives_strengths_and_priorities_from_the_figures():
    text = (
        "Sophie : Bonjour Madame Durand. Euh, du coup, euh, je vous appelle pour, euh, votre annonce, du coup.\n"
        "Mme Durand : Oui, je cherche un vendeur pour le week-end, quelqu'un de souriant et de ponctuel.\n"
        "Sophie : Si je comprends bien, un vendeur souriant pour le week-end. Euh, pas de problème.\n"
        "Mme Durand : C'est ça.\n"
        "Sophie : Je vous envoie trois profils jeudi."
    )
    summary = run(text).summary
    assert summary["strengths"] == [
        "1 reformulation du besoin de l'interlocuteur (L3).",
        "Conclusion sur une action datée : « Je vous envoie trois profils jeudi ».",
        "Vous nommez l'interlocuteur ou son entreprise (1 fois, « Madame Durand »).",
    ]
    assert summary["priorities"][0] == (
        "Mots de remplissage : 16,7 pour 100 mots (euh ×4, du coup ×2) : marquez une pause plutôt."
    )
    assert (
        "1 formulation négative : dites par exemple « c'est entendu » plutôt que « pas de problème »."
        in (summary["priorities"])
    )


def test_the_summary_invents_nothing_for_a_call_without_figures():
    summary = run("Sophie : Bonjour.").summary
    assert summary["strengths"] == []
    assert summary["priorities"] == ["Pas d'action datée en fin d'appel : proposez une suite précise (quoi, quand)."]


def test_to_dict_has_the_documented_keys():
    data = run(said("Bonjour, vous recrutez ?")).to_dict()
    assert set(data) == {"format", "timed", "advisor", "speakers", "findings", "questions", "fillers", "summary"}
    assert set(data["speakers"][0]) >= {
        "name",
        "words",
        "talk_share",
        "turns",
        "longest_monologue_words",
        "longest_monologue_s",
        "words_per_minute",
        "questions_open",
        "questions_closed",
        "fillers",
        "filler_rate",
    }
    assert set(data["findings"][0]) >= {"line", "speaker", "kind", "text", "suggestion"}
    assert set(data["summary"]) == {"strengths", "priorities"}
