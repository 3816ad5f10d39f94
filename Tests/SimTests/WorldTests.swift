import Testing
import Sim

@Suite struct WorldTests {
    @Test func sameSeedGivesBitIdenticalStates() throws {
        func trace() throws -> [[Double]] {
            let world = World(lab: .labB, seed: 7)
            var policy = RandomPolicy(seed: 7)
            var states: [[Double]] = []
            for _ in 0..<8 {
                try world.apply(policy.next(in: world).action)
                states.append(world.state.vector + world.observables.joints + world.observables.objectVectors.flatMap { $0 })
            }
            return states
        }
        let first = try trace(), second = try trace()
        #expect(first == second)
        #expect(first.first != first.last)
    }

    @Test func restoredSnapshotContinuesBitForBit() throws {
        let world = World(seed: 3)
        var policy = PlayPolicy(seed: 3)
        for _ in 0..<4 { try world.apply(policy.next(in: world).action) }
        let snapshot = world.snapshot()
        let actions = (0..<5).map { i in Action(translation: [0.02, -0.01 * Double(i), -0.03], rotation: [0, 0, 0.05], gripper: Double(i % 2)) }
        func continuation(_ world: World) throws -> [[Double]] {
            try actions.map { action in
                try world.apply(action)
                return world.state.vector + world.observables.objectVectors.flatMap { $0 }
            }
        }
        let original = try continuation(world)
        try world.restore(snapshot)
        #expect(try continuation(world) == original)
        // A fresh world of the same lab continues identically too.
        let other = World(seed: 99)
        try other.restore(snapshot)
        #expect(try continuation(other) == original)
    }

    @Test func fiveCentimetreMovesAreTrackedWithinFiveMillimetres() throws {
        let world = World()
        let moves: [SIMD3<Double>] = [[0.05, 0, 0], [0, 0.05, 0], [0, 0, 0.05], [-0.05, 0, 0], [0, -0.05, 0], [0, 0, -0.05],
                                      [0.035, 0.035, 0], [-0.035, -0.035, 0]]
        for move in moves {
            let before = world.state.position
            try world.apply(Action(translation: move, gripper: 0))
            let error = world.state.position - before - move
            #expect((error * error).sum().squareRoot() < 0.005, "move \(move) missed by \(error)")
        }
    }

    @Test func theWristTakesSeveralStepsToSpinUpAgainstItsRotorInertia() throws {
        var settings = World.Settings()
        settings.stepsPerAction = 1
        let world = World(settings: settings)
        try world.apply(Action(translation: [0, 0, 0], rotation: [0, 0, 0.25], gripper: 0))
        // One 2 ms step from rest: the last joint, at its 12 N·m limit against the rotor's 0.1 kg·m², turns at about
        // 0.3 rad/s. Without the rotor the light wrist reaches the commanded 2.35 rad/s within the step.
        let wrist = world.jointSpeeds[6]
        #expect(wrist > 0.05 && wrist < 0.2 * PandaKinematics.maxVelocities[6], "last joint at \(wrist) rad/s")
    }

    @Test func actionsAreClippedToTheLimits() throws {
        let world = World()
        let before = world.state.position
        try world.apply(Action(translation: [0, 0, 0.5], gripper: 0))
        let rise = world.state.position.z - before.z
        #expect(rise > 0.065 && rise < 0.08)
    }

    @Test func theHandStaysWithinTheWorkspaceHeights() throws {
        let world = World()
        for _ in 0..<6 { try world.apply(Action(translation: [0, 0, 0.075], gripper: 0)) }
        #expect(abs(world.state.position.z - World.heightRange.upperBound) < 0.01, "hand at \(world.state.position.z) m")
        for _ in 0..<10 { try world.apply(Action(translation: [0, 0, -0.075], gripper: 0)) }
        #expect(world.state.position.z > 0 && world.state.position.z < 0.03, "hand at \(world.state.position.z) m")
    }

    @Test func nonFiniteActionsAreClearErrors() throws {
        let world = World()
        #expect(throws: SimError.self) { try world.apply(Action(translation: [.nan, 0, 0], gripper: 0)) }
        #expect(throws: SimError.self) { try world.apply(Action(gripper: .infinity)) }
        do {
            try world.apply(Action(translation: [0, .infinity, 0], gripper: 0))
        } catch let error as SimError {
            #expect(error.description.contains("non-finite"))
        }
        #expect(throws: SimError.self) { try Action([1, 2, 3]) }
    }

    @Test func arrangePlacesTheEndEffectorAndObjects() {
        let target = Pose(position: [0.5, 0.1, 0.2], rotation: Rotation(roll: 0, pitch: 0, yaw: 0.3))
        let cup = Pose(position: [0.45, -0.1, SceneObject.cup.height / 2])
        let box = Pose(position: [0.6, 0.15, SceneObject.box.height / 2])
        let world = World(arrangement: Arrangement(endEffector: target, gripper: 0, objects: [cup, box]))
        let state = world.state
        #expect(((state.position - target.position) * (state.position - target.position)).sum().squareRoot() < 0.003)
        #expect(abs(state.yaw - 0.3) < 0.01 && abs(state.roll) < 0.01 && abs(state.pitch) < 0.01)
        #expect(state.gripper < 0.05)
        let objects = world.observables.objects
        #expect(abs(objects[0].position.x - 0.45) < 0.002 && abs(objects[1].position.y - 0.15) < 0.002)
        #expect(world.observables.joints.count == 9)
        #expect(world.observables.objectVectors.allSatisfy { $0.count == 7 })
    }

    @Test func atYawZeroTheFingersOpenAlongXAcrossTheSideCameras() {
        #expect(abs(World().state.yaw) < 0.01, "the ready pose reads yaw 0")
        let world = World(arrangement: Arrangement(endEffector: Pose(position: [0.5, 0, 0.2]), gripper: 0,
                                                   objects: Arrangement.home.objects))
        let fingers = world.visualBodies.filter { $0.part == .finger }.map(\.pose.position)
        let gap = fingers[0] - fingers[1]
        #expect(abs(gap.x) > 0.06 && abs(gap.y) < 0.005, "fingers apart by \(gap)")
    }

    @Test func visualBodiesCoverTheWholeScene() {
        let bodies = World(lab: .labB).visualBodies
        func count(_ part: VisualBody.Part) -> Int { bodies.filter { $0.part == part }.count }
        for link in 1...7 { #expect(count(.armLink(link)) >= 1) }
        #expect(count(.hand) == 1 && count(.finger) == 2 && count(.cup) == 1 && count(.box) == 1)
        #expect(count(.table) == 1 && count(.tableLeg) == 4 && count(.armBase) == 1)
        #expect(count(.distractor(0)) == 1 && count(.distractor(1)) == 1)
        // The hand hangs above the table, the gripper points down.
        let hand = bodies.first { $0.part == .hand }!
        #expect(hand.pose.position.z > 0.2 && hand.pose.rotation.z.z < -0.9)
    }
}
