#!/usr/bin/env python3
"""PyBullet peer of `jepalab bench --only physics`: steps/s of the standard scene at 2 ms on one thread.

Same scene (`scene.py`, loaded as URDF by `pybullet_scene.py`) and the same random end-effector actions as
`mujoco_physics.py` (see there for what our side counts). PyBullet (Bullet's Featherstone multibody, sequential
impulse solver, `DIRECT` mode, no GUI) drives the joints with its `POSITION_CONTROL` motors limited to the Panda's
torques and the fingers to 40 N. Every 25 steps PyBullet's own inverse kinematics turns the ramped grasp-point goal
into joint targets, each at most 0.1 rad from the measured angle. Bullet has no gravity compensation, so the motors
hold the arm up. Measured for PyBullet's default 50 solver iterations and for 16 (our ODE quickstep's count).
`steps_per_s` counts only the time inside `stepSimulation`; `steps_per_s_with_python_controller` all of it.

Usage: scripts/peers/pybullet_physics.py [--episodes 8] [--actions 20] [--repeats 5] [--iterations 50,16]
Prints one JSON line. Installs its packages with scripts/peers/setup on first use. Not part of the tests.
"""
import argparse, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_env
import random_actions
import scene


class Episodes:
    """Random-action episodes in one PyBullet client."""

    def __init__(self, p, np, iterations, seed):
        from pybullet_scene import PyBulletScene
        self.p, self.np = p, np
        self.client = p.connect(p.DIRECT)
        p.setGravity(0, 0, -9.81, physicsClientId=self.client)
        p.setPhysicsEngineParameter(fixedTimeStep=0.002, numSolverIterations=iterations, numSubSteps=0,
                                    physicsClientId=self.client)
        self.scene = PyBulletScene(p, self.client)
        self.rng = np.random.default_rng(seed)
        self.scene.pose(scene.HOME, scene.FINGER_TRAVEL)
        self.down = self.tcp()[1]
        self.lower, self.upper = list(scene.LOWER), list(scene.UPPER)
        self.ranges = [u - l for l, u in zip(scene.LOWER, scene.UPPER)]

    def tcp(self):
        state = self.p.getLinkState(self.scene.arm, self.scene.tcp, computeForwardKinematics=True,
                                    physicsClientId=self.client)
        return self.np.array(state[4]), state[5]

    def angles(self):
        states = self.p.getJointStates(self.scene.arm, self.scene.joints, physicsClientId=self.client)
        return self.np.array([s[0] for s in states])

    def solve(self, target, orientation):
        """PyBullet's inverse kinematics from the current angles; the 7 arm angles."""
        q = self.p.calculateInverseKinematics(
            self.scene.arm, self.scene.tcp, list(target), orientation, lowerLimits=self.lower + [0, 0],
            upperLimits=self.upper + [0.04, 0.04], jointRanges=self.ranges + [0.04, 0.04],
            restPoses=list(self.angles()) + [0.02, 0.02], physicsClientId=self.client)
        return self.np.array(q[:7])

    def reset(self):
        cup, box, hand = random_actions.placement(self.rng)
        self.scene.place(cup, box)
        self.scene.pose(scene.HOME, scene.FINGER_TRAVEL)
        for _ in range(5):  # inverse kinematics to the start point, hand pointing down
            self.scene.pose(self.solve(hand, self.down), scene.FINGER_TRAVEL)
        self.yaw = 0.0

    def drive(self, joints, opening):
        p, arm, client = self.p, self.scene.arm, self.client
        p.setJointMotorControlArray(arm, self.scene.joints, p.POSITION_CONTROL, targetPositions=list(joints),
                                    forces=scene.TORQUE, physicsClientId=client)
        p.setJointMotorControlArray(arm, self.scene.fingers, p.POSITION_CONTROL, targetPositions=[opening] * 2,
                                    forces=[scene.GRIP_FORCE] * 2, physicsClientId=client)

    def run(self, episodes, actions_per_episode):
        """Simulates the episodes; returns (physics steps, seconds inside stepSimulation, mean contacts at action
        ends, objects moved more than 1 cm by the arm)."""
        p, np, client = self.p, self.np, self.client
        stepping, contacts, moved = 0.0, 0, 0
        chunk_steps = random_actions.STEPS_PER_ACTION // random_actions.CHUNKS

        def step():
            for _ in range(chunk_steps):
                p.stepSimulation(physicsClientId=client)

        for _ in range(episodes):
            self.reset()
            placed = self.objects()
            self.drive(self.angles(), scene.FINGER_TRAVEL)
            for _ in range(actions_per_episode):
                start, _ = self.tcp()
                goal, self.yaw = random_actions.goal(self.rng, start, self.yaw)
                orientation = p.multiplyTransforms((0, 0, 0), p.getQuaternionFromEuler((0, 0, self.yaw)),
                                                   (0, 0, 0), self.down)[1]
                opening = random_actions.gripper(self.rng)
                for chunk in range(random_actions.CHUNKS):
                    s = min(1.0, (chunk + 1) / random_actions.RAMP_CHUNKS)
                    q = self.angles()
                    target = self.solve(start + s * (np.array(goal) - start), orientation)
                    self.drive(q + (target - q).clip(-0.1, 0.1), opening)
                    stepping += peer_env.timed(step)
                contacts += len(p.getContactPoints(physicsClientId=client))
            moved += int((np.hypot(*(self.objects() - placed).T) > 0.01).sum())
        count = episodes * actions_per_episode
        return count * random_actions.STEPS_PER_ACTION, stepping, contacts / count, moved

    def objects(self):
        return self.np.array([self.p.getBasePositionAndOrientation(body, physicsClientId=self.client)[0][:2]
                              for body in (self.scene.cup, self.scene.box)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=8)
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--iterations", default="50,16", help="comma-separated solver iteration counts")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    try:
        counts = [int(n) for n in args.iterations.split(",")]
    except ValueError:
        sys.exit("--iterations %r: expected comma-separated whole numbers such as 50,16" % args.iterations)
    peer_env.ensure("pybullet", "numpy")
    import numpy as np
    import pybullet as p

    load = peer_env.load_average()
    results = {"pybullet_api": p.getAPIVersion(), "dt": 0.002, "threads": 1, "episodes": args.episodes,
               "actions": args.actions, "repeats": args.repeats}
    for iterations in counts:
        episodes = Episodes(p, np, iterations, args.seed)
        results["iterations%d" % iterations] = {
            "iterations": iterations, **peer_env.physics_figures(episodes, args.episodes, args.actions, args.repeats)}
        p.disconnect(episodes.client)
    peer_env.report("pybullet_physics", results, load)


if __name__ == "__main__":
    main()
