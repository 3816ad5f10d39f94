import Sim

/// The renderer's speed on one thread: frames per second at a given size, shadows on.
public enum RenderBenchmark {
    public struct Result: Sendable {
        public var size: Int
        public var frames: Int
        public var seconds: Double
        public var triangles: Int
        public var framesPerSecond: Double { Double(frames) / seconds }
    }

    /// Renders `size × size` frames of an arm sweeping over the reference scene (or of the given frames' bodies) on
    /// the calling thread for at least `duration` seconds after one warm-up frame, and reports the rate.
    public static func run(
        size: Int, duration: Double = 1, supersampling: Int = 1,
        scenes: [[VisualBody]] = sweep, lab: Lab = ReferenceScene.lab
    ) -> Result {
        precondition(!scenes.isEmpty, "the benchmark needs at least one scene")
        let renderer = Renderer(supersampling: supersampling)
        _ = renderer.render(scenes[0], lab: lab, width: size, height: size)
        let clock = ContinuousClock()
        let start = clock.now
        var frames = 0, elapsed = 0.0
        while frames < 3 || elapsed < duration {
            _ = renderer.render(scenes[frames % scenes.count], lab: lab, width: size, height: size)
            frames += 1
            let time = clock.now - start
            elapsed = Double(time.components.seconds) + Double(time.components.attoseconds) * 1e-18
        }
        return Result(size: size, frames: frames, seconds: elapsed, triangles: renderer.triangleCount(scenes[0]))
    }

    /// Sixteen poses of the reference scene, the arm turning about its first joint with the gripper half open.
    public static var sweep: [[VisualBody]] {
        (0..<16).map { k in
            var joints = ReferenceScene.home
            joints[0] = -0.4 + 0.8 * Double(k) / 15
            return ReferenceScene(joints: joints, gripperOpening: 0.04).bodies
        }
    }
}
