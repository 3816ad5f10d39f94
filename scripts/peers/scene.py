"""The peers' copy of JEPALab's standard scene, described once and written as MJCF (MuJoCo) or URDF (PyBullet).

A Panda-like arm built from primitives as in `Sources/Sim/Robot/Arm.swift`: 7 links on hinges with the Panda's
kinematics, limits and torques (`/work/shared/PANDA.md`), one capsule per link (plus joint-housing cylinders that
are drawn but do not collide), a box hand on link 7 and two box fingers on sliders (0 … 4 cm each, 40 N). Links
weigh the PANDA.md masses (hand lumped into link 7) with box inertias centred on each capsule; the arm is gravity
compensated. The table top (1.1 × 1.3 × 0.04 m, top at z = 0) stands on four legs that are drawn only; the arm's
base is a cylinder on the table; a cup (cylinder 6.6 cm × 9 cm, 120 g) and a 5 cm box (100 g) rest on the table.
Friction 0.6, 1.2 between finger pads and objects. The arm does not collide with itself.

`python scene.py mjcf` or `python scene.py urdf` prints the generated model.
"""
import math, sys

HOME = [0, -math.pi / 4, 0, -3 * math.pi / 4, 0, math.pi / 2, math.pi / 4]
LOWER = [-2.8973, -1.7628, -2.8973, -3.0718, -2.8973, -0.0175, -2.8973]
UPPER = [2.8973, 1.7628, 2.8973, -0.0698, 2.8973, 3.7525, 2.8973]
TORQUE = [87, 87, 87, 87, 12, 12, 12]
MASS = [2.7, 2.73, 2.04, 2.08, 3.0, 1.3, 1.01]
OFFSET = [(0, 0, 0.333), (0, 0, 0), (0, -0.316, 0), (0.0825, 0, 0), (-0.0825, 0.384, 0), (0, 0, 0), (0.088, 0, 0)]
ROLL = [0, -math.pi / 2, math.pi / 2, math.pi / 2, -math.pi / 2, math.pi / 2, math.pi / 2]
# One capsule per link: (from, to, radius) in the link frame.
CAPSULE = [((0, 0, -0.2), (0, 0, -0.03), 0.06), ((0, 0, 0), (0, -0.25, 0), 0.06),
           ((0, 0, -0.08), (0.0825, 0, 0), 0.055), ((0, 0, 0), (-0.0825, 0.3, 0), 0.055),
           ((0, 0, -0.12), (0, 0, -0.01), 0.05), ((0, 0, 0), (0.088, 0, 0), 0.045),
           ((0, 0, -0.02), (0, 0, 0.09), 0.04)]
# Joint housings, drawn only: (radius, length, along y instead of z) at the link origin.
HOUSING = [(0.06, 0.13, True), None, (0.058, 0.12, False), (0.058, 0.12, False), (0.055, 0.11, True),
           (0.05, 0.1, False), None]
FLANGE, HAND_YAW, TCP_DEPTH = 0.107, -math.pi / 4, 0.1034
HAND_BOX, HAND_Z = (0.05, 0.18, 0.055), 0.03
FINGER_BOX, FINGER_BASE, FINGER_TRAVEL, GRIP_FORCE = (0.022, 0.012, 0.054), 0.0584, 0.04, 40
TABLE = {"size": (1.1, 1.3, 0.04), "pos": (0.35, 0, -0.02)}
LEGS = [(x, y) for x in (-0.15, 0.85) for y in (-0.6, 0.6)]
LEG_SIZE, FLOOR = (0.05, 0.05, 0.71), -0.75
BASE = {"radius": 0.075, "length": 0.13, "pos": (0, 0, 0.065)}
CUP = {"radius": 0.033, "height": 0.09, "mass": 0.12}
BOX = {"size": 0.05, "mass": 0.1}
FRICTION, GRIP_FRICTION = 0.6, 1.2
COLOURS = {"arm": (0.92, 0.92, 0.9, 1), "housing": (0.25, 0.25, 0.28, 1), "table": (0.72, 0.55, 0.38, 1),
           "cup": (0.85, 0.2, 0.15, 1), "box": (0.2, 0.4, 0.85, 1), "floor": (0.5, 0.5, 0.5, 1)}


def centre(i):
    a, b, _ = CAPSULE[i]
    return tuple((p + q) / 2 for p, q in zip(a, b))


def box_inertia(mass, size=(0.1, 0.1, 0.12)):
    x, y, z = size
    return (mass / 12 * (y * y + z * z), mass / 12 * (x * x + z * z), mass / 12 * (x * x + y * y))


def fmt(values):
    return " ".join("%.6g" % v for v in values)


def mjcf(solver="Newton", iterations=100):
    """The scene as MJCF: `position` servos on the joints and fingers, ODE-like contact groups via bit masks."""
    # contype/conaffinity: environment 1, arm 2, object 4; the arm touches the environment and objects, not itself.
    env, arm, obj = 'contype="1" conaffinity="6"', 'contype="2" conaffinity="5"', 'contype="4" conaffinity="7"'
    rgba = {k: 'rgba="%s"' % fmt(v) for k, v in COLOURS.items()}
    lines = ['<mujoco model="jepalab-scene">',
             '  <compiler angle="radian" autolimits="true"/>',
             '  <option timestep="0.002" integrator="implicitfast" solver="%s" iterations="%d"/>' % (solver, iterations),
             '  <worldbody>',
             '    <light directional="true" castshadow="true" pos="0 0 2" dir="-0.3 0.5 -1"/>',
             '    <geom type="plane" pos="0 0 %g" size="3 3 0.1" %s %s/>' % (FLOOR, env, rgba["floor"]),
             '    <geom type="box" pos="%s" size="%s" friction="%g" %s %s/>'
             % (fmt(TABLE["pos"]), fmt(s / 2 for s in TABLE["size"]), FRICTION, env, rgba["table"])]
    for x, y in LEGS:
        lines.append('    <geom type="box" pos="%s" size="%s" contype="0" conaffinity="0" %s/>'
                     % (fmt((x, y, FLOOR / 2 - 0.02)), fmt(s / 2 for s in LEG_SIZE), rgba["table"]))
    lines.append('    <geom type="cylinder" pos="%s" size="%g %g" %s %s/>'
                 % (fmt(BASE["pos"]), BASE["radius"], BASE["length"] / 2, arm, rgba["housing"]))
    indent = "    "
    for i in range(7):
        lines.append('%s<body name="link%d" pos="%s" euler="%g 0 0" gravcomp="1">' % (indent, i + 1, fmt(OFFSET[i]), ROLL[i]))
        inner = indent + "  "
        lines.append('%s<inertial pos="%s" mass="%g" diaginertia="%s"/>' % (inner, fmt(centre(i)), MASS[i], fmt(box_inertia(MASS[i]))))
        lines.append('%s<joint name="j%d" axis="0 0 1" range="%g %g" armature="0.1"/>' % (inner, i + 1, LOWER[i], UPPER[i]))
        a, b, r = CAPSULE[i]
        lines.append('%s<geom type="capsule" fromto="%s %s" size="%g" friction="%g" %s %s/>' % (inner, fmt(a), fmt(b), r, FRICTION, arm, rgba["arm"]))
        if HOUSING[i]:
            radius, length, along_y = HOUSING[i]
            lines.append('%s<geom type="cylinder" size="%g %g" euler="%g 0 0" contype="0" conaffinity="0" mass="0" %s/>'
                         % (inner, radius, length / 2, math.pi / 2 if along_y else 0, rgba["housing"]))
        indent = inner
    lines.append('%s<body name="hand" pos="0 0 %g" euler="0 0 %g" gravcomp="1">' % (indent, FLANGE, HAND_YAW))
    lines.append('%s  <geom type="box" pos="0 0 %g" size="%s" mass="0" friction="%g" %s %s/>'
                 % (indent, HAND_Z, fmt(s / 2 for s in HAND_BOX), FRICTION, arm, rgba["arm"]))
    for name, side in (("left", 1), ("right", -1)):
        lines.append('%s  <body name="%s" pos="0 %g %g" gravcomp="1">' % (indent, name, side * FINGER_BOX[1] / 2, FINGER_BASE + FINGER_BOX[2] / 2))
        lines.append('%s    <joint name="%s" type="slide" axis="0 %d 0" range="0 %g" armature="0.01"/>' % (indent, name, side, FINGER_TRAVEL))
        lines.append('%s    <geom type="box" size="%s" mass="0.1" friction="%g" %s %s/>'
                     % (indent, fmt(s / 2 for s in FINGER_BOX), GRIP_FRICTION, arm, rgba["housing"]))
        lines.append('%s  </body>' % indent)
    lines.append('%s</body>' % indent)
    for i in reversed(range(7)):
        lines.append("    " + "  " * i + "</body>")
    lines += ['    <body name="cup" pos="0.5 0.12 %g"><freejoint/>' % (CUP["height"] / 2),
              '      <geom type="cylinder" size="%g %g" mass="%g" friction="%g" %s %s/></body>'
              % (CUP["radius"], CUP["height"] / 2, CUP["mass"], FRICTION, obj, rgba["cup"]),
              '    <body name="box" pos="0.5 -0.12 %g"><freejoint/>' % (BOX["size"] / 2),
              '      <geom type="box" size="%s" mass="%g" friction="%g" %s %s/></body>'
              % (fmt([BOX["size"] / 2] * 3), BOX["mass"], FRICTION, obj, rgba["box"]),
              '  </worldbody>', '  <actuator>']
    for i in range(7):
        lines.append('    <position joint="j%d" kp="%g" kv="%g" forcerange="%g %g"/>'
                     % (i + 1, 600 if i < 4 else 100, 40 if i < 4 else 6, -TORQUE[i], TORQUE[i]))
    for name in ("left", "right"):
        lines.append('    <position joint="%s" kp="2000" kv="40" forcerange="%g %g"/>' % (name, -GRIP_FORCE, GRIP_FORCE))
    lines += ['  </actuator>', '</mujoco>']
    return "\n".join(lines)


def _origin(xyz=(0, 0, 0), rpy=(0, 0, 0)):
    return '<origin xyz="%s" rpy="%s"/>' % (fmt(xyz), fmt(rpy))


def _visual(geometry, origin, colour):
    return '<visual>%s<geometry>%s</geometry><material name="%s"><color rgba="%s"/></material></visual>' % (
        origin, geometry, colour, fmt(COLOURS[colour]))


def _capsule(i):
    a, b, r = CAPSULE[i]
    d = [q - p for p, q in zip(a, b)]
    length = math.sqrt(sum(x * x for x in d))
    pitch, yaw = math.acos(d[2] / length), math.atan2(d[1], d[0])
    origin = _origin(centre(i), (0, pitch, yaw))
    geometry = '<capsule radius="%g" length="%g"/>' % (r, length)
    return _visual(geometry, origin, "arm") + "<collision>%s<geometry>%s</geometry></collision>" % (origin, geometry)


def urdf():
    """The arm as URDF (PyBullet's loader reads its `capsule` extension) with a massless `tcp` link at the grasp
    point; table and objects are added separately."""
    parts = ['<robot name="jepalab-arm">',
             '<link name="base"><inertial><mass value="0"/><inertia ixx="0" ixy="0" ixz="0" iyy="0" iyz="0" izz="0"/></inertial>'
             + _visual('<cylinder radius="%g" length="%g"/>' % (BASE["radius"], BASE["length"]), _origin(BASE["pos"]), "housing")
             + "<collision>%s<geometry><cylinder radius=\"%g\" length=\"%g\"/></geometry></collision></link>"
             % (_origin(BASE["pos"]), BASE["radius"], BASE["length"])]
    parent = "base"
    for i in range(7):
        ix, iy, iz = box_inertia(MASS[i])
        body = '<link name="link%d"><inertial>%s<mass value="%g"/><inertia ixx="%g" ixy="0" ixz="0" iyy="%g" iyz="0" izz="%g"/></inertial>' % (
            i + 1, _origin(centre(i)), MASS[i], ix, iy, iz)
        body += _capsule(i)
        if HOUSING[i]:
            radius, length, along_y = HOUSING[i]
            body += _visual('<cylinder radius="%g" length="%g"/>' % (radius, length),
                            _origin(rpy=(math.pi / 2 if along_y else 0, 0, 0)), "housing")
        parts.append(body + "</link>")
        parts.append('<joint name="j%d" type="revolute"><parent link="%s"/><child link="link%d"/>%s<axis xyz="0 0 1"/>'
                     '<limit lower="%g" upper="%g" effort="%g" velocity="3"/></joint>'
                     % (i + 1, parent, i + 1, _origin(OFFSET[i], (ROLL[i], 0, 0)), LOWER[i], UPPER[i], TORQUE[i]))
        parent = "link%d" % (i + 1)
    hand_box = '<box size="%s"/>' % fmt(HAND_BOX)
    parts.append('<link name="hand"><inertial><mass value="0.001"/><inertia ixx="1e-6" ixy="0" ixz="0" iyy="1e-6" iyz="0" izz="1e-6"/></inertial>'
                 + _visual(hand_box, _origin((0, 0, HAND_Z)), "arm")
                 + "<collision>%s<geometry>%s</geometry></collision></link>" % (_origin((0, 0, HAND_Z)), hand_box))
    parts.append('<joint name="hand" type="fixed"><parent link="link7"/><child link="hand"/>%s</joint>'
                 % _origin((0, 0, FLANGE), (0, 0, HAND_YAW)))
    finger_box = '<box size="%s"/>' % fmt(FINGER_BOX)
    for name, side in (("left", 1), ("right", -1)):
        ix, iy, iz = box_inertia(0.1, FINGER_BOX)
        parts.append('<link name="%s"><inertial><mass value="0.1"/><inertia ixx="%g" ixy="0" ixz="0" iyy="%g" iyz="0" izz="%g"/></inertial>'
                     % (name, ix, iy, iz) + _visual(finger_box, _origin(), "housing")
                     + "<collision><geometry>%s</geometry></collision></link>" % finger_box)
        parts.append('<joint name="%s" type="prismatic"><parent link="hand"/><child link="%s"/>%s<axis xyz="0 %d 0"/>'
                     '<limit lower="0" upper="%g" effort="%g" velocity="0.15"/></joint>'
                     % (name, name, _origin((0, side * FINGER_BOX[1] / 2, FINGER_BASE + FINGER_BOX[2] / 2)), side,
                        FINGER_TRAVEL, GRIP_FORCE))
    parts.append('<link name="tcp"><inertial><mass value="0.001"/><inertia ixx="1e-6" ixy="0" ixz="0" iyy="1e-6" iyz="0" izz="1e-6"/></inertial></link>')
    parts.append('<joint name="tcp" type="fixed"><parent link="hand"/><child link="tcp"/>%s</joint>' % _origin((0, 0, TCP_DEPTH)))
    parts.append("</robot>")
    return "\n".join(parts)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("mjcf", "urdf"):
        sys.exit("usage: scene.py mjcf|urdf")
    print(mjcf() if sys.argv[1] == "mjcf" else urdf())
