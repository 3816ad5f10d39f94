import Harness
import Planners
import Tensor
import Testing

/// A quadratic bowl over action sequences with its minimum at `target` (per step, per axis).
struct Bowl {
    let target: [Float]  // 7 values, the same at every step
    let horizon: Int

    func energy(_ actions: Tensor) -> Tensor {
        let (b, n) = (actions.shape[0], horizon * 7)
        let x = actions.scalars
        return Tensor(shape: [b], scalars: (0..<b).map { s in
            (0..<n).reduce(Float(0)) { sum, i in
                let d = x[s * n + i] - target[i % 7]
                return sum + d * d
            }
        })
    }

    func gradient(_ actions: Tensor) -> (energies: Tensor, gradient: Tensor) {
        let n = horizon * 7
        let g = actions.scalars.enumerated().map { i, v in 2 * (v - target[i % n % 7]) }
        return (energy(actions), Tensor(shape: actions.shape, scalars: g))
    }

    func problem(bounds: ActionBounds = .positionAndGripper()) -> PlanningProblem {
        PlanningProblem(horizon: horizon, bounds: bounds, energy: energy, energyGradient: gradient)
    }
}

@Suite struct PlannerTests {
    static let inside: [Float] = [0.03, -0.05, 0.01, 0.1, -0.1, 0.2, 0.8]

    /// Each planner with its tolerance as a fraction of an axis' width (random shooting only gets near).
    func planners() throws -> [(String, any Planner, Float)] {
        [("cem", try CEMPlanner(), 0.02),
         ("mppi", try MPPIPlanner(), 0.02),
         ("gradient", try GradientPlanner(iterations: 100, learningRate: 0.01), 0.02),
         ("random-shooting", try RandomShootingPlanner(), 0.35)]
    }

    @Test func gaussianSearchesKeepAnAxisTheEnergyIgnoresOnTheSideTheyStart() throws {
        // The energy sees only the position; the gripper is free. Started from the middle of its range, where the
        // gripper ends is a coin toss; started from the command in force, it stays on that side of the switch.
        func positionOnly(_ actions: Tensor) -> Tensor {
            let x = actions.scalars
            var energies = [Float](repeating: 0, count: actions.shape[0])
            for s in energies.indices {
                for axis in 0..<3 {
                    let d = x[s * 7 + axis] - 0.02
                    energies[s] += d * d
                }
            }
            return Tensor(shape: [actions.shape[0]], scalars: energies)
        }
        for command: Float? in [nil, 0, 1] {
            var closed = [0, 0]
            for seed: UInt64 in 0..<20 {
                var problem = PlanningProblem(horizon: 1, bounds: .positionAndGripper(), energy: positionOnly)
                problem.start = command.map { [0, 0, 0, 0, 0, 0, $0] }
                let planners: [any Planner] = [try CEMPlanner(seed: seed), try MPPIPlanner(seed: seed)]
                for (k, planner) in planners.enumerated() {
                    var planner = planner
                    let plan = try planner.plan(problem)
                    if plan[0, 6] >= 0.5 { closed[k] += 1 }
                    #expect(abs(plan[0, 0] - 0.02) < 0.005)
                }
            }
            for (name, count) in zip(["cem", "mppi"], closed) {
                switch command {
                case nil: #expect((1...19).contains(count), "\(name) from the middle: closed in \(count) of 20")
                case 0: #expect(count == 0, "\(name) kept open: closed in \(count) of 20")
                default: #expect(count >= 19, "\(name) kept closed: closed in \(count) of 20")
                }
            }
        }
    }

    @Test func findsTheMinimumOfABowlInsideTheBounds() throws {
        let bowl = Bowl(target: PlannerTests.inside, horizon: 2)
        let bounds = ActionBounds.positionAndGripper()
        for (name, planner, fraction) in try planners() {
            var planner = planner
            let plan = try planner.plan(bowl.problem(bounds: bounds))
            #expect(plan.shape == [2, 7])
            for h in 0..<2 {
                for axis in [0, 1, 2, 6] {
                    let tolerance = fraction * (bounds.upper[axis] - bounds.lower[axis])
                    #expect(abs(plan[h, axis] - bowl.target[axis]) < tolerance, "\(name) step \(h) axis \(axis): \(plan[h, axis])")
                }
                // Rotation is held at zero although the bowl's minimum lies elsewhere.
                for axis in 3..<6 { #expect(plan[h, axis] == 0, "\(name) moved held axis \(axis)") }
            }
        }
    }

    @Test func respectsTheBoundsWhenTheMinimumIsOutside() throws {
        let bowl = Bowl(target: [0.3, -0.2, 0.0, 0, 0, 0, 1.5], horizon: 1)
        let bounds = ActionBounds.positionAndGripper(maxStep: 0.05)
        for (name, planner, fraction) in try planners() {
            var planner = planner
            let plan = try planner.plan(bowl.problem(bounds: bounds))
            let tolerance = fraction * 0.1
            for axis in 0..<7 {
                #expect(plan[0, axis] >= bounds.lower[axis] && plan[0, axis] <= bounds.upper[axis], "\(name) axis \(axis)")
            }
            #expect(abs(plan[0, 0] - 0.05) < tolerance && abs(plan[0, 1] + 0.05) < tolerance, "\(name): \(plan.scalars)")
            #expect(abs(plan[0, 6] - 1) < fraction, "\(name) gripper \(plan[0, 6])")
        }
    }

    @Test func sameSeedSamePlanAndTheStreamAdvances() throws {
        let problem = Bowl(target: PlannerTests.inside, horizon: 1).problem()
        var a = try CEMPlanner(samples: 50, iterations: 3, seed: 7), b = try CEMPlanner(samples: 50, iterations: 3, seed: 7)
        let first = try a.plan(problem)
        #expect(first.scalars == (try b.plan(problem)).scalars)
        #expect(first.scalars != (try a.plan(problem)).scalars)
        var c = try CEMPlanner(samples: 50, iterations: 3, seed: 8)
        #expect(first.scalars != (try c.plan(problem)).scalars)
    }

    @Test func gradientPlannerNeedsAGradient() throws {
        let bowl = Bowl(target: PlannerTests.inside, horizon: 1)
        var planner = try GradientPlanner()
        #expect(throws: PlanningError.needsGradient(planner: "planner/gradient")) {
            _ = try planner.plan(PlanningProblem(horizon: 1, bounds: .positionAndGripper(), energy: bowl.energy))
        }
    }

    @Test func registryBuildsEveryPlannerFromAReference() throws {
        var registry = Registry()
        try Planners.register(into: &registry)
        #expect(registry.specs(of: .planner).map(\.id)
                == ["planner/cem", "planner/gradient", "planner/mppi", "planner/random-shooting"])
        let reference = try ComponentReference(parsing: "cem:samples=100,momentum_mean=0.2", kind: .planner)
        var planner: any Planner = try reference.make(in: registry)
        let plan = try planner.plan(Bowl(target: PlannerTests.inside, horizon: 1).problem())
        #expect(abs(plan[0, 0] - 0.03) < 0.01)
        #expect(throws: RegistryError.self) {
            let _: any Planner = try ComponentReference(parsing: "cem:sample=3", kind: .planner).make(in: registry)
        }
        #expect(throws: (any Error).self) {
            let _: any Planner = try ComponentReference(parsing: "cem:elites=900", kind: .planner).make(in: registry)
        }
    }
}
