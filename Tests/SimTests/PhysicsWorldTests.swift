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
}

private func simdLength(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
