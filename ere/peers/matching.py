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
(`URGENT_WEIGHTS`: skill .24, proximity .32, availability .16, load .12, fairness .08, helpfulness .08): someone
near and free now matters more than the best expert. "low" and "normal" use `WEIGHTS`.
An opted-in candidate at or over their cap has their score multiplied by 0.8 per request at or over the cap.

Capacity in one assignment: weekly_cap - week_count; an opted-in (`beyond_cap`) candidate gets 2 more slots. The
k-th slot of a candidate (k = 0 first) is scored as if k more requests were already theirs: fairness and the over-cap
decay use week_count + k, load uses open_load + k. So one colleague twice costs more than two colleagues once each.

`rank`: the eligible candidates of one need, best first (ties: lower candidate id first).
`assign`: jointly optimal for a batch of needs (`scipy.optimize.linear_sum_assignment`). Each need keeps its best
`shortlist` candidates; columns are the shortlisted candidates, once per slot. The objective is first the number of
needs matched (nobody is left without help so that somebody else gets a slightly better helper), then the total
score. When a need is left unmatched because others took its whole shortlist, its shortlist and those of the needs
holding its candidates grow 4-fold and the assignment is solved again (a few rounds, bounded matrix); a need still
unmatched then takes its best remaining candidate with capacity left.
`assign_greedy`: the baseline; needs in order (urgency high, normal, low, then id) each take their best candidate
with capacity left, with the same slot scoring.
"""

from collections import defaultdict
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

# Assignment: an unmatched need's shortlist (and those of the needs holding its candidates) grows 4-fold per round,
# for at most 4 rounds and as long as the dense cost matrix stays under 8 M cells (64 MB).
_GROWTH, _ROUNDS, _CELL_BUDGET = 4, 4, 8_000_000

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
    column is contiguous). The rows of the candidates who master a tool and may be proposed at all (not away, under
    their cap or opted in) are listed once per tool, so that scoring a need only touches those rows.
    """

    def __init__(self, candidates: Sequence[Candidate]):
        # One pass over the objects into flat lists, then everything else in numpy.
        n = len(candidates)
        masks = {}
        scalars = []
        levels = ([], [], [])  # rows, tool ids, levels
        champion, declared = ([], []), ([], [])
        try:
            for row, c in enumerate(candidates):
                modes = frozenset(c.modes)
                if (mask := masks.get(modes)) is None:
                    mask = masks[modes] = sum(MODES[mode] for mode in modes)
                scalars.append(
                    (
                        c.id,
                        _NONE if c.agency is None else c.agency,
                        _NONE if c.territory is None else c.territory,
                        _AVAILABILITY_CODES[c.availability],
                        mask,
                        c.open_load,
                        c.week_count,
                        c.weekly_cap,
                        c.beyond_cap,
                        c.helped,
                        c.thanked,
                    )
                )
                if c.levels:
                    levels[0].extend([row] * len(c.levels))
                    levels[1].extend(c.levels)
                    levels[2].extend(c.levels.values())
                for flags, tools in ((champion, c.champion_of), (declared, c.declared)):
                    if tools:
                        flags[0].extend([row] * len(tools))
                        flags[1].extend(tools)
        except KeyError as error:
            raise ValueError(f"Disponibilité ou façon d'aider inconnue : {error}") from None
        table = np.array(scalars, np.int64).reshape(n, 11).T
        self.ids, self.agency, self.territory, availability, self.modes = table[:5]
        self.open_load, self.week_count, self.weekly_cap, beyond_cap, self.helped, thanked = table[5:]
        self.availability, self.beyond_cap = availability.astype(np.int8), beyond_cap.astype(bool)
        self.index = dict(zip(self.ids.tolist(), range(n), strict=True))
        if len(self.index) != n:
            raise ValueError("Candidats en double")

        tool_ids = np.array(levels[1] + champion[1] + declared[1], np.int64)
        tools, cols = np.unique(tool_ids, return_inverse=True)
        self.tools = dict(zip(tools.tolist(), range(len(tools)), strict=True))
        level_values = np.array(levels[2], np.int64)
        if ((level_values < 0) | (level_values > 4)).any():
            raise ValueError(
                f"Niveau de diagnostic inconnu : {level_values[(level_values < 0) | (level_values > 4)][0]}"
            )
        parts = np.cumsum([len(levels[1]), len(champion[1])])
        self.levels = self._matrix(levels[0], cols[: parts[0]], np.int8, level_values)
        self.champion = self._matrix(champion[0], cols[parts[0] : parts[1]], bool, True)
        self.declared = self._matrix(declared[0], cols[parts[1] :], bool, True)

        self._cap_divisor = np.maximum(self.weekly_cap, 1).astype(float)
        self._availability_factor = np.where(
            self.availability == 0, AVAILABILITY["available"], AVAILABILITY["limited"]
        )
        self._helpfulness = helpfulness(self.helped, thanked)
        left = np.maximum(self.weekly_cap - self.week_count, 0)
        self.capacity = np.where(self.beyond_cap, left + BEYOND_SLOTS, left)
        proposable = (self.availability != _AWAY) & (self.capacity > 0)
        mastery = ((self.levels >= 3) | self.champion | self.declared) & proposable[:, None]
        # Per tool column, the rows of the proposable candidates who master it: the only rows a need looks at.
        self._masters = [np.flatnonzero(mastery[:, col]) for col in range(len(self.tools))]

    def _matrix(self, rows, cols, dtype, values):
        matrix = np.zeros((len(self.ids), len(self.tools)), dtype, order="F")
        matrix[np.asarray(rows, np.int64), cols] = values
        return matrix

    def __len__(self):
        return len(self.ids)

    def __contains__(self, candidate_id):
        return candidate_id in self.index

    def _evaluate(self, need, weights):
        """(rows, partial scores) of the candidates eligible for `need`: everything but fairness and load."""
        if need.mode not in MODES:
            raise ValueError(f"Façon d'aider inconnue : {need.mode}")
        col = self.tools.get(need.tool)
        if col is None:
            return np.zeros(0, np.int64), np.zeros(0)
        rows = self._masters[col]
        keep = (self.modes[rows] & MODES[need.mode]) != 0
        same_agency = np.zeros(len(rows), bool) if need.agency is None else self.agency[rows] == need.agency
        if need.mode == "beside":
            keep &= same_agency
        unwanted = [self.index[i] for i in (need.requester, *need.excluded) if i in self.index]
        if unwanted and len(rows):  # `rows` is sorted
            unwanted = np.array(unwanted)
            at = np.minimum(np.searchsorted(rows, unwanted), len(rows) - 1)
            keep[at[rows[at] == unwanted]] = False
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


def _solve(pool, lines, keeps, budget=None):
    """[(row, slot, score) or None per line]: the optimal assignment within the shortlists `keeps`, or None when the
    cost matrix would have more than `budget` cells."""
    # Columns: each shortlisted candidate once per slot, at most as many slots as needs that shortlisted them.
    pair_line = np.repeat(np.arange(len(lines)), [len(keep) for keep in keeps])
    pair_partial = np.concatenate([partial[keep] for (_, _, _, partial, _), keep in zip(lines, keeps, strict=True)])
    pair_rows = np.concatenate([rows[keep] for (_, _, rows, _, _), keep in zip(lines, keeps, strict=True)])
    candidates, pair_candidate = np.unique(pair_rows, return_inverse=True)
    slots = np.minimum(np.bincount(pair_candidate, minlength=len(candidates)), pool.capacity[candidates])
    first_column = np.cumsum(slots) - slots
    column_rows = np.repeat(candidates, slots)
    column_slot = np.arange(len(column_rows)) - np.repeat(first_column, slots)
    if budget is not None and len(lines) * len(column_rows) > budget:
        return None

    # Only the shortlisted pairs are scored, once per slot of their candidate; every other cell stays infeasible.
    repeats = slots[pair_candidate]
    cell_line = np.repeat(pair_line, repeats)
    cell_slot = np.arange(len(cell_line)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    cell_column = np.repeat(first_column[pair_candidate], repeats) + cell_slot
    fairness, load, decay = pool._slot_factors(column_rows[cell_column], cell_slot)
    w_fairness = np.array([weights["fairness"] for _, weights, *_ in lines])[cell_line]
    w_load = np.array([weights["load"] for _, weights, *_ in lines])[cell_line]
    cell_value = (np.repeat(pair_partial, repeats) + w_fairness * fairness + w_load * load) * decay
    cell_value = np.clip(cell_value, 0.0, 1.0)
    # Every match is worth more than any total score, so that the most needs are matched first. The infeasible
    # sentinel is 0, the cost of leaving a need unmatched: pairs assigned at that cost are dropped.
    cover = len(lines) + 1.0
    cost = np.zeros((len(lines), len(column_rows)))
    cost[cell_line, cell_column] = -(cover + cell_value)
    line_index, column_index = linear_sum_assignment(cost)

    chosen = [None] * len(lines)
    taken = cost[line_index, column_index] < 0
    line_index, column_index = line_index[taken], column_index[taken]
    cell_key = cell_line * len(column_rows) + cell_column
    order = np.argsort(cell_key)
    cell = order[np.searchsorted(cell_key, line_index * len(column_rows) + column_index, sorter=order)]
    for i, j, value in zip(line_index.tolist(), column_index.tolist(), cell_value[cell].tolist(), strict=True):
        chosen[i] = (int(column_rows[j]), int(column_slot[j]), value)
    return chosen


def assign(pool: Pool, needs: Sequence[Need], *, shortlist: int = 20) -> dict[int, Match | None]:
    """Need id -> match, jointly optimal: most needs matched, then the best total score (see the module docstring)."""
    _check(needs)
    if shortlist < 1:
        raise ValueError("shortlist doit être au moins 1")
    lines = []  # (need, weights, eligible rows, their partial scores, their scores)
    for need in needs:
        weights = weights_for(need.urgency)
        rows, partial = pool._evaluate(need, weights)
        if len(rows):
            lines.append((need, weights, rows, partial, pool._scores(rows, partial, weights)))
    matches = {need.id: None for need in needs}
    if not lines:
        return matches

    limits = [shortlist] * len(lines)
    keeps = [_best(scores, pool.ids[rows], shortlist) for _, _, rows, _, scores in lines]
    chosen = _solve(pool, lines, keeps)
    for _ in range(_ROUNDS):
        # An unmatched need lost its whole shortlist to others: follow the alternating paths from it (its shortlisted
        # candidates, the needs holding them, their shortlisted candidates...) and widen the shortlists met on the way
        # that are not complete yet; they are where a longer path to a free candidate can start.
        holders = defaultdict(list)
        for i, choice in enumerate(chosen):
            if choice is not None:
                holders[choice[0]].append(i)
        reached = {i for i, choice in enumerate(chosen) if choice is None}
        frontier = list(reached)
        while frontier:
            found = {h for i in frontier for row in lines[i][2][keeps[i]].tolist() for h in holders.get(row, ())}
            frontier = list(found - reached)
            reached |= found
        grow = {i for i in reached if len(keeps[i]) < len(lines[i][2])}
        if not grow:
            break
        limits = [limit * _GROWTH if i in grow else limit for i, limit in enumerate(limits)]
        wider = [
            _best(scores, pool.ids[rows], limit) for (_, _, rows, _, scores), limit in zip(lines, limits, strict=True)
        ]
        if (better := _solve(pool, lines, wider, _CELL_BUDGET)) is None:
            break
        keeps, chosen = wider, better

    used = np.zeros(len(pool), np.int64)
    for (need, weights, *_), choice in zip(lines, chosen, strict=True):
        if choice is not None:
            row, slot, score = choice
            matches[need.id] = pool._match(need, row, score, weights, slot)
            used[row] += 1
    # Needs still without a match look further down their list, in priority order.
    for (need, weights, rows, partial, _), keep in sorted(
        zip(lines, keeps, strict=True), key=lambda pair: _priority(pair[0][0])
    ):
        if matches[need.id] is None and len(rows) > len(keep):
            matches[need.id] = _take_best(pool, need, weights, rows, partial, used)
    return matches
