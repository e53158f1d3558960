"""Reference implementation of CausalKit's random-number algorithms, written from the papers.

SplitMix64 and xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
ACM TOMS 2021), CausalKit's stream derivation (documented on SeededGenerator.derived(stream:)),
Lemire's bounded integers (ACM TOMACS 2019) and the bit-to-float mappings. `random_section()`
returns the known answers stored in distributions.json; it first checks the xoshiro256 jump
polynomial against the 2^128-th power of the generator's GF(2) transition matrix.

Imported by generate_distributions.py; not meant to be run on its own.
"""
import sys

import mpmath as mm
from mpmath import mpf


def fl(v):
    return float(v)


MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro:
    def __init__(self, seed):
        self.seed = seed
        s = seed
        self.s = []
        for _ in range(4):
            s = (s + GOLDEN) & MASK
            self.s.append(mix64(s))

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def derived(self, stream):
        h = mix64(self.seed ^ 0x6A09E667F3BCC909)
        return Xoshiro(mix64((h + ((stream + 1) * GOLDEN)) & MASK))

    def jump(self):
        acc = [0, 0, 0, 0]
        for word in [0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C]:
            for b in range(64):
                if word >> b & 1:
                    acc = [a ^ s for a, s in zip(acc, self.s)]
                self.next()
        self.s = acc

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def uniform_open_closed(self):
        return ((self.next() >> 11) + 1) * 2.0 ** -53

    def uniform_open(self):
        return ((self.next() >> 11) + 0.5) * 2.0 ** -53

    def int_below(self, n):
        """Lemire (2019), 'Fast random integer generation in an interval'."""
        m = self.next() * n
        low = m & MASK
        if low < n:
            threshold = ((1 << 64) - n) % n
            while low < threshold:
                m = self.next() * n
                low = m & MASK
        return m >> 64

    def rademacher(self):
        return 1.0 if self.next() >> 63 else -1.0


def state_vector(s):
    return s[0] | s[1] << 64 | s[2] << 128 | s[3] << 192


def transition_matrix():
    """Columns of the GF(2)-linear xoshiro256 state update (the scrambler does not affect state)."""
    cols = []
    for bit in range(256):
        g = Xoshiro(0)
        v = 1 << bit
        g.s = [(v >> (64 * i)) & MASK for i in range(4)]
        g.next()
        cols.append(state_vector(g.s))
    return cols


def apply(cols, v):
    out, i = 0, 0
    while v:
        if v & 1:
            out ^= cols[i]
        v >>= 1
        i += 1
    return out


def check_jump():
    cols = transition_matrix()
    for _ in range(128):  # M^(2^128) by repeated squaring
        cols = [apply(cols, c) for c in cols]
    g = Xoshiro(42)
    expected = apply(cols, state_vector(g.s))
    g.jump()
    if state_vector(g.s) != expected:
        sys.exit("jump polynomial does not equal 2^128 steps")


def random_section():
    check_jump()
    out = {}
    g = Xoshiro(42)
    out["seed42_next"] = [str(g.next()) for _ in range(16)]
    out["seed0_next"] = [str(v) for v in (lambda g: [g.next() for _ in range(8)])(Xoshiro(0))]
    out["splitmix64_seed42_state"] = [str(v) for v in Xoshiro(42).s]
    g = Xoshiro(42)
    out["seed42_uniform"] = [g.uniform() for _ in range(8)]
    g = Xoshiro(42)
    out["seed42_uniform_open_closed"] = [g.uniform_open_closed() for _ in range(8)]
    g = Xoshiro(42)
    # nextNormal = Φ⁻¹ of the open-interval uniform; references at the working precision.
    out["seed42_normal"] = [fl(mm.sqrt(2) * mm.erfinv(2 * mpf(g.uniform_open()) - 1)) for _ in range(8)]
    g = Xoshiro(42)
    out["seed42_int_below"] = {str(n): [g.int_below(n) for _ in range(8)] for n in [1, 2, 3, 10, 1000, 2**62 + 1]}
    g = Xoshiro(42)
    out["seed42_rademacher"] = [g.rademacher() for _ in range(16)]
    g = Xoshiro(42)
    out["seed42_derived"] = {str(s): [str(v) for v in (lambda d: [d.next() for _ in range(4)])(g.derived(s))]
                             for s in [0, 1, 2, 1000, MASK]}
    g = Xoshiro(42)
    g.jump()
    out["seed42_after_jump"] = [str(g.next()) for _ in range(4)]
    return out
