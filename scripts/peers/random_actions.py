"""The random scenes and actions of `jepalab stress` (`Arrangement.random`, `RandomPolicy`, `World.reachable`), for
the physics peers. `rng` is a seeded `numpy.random.Generator`."""
import math

STEP, YAW_STEP = 0.075, 0.25
STEPS_PER_ACTION, CHUNKS, RAMP_CHUNKS = 125, 5, 4


def placement(rng):
    """Cup (x, y), box (x, y, yaw) on the table apart from each other, and the hand's start point above them."""
    cup = (rng.uniform(0.4, 0.64), rng.uniform(-0.22, 0.22))
    box = cup
    while (box[0] - cup[0]) ** 2 + (box[1] - cup[1]) ** 2 < 0.14 ** 2:
        box = (rng.uniform(0.4, 0.64), rng.uniform(-0.22, 0.22))
    hand = (rng.uniform(0.36, 0.58), rng.uniform(-0.2, 0.2), rng.uniform(0.15, 0.34))
    return cup, box + (rng.uniform(-0.8, 0.8),), hand


def goal(rng, tcp, yaw):
    """The next action's goal from grasp point `tcp` and hand yaw `yaw`: a random step of up to 7.5 cm per axis
    (drawn 1.5× wider, then clipped) and 0.25 rad of yaw, kept inside the workspace (z 0.015 … 0.65 m, 0.28 … 0.78 m
    from the base, yaw within ±1.6 rad)."""
    p = [c + max(-STEP, min(STEP, rng.uniform(-1.5 * STEP, 1.5 * STEP))) for c in tcp]
    p[2] = min(0.65, max(0.015, p[2]))
    radius = math.hypot(p[0], p[1])
    scale = min(0.78, max(0.28, radius)) / max(radius, 1e-9)
    yaw = max(-1.6, min(1.6, yaw + max(-YAW_STEP, min(YAW_STEP, rng.uniform(-1.5 * YAW_STEP, 1.5 * YAW_STEP)))))
    return [p[0] * scale, p[1] * scale, p[2]], yaw


def gripper(rng):
    """A random finger opening (m) from a gripper command in [0, 1]."""
    return 0.04 * (1 - rng.uniform(0, 1))
