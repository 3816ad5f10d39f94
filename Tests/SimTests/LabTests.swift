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

    @Test func variationsAreSeededAndChangeOnlyAppearance() {
        let a = Lab.train.varied(seed: 7), b = Lab.train.varied(seed: 8)
        #expect(a == Lab.train.varied(seed: 7))
        #expect(a != b && a.tableColour != b.tableColour && a.camera != b.camera)
        #expect(a.name == "train")
        for lab in (0..<200).map({ Lab.train.varied(seed: $0) }) {
            let move = lab.camera.position - Lab.train.camera.position
            #expect(abs(move.x) <= 0.12 && abs(move.y) <= 0.1 && abs(move.z) <= 0.09)
            #expect(abs(lab.camera.fieldOfView - Lab.train.camera.fieldOfView) <= 4)
            for c in [lab.tableColour, lab.cupColour, lab.boxColour, lab.background] {
                #expect([c.r, c.g, c.b].allSatisfy { (0...1).contains($0) })
            }
            // Distractors stay out of the task region (x 0.3–0.7, |y| < 0.3), where objects and the hand move.
            for d in lab.distractors { #expect(d.position.x > 0.7 || d.position.x < 0.3 || abs(d.position.y) > 0.3) }
        }
        // Physics is the lab's: the same task starts with the same poses in any variation.
        let task = ManipulationTask(kind: .grasp, object: .box, seed: 4)
        let plain = World(task: task, lab: .train).observables.objects
        let varied = World(task: task, lab: a).observables.objects
        for (p, q) in zip(plain, varied) { #expect(p.position == q.position) }
    }

    @Test func homePosePutsTheTCPWhereThePublishedReadyPoseDoes() {
        let tcp = PandaKinematics.frames(PandaKinematics.home)[9].position
        #expect(abs(tcp.x - 0.31) < 0.01 && abs(tcp.y) < 1e-9 && abs(tcp.z - 0.49) < 0.01, "TCP at \(tcp)")
    }
}
