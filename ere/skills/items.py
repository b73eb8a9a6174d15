"""The kinds of item: how each one's content is checked, how an answer is read from a form, scored and explained.

Pure Python (no Django import), shared by the diagnostic, the practice quarter, the authoring pages and the JSON
import. The content format of each kind (`data`) is documented in docs/skills.md:

- single / multiple: {"choices": [{"id", "text", "correct": bool, "feedback"}]}
- ordering: {"steps": [{"id", "text"}] in the right order, "feedback": {"correct", "incorrect"}}
- matching: {"pairs": [{"id", "left", "right", "feedback"}]}
- hotspot: {"image", "alt", "width", "height", "regions": [{"id", "label", "x", "y", "w", "h", "correct", "feedback"}],
  "miss_feedback"} — region coordinates in percent of the picture
- sandbox: {"sandbox": "<slug of an applicatif-école>"}
"""

import hashlib
import random
from dataclasses import dataclass, field

KINDS = ("single", "multiple", "ordering", "matching", "hotspot", "sandbox")


class AnswerError(ValueError):
    """The submitted answer cannot be read (nothing chosen, a step placed twice…): a French message for the form."""


@dataclass
class Outcome:
    correct: bool
    feedback: list[str] = field(default_factory=list)
    expected: str = ""


# ---------------------------------------------------------------------------------------------------------------
# Validation of an item's content (authoring form, JSON import)


def _ids(entries):
    return [str(entry.get("id", "")).strip() for entry in entries]


def _check_entries(entries, name, required, errors, minimum=2):
    if not isinstance(entries, list) or len(entries) < minimum:
        errors.append(f"Il faut au moins {minimum} {name}.")
        return False
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            errors.append(f"{name.capitalize()} n° {position} : un objet est attendu.")
            return False
        for key in required:
            if not str(entry.get(key, "")).strip():
                errors.append(f"{name.capitalize()} n° {position} : le champ « {key} » est vide.")
    ids = _ids(entries)
    if len(set(ids)) != len(ids):
        errors.append(f"Deux {name} ont le même identifiant.")
    return True


def validate(kind, data, sandbox_exists=None, image_exists=None):
    """The list of problems with an item's content, in French (empty when it is usable).

    `sandbox_exists` and `image_exists` (callables of a slug, of a static path) check the references when given.
    """
    errors = []
    if kind not in KINDS:
        return [f"Type de question inconnu : « {kind} »."]
    if not isinstance(data, dict):
        return ["Le contenu de la question doit être un objet JSON."]
    if kind in ("single", "multiple"):
        choices = data.get("choices")
        if _check_entries(choices, "choix", ["id", "text"], errors):
            right = [c for c in choices if c.get("correct") is True]
            if kind == "single" and len(right) != 1:
                errors.append("Une question à choix unique a exactement une bonne réponse.")
            if kind == "multiple" and not right:
                errors.append("Une question à choix multiple a au moins une bonne réponse.")
    elif kind == "ordering":
        _check_entries(data.get("steps"), "étapes", ["id", "text"], errors, minimum=3)
    elif kind == "matching":
        pairs = data.get("pairs")
        if _check_entries(pairs, "paires", ["id", "left", "right"], errors, minimum=3):
            rights = [str(p.get("right", "")).strip() for p in pairs]
            if len(set(rights)) != len(rights):
                errors.append("Deux paires ont la même réponse à droite : l'association serait ambiguë.")
    elif kind == "hotspot":
        image = str(data.get("image", "")).strip()
        if not image:
            errors.append("Une question « cliquer au bon endroit » a besoin d'une capture d'écran (« image »).")
        elif not image.startswith("skills/screens/") or ".." in image or "://" in image:
            errors.append(f"La capture d'écran « {image} » doit être un fichier de skills/screens/ (pas une adresse).")
        elif image_exists is not None and not image_exists(image):
            errors.append(f"La capture d'écran « {image} » n'existe pas dans skills/screens/.")
        if not str(data.get("alt", "")).strip():
            errors.append("Décrivez la capture d'écran en une phrase (« alt ») pour les lecteurs d'écran.")
        regions = data.get("regions")
        if _check_entries(regions, "zones", ["id", "label"], errors):
            if sum(1 for r in regions if r.get("correct") is True) != 1:
                errors.append("Une question « cliquer au bon endroit » a exactement une bonne zone.")
            for position, region in enumerate(regions, start=1):
                try:
                    x, y, w, h = (float(region[key]) for key in ("x", "y", "w", "h"))
                except (KeyError, TypeError, ValueError):
                    errors.append(f"Zone n° {position} : x, y, w et h sont des nombres (en % de l'image).")
                    continue
                if not (x >= 0 and y >= 0 and w > 0 and h > 0 and x + w <= 100 and y + h <= 100):
                    errors.append(f"Zone n° {position} : la zone doit tenir dans l'image (de 0 à 100 %).")
    elif kind == "sandbox":
        slug = str(data.get("sandbox", "")).strip()
        if not slug:
            errors.append("Indiquez l'applicatif-école de la mission (« sandbox »).")
        elif sandbox_exists is not None and not sandbox_exists(slug):
            errors.append(f"L'applicatif-école « {slug} » n'existe pas.")
    return errors


# ---------------------------------------------------------------------------------------------------------------
# Presentation: what the form shows, in an order that does not give the answer away


def token(seed, key):
    """The opaque name a choice, step, pair or region goes by in one form: the page's source gives nothing away
    (authors' ids are often in the right order, « s1, s2, s3 », or « a » for the right choice)."""
    return hashlib.blake2s(f"{seed}:{key}".encode(), digest_size=5).hexdigest()


def presentation(kind, data, seed):
    """What the answer form needs, in an order and under names that do not give the answer away."""
    rng = random.Random(seed)
    if kind in ("single", "multiple"):
        choices = [{"id": token(seed, c["id"]), "text": c["text"]} for c in data["choices"]]
        rng.shuffle(choices)
        return {"choices": choices}
    if kind == "ordering":
        steps = [{"id": token(seed, s["id"]), "text": s["text"]} for s in data["steps"]]
        shuffled = steps[:]
        while len(steps) > 1 and shuffled == steps:
            rng.shuffle(shuffled)
        return {"steps": shuffled, "positions": list(range(1, len(steps) + 1))}
    if kind == "matching":
        options = [{"id": token(seed, f"right:{p['id']}"), "text": p["right"]} for p in data["pairs"]]
        rng.shuffle(options)
        lefts = [{"id": token(seed, f"left:{p['id']}"), "text": p["left"]} for p in data["pairs"]]
        return {"lefts": lefts, "options": options}
    if kind == "hotspot":
        # Larger regions first, so that a button drawn inside a panel stays on top of it and clickable.
        regions = sorted(data["regions"], key=lambda r: -float(r["w"]) * float(r["h"]))
        return {
            "image": data["image"],
            "alt": data.get("alt", ""),
            "regions": [
                {"id": token(seed, r["id"]), "label": r["label"], "x": r["x"], "y": r["y"], "w": r["w"], "h": r["h"]}
                for r in regions
            ],
        }
    if kind == "sandbox":
        return {"sandbox": data["sandbox"]}
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------------------------
# Reading an answer from submitted form fields (a QueryDict or a plain dict of lists)


def _getlist(form, key):
    if hasattr(form, "getlist"):
        return [value for value in form.getlist(key) if value != ""]
    value = form.get(key, [])
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if v != ""]


def _names(seed, ids, prefix=""):
    """{name in the form: id}: the tokens of `presentation` for a seed, the ids themselves without one."""
    return {(token(seed, f"{prefix}{i}") if seed is not None else i): i for i in ids}


def read_answer(kind, data, form, seed=None):
    """The answer as stored (JSON, with the authors' ids), read from the form shown with `presentation(…, seed)`;
    raise AnswerError with a French message if unusable. Without a seed, the form uses the ids themselves."""
    if kind == "single":
        names = _names(seed, _ids(data["choices"]))
        chosen = _getlist(form, "choice")
        if not chosen:
            raise AnswerError("Choisissez une réponse.")
        if chosen[0] not in names:
            raise AnswerError("Cette réponse ne fait pas partie des choix proposés.")
        return {"choice": names[chosen[0]]}
    if kind == "multiple":
        names = _names(seed, _ids(data["choices"]))
        chosen = _getlist(form, "choice")
        if not chosen:
            raise AnswerError("Cochez au moins une réponse.")
        if not set(chosen) <= set(names):
            raise AnswerError("Une réponse cochée ne fait pas partie des choix proposés.")
        return {"choices": sorted({names[name] for name in chosen})}
    if kind == "ordering":
        ids = _ids(data["steps"])
        positions = {}
        for name, step_id in _names(seed, ids).items():
            values = _getlist(form, f"position-{name}")
            if not values:
                raise AnswerError("Donnez un rang à chaque étape.")
            try:
                positions[step_id] = int(values[0])
            except ValueError:
                raise AnswerError("Le rang d'une étape est un nombre.") from None
        if sorted(positions.values()) != list(range(1, len(ids) + 1)):
            raise AnswerError(f"Chaque rang, de 1 à {len(ids)}, sert une seule fois : deux étapes ont le même rang.")
        return {"order": sorted(ids, key=positions.get)}
    if kind == "matching":
        ids = _ids(data["pairs"])
        rights = _names(seed, ids, "right:" if seed is not None else "")
        matches = {}
        for name, pair_id in _names(seed, ids, "left:" if seed is not None else "").items():
            values = _getlist(form, f"match-{name}")
            if not values:
                raise AnswerError("Associez chaque élément de gauche à un élément de droite.")
            if values[0] not in rights:
                raise AnswerError("Une association choisie ne fait pas partie des réponses proposées.")
            matches[pair_id] = rights[values[0]]
        return {"matches": matches}
    if kind == "hotspot":
        names = _names(seed, _ids(data["regions"]))
        chosen = _getlist(form, "region")
        if not chosen:
            raise AnswerError("Cliquez sur une zone de l'écran.")
        if chosen[0] == "miss":
            return {"region": "miss"}
        if chosen[0] not in names:
            raise AnswerError("Cette zone ne fait pas partie de l'écran.")
        return {"region": names[chosen[0]]}
    if kind == "sandbox":
        result = _getlist(form, "succeeded")
        if not result:
            raise AnswerError("Terminez la mission dans l'applicatif-école avant de continuer.")
        return {"succeeded": result[0] in ("1", "true", "on")}
    raise ValueError(kind)


# ---------------------------------------------------------------------------------------------------------------
# Scoring and feedback


def _texts(entries):
    return {str(e["id"]): e for e in entries}


CHANGED = "La question a été modifiée depuis cette réponse : elle ne peut plus être corrigée."


def score(kind, data, answer):
    """Whether the answer is right, the feedback for what was answered, and the expected answer in words.

    An answer stored before the item was edited (a choice or a step since removed) is counted wrong, and says so.
    """
    try:
        return _score(kind, data, answer)
    except (KeyError, StopIteration, TypeError, AttributeError):
        return Outcome(False, [CHANGED], "")


def _score(kind, data, answer):
    if kind == "single":
        choices = _texts(data["choices"])
        chosen = choices[answer["choice"]]
        right = next(c for c in data["choices"] if c.get("correct"))
        feedback = [chosen["feedback"]] if chosen.get("feedback") else []
        return Outcome(bool(chosen.get("correct")), feedback, right["text"])
    if kind == "multiple":
        chosen = set(answer["choices"])
        right = {str(c["id"]) for c in data["choices"] if c.get("correct")}
        feedback = []
        for choice in data["choices"]:
            cid = str(choice["id"])
            # The feedback of every choice the learner got wrong: ticked by mistake or missed.
            if (cid in chosen) != (cid in right) and choice.get("feedback"):
                feedback.append(choice["feedback"])
        expected = " ; ".join(c["text"] for c in data["choices"] if c.get("correct"))
        return Outcome(chosen == right, feedback, expected)
    if kind == "ordering":
        ids = _ids(data["steps"])
        texts = {str(s["id"]): s["text"] for s in data["steps"]}
        order = answer["order"]
        correct = order == ids
        messages = data.get("feedback") or {}
        feedback = []
        if correct:
            if messages.get("correct"):
                feedback.append(messages["correct"])
        else:
            if messages.get("incorrect"):
                feedback.append(messages["incorrect"])
            # Name the first pair of consecutive steps given in the wrong order.
            rank = {step_id: position for position, step_id in enumerate(order)}
            for before, after in zip(ids, ids[1:], strict=False):
                if rank[before] > rank[after]:
                    feedback.append(f"« {texts[before]} » vient avant « {texts[after]} ».")
                    break
        expected = " → ".join(texts[i] for i in ids)
        return Outcome(correct, feedback, expected)
    if kind == "matching":
        pairs = _texts(data["pairs"])
        matches = answer["matches"]
        wrong = [pid for pid in pairs if matches.get(pid) != pid]
        feedback = [pairs[pid]["feedback"] for pid in wrong if pairs[pid].get("feedback")]
        expected = " ; ".join(f"{p['left']} → {p['right']}" for p in data["pairs"])
        return Outcome(not wrong, feedback, expected)
    if kind == "hotspot":
        regions = _texts(data["regions"])
        right = next(r for r in data["regions"] if r.get("correct"))
        chosen = regions.get(answer["region"])
        if chosen is None:
            feedback = [data["miss_feedback"]] if data.get("miss_feedback") else []
            return Outcome(False, feedback, right["label"])
        feedback = [chosen["feedback"]] if chosen.get("feedback") else []
        return Outcome(bool(chosen.get("correct")), feedback, right["label"])
    if kind == "sandbox":
        return Outcome(bool(answer.get("succeeded")), [], "Mission réussie")
    raise ValueError(kind)


def describe_answer(kind, data, answer):
    """The learner's answer in words, for the review after a diagnostic."""
    try:
        return _describe(kind, data, answer)
    except (KeyError, TypeError, AttributeError):
        return "une réponse à une version précédente de la question"


def _describe(kind, data, answer):
    if kind == "single":
        return _texts(data["choices"])[answer["choice"]]["text"]
    if kind == "multiple":
        choices = _texts(data["choices"])
        return " ; ".join(choices[c]["text"] for c in answer["choices"])
    if kind == "ordering":
        texts = {str(s["id"]): s["text"] for s in data["steps"]}
        return " → ".join(texts[i] for i in answer["order"])
    if kind == "matching":
        pairs = _texts(data["pairs"])
        matches = answer["matches"].items()
        return " ; ".join(f"{pairs[left]['left']} → {pairs[right]['right']}" for left, right in matches)
    if kind == "hotspot":
        region = _texts(data["regions"]).get(answer["region"])
        return region["label"] if region else "En dehors des zones actives"
    if kind == "sandbox":
        return "Mission réussie" if answer.get("succeeded") else "Mission à reprendre"
    raise ValueError(kind)


def sample_answer(kind, data, right):
    """A well-formed answer of the kind, right or wrong: what simulated learners give (demo data, tests)."""
    if kind in ("single", "multiple"):
        good = [c["id"] for c in data["choices"] if c.get("correct")]
        bad = [c["id"] for c in data["choices"] if not c.get("correct")]
        chosen = good if right or not bad else bad[:1]
        return {"choice": chosen[0]} if kind == "single" else {"choices": sorted(chosen)}
    if kind == "ordering":
        order = [s["id"] for s in data["steps"]]
        return {"order": order if right else order[1:] + order[:1]}
    if kind == "matching":
        ids = [p["id"] for p in data["pairs"]]
        return {"matches": dict(zip(ids, ids if right else ids[1:] + ids[:1], strict=True))}
    if kind == "hotspot":
        good = next(r["id"] for r in data["regions"] if r.get("correct"))
        return {"region": good if right else "miss"}
    return {"succeeded": right}
