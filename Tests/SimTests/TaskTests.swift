import Testing
import Sim

@Suite struct TaskTests {
    @Test(arguments: ManipulationTask.Kind.allCases)
    func expertSolvesEveryTask(kind: ManipulationTask.Kind) throws {
        for object in SceneObject.allCases {
            let task = ManipulationTask(kind: kind, object: object, seed: 11)
            let world = World(task: task, lab: .labA)
            #expect(!task.success(in: world), "\(kind) \(object) solved at the start")
            var expert = ExpertPolicy(task: task)
            let steps = try world.run(&expert, steps: task.steps)
            #expect(task.success(in: world), "\(kind) \(object) failed")
            #expect(steps.count == task.steps)
        }
    }

    @Test func graspingTasksStartAboveTheObjectThenAroundItThenClosed() {
        let counts: [ManipulationTask.Kind: Int] = [.reach: 1, .reachWithObject: 1, .grasp: 4, .pickAndPlace: 5]
        for kind in ManipulationTask.Kind.allCases {
            let task = ManipulationTask(kind: kind, object: .box, seed: 1)
            #expect(task.goals.count == counts[kind])
            #expect(task.goals.allSatisfy { $0.objects.count == SceneObject.allCases.count })
        }
        for kind in [ManipulationTask.Kind.grasp, .pickAndPlace] {
            let task = ManipulationTask(kind: kind, object: .cup, seed: 1)
            let (above, around, closed) = (task.goals[0], task.goals[1], task.goals[2])
            let start = task.initial.objects[0].position
            for open in [above, around] {
                #expect(open.held == nil && open.gripper == 0 && open.objects[0] == task.initial.objects[0])
                #expect(abs(open.endEffector.position.x - start.x) < 1e-12 && abs(open.endEffector.position.y - start.y) < 1e-12)
            }
            #expect(abs(above.endEffector.position.z - around.endEffector.position.z - 0.08) < 1e-12)
            #expect(closed.held == .cup && closed.gripper == 1 && closed.endEffector == around.endEffector)
            #expect(task.goals[3].held == .cup)
        }
        let placed = ManipulationTask(kind: .pickAndPlace, object: .cup, seed: 1)
        #expect(placed.goals[4].held == nil)
        #expect(abs(placed.goals[4].objects[0].position.x - placed.goalPosition.x) < 1e-12)
    }

    @Test func tasksAreSeededAndDiffer() {
        #expect(ManipulationTask(kind: .grasp, object: .cup, seed: 5) == ManipulationTask(kind: .grasp, object: .cup, seed: 5))
        #expect(ManipulationTask(kind: .grasp, object: .cup, seed: 5).initial != ManipulationTask(kind: .grasp, object: .cup, seed: 6).initial)
    }

    @Test func reachWithObjectStartsHoldingTheObject() throws {
        let task = ManipulationTask(kind: .reachWithObject, object: .box, seed: 2)
        let world = World(task: task)
        let before = world.observables.objects[1].position
        try world.apply(Action(translation: [0, 0, 0.05], gripper: 1))
        let after = world.observables.objects[1].position
        #expect(after.z - before.z > 0.04, "the held box should rise with the hand")
    }

    @Test func goalArrangementsCanBeShown() {
        let task = ManipulationTask(kind: .grasp, object: .cup, seed: 4)
        let world = World(task: task)
        world.arrange(task.goals[task.goals.count - 1])
        let cup = world.observables.objects[0].position
        #expect(abs(cup.z - task.goalPosition.z) < 0.01)
        #expect(task.success(in: world))
    }

    @Test func badNamesAreClearErrors() {
        #expect(throws: SimError.unknownTask("lift", valid: ["reach", "grasp", "reach-with-object", "pick-and-place"])) {
            try ManipulationTask(kind: "lift", object: "cup", seed: 0)
        }
        #expect(throws: SimError.unknownObject("mug", valid: ["cup", "box"])) { try ManipulationTask(kind: "grasp", object: "mug", seed: 0) }
        #expect(throws: SimError.unknownLab("lab-c", valid: ["train", "lab-a", "lab-b"])) { try Lab.named("lab-c") }
        #expect(SimError.unknownLab("lab-c", valid: ["train", "lab-a", "lab-b"]).description
            == "unknown lab 'lab-c'; labs: train, lab-a, lab-b")
        #expect(throws: SimError.unknownPrimitive(12)) { try Primitive(label: 12) }
    }
}
