"""The standard scene of `scene.py` built in a PyBullet client: the arm from the generated URDF, table top, legs
(drawn only), floor (a 6 m box, which TinyRenderer draws, unlike a plane), cup and box. Bullet multiplies the two surfaces' friction coefficients, so the objects get 1 and
the rest `scene.FRICTION` / `scene.GRIP_FRICTION`, which gives 0.6 everywhere and 1.2 between fingers and objects."""
import os, tempfile

import scene


class PyBulletScene:
    def __init__(self, p, client):
        self.p, self.client = p, client
        with tempfile.NamedTemporaryFile("w", suffix=".urdf", delete=False) as file:
            file.write(scene.urdf())
        try:
            self.arm = p.loadURDF(file.name, useFixedBase=True, physicsClientId=client)
        finally:
            os.unlink(file.name)
        names = [p.getJointInfo(self.arm, j, physicsClientId=client)[1].decode() for j in
                 range(p.getNumJoints(self.arm, physicsClientId=client))]
        self.joints = [names.index("j%d" % (i + 1)) for i in range(7)]
        self.fingers = [names.index("left"), names.index("right")]
        self.tcp = names.index("tcp")
        for link in [-1] + list(range(len(names))):
            friction = scene.GRIP_FRICTION if link in self.fingers else scene.FRICTION
            p.changeDynamics(self.arm, link, lateralFriction=friction, physicsClientId=client)
        self.static(p.GEOM_BOX, "floor", (0, 0, scene.FLOOR - 0.01), halfExtents=(3, 3, 0.01))
        self.static(p.GEOM_BOX, "table", scene.TABLE["pos"], halfExtents=[s / 2 for s in scene.TABLE["size"]])
        for x, y in scene.LEGS:
            self.static(p.GEOM_BOX, "table", (x, y, scene.FLOOR / 2 - 0.02), collides=False,
                        halfExtents=[s / 2 for s in scene.LEG_SIZE])
        self.cup = self.free(p.GEOM_CYLINDER, "cup", scene.CUP["mass"], radius=scene.CUP["radius"],
                             height=scene.CUP["height"])
        self.box = self.free(p.GEOM_BOX, "box", scene.BOX["mass"], halfExtents=[scene.BOX["size"] / 2] * 3)

    def _shapes(self, shape, colour, collides, size):
        p, client = self.p, self.client
        visual_size = dict(size)
        if "height" in visual_size:  # createVisualShape calls the cylinder's height `length`
            visual_size["length"] = visual_size.pop("height")
        visual = p.createVisualShape(shape, rgbaColor=scene.COLOURS[colour], physicsClientId=client, **visual_size)
        collision = p.createCollisionShape(shape, physicsClientId=client, **size) if collides else -1
        return collision, visual

    def static(self, shape, colour, position, collides=True, **size):
        collision, visual = self._shapes(shape, colour, collides, size)
        body = self.p.createMultiBody(0, collision, visual, position, physicsClientId=self.client)
        self.p.changeDynamics(body, -1, lateralFriction=scene.FRICTION, physicsClientId=self.client)
        return body

    def free(self, shape, colour, mass, **size):
        collision, visual = self._shapes(shape, colour, True, size)
        body = self.p.createMultiBody(mass, collision, visual, (0.5, 0, 0.1), physicsClientId=self.client)
        self.p.changeDynamics(body, -1, lateralFriction=1.0, physicsClientId=self.client)
        return body

    def pose(self, joints, opening):
        """Puts the arm at joint angles `joints` with each finger `opening` metres open, at rest."""
        for joint, angle in zip(self.joints, joints):
            self.p.resetJointState(self.arm, joint, angle, physicsClientId=self.client)
        for finger in self.fingers:
            self.p.resetJointState(self.arm, finger, opening, physicsClientId=self.client)

    def place(self, cup, box):
        """Puts the cup at (x, y) and the box at (x, y, yaw) upright on the table, at rest."""
        p, client = self.p, self.client
        p.resetBasePositionAndOrientation(self.cup, (cup[0], cup[1], scene.CUP["height"] / 2), (0, 0, 0, 1),
                                          physicsClientId=client)
        p.resetBasePositionAndOrientation(self.box, (box[0], box[1], scene.BOX["size"] / 2),
                                          p.getQuaternionFromEuler((0, 0, box[2])), physicsClientId=client)
        for body in (self.cup, self.box):
            p.resetBaseVelocity(body, (0, 0, 0), (0, 0, 0), physicsClientId=client)
