"""Peer-help matcher: which colleagues to propose for a help request (a "need"), and who helps whom when many
requests wait at once. Pure: numpy and scipy, no Django; the peers services build candidates and needs from the
database and record the proposals.

Eligible: a candidate can be proposed for a need when they
- are not the requester, nor in `need.excluded` (already proposed for it, or declined it);
- are not "away" and accept the need's mode (`modes`); "beside" (à côté de moi) also needs the same agency;
- master the tool: diagnostic level >= 3 (Maîtrise), or official champion (référent numérique) of it, or declared it;
- are under their weekly cap (`week_count < weekly_cap`), unless they opted in to more (`beyond_cap`).

Score, in [0, 1]: a weighted sum of factors each in [0, 1], with `WEIGHTS` (they sum to 1):

    skill          .30  level 4 Référent or champion of the tool 1.0, level 3 Maîtrise 0.8, declared only 0.6
    proximity      .25  same agency 1.0, same territory 0.5, elsewhere 0.1
    availability   .10  available 1.0, limited 0.4
    load           .15  1 / (1 + open_load)
    fairness       .10  1 - week_count / weekly_cap, floored at 0
    helpfulness    .10  0.8 × (thanked + 1) / (helped + 2) + 0.2 × helped / (helped + 5): a newcomer gets 0.4,
                        someone thanked 4 times out of 4 gets 0.76; thanks are smoothed so newcomers are not crushed

A "high" urgency raises proximity to .40 and availability to .20, then scales all weights back to a sum of 1
(`URGENT_WEIGHTS`: someone near and free now matters more than the best expert); "low" and "normal" use `WEIGHTS`.
An opted-in candidate at or over their cap has their score multiplied by 0.8 per request at or over the cap.

Capacity in one assignment: weekly_cap - week_count; an opted-in (`beyond_cap`) candidate gets 2 more slots. The
k-th slot of a candidate (k = 0 first) is scored as if k more requests were already theirs: fairness and the over-cap
decay use week_count + k, load uses open_load + k. So one colleague twice costs more than two colleagues once each.

`rank`: the eligible candidates of one need, best first (ties: lower candidate id first).
`assign`: jointly optimal for a batch of needs (`scipy.optimize.linear_sum_assignment`). Each need keeps its best
`shortlist` candidates; the objective is first the number of needs matched (nobody left without help so that
somebody else gets a slightly better helper), then the total score. A need left unmatched whose shortlist was used
up by others then takes its best remaining candidate with capacity left.
`assign_greedy`: the baseline; needs in order (urgency high, normal, low, then id) each take their best candidate
with capacity left, with the same slot scoring.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

WEIGHTS = {
    "skill": 0.30,
    "proximity": 0.25,
    "availability": 0.10,
    "load": 0.15,
    "fairness": 0.10,
    "helpfulness": 0.10,
}
_URGENT_RAISE = {"proximity": 0.40, "availability": 0.20}
_raised = {**WEIGHTS, **_URGENT_RAISE}
URGENT_WEIGHTS = {name: weight / sum(_raised.values()) for name, weight in _raised.items()}

SKILL_BY_LEVEL = (0.0, 0.0, 0.0, 0.8, 1.0)  # index: diagnostic level 0 (not assessed) to 4 (Référent)
SKILL_CHAMPION = 1.0
SKILL_DECLARED = 0.6
PROXIMITY_AGENCY, PROXIMITY_TERRITORY, PROXIMITY_ELSEWHERE = 1.0, 0.5, 0.1
AVAILABILITY = {"available": 1.0, "limited": 0.4}
OVER_CAP_DECAY = 0.8
BEYOND_SLOTS = 2

MODES = {"beside": 1, "visio": 2, "message": 4}
URGENCIES = {"high": 0, "normal": 1, "low": 2}  # greedy order
_AVAILABILITY_CODES = {"available": 0, "limited": 1, "away": 2}
_AWAY = 2
_NONE = np.iinfo(np.int64).min  # agency / territory unknown

_LEVELS = {3: "Maîtrise", 4: "Référent"}
_MODE_REASONS = {
    "beside": "Peut venir vous aider à votre poste",
    "visio": "Accepte d'aider en visio",
    "message": "Accepte d'aider par message",
}


@dataclass(frozen=True)
class Candidate:
    id: int
    agency: int | None
    territory: int | None
    levels: Mapping[int, int] = field(default_factory=dict, hash=False)  # tool id -> diagnostic level 1..4
    champion_of: frozenset[int] = frozenset()  # tools they are the official digital champion of
    declared: frozenset[int] = frozenset()  # tools they said they can help with
    availability: str = "available"  # "available" | "limited" | "away" (never proposed)
    modes: frozenset[str] = frozenset({"beside", "visio", "message"})
    open_load: int = 0  # requests accepted and not resolved, or waiting for their answer
    week_count: int = 0  # requests proposed to them this week
    weekly_cap: int = 3
    beyond_cap: bool = False
    helped: int = 0  # past requests resolved
    thanked: int = 0  # past requests where they were thanked


@dataclass(frozen=True)
class Need:
    id: int
    requester: int
    tool: int
    agency: int | None
    territory: int | None
    urgency: str = "normal"  # "low" | "normal" | "high"
    mode: str = "beside"  # "beside" (same agency, in person) | "visio" | "message"
    excluded: frozenset[int] = frozenset()  # candidates already proposed or who declined: never again


@dataclass(frozen=True)
class Match:
    need: int
    candidate: int
    score: float  # 0..1
    reasons: tuple[str, ...]  # French, shown to users: why this colleague


def helpfulness(helped, thanked):
    """Smoothed thank rate blended with a little experience (arrays or ints)."""
    helped = np.maximum(helped, 0)
    thanked = np.clip(thanked, 0, helped)
    return 0.8 * (thanked + 1) / (helped + 2) + 0.2 * helped / (helped + 5)


class Pool:
    """Candidates as numpy arrays, built once, scored many times (vectorised).

    Skills are dense [candidates, tools] matrices (tool ids mapped to columns, column-major so that one tool's
    column is contiguous); the rows of the candidates who master a tool and may be proposed at all (not away,
    under their cap or opted in) are computed once per tool, so that scoring a need only touches those rows.
    """

    def __init__(self, candidates: Sequence[Candidate]):
        n = len(candidates)
        self.ids = np.fromiter((c.id for c in candidates), np.int64, n)
        self.index = {}
        for row, c in enumerate(candidates):
            if self.index.setdefault(c.id, row) != row:
                raise ValueError(f"Candidat en double : {c.id}")
        tools = sorted({t for c in candidates for t in (*c.levels, *c.champion_of, *c.declared)})
        self.tools = {tool: col for col, tool in enumerate(tools)}

        level_at, levels, champion_at, declared_at = [], [], [], []
        for row, c in enumerate(candidates):
            for tool, level in c.levels.items():
                if not 0 <= level <= 4:
                    raise ValueError(f"Niveau inconnu pour le candidat {c.id} : {level}")
                level_at.append((row, self.tools[tool]))
                levels.append(level)
            champion_at.extend((row, self.tools[tool]) for tool in c.champion_of)
            declared_at.extend((row, self.tools[tool]) for tool in c.declared)
        self.levels = self._matrix(level_at, np.int8, levels)
        self.champion = self._matrix(champion_at, bool, True)
        self.declared = self._matrix(declared_at, bool, True)

        def column(values, dtype=np.int64):
            return np.fromiter(values, dtype, n)

        self.agency = column(_NONE if c.agency is None else c.agency for c in candidates)
        self.territory = column(_NONE if c.territory is None else c.territory for c in candidates)
        try:
            self.availability = column((_AVAILABILITY_CODES[c.availability] for c in candidates), np.int8)
            self.modes = column((sum(MODES[m] for m in set(c.modes)) for c in candidates), np.int8)
        except KeyError as error:
            raise ValueError(f"Disponibilité ou façon d'aider inconnue : {error}") from None
        self.open_load = column(c.open_load for c in candidates)
        self.week_count = column(c.week_count for c in candidates)
        self.weekly_cap = column(c.weekly_cap for c in candidates)
        self.beyond_cap = column((c.beyond_cap for c in candidates), bool)
        self.helped = column(c.helped for c in candidates)

        self._cap_divisor = np.maximum(self.weekly_cap, 1).astype(float)
        self._availability_factor = np.where(
            self.availability == 0, AVAILABILITY["available"], AVAILABILITY["limited"]
        )
        self._helpfulness = helpfulness(self.helped, column(c.thanked for c in candidates))
        left = np.maximum(self.weekly_cap - self.week_count, 0)
        self.capacity = np.where(self.beyond_cap, left + BEYOND_SLOTS, left)
        self._proposable = (self.availability != _AWAY) & (self.capacity > 0)
        self._mastery = {}

    def _matrix(self, coords, dtype, values):
        matrix = np.zeros((len(self.ids), len(self.tools)), dtype, order="F")
        if coords:
            rows, cols = np.array(coords).T
            matrix[rows, cols] = values
        return matrix

    def __len__(self):
        return len(self.ids)

    def __contains__(self, candidate_id):
        return candidate_id in self.index

    def _masters(self, col):
        """Rows of the proposable candidates who master the tool in column `col`."""
        if col not in self._mastery:
            mastery = (self.levels[:, col] >= 3) | self.champion[:, col] | self.declared[:, col]
            self._mastery[col] = np.flatnonzero(mastery & self._proposable)
        return self._mastery[col]

    def _evaluate(self, need, weights):
        """(rows, partial scores) of the candidates eligible for `need`: everything but fairness and load."""
        if need.mode not in MODES:
            raise ValueError(f"Façon d'aider inconnue : {need.mode}")
        col = self.tools.get(need.tool)
        if col is None:
            return np.zeros(0, np.int64), np.zeros(0)
        rows = self._masters(col)
        keep = (self.modes[rows] & MODES[need.mode]) != 0
        same_agency = self.agency[rows] == (_NONE if need.agency is None else need.agency)
        if need.agency is None:
            same_agency[:] = False
        if need.mode == "beside":
            keep &= same_agency
        unwanted = [self.index[i] for i in (need.requester, *need.excluded) if i in self.index]
        if unwanted:
            keep &= ~np.isin(rows, unwanted)
        rows, same_agency = rows[keep], same_agency[keep]

        skill = np.maximum.reduce(
            [
                np.take(SKILL_BY_LEVEL, self.levels[:, col][rows]),
                self.champion[:, col][rows] * SKILL_CHAMPION,
                self.declared[:, col][rows] * SKILL_DECLARED,
            ]
        )
        if need.territory is None:
            same_territory = np.zeros(len(rows), bool)
        else:
            same_territory = self.territory[rows] == need.territory
        proximity = np.where(
            same_agency, PROXIMITY_AGENCY, np.where(same_territory, PROXIMITY_TERRITORY, PROXIMITY_ELSEWHERE)
        )
        partial = (
            weights["skill"] * skill
            + weights["proximity"] * proximity
            + weights["availability"] * self._availability_factor[rows]
            + weights["helpfulness"] * self._helpfulness[rows]
        )
        return rows, partial

    def _slot_factors(self, rows, k):
        """(fairness, load, over-cap decay) of the k-th slot of each row."""
        week = self.week_count[rows] + k
        fairness = np.maximum(0.0, 1.0 - week / self._cap_divisor[rows])
        load = 1.0 / (1.0 + self.open_load[rows] + k)
        decay = OVER_CAP_DECAY ** np.maximum(0, week - self.weekly_cap[rows] + 1)
        return fairness, load, decay

    def _scores(self, rows, partial, weights, k=0):
        fairness, load, decay = self._slot_factors(rows, k)
        return np.clip((partial + weights["fairness"] * fairness + weights["load"] * load) * decay, 0.0, 1.0)

    def _match(self, need, row, score, weights, k=0):
        return Match(need.id, int(self.ids[row]), float(score), self._reasons(need, row, weights, k))

    def _reasons(self, need, row, weights, k=0):
        """The skill that makes them eligible, then up to 3 of the strongest other factors, in French."""
        col = self.tools[need.tool]
        level = int(self.levels[:, col][row])
        if self.champion[:, col][row]:
            skill = "Référent numérique de cet applicatif"
        elif level >= 3:
            skill = f"Niveau « {_LEVELS[level]} » à son diagnostic sur cet applicatif"
        else:
            skill = "S'est déclaré·e à l'aise avec cet applicatif"
        others = []
        if need.agency is not None and self.agency[row] == need.agency:
            others.append((weights["proximity"] * PROXIMITY_AGENCY, "Dans votre agence"))
        elif need.territory is not None and self.territory[row] == need.territory:
            others.append((weights["proximity"] * PROXIMITY_TERRITORY, "Dans votre direction territoriale"))
        if self.availability[row] == 0:
            others.append((weights["availability"], "Disponible en ce moment"))
        if self.open_load[row] + k == 0:
            others.append((weights["load"], "Aucune demande d'aide en cours"))
        week = self.week_count[row] + k
        fairness = max(0.0, 1.0 - week / self._cap_divisor[row])
        if week == 0:
            others.append((weights["fairness"], "Pas encore sollicité·e cette semaine"))
        elif fairness >= 0.5:
            others.append((weights["fairness"] * fairness, "Peu sollicité·e cette semaine"))
        helped = int(self.helped[row])
        if helped:
            colleagues = "collègue" if helped == 1 else "collègues"
            others.append((weights["helpfulness"] * self._helpfulness[row], f"A déjà aidé {helped} {colleagues}"))
        others.sort(key=lambda pair: -pair[0])
        reasons = [skill, *(sentence for _, sentence in others[:3])]
        if len(reasons) < 2:
            reasons.append(_MODE_REASONS[need.mode])
        return tuple(reasons)


def weights_for(urgency):
    if urgency not in URGENCIES:
        raise ValueError(f"Urgence inconnue : {urgency}")
    return URGENT_WEIGHTS if urgency == "high" else WEIGHTS


def _best(scores, ids, limit):
    """Indexes of the `limit` best scores, best first, ties broken by lower id."""
    if len(scores) > limit:
        kth = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = np.flatnonzero(scores >= kth)
    else:
        keep = np.arange(len(scores))
    return keep[np.lexsort((ids[keep], -scores[keep]))][:limit]


def _check(needs):
    if len({need.id for need in needs}) != len(needs):
        raise ValueError("Demandes en double")


def _priority(need):
    return (URGENCIES[need.urgency], need.id)


def _take_best(pool, need, weights, rows, partial, used):
    """Match `need` with its best candidate with capacity left (slot scoring), or None; updates `used`."""
    free = used[rows] < pool.capacity[rows]
    rows, partial = rows[free], partial[free]
    if not len(rows):
        return None
    k = used[rows]
    scores = pool._scores(rows, partial, weights, k)
    best = _best(scores, pool.ids[rows], 1)[0]
    row = rows[best]
    match = pool._match(need, row, scores[best], weights, int(k[best]))
    used[row] += 1
    return match


def rank(pool: Pool, need: Need, limit: int = 5) -> list[Match]:
    """The eligible candidates for `need`, best first."""
    weights = weights_for(need.urgency)
    rows, partial = pool._evaluate(need, weights)
    if limit <= 0 or not len(rows):
        return []
    scores = pool._scores(rows, partial, weights)
    return [pool._match(need, rows[i], scores[i], weights) for i in _best(scores, pool.ids[rows], limit)]


def assign_greedy(pool: Pool, needs: Sequence[Need]) -> dict[int, Match | None]:
    """Need id -> match: needs in priority order each take their best candidate with capacity left."""
    _check(needs)
    used = np.zeros(len(pool), np.int64)
    matches = {}
    for need in sorted(needs, key=_priority):
        weights = weights_for(need.urgency)
        rows, partial = pool._evaluate(need, weights)
        matches[need.id] = _take_best(pool, need, weights, rows, partial, used)
    return {need.id: matches[need.id] for need in needs}


def assign(pool: Pool, needs: Sequence[Need], *, shortlist: int = 20) -> dict[int, Match | None]:
    """Need id -> match, jointly optimal: most needs matched, then the best total score (see the module docstring)."""
    _check(needs)
    if shortlist < 1:
        raise ValueError("shortlist doit être au moins 1")
    matches = {need.id: None for need in needs}
    lines = []  # (need, weights, all rows, all partial scores, shortlisted indexes)
    for need in needs:
        weights = weights_for(need.urgency)
        rows, partial = pool._evaluate(need, weights)
        if len(rows):
            keep = _best(pool._scores(rows, partial, weights), pool.ids[rows], shortlist)
            lines.append((need, weights, rows, partial, keep))
    if not lines:
        return matches

    # Columns: each shortlisted candidate once per slot, at most as many slots as needs that shortlisted them.
    short_rows = np.concatenate([rows[keep] for _, _, rows, _, keep in lines])
    candidates, inverse = np.unique(short_rows, return_inverse=True)
    slots = np.minimum(np.bincount(inverse, minlength=len(candidates)), pool.capacity[candidates])
    column_candidate = np.repeat(np.arange(len(candidates)), slots)
    column_slot = np.arange(len(column_candidate)) - np.repeat(np.cumsum(slots) - slots, slots)
    column_rows = candidates[column_candidate]
    fairness, load, decay = pool._slot_factors(column_rows, column_slot)

    partial = np.full((len(lines), len(candidates)), np.nan)
    line_of = np.repeat(np.arange(len(lines)), [len(keep) for *_, keep in lines])
    partial[line_of, inverse] = np.concatenate([part[keep] for _, _, _, part, keep in lines])
    w_fairness = np.array([weights["fairness"] for _, weights, *_ in lines])[:, None]
    w_load = np.array([weights["load"] for _, weights, *_ in lines])[:, None]
    values = np.clip((partial[:, column_candidate] + w_fairness * fairness + w_load * load) * decay, 0.0, 1.0)
    feasible = ~np.isnan(values)
    # Every match is worth more than any total score, so the most needs are matched first; infeasible = unmatched.
    cover = len(lines) + 1.0
    cost = np.where(feasible, -(cover + np.nan_to_num(values)), 0.0)
    line_index, column_index = linear_sum_assignment(cost)

    used = np.zeros(len(pool), np.int64)
    for i, j in zip(line_index, column_index, strict=True):
        if feasible[i, j]:
            need, weights, *_ = lines[i]
            row = column_rows[j]
            matches[need.id] = pool._match(need, row, values[i, j], weights, int(column_slot[j]))
            used[row] += 1
    # Needs whose whole shortlist went to others look further down their list.
    for need, weights, rows, part, keep in sorted(lines, key=lambda line: _priority(line[0])):
        if matches[need.id] is None and len(rows) > len(keep):
            matches[need.id] = _take_best(pool, need, weights, rows, part, used)
    return matches
