/// Per-vertex working storage for one body, grown as needed and reused across bodies and frames.
final class VertexScratch {
    private(set) var camera = UnsafeMutablePointer<SIMD3<Float>>.allocate(capacity: 1)
    private(set) var colours = UnsafeMutablePointer<SIMD3<Float>>.allocate(capacity: 1)
    private(set) var screen = UnsafeMutablePointer<ScreenVertex>.allocate(capacity: 1)
    private var capacity = 1

    /// Makes room for `count` vertices (previous contents are discarded).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        camera.deallocate()
        colours.deallocate()
        screen.deallocate()
        camera = .allocate(capacity: count)
        colours = .allocate(capacity: count)
        screen = .allocate(capacity: count)
        capacity = count
    }

    deinit {
        camera.deallocate()
        colours.deallocate()
        screen.deallocate()
    }
}
