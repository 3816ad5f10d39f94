import Foundation
import Testing

/// Files of a folder and their SHA-256 (via `sha256sum`), for comparing dataset folders byte for byte.
enum Folder {
    static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jepalab-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file name in `folder` (hidden ones included) with its SHA-256, leaving out names for which `skip` holds.
    static func checksums(_ folder: URL, skip: (String) -> Bool = { _ in false }) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !skip($0) }.sorted()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"] + names
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var sums = [String: String]()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            sums[parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " *"))] = String(parts[0])
        }
        return sums
    }

    static func flipByte(at offset: Int, of url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[offset] ^= 0xFF
        try Data(bytes).write(to: url)
    }
}

@Suite(.serialized) struct GenerateCommandTests {
    /// The options of a tiny dataset; `extra` adds e.g. a shard.
    static func tiny(_ out: URL, episodes: Int = 3, frames: Int = 6, extra: [String] = []) -> [String] {
        ["generate", "--episodes", "\(episodes)", "--lab", "train", "--policy", "play", "--frames", "\(frames)",
         "--size", "32", "--seed", "7", "--out", out.path, "--quiet"] + extra
    }

    @Test func generatesADatasetWithManifestAndStatistics() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        let (status, output) = try JEPALabProcess.run(Self.tiny(out))
        #expect(status == 0, "\(output)")
        #expect(output.contains("3 episodes generated, 0 kept"), "\(output)")
        for line in ["touched:", "grasp attempted:", "grasped:", "lifted:", "carried:"] { #expect(output.contains(line)) }
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["episode_000000.npz", "episode_000001.npz", "episode_000002.npz", "manifest.json"])
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
            as? [String: Any]
        #expect(manifest?["episodes"] as? Int == 3 && manifest?["frames"] as? Int == 18)
        let config = manifest?["config"] as? [String: Any]
        #expect(config?["policy"] as? String == "play" && config?["size"] as? Int == 32)

        let again = try JEPALabProcess.run(Self.tiny(out))
        #expect(again.status == 0 && again.output.contains("0 episodes generated, 3 kept"), "\(again.output)")
        let other = try JEPALabProcess.run(Self.tiny(out, frames: 8))
        #expect(other.status != 0 && other.output.contains("describes a different dataset"), "\(other.output)")
    }

    @Test func badOptionsAreClearErrors() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        let cases: [([String], String)] = [
            (Self.tiny(out, extra: ["--shard", "2/2"]), "0..<2"),
            (["generate", "--episodes", "2", "--out", out.path, "--policy", "dance"], "policies: play, expert"),
            (["generate", "--episodes", "2", "--out", out.path, "--lab", "moon"], "moon"),
            (["generate", "--episodes", "2"], "--out DIR"),
            (["generate", "--merge", out.path, "--episodes", "2"], "--merge DIR takes no other option"),
            (["generate", "--merge", out.appendingPathComponent("none").path], "none is not a folder"),
        ]
        for (arguments, message) in cases {
            let (status, output) = try JEPALabProcess.run(arguments)
            #expect(status != 0 && output.contains(message), "\(arguments): \(output)")
        }
    }

    @Test func shardsMergedEqualASingleRun() throws {
        let single = try Folder.make(), sharded = try Folder.make()
        defer { for f in [single, sharded] { try? FileManager.default.removeItem(at: f) } }
        #expect(try JEPALabProcess.run(Self.tiny(single, episodes: 5)).status == 0)
        for shard in ["1/2", "0/2"] {
            let (status, output) = try JEPALabProcess.run(Self.tiny(sharded, episodes: 5, extra: ["--shard", shard]))
            #expect(status == 0 && output.contains("--merge"), "\(output)")
        }
        let (status, output) = try JEPALabProcess.run(["generate", "--merge", sharded.path])
        #expect(status == 0 && output.contains("5 episodes, 30 frames, every SHA-256 verified"), "\(output)")
        let merged = try Folder.checksums(sharded) { $0.hasPrefix("manifest.shard-") }
        #expect(merged.count == 6)
        #expect(merged == (try Folder.checksums(single)))
    }

    @Test func aKilledRunResumesToTheFilesOfAnUninterruptedRun() throws {
        let reference = try Folder.make(), resumed = try Folder.make()
        defer { for f in [reference, resumed] { try? FileManager.default.removeItem(at: f) } }
        let arguments = Self.tiny(resumed, episodes: 24, frames: 12)
        let process = Process()
        process.executableURL = JEPALabProcess.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let first = resumed.appendingPathComponent("episode_000000.npz")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: first.path) && Date() < deadline { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the run ended before it could be killed")
        let written = try FileManager.default.contentsOfDirectory(atPath: resumed.path).filter { $0.hasPrefix("episode_") }
        #expect(!written.isEmpty && written.count < 24, "\(written.count) episodes written before the kill")
        #expect(!FileManager.default.fileExists(atPath: resumed.appendingPathComponent("manifest.json").path))

        let resume = try JEPALabProcess.run(arguments)
        #expect(resume.status == 0 && resume.output.contains("kept"), "\(resume.output)")
        #expect(try JEPALabProcess.run(Self.tiny(reference, episodes: 24, frames: 12)).status == 0)
        let sums = try Folder.checksums(resumed)
        #expect(sums.count == 25)
        #expect(sums == (try Folder.checksums(reference)))
    }

    @Test func aFlippedByteIsReportedWithTheFileName() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try JEPALabProcess.run(Self.tiny(out)).status == 0)
        try Folder.flipByte(at: 4000, of: out.appendingPathComponent("episode_000001.npz"))
        let merge = try JEPALabProcess.run(["generate", "--merge", out.path])
        #expect(merge.status != 0 && merge.output.contains("episode_000001.npz: SHA-256 is"), "\(merge.output)")
        let render = try JEPALabProcess.run(["render", "--episode", out.appendingPathComponent("episode_000001.npz").path,
                                             "--out", out.appendingPathComponent("frames").path])
        #expect(render.status != 0 && render.output.contains("episode_000001.npz"), "\(render.output)")
        // Generating again replaces the damaged file with the one it should be.
        let repair = try JEPALabProcess.run(Self.tiny(out))
        #expect(repair.status == 0 && repair.output.contains("1 episodes generated, 2 kept, 1 replaced"), "\(repair.output)")
        #expect(try JEPALabProcess.run(["generate", "--merge", out.path]).status == 0)
    }

    @Test(.enabled(if: numpyAvailable, "python3 with numpy is not available"))
    func numpyReadsAGeneratedEpisode() throws {
        let out = try Folder.make()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try JEPALabProcess.run(Self.tiny(out, episodes: 1, frames: 8)).status == 0)
        let script = """
            import json, sys, numpy
            f = numpy.load(sys.argv[1])
            meta = json.loads(bytes(f["meta.json"]))
            s, a = f["state"], f["action"]
            assert f["frames"].shape == (8, 32, 32, 3) and f["frames"].dtype == numpy.uint8
            assert s.shape == (8, 7) and s.dtype == numpy.float32 and f["joints"].shape == (8, 9)
            assert f["objects"].shape == (8, 2, 7) and f["contact"].shape == (8, 2) and f["contact"].dtype == numpy.uint8
            assert f["primitive"].dtype == numpy.int32 and f["primitive"].max() < len(meta["primitives"])
            assert numpy.allclose(a[:-1, :3], numpy.diff(s[:, :3], axis=0), atol=1e-6) and not a[-1].any()
            assert numpy.allclose(numpy.linalg.norm(f["objects"][:, :, 3:], axis=2), 1, atol=1e-5)
            assert f["frames"].std() > 5, "a flat image"
            print(meta["policy"], meta["lab"], meta["width"], ",".join(meta["objects"]))
            """
        let (status, output) = try Shell.run(["python3", "-c", script, out.appendingPathComponent("episode_000000.npz").path])
        #expect(status == 0 && output.contains("play train 32 cup,box"), "\(output)")
    }
}

/// Whether `python3` with numpy can be run here.
let numpyAvailable: Bool = (try? Shell.run(["python3", "-c", "import numpy"]))?.status == 0

enum Shell {
    /// Runs a program found on PATH and returns its exit status and combined output.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments, environment: environment)
    }
}
