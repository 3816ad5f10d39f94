import Foundation
import Testing
import Render
import Sim

/// Fixed scenes compared with reference PNGs that were rendered once, inspected, and committed.
///
/// To regenerate after an intended change: `JEPALAB_UPDATE_GOLDEN=1 swift test --filter GoldenImageTests`, then
/// look at the PNGs in `Tests/RenderTests/Golden/` before committing them.
@Suite struct GoldenImageTests {
    static let cases: [(name: String, bodies: [VisualBody], lab: Lab)] = [
        ("home", TestScenes.home, TestScenes.lab),
        ("holding-cup", TestScenes.holdingCup, TestScenes.lab),
        ("evening-lab", TestScenes.homeWithDistractor, TestScenes.eveningLab),
    ]

    @Test(arguments: 0..<cases.count) func matchesReference(_ index: Int) throws {
        let (name, bodies, lab) = Self.cases[index]
        let image = Renderer().render(bodies, lab: lab, width: 64, height: 64)
        if ProcessInfo.processInfo.environment["JEPALAB_UPDATE_GOLDEN"] == "1" {
            let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            try PNG.write(image, to: directory.appendingPathComponent("\(name).png"))
            return
        }
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "Golden"),
                               "no Golden/\(name).png in the test bundle")
        let reference = try PNG.read(from: url)
        try #require(reference.width == image.width && reference.height == image.height)
        // Small floating-point differences between compilers may move a few edge pixels; anything more is a change.
        let differences = zip(reference.pixels, image.pixels).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        let large = stride(from: 0, to: differences.count, by: 3).filter {
            max(differences[$0], differences[$0 + 1], differences[$0 + 2]) > 24
        }.count
        #expect(mean < 0.5, "\(name): mean absolute difference \(mean) per channel")
        #expect(large <= 16, "\(name): \(large) pixels differ by more than 24 in some channel")
    }
}
