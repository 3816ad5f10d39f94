import Foundation

/// A numbered sequence of PNG frames in one directory: `000000.png`, `000001.png`, …
public enum PNGSequence {
    /// The file name of frame `index` (six digits, zero-padded).
    public static func fileName(_ index: Int) -> String {
        precondition(index >= 0, "frame index \(index) is negative")
        let digits = String(index)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".png"
    }

    /// Writes frame `index` to `directory` (created if missing), atomically. For frames written one by one, call
    /// `removeFrames(from: count, in: directory)` at the end to drop frames left from a longer earlier sequence.
    public static func write(_ frame: RGBImage, index: Int, to directory: URL) throws {
        try createDirectory(directory)
        try PNG.write(frame, to: directory.appendingPathComponent(fileName(index)))
    }

    /// Writes `frames` as `000000.png …` to `directory` (created if missing), each file atomically, then removes
    /// numbered frames left over from a longer earlier sequence. Other files in the directory are kept.
    public static func write(_ frames: [RGBImage], to directory: URL) throws {
        try createDirectory(directory)
        for (index, frame) in frames.enumerated() {
            try PNG.write(frame, to: directory.appendingPathComponent(fileName(index)))
        }
        try removeFrames(from: frames.count, in: directory)
    }

    /// Deletes the numbered frames from `first` on in `directory`; other files are kept.
    public static func removeFrames(from first: Int, in directory: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            if let index = frameIndex(name), index >= first {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }

    /// The frames in `directory`, in order: `000000.png` up to the first missing number.
    public static func read(from directory: URL) throws -> [RGBImage] {
        var frames: [RGBImage] = []
        while case let url = directory.appendingPathComponent(fileName(frames.count)),
              FileManager.default.fileExists(atPath: url.path) {
            frames.append(try PNG.read(from: url))
        }
        return frames
    }

    /// The index of a frame file name such as `000042.png`, or nil for any other name.
    static func frameIndex(_ name: String) -> Int? {
        guard name.hasSuffix(".png") else { return nil }
        let stem = name.dropLast(4)
        guard stem.count >= 6, stem.allSatisfy(\.isASCII), stem.allSatisfy(\.isNumber) else { return nil }
        return Int(stem)
    }

    private static func createDirectory(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw PNG.Failure(description: "\(directory.path) exists and is not a directory")
            }
            return
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
}
