import Foundation
import Harness
import Testing

@Suite struct CheckpointFolderTests {
    @Test func oneRunAtATimeClaimsAFolder() throws {
        let folder = CheckpointFolder(directory: FileManager.default.temporaryDirectory.appendingPathComponent("claim-\(UUID())"))
        defer { try? FileManager.default.removeItem(at: folder.directory) }
        var first: CheckpointFolder.Claim? = try folder.claim()
        #expect(first != nil)
        #expect {
            _ = try folder.claim()
        } throws: { error in
            "\(error)".contains(folder.directory.path) && "\(error)".contains("in use by another training run")
        }
        first = nil  // the run ends
        _ = try folder.claim()
        // The lock file is not mistaken for a state.
        #expect(try folder.latest() == nil)
    }
}
