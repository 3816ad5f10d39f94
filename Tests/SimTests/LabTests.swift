import Foundation
import Testing
import Sim

@Suite struct LabTests {
    @Test func builtInLabsAreNamedAndDiffer() throws {
        #expect(try Lab.named("train") == .train)
        #expect(try Lab.named("lab-a") == .labA)
        #expect(try Lab.named("lab-b") == .labB)
        #expect(Lab.train.tableColour != Lab.labA.tableColour && Lab.labA.tableColour != Lab.labB.tableColour)
        #expect(Lab.train.camera != Lab.labA.camera && Lab.train.camera != Lab.labB.camera)
    }

    @Test func labsRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(Lab.labB)
        #expect(try JSONDecoder().decode(Lab.self, from: data) == .labB)
    }

    @Test func taskPosesDoNotDependOnTheLab() {
        let task = ManipulationTask(kind: .pickAndPlace, object: .cup, seed: 8)
        let a = World(task: task, lab: .train).observables.objects
        let b = World(task: task, lab: .labB).observables.objects
        for (p, q) in zip(a, b) { #expect(abs(p.position.x - q.position.x) < 1e-9 && abs(p.position.y - q.position.y) < 1e-9) }
    }

    @Test func homePoseMatchesThePublishedReadyPose() {
        let tcp = PandaKinematics.frames(PandaKinematics.home)[9].position
        #expect(abs(tcp.x - 0.31) < 0.01 && abs(tcp.y) < 1e-9 && abs(tcp.z - 0.49) < 0.01, "TCP at \(tcp)")
    }
}
