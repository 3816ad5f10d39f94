#!/usr/bin/env python3
"""PyBullet peer of `jepalab bench --only render`: CPU frames/s of PyBullet's TinyRenderer at 64, 128 and 256 pixels.

What is compared. Ours: the CPU rasterizer on one thread, shadows on, 16 frames of a play episode in the `train` lab
(arm, gripper, cup, box, textured table with legs, floor, walls), RGB only, at least 0.5 s per size after one
warm-up frame. Here: the same low-poly scene built from the same primitives (`scene.py`, `pybullet_scene.py`: arm of
capsules, joint-housing cylinders, box hand and fingers, base, table top and legs, floor, cup, box), drawn by
`getCameraImage` with `ER_TINY_RENDERER` (software, one thread, `DIRECT` mode), `shadow=1`, the `train` lab's camera
(from (0.5, −1.0, 0.55) at (0.4, 0, 0.12), 50° field of view) and light direction, no segmentation mask
(`ER_NO_SEGMENTATION_MASK`); PyBullet still returns RGBA and depth. The arm sweeps through 16 poses about its first
joint, as `RenderBenchmark.sweep` does, with the grasp point about 20 cm above the table, as in play episodes. Each size: median over repeats of the rate over at least `--duration` s.

Usage: scripts/peers/pybullet_render.py [--repeats 3] [--duration 0.5] [--sizes 64,128,256]
Prints one JSON line. Installs its packages with scripts/peers/setup on first use. Not part of the tests.
"""
import argparse, os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_env
import scene

EYE, TARGET, FIELD_OF_VIEW, LIGHT = (0.5, -1.0, 0.55), (0.4, 0, 0.12), 50, (0.3, -0.5, 1)


def frames_per_second(p, client, bodies, poses, size, duration):
    """Renders `size`-pixel frames of the poses in turn for at least `duration` s after one warm-up frame."""
    view = p.computeViewMatrix(EYE, TARGET, (0, 0, 1), physicsClientId=client)
    projection = p.computeProjectionMatrixFOV(FIELD_OF_VIEW, 1, 0.05, 10, physicsClientId=client)

    def render(k):
        bodies.pose(poses[k % len(poses)], scene.FINGER_TRAVEL)
        return p.getCameraImage(size, size, view, projection, shadow=1, lightDirection=LIGHT,
                                renderer=p.ER_TINY_RENDERER, flags=p.ER_NO_SEGMENTATION_MASK,
                                physicsClientId=client)

    render(0)
    frames, start = 0, time.perf_counter()
    while frames < 3 or time.perf_counter() - start < duration:
        render(frames)
        frames += 1
    return frames / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--duration", type=float, default=0.5)
    parser.add_argument("--sizes", default="64,128,256")
    parser.add_argument("--write", metavar="PNG", help="also save one 256-pixel frame as a PNG, to look at")
    args = parser.parse_args()
    try:
        sizes = [int(n) for n in args.sizes.split(",")]
    except ValueError:
        sys.exit("--sizes %r: expected comma-separated pixel counts such as 64,128,256" % args.sizes)
    peer_env.ensure("pybullet", "numpy")
    import numpy as np
    import pybullet as p
    from pybullet_scene import PyBulletScene

    client = p.connect(p.DIRECT)
    bodies = PyBulletScene(p, client)
    bodies.place((0.5, 0.12), (0.5, -0.12, 0.3))
    bodies.pose(scene.HOME, scene.FINGER_TRAVEL)
    down = p.getLinkState(bodies.arm, bodies.tcp, computeForwardKinematics=True, physicsClientId=client)[5]
    working = list(p.calculateInverseKinematics(bodies.arm, bodies.tcp, (0.45, 0, 0.2), down, maxNumIterations=100,
                                                physicsClientId=client)[:7])
    poses = [[working[0] - 0.4 + 0.8 * k / 15] + working[1:] for k in range(16)]
    load = peer_env.load_average()
    results = {"pybullet_api": p.getAPIVersion(), "renderer": "ER_TINY_RENDERER", "shadow": 1, "threads": 1,
               "repeats": args.repeats, "duration_s": args.duration}
    for size in sizes:
        rates = [frames_per_second(p, client, bodies, poses, size, args.duration) for _ in range(args.repeats)]
        results["frames_per_s_%d" % size] = round(peer_env.median(rates), 1)
    if args.write:
        write_png(np, p, client, bodies, poses, args.write)
    peer_env.report("pybullet_render", results, load)


def write_png(np, p, client, bodies, poses, path):
    """Saves one 256-pixel TinyRenderer frame as an 8-bit RGB PNG (zlib, no other dependency), atomically."""
    import struct, zlib
    view = p.computeViewMatrix(EYE, TARGET, (0, 0, 1), physicsClientId=client)
    projection = p.computeProjectionMatrixFOV(FIELD_OF_VIEW, 1, 0.05, 10, physicsClientId=client)
    bodies.pose(poses[0], scene.FINGER_TRAVEL)
    width, height, rgba = p.getCameraImage(256, 256, view, projection, shadow=1, lightDirection=LIGHT,
                                           renderer=p.ER_TINY_RENDERER, physicsClientId=client)[:3]
    rgb = np.asarray(rgba, dtype=np.uint8).reshape(height, width, 4)[:, :, :3]
    raw = b"".join(b"\0" + row.tobytes() for row in rgb)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path + ".tmp", "wb") as file:
        file.write(png)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
