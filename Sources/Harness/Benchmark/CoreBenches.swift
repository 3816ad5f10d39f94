import NN
import Render
import Sim

/// The benches of the core harness: the transformer the predictors are made of, physics and rendering.
public enum CoreBenches {
    public static let all: [Bench] = [transformer, physics, render]

    /// Forward throughput at the planning batch against bare `sgemm` of the same products, and one AdamW step.
    public static let transformer = Bench(
        name: "transformer",
        summary: "pre-norm transformer (width 128, 4 heads, depth 4, 66 tokens): forward at batch 800 vs sgemm; AdamW step at batch 64"
    ) { repeats in
        var configuration = TransformerBenchmark.Configuration()
        configuration.repeats = repeats
        let result = TransformerBenchmark.run(configuration)
        return [
            BenchFigure(benchmark: "transformer", name: "forward batch 800", value: result.samplesPerSecond, unit: "samples/s"),
            BenchFigure(
                benchmark: "transformer", name: "forward throughput", value: result.gflops, unit: "GFLOP/s",
                reference: .init(name: "sgemm, same products", value: result.sgemmGflops, unit: "GFLOP/s")),
            BenchFigure(benchmark: "transformer", name: "AdamW step batch 64", value: result.trainingStepSeconds, unit: "s"),
        ]
    }

    /// Physics steps per second of the standard scene (arm, gripper, cup, box, table) under random actions,
    /// including the inner controller and collision detection, against real time.
    public static let physics = Bench(
        name: "physics",
        summary: "ODE steps/s of arm + gripper + cup + box on the table at 2 ms, random actions, one thread; vs real time"
    ) { repeats in
        let rates = (0..<max(1, repeats)).map { run in
            StressTest(episodes: 8, actionsPerEpisode: 20, seed: UInt64(run)).run().stepsPerSecond
        }
        let stepsPerSecond = Bench.median(rates)
        return [
            BenchFigure(
                benchmark: "physics", name: "physics steps", value: stepsPerSecond, unit: "steps/s",
                reference: .init(name: "real time (500 steps/s at 2 ms)", value: 500, unit: "steps/s")),
        ]
    }

    /// Frames per second of the renderer on one thread, shadows on, for frames of real play episodes.
    public static let render = Bench(
        name: "render",
        summary: "CPU rasterizer frames/s at 64, 128 and 256 pixels, shadows on, one thread; vs the 4 Hz policy rate"
    ) { repeats in
        let lab = Lab.train
        let scenes = try playScenes(count: 16)
        return [64, 128, 256].map { size in
            let rates = (0..<max(1, repeats)).map { _ in
                RenderBenchmark.run(size: size, duration: 0.5, scenes: scenes, lab: lab).framesPerSecond
            }
            return BenchFigure(
                benchmark: "render", name: "frames \(size)×\(size)", value: Bench.median(rates), unit: "frames/s",
                reference: .init(name: "policy rate", value: 4, unit: "frames/s"))
        }
    }

    /// The scenes of `count` steps of a seeded play episode.
    static func playScenes(count: Int) throws -> [[VisualBody]] {
        let world = World(lab: .train, seed: 1)
        var policy = PlayPolicy(seed: 1)
        return try (0..<count).map { _ in
            let bodies = world.visualBodies
            try world.apply(policy.next(in: world).action)
            return bodies
        }
    }
}
