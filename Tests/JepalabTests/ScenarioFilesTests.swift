import Foundation
import Testing

/// Every shipped scenario file against the real registry: it validates and plans.
@Suite struct ScenarioFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyScenarioFilePassesDryRun() throws {
        let folder = ScenarioFilesTests.root.appendingPathComponent("scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.contains("quickstart.yaml") && names.count >= 7, "\(names)")
        let cache = try Folder.make()
        defer { try? FileManager.default.removeItem(at: cache) }
        for name in names {
            let (status, output) = try JEPALabProcess.run(["run", folder.appendingPathComponent(name).path, "--dry-run", "--cache", cache.path])
            #expect(status == 0 && output.contains("is valid"), "\(name): \(output)")
            #expect(output.contains("  missing"), "\(name) should list its stages as missing from an empty cache: \(output)")
        }
    }
}
