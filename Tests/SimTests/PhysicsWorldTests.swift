import Testing
import Sim

@Suite struct PhysicsWorldTests {
    @Test func boxFallsUnderGravityAndRestsOnThePlane() {
        let world = PhysicsWorld(timeStep: 0.002)
        world.addPlane()
        let box = world.addBox(size: [0.1, 0.1, 0.1], mass: 1, at: [0, 0, 1])
        for _ in 0..<100 { world.step() }
        // Free fall for 0.2 s: z = 1 - g t² / 2 ≈ 0.804 (semi-implicit Euler lands within a few millimetres).
        #expect(abs(box.position.z - 0.804) < 0.005)
        #expect(box.linearVelocity.z < -1.9)
        for _ in 0..<1500 { world.step() }
        // At rest on the plane: centre half a side above it, no speed left.
        #expect(abs(box.position.z - 0.05) < 0.002)
        #expect(simdLength(box.linearVelocity) < 1e-3)
    }

    /// A NaN inside ODE's solver trips ODE's own assertion; the process then exits with status 70 and a message naming
    /// the physics step, not with ODE's bare abort.
    @Test func aBlowUpInsideODENamesTheStep() async {
        let result = await #expect(processExitsWith: .exitCode(70), observing: [\.standardErrorContent]) {
            let world = PhysicsWorld()
            world.addPlane()
            let box = world.addBox(size: [0.1, 0.1, 0.1], mass: 1, at: [0, 0, 0.049])
            for _ in 0..<3 { world.step() }
            box.angularVelocity = [.nan, 0, 0]
            world.step()
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("physics blew up inside ODE at physics step 4 (ODE error"), "\(message)")
    }
}

private func simdLength(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
