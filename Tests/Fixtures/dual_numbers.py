"""Forward-mode dual numbers for the delta method in the fixture scripts: each value carries its
exact gradient over all parameters (no step size). Used by generate_four_way.py and
generate_path_specific.py."""
import numpy as np


class Dual:
    """A value with a gradient over all parameters (forward-mode differentiation)."""

    def __init__(self, v, g):
        self.v, self.g = v, g

    def __add__(self, o):
        o = lift(o, self.g)
        return Dual(self.v + o.v, self.g + o.g)

    __radd__ = __add__

    def __sub__(self, o):
        o = lift(o, self.g)
        return Dual(self.v - o.v, self.g - o.g)

    def __rsub__(self, o):
        return lift(o, self.g) - self

    def __mul__(self, o):
        o = lift(o, self.g)
        return Dual(self.v * o.v, self.g * o.v + o.g * self.v)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = lift(o, self.g)
        return Dual(self.v / o.v, (self.g * o.v - self.v * o.g) / o.v ** 2)


def lift(x, like):
    return x if isinstance(x, Dual) else Dual(float(x), np.zeros_like(like))
