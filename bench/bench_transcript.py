"""Call-transcript analyzer: parse + analyze of a one-hour call, against a reference measured in the same run.

The call is built from the annotated set (ere/roleplay/transcript/annotated/calls/): its lines, said by « Conseillère »
and « Employeur », in a call order shuffled with a fixed seed at each round, until about 9,000 words (an hour at 150
words a minute), timed at that pace. It is written in the three formats: text with « [hh:mm:ss] Nom : texte » lines,
WebVTT (one <v> cue per line, as Teams exports) and Transcriber .trs (ISO-8859-1, one <Sync> per line).

The reference is the least an analysis must do: simplemma's tokenizer on every line and simplemma's lemma of every
token (no cache of ours). Each measure is the median of several runs; the analyzer's lemma cache is emptied before
each run, so that every run starts cold. Target: under 1 s for the hour, in every format. Then the precision and
recall of the annotated set. No database.

    python bench/bench_transcript.py
    python bench/bench_transcript.py --words 30000 --repeat 3
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import simplemma

from ere.roleplay.transcript import analyze, parse
from ere.roleplay.transcript.analyzer import lemma
from ere.roleplay.transcript.annotated.evaluate import evaluate, load_calls, report

TARGET_S = 1.0
WORDS_PER_SECOND = 150 / 60


def hour_of_calls(words, seed=42):
    """[(speaker, text, start, end)] of about `words` words, the annotated calls in shuffled order."""
    calls = load_calls()
    rng = random.Random(seed)
    rows, total, clock = [], 0, 0.0
    while total < words:
        for call in rng.sample(calls, len(calls)):
            speakers = [line.split(" : ", 1)[0] for line in call.text.splitlines()]
            for speaker, text in zip(speakers, call.lines, strict=True):
                role = "Conseillère" if speaker == call.advisor else "Employeur"
                count = len(text.split())
                duration = count / WORDS_PER_SECOND
                rows.append((role, text, round(clock, 3), round(clock + duration, 3)))
                clock += duration + 0.4
                total += count
                if total >= words:
                    return rows
    return rows


def clock(seconds, sep="."):
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}".replace(".", sep)


def as_text(rows):
    return "\n".join(f"[{clock(start)[:8]} --> {clock(end)[:8]}] {who} : {text}" for who, text, start, end in rows)


def as_vtt(rows):
    cues = [f"{clock(start)} --> {clock(end)}\n<v {who}>{escape(text)}</v>" for who, text, start, end in rows]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def as_trs(rows):
    out = [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<!DOCTYPE Trans SYSTEM "trans-14.dtd">',
        '<Trans scribe="bench" audio_filename="appel" version="1" version_date="250101">',
        '<Speakers><Speaker id="spk1" name="Conseillère"/><Speaker id="spk2" name="Employeur"/></Speakers>',
        f'<Episode><Section type="report" startTime="0" endTime="{rows[-1][3]}">',
    ]
    ids = {"Conseillère": "spk1", "Employeur": "spk2"}
    turn = []

    def close():
        if turn:
            who, start, end = turn[0][0], turn[0][2], turn[-1][3]
            syncs = "".join(f'<Sync time="{s}"/>\n{escape(text)}\n' for _, text, s, _ in turn)
            out.append(f'<Turn speaker="{ids[who]}" startTime="{start}" endTime="{end}">\n{syncs}</Turn>')
            turn.clear()

    for row in rows:
        if turn and turn[0][0] != row[0]:
            close()
        turn.append(row)
    close()
    out.append("</Section></Episode></Trans>")
    return "\n".join(out).encode("iso-8859-1", "xmlcharrefreplace")  # « … », « œ » as &#8230; &#339;


def reference(rows):
    count = 0
    for _, text, _, _ in rows:
        for token in simplemma.simple_tokenizer(text):
            simplemma.lemmatize(token.lower(), lang="fr")
            count += 1
    return count


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        lemma.cache_clear()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=9000, help="words in the call (default 9,000: one hour)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (median)")
    args = parser.parse_args()

    rows = hour_of_calls(args.words)
    words = sum(len(text.split()) for _, text, _, _ in rows)
    minutes = rows[-1][3] / 60
    files = {"text": as_text(rows).encode(), "vtt": as_vtt(rows).encode(), "trs": as_trs(rows)}
    simplemma.lemmatize("bonjour", lang="fr")  # load the dictionary outside the timings
    ref = timed(lambda: reference(rows), args.repeat)
    print(f"Appel de {words} mots, {len(rows)} répliques, {minutes:.0f} min ; médiane de {args.repeat} mesures")
    print(f"référence (simplemma : découpage + lemme de chaque mot) : {ref * 1000:.0f} ms")
    print(f"{'format':>6} {'parse (ms)':>11} {'analyze (ms)':>13} {'total (ms)':>11} {'ratio':>7} {'cible < 1 s':>12}")
    for name, data in files.items():
        transcript = parse(data)
        assert transcript.format == name and transcript.timed and len(transcript.lines) == len(rows)
        parse_s = timed(lambda data=data: parse(data), args.repeat)
        analyze_s = timed(lambda transcript=transcript: analyze(transcript), args.repeat)
        total = parse_s + analyze_s
        verdict = "atteinte" if total < TARGET_S else "MANQUÉE"
        print(
            f"{name:>6} {parse_s * 1000:>11.0f} {analyze_s * 1000:>13.0f} {total * 1000:>11.0f} "
            f"{total / ref:>6.1f}× {verdict:>12}"
        )
    print("ratio = (parse + analyze) / référence ; le cache des lemmes est vidé avant chaque mesure")
    print()
    print(report(evaluate()))


if __name__ == "__main__":
    main()
