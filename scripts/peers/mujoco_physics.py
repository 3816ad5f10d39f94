#!/usr/bin/env python3
"""MuJoCo peer of `jepalab bench --only physics`: steps/s of the standard scene at 2 ms on one thread.

What is compared. Ours: ODE 0.16 quickstep (16 iterations), the arm on torque-limited velocity motors driven every step
by our inner controller (forward kinematics, Jacobian, damped least-squares IK), random end-effector actions of
125 steps (0.25 s), 8 episodes of 20 actions per repeat, world creation included. Here: the same scene from
primitives (`scene.py`: Panda-like 7-link arm of capsules, box hand, two sliding fingers, table, cup, box; PANDA.md
masses, limits and torques; gravity compensated; no self-collision) in MuJoCo with `position` servos on the joints
(torque-limited) and fingers (40 N), `implicitfast` integration, and the random actions of `jepalab stress`
(`random_actions.py`): each episode puts the cup and box at random spots and the hand above them, then every 125
steps the grasp point takes a random step of up to 7.5 cm per axis (and the hand up to 0.25 rad of yaw) inside our
workspace, ramped over 4/5 of the action, with a random gripper command. Every 25 steps one damped least-squares
step in Python turns the grasp-point error into joint targets (at most 0.1 rad from the measured angles), and
`mj_step(nstep=25)` runs the physics. `steps_per_s` counts only the time inside `mj_step` (MuJoCo's servos are part
of its step, while ours pay for an IK solve every step); `steps_per_s_with_python_controller` counts all of it.
Measured for MuJoCo's default solver (Newton, up to 100 iterations) and for PGS with 16 iterations (the same kind
of projected Gauss-Seidel sweeps as ODE's quickstep). `contacts` is the mean number of contacts at the end of each
action and `objects_moved` how many of the placed objects the arm pushed or carried more than 1 cm.

Usage: scripts/peers/mujoco_physics.py [--episodes 8] [--actions 20] [--repeats 5] [--solvers newton,pgs16]
Prints one JSON line. Installs its packages with scripts/peers/setup on first use. Not part of the tests.
"""
import argparse, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_env
import random_actions
import scene

SOLVERS = {"newton": ("Newton", 100), "pgs16": ("PGS", 16)}


class Episodes:
    """Random-action episodes in one MuJoCo model and data."""

    def __init__(self, mujoco, np, model, seed):
        self.mujoco, self.np, self.model = mujoco, np, model
        self.data = mujoco.MjData(model)
        self.rng = np.random.default_rng(seed)
        self.hand = model.body("hand").id
        self.jacp, self.jacr = np.zeros((3, model.nv)), np.zeros((3, model.nv))
        self.data.qpos[:7] = scene.HOME
        mujoco.mj_forward(model, self.data)
        self.down = self.data.xmat[self.hand].reshape(3, 3).copy()  # the home pose's hand: pointing down
        self.yaw = 0.0

    def reset(self):
        np, data = self.np, self.data
        self.mujoco.mj_resetData(self.model, data)
        data.qpos[:7] = scene.HOME
        data.qpos[7:9] = scene.FINGER_TRAVEL
        cup, box, hand = random_actions.placement(self.rng)
        data.qpos[9:16] = [cup[0], cup[1], scene.CUP["height"] / 2, 1, 0, 0, 0]
        data.qpos[16:23] = [box[0], box[1], scene.BOX["size"] / 2, np.cos(box[2] / 2), 0, 0, np.sin(box[2] / 2)]
        self.mujoco.mj_forward(self.model, data)
        self.yaw = 0.0
        for _ in range(30):  # inverse kinematics to the start point, hand pointing down
            self.servo(np.array(hand), self.down, limit=np.inf)
            data.qpos[:7] = data.ctrl[:7]
            self.mujoco.mj_forward(self.model, data)
        data.ctrl[:7] = data.qpos[:7]
        data.ctrl[7:9] = scene.FINGER_TRAVEL

    def tcp(self):
        rotation = self.data.xmat[self.hand].reshape(3, 3)
        return self.data.xpos[self.hand] + rotation[:, 2] * scene.TCP_DEPTH, rotation

    def goal(self, start):
        p, self.yaw = random_actions.goal(self.rng, start, self.yaw)
        c, s = self.np.cos(self.yaw), self.np.sin(self.yaw)
        return self.np.array(p), self.np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]]) @ self.down

    def servo(self, target, orientation, limit=0.1):
        """One damped least-squares step from the measured pose toward (target, orientation) as joint targets, each
        at most `limit` rad from the measured angle (0.1 rad per 50 ms: about the Panda's 2.2 rad/s)."""
        np, data = self.np, self.data
        position, rotation = self.tcp()
        self.mujoco.mj_jac(self.model, data, self.jacp, self.jacr, position, self.hand)
        error = np.concatenate([target - position, 0.5 * np.cross(rotation.T, orientation.T).sum(axis=0)])
        jacobian = np.vstack([self.jacp[:, :7], self.jacr[:, :7]])
        dq = jacobian.T @ np.linalg.solve(jacobian @ jacobian.T + 1e-4 * np.eye(6), error)
        data.ctrl[:7] = data.qpos[:7] + dq.clip(-limit, limit)

    def run(self, episodes, actions_per_episode):
        """Simulates the episodes; returns (physics steps, seconds inside mj_step, mean contacts at action ends,
        objects moved more than 1 cm by the arm)."""
        mujoco, model, data, np = self.mujoco, self.model, self.data, self.np
        stepping, contacts, moved = 0.0, 0, 0
        chunk_steps = random_actions.STEPS_PER_ACTION // random_actions.CHUNKS
        for _ in range(episodes):
            self.reset()
            placed = data.qpos[[9, 10, 16, 17]].copy()
            for _ in range(actions_per_episode):
                start, _ = self.tcp()
                goal, orientation = self.goal(start)
                data.ctrl[7:9] = random_actions.gripper(self.rng)
                for chunk in range(random_actions.CHUNKS):
                    s = min(1.0, (chunk + 1) / random_actions.RAMP_CHUNKS)
                    self.servo(start + s * (goal - start), orientation)
                    stepping += peer_env.timed(lambda: mujoco.mj_step(model, data, nstep=chunk_steps))
                contacts += data.ncon
            moved += int((np.hypot(*(data.qpos[[9, 10, 16, 17]] - placed).reshape(2, 2).T) > 0.01).sum())
        count = episodes * actions_per_episode
        return count * random_actions.STEPS_PER_ACTION, stepping, contacts / count, moved


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=8)
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--solvers", default="newton,pgs16", help="comma-separated: " + ", ".join(SOLVERS))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    solvers = args.solvers.split(",")
    for name in solvers:
        if name not in SOLVERS:
            sys.exit("unknown solver %r; valid: %s" % (name, ", ".join(SOLVERS)))
    peer_env.ensure("mujoco", "numpy")
    import mujoco
    import numpy as np

    load = peer_env.load_average()
    results = {"mujoco": mujoco.__version__, "dt": 0.002, "threads": 1, "episodes": args.episodes,
               "actions": args.actions, "repeats": args.repeats}
    for name in solvers:
        solver, iterations = SOLVERS[name]
        model = mujoco.MjModel.from_xml_string(scene.mjcf(solver=solver, iterations=iterations))
        episodes = Episodes(mujoco, np, model, args.seed)
        results[name] = {"solver": solver, "iterations": iterations,
                         **peer_env.physics_figures(episodes, args.episodes, args.actions, args.repeats)}
    peer_env.report("mujoco_physics", results, load)


if __name__ == "__main__":
    main()
