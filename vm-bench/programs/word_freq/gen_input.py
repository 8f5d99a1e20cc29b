#!/usr/bin/env python3
"""Writes the input of the word_freq benchmark: a first line with the word count N, then N
words one per line, then the end marker line "END". Deterministic (a Park-Miller generator
with a fixed seed), so every run of this script writes the same file (about 4 MB).

    python3 gen_input.py [OUT] [N]      (defaults: input.txt beside this script, 500000)

MITScript has no way to split a line into words (no string indexing), so the text holds one
word per line. The vocabulary has 4,000 words made of syllables; word k of the vocabulary is
drawn with a skewed (roughly Zipf-like) distribution, so a few hundred words make up most of
the text, as in natural language.
"""
import os
import sys

SYLLABLES = ["ka", "lo", "mi", "tur", "en", "sa", "do", "ri", "pel", "un",
             "ba", "ko", "ne", "vis", "ta", "gor", "li", "am", "ze", "phu"]
VOCAB = 4000


class ParkMiller:
    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = self.s * 16807 % 2147483647
        return self.s


def word(k):
    # k in base 20, at least two digits, each digit a syllable: distinct k give distinct words
    parts = []
    while True:
        parts.append(SYLLABLES[k % 20])
        k //= 20
        if k == 0 and len(parts) >= 2:
            break
    return "".join(parts)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "input.txt")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500000
    rng = ParkMiller(20240607)
    vocab = [word(k) for k in range(VOCAB)]
    lines = [str(n)]
    for _ in range(n):
        a = rng.next() % VOCAB
        b = rng.next() % VOCAB
        c = rng.next() % VOCAB
        lines.append(vocab[a * b * c // (VOCAB * VOCAB)])
    lines.append("END")
    tmp = out + ".tmp"
    with open(tmp, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
