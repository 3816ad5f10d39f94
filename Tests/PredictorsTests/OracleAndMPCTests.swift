import Foundation
import Harness
import Planners
import Predictors
import Render
import Sim
import Tensor
import Testing

@Suite struct OracleAndMPCTests {
    let eye = Eye(encoder: PatchMeanEncoder(imageSize: 32, patch: 8, repeats: 1))

    @Test func oraclePredictsWhatTheWorldThenDoesAndLeavesItUntouched() throws {
        let task = ManipulationTask(kind: .reach, object: .cup, seed: 3)
        let world = World(task: task, lab: .labA)
        let oracle = OracleBinding().bound(to: world, observe: { eye.latents(eye.frame($0)) })
        let before = world.snapshot()
        let actions = Tensor(shape: [2, 2, 7], scalars: [0.05, 0, 0, 0, 0, 0, 0, 0, 0.05, 0, 0, 0, 0, 1,
                                                         0, 0, -0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let predicted = oracle.rollout(latent: Tensor.zeros([16, 3]), state: [], actions: actions)
        #expect(predicted.shape == [2, 2, 16, 3])
        #expect(world.snapshot() == before)
        #expect(!oracle.isDifferentiable)
        // Executing the second sequence for real gives the predicted latents.
        try world.apply(Action(translation: [0, 0, -0.05], gripper: 0))
        try world.apply(Action(gripper: 0))
        #expect(eye.latents(eye.frame(world)).scalars == predicted.slice(alongAxis: 0, 1..<2).slice(alongAxis: 1, 1..<2).scalars)
    }

    @Test func aPooledOraclePredictsInTheACPredictorsTargetSpace() throws {
        let task = ManipulationTask(kind: .reach, object: .cup, seed: 3)
        let world = World(task: task, lab: .labA)
        let observe = { (world: World) in self.eye.latents(self.eye.frame(world)) }
        let oracle = OracleBinding(targetPool: 2).bound(to: world, observe: observe)
        let ac = ACPredictor(config: try ACPredictorConfig(encoderTokens: 16, latentWidth: 3, pool: 2, width: 12, heads: 2), seed: 0)
        let now = observe(world)
        #expect(oracle.targets(now).scalars == ac.targets(now).scalars)
        let predicted = oracle.rollout(latent: oracle.targets(now), state: [], actions: Tensor.zeros([1, 1, 7]))
        #expect(predicted.shape == [1, 1, 4, 3])
        try world.apply(Action(gripper: 0))
        #expect(predicted.scalars == ac.targets(observe(world)).scalars)
    }

    @Test func evaluationWritesRecordsFramesAndATable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var evaluation = PlanningEvaluation(kinds: [.reach], objects: [.box], lab: .labA, trials: 2, seed: 1,
                                            names: ("patch-mean", "predictor/oracle", "planner/cem:samples=8"))
        evaluation.shard = (1, 2)
        var seen: [EpisodeRecord] = []
        let eye = self.eye
        let run = {
            try evaluation.run(in: folder, eye: eye, predictor: { world in
                OracleBinding().bound(to: world, observe: { eye.latents(eye.frame($0)) })
            }, makePlanner: { trial in try CEMPlanner(samples: 8, iterations: 2, elites: 2, seed: UInt64(trial)) },
               done: { seen.append($0) })
        }
        try run()
        #expect(seen.map(\.trial) == [1])  // shard 1/2 of two trials
        let record = seen[0]
        #expect(record.steps == 20 && record.actions.count == 20 && record.states.count == 20 && record.energies.count == 20)
        #expect(record.actions.allSatisfy { $0[3] == 0 && $0[4] == 0 && $0[5] == 0 && abs($0[0]) <= 0.075 })
        // Every planned step keeps the hand inside the workspace box.
        let box = Workspace.tableTop
        for (state, action) in zip(record.states, record.actions) {
            for axis in 0..<3 {
                let next = state[axis] + action[axis]
                #expect(next >= box.lower[axis] - 1e-5 && next <= box.upper[axis] + 1e-5, "\(state) + \(action)")
            }
        }
        // The oracle predicts what the simulator then does: each chosen action's frame scores its predicted energy.
        let observed = try #require(record.observedEnergies)
        #expect(observed.count == 20)
        #expect(zip(record.energies, observed).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($0)) })
        // … and predicts each next frame exactly, while copying the frame does not.
        let (predicted, copied) = (try #require(record.predictionErrors), try #require(record.copyErrors))
        #expect(predicted.count == 20 && copied.count == 20)
        #expect(predicted.allSatisfy { $0 <= 1e-6 } && copied.reduce(0, +) > 0)
        let frames = folder.appendingPathComponent(record.frames)
        #expect(FileManager.default.fileExists(atPath: frames.appendingPathComponent(PNGSequence.fileName(20)).path))
        #expect(FileManager.default.fileExists(atPath: frames.appendingPathComponent("goal_0.png").path))
        // The start was not already solved, and the record holds what the simulator judged.
        let task = evaluation.task(kind: .reach, object: .box, trial: 1)
        #expect(!task.success(in: World(task: task, lab: .labA)))
        try run()
        #expect(seen.count == 1)  // already recorded: skipped
        let table = EvaluationTable(records: try EvaluationTable.records(in: folder))
        #expect(table.rows.count == 1 && table.rows[0].interval.trials == 1)
        #expect(abs(table.rows[0].energyGap ?? 1) < 1e-6 && (table.rows[0].oneStepError ?? 1) < 1e-6)
        #expect(table.markdown.contains("| reach | box | lab-a |"))
    }

    @Test func theSimulatorRanksCounterfactualActionsPerfectlyAndCopyingDoesNot() throws {
        var measurement = ActionSensitivity(lab: .labA)
        (measurement.states, measurement.actions) = (2, 6)
        let simulator = WorldModel.binding(OracleBinding(), eye: eye)
        let oracle = measurement.measure(eye: eye, predictor: simulator, simulator: simulator)
        #expect(oracle.signal > 0 && oracle.goalMiss == 0 && oracle.actionDependentError < 1e-7 && abs(oracle.cosine - 1) < 1e-5)
        #expect(oracle.chanceMiss > 0.03)
        struct Copy: Predictor {
            func targets(_ latents: Tensor) -> Tensor { latents }
            func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor { latents }
        }
        let copy = measurement.measure(eye: eye, predictor: { _ in Copy() }, simulator: simulator)
        #expect(copy.spread == 0 && copy.goalMiss > 0 && abs(copy.actionDependentError - oracle.signal) < 1e-6)
    }

    /// A predictor that foresees no change: every action scores the same, so CEM's choice is left to chance.
    struct Unchanging: Predictor {
        func targets(_ latents: Tensor) -> Tensor { latents }
        func predict(latents: Tensor, states: Tensor, actions: Tensor) -> Tensor { latents }
    }

    @Test func theStepBoundFollowsTheObservedEnergyAndWorseStepsAreUndone() throws {
        // With every action scoring the same, the observed energy both rises and falls.
        let task = ManipulationTask(kind: .reach, object: .cup, seed: 5)
        func run(_ control: StepTrustRegion?) throws -> MPCEpisode.Outcome {
            var episode = MPCEpisode(task: task, lab: .labA, eye: eye)
            episode.stepControl = control
            var planner: any Planner = try CEMPlanner(samples: 8, iterations: 1, elites: 2, seed: 1)
            return try episode.run(predictor: { _ in Unchanging() }, planner: &planner)
        }
        let goal = eye.latents(eye.goalFrames(of: task, in: .labA)[0])
        let first = MeanL1Energy()(eye.latents(eye.frame(World(task: task, lab: .labA))).reshaped([1] + goal.shape), goal: goal)
        let adaptive = try run(StepTrustRegion(maxStep: 0.075))
        let energies = [first.scalars[0]] + adaptive.observedEnergies
        var expected = StepTrustRegion(maxStep: 0.075), undone = 0, narrowest = expected.radius
        var bounds: [Float?] = []  // per step: the search's bound, nil for a step that was undone
        for (k, action) in adaptive.actions.enumerated() {
            let state = adaptive.states[k], gripper = k == 0 ? 0 : adaptive.actions[k - 1][6]
            let hand = SIMD3(state[0], state[1], state[2])
            if let anchor = expected.judge(energy: energies[k], hand: hand, gripper: gripper) {
                #expect(action == ActionBounds.positionAndGripper().returning(from: hand, to: anchor))
                #expect(energies[k] > anchor.energy)
                undone += 1
                bounds.append(nil)
            } else {
                #expect(action[0..<3].map(abs).max()! <= expected.radius + 1e-6)
                bounds.append(expected.radius)
            }
            narrowest = min(narrowest, expected.radius)
        }
        #expect(undone > 0 && narrowest <= 0.075 / 4)
        let fixed = try run(nil)  // without it, the same checks fail
        let fixedSteps = fixed.actions.map { $0[0..<3].map(abs).max()! }
        #expect(zip(fixedSteps, bounds).contains { step, bound in bound.map { step > $0 } ?? false })
    }

    @Test func aHeldGripperStaysAtTheCommandInForce() throws {
        // Reach-with-object starts with the object held (command 1); searched, a gripper the energy ignores opens.
        let task = ManipulationTask(kind: .reachWithObject, object: .cup, seed: 3)
        func commands(holding: Bool) throws -> [Float] {
            var episode = MPCEpisode(task: task, lab: .labA, eye: eye)
            episode.gripper = holding ? .held : .searched
            episode.stepControl = nil  // every step planned, none undone
            var planner: any Planner = try CEMPlanner(samples: 8, iterations: 1, elites: 2, seed: 1)
            return try episode.run(predictor: { _ in Unchanging() }, planner: &planner).actions.map { $0[6] }
        }
        #expect(try commands(holding: true) == Array(repeating: 1, count: task.steps))
        #expect(try commands(holding: false).contains { $0 < Float(Action.gripperClosesFrom) })
        let bounds = ActionBounds.positionAndGripper().holding(6, at: 0.3)
        #expect(bounds.lower[6] == 0.3 && bounds.upper[6] == 0.3 && bounds.searchedAxes == [0, 1, 2])
    }

    @Test func aGivenGripperTakesEachSubGoalsCommand() throws {
        // Grasp's sub-goals show the gripper open above and around the object, then closed on it and lifted.
        let task = ManipulationTask(kind: .grasp, object: .box, seed: 2)
        var episode = MPCEpisode(task: task, lab: .labA, eye: eye)
        episode.gripper = .given
        var planner: any Planner = try CEMPlanner(samples: 8, iterations: 1, elites: 2, seed: 1)
        let commands = try episode.run(predictor: { _ in Unchanging() }, planner: &planner).actions.map { $0[6] }
        #expect(commands == (0..<task.steps).map { Float(task.goals[episode.subgoal(at: $0)].gripper) })
        #expect(commands.first == 0 && commands.last == 1)
    }

    @Test func pickAndPlaceSwitchesSubGoalsOnAFixedSchedule() throws {
        let episode = MPCEpisode(task: ManipulationTask(kind: .pickAndPlace, object: .cup, seed: 0), lab: .labA, eye: eye)
        let goals = (0..<50).map(episode.subgoal(at:))
        #expect((0..<5).allSatisfy { k in goals.filter { $0 == k }.count == 10 })
        #expect(goals == goals.sorted())
    }
}
