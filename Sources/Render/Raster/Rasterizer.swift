/// A projected vertex: pixel coordinates, the reciprocal of its camera-space depth, and its colour (sRGB, 0…255).
struct ScreenVertex {
    var x: Float, y: Float, inverseDepth: Float
    var colour: SIMD3<Float>
}

/// The sample buffers of one frame and the triangle scan converter that fills them.
///
/// Coverage is exact: vertices snap to 1/16 pixel and edge functions run in integers, with the top-left rule, so
/// triangles sharing an edge cover each sample along it exactly once. Depth (1/z, larger is nearer) and colour are
/// interpolated linearly in screen space. A sample's colour word holds its kind in the top byte (`Sample`).
final class Rasterizer {
    /// The kind of surface a sample shows, kept in the top byte of its colour word.
    enum Sample {
        static let empty: UInt32 = 0
        static let shaded: UInt32 = 1 << 24
        static let tableTop: UInt32 = 2 << 24
    }

    private(set) var width = 0
    private(set) var height = 0
    private(set) var depth = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    private(set) var colour = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    /// 1 where a shadow falls on the table top's plane.
    private(set) var shadow = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    private var capacity = 1

    private static let subpixelBits = 4
    private static let subpixels = 1 << subpixelBits
    /// Snapped coordinates stay within ±2^29 subpixels, so edge-function products fit in 64 bits.
    private static let coordinateLimit: Float = 536_870_912

    deinit {
        depth.deallocate()
        colour.deallocate()
        shadow.deallocate()
    }

    /// Sizes the buffers for a frame and clears them.
    func reset(width: Int, height: Int) {
        let count = width * height
        if count > capacity {
            depth.deallocate()
            colour.deallocate()
            shadow.deallocate()
            depth = .allocate(capacity: count)
            colour = .allocate(capacity: count)
            shadow = .allocate(capacity: count)
            capacity = count
        }
        self.width = width
        self.height = height
        depth.update(repeating: 0, count: count)
        colour.update(repeating: Sample.empty, count: count)
        shadow.update(repeating: 0, count: count)
    }

    /// True when the triangle faces the viewer: counter-clockwise in the world as seen, clockwise in pixel
    /// coordinates (whose y runs down).
    @inline(__always) static func facesViewer(_ a: ScreenVertex, _ b: ScreenVertex, _ c: ScreenVertex) -> Bool {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) < 0
    }

    /// Draws a front-facing triangle with depth test. `flat` (a sample kind with colour bits) is written as is when
    /// given; otherwise colours are interpolated and the sample is marked `shaded`.
    func fill(_ a: ScreenVertex, _ b: ScreenVertex, _ c: ScreenVertex, flat: UInt32?) {
        guard let t = Triangle(a, c, b, width: width, height: height) else { return }  // c, b: counter-clockwise
        let depth = self.depth, colour = self.colour, width = self.width
        let z = t.plane(a.inverseDepth, c.inverseDepth, b.inverseDepth)
        let constant: UInt32? = flat ?? (a.colour == b.colour && a.colour == c.colour ? Self.pack(a.colour) : nil)
        if let constant {
            t.forEachSpan { y, x0, x1 in
                var w = z.value(x0, y)
                var i = y * width + x0
                for _ in x0...x1 {
                    if w > depth[i] {
                        depth[i] = w
                        colour[i] = constant
                    }
                    w += z.dx
                    i += 1
                }
            }
        } else {
            let r = t.plane(a.colour.x, c.colour.x, b.colour.x)
            let g = t.plane(a.colour.y, c.colour.y, b.colour.y)
            let bl = t.plane(a.colour.z, c.colour.z, b.colour.z)
            let step = SIMD4<Float>(z.dx, r.dx, g.dx, bl.dx)
            t.forEachSpan { y, x0, x1 in
                var v = SIMD4<Float>(z.value(x0, y), r.value(x0, y), g.value(x0, y), bl.value(x0, y))
                var i = y * width + x0
                for _ in x0...x1 {
                    if v.x > depth[i] {
                        depth[i] = v.x
                        colour[i] = Self.pack(SIMD3(v.y, v.z, v.w))
                    }
                    v += step
                    i += 1
                }
            }
        }
    }

    /// Marks the samples a shadow triangle covers (no depth test). Only triangles wound like front faces are drawn.
    func markShadow(_ a: ScreenVertex, _ b: ScreenVertex, _ c: ScreenVertex) {
        guard let t = Triangle(a, c, b, width: width, height: height) else { return }
        let shadow = self.shadow, width = self.width
        t.forEachSpan { y, x0, x1 in
            (shadow + y * width + x0).update(repeating: 1, count: x1 - x0 + 1)
        }
    }

    @inline(__always) static func pack(_ rgb: SIMD3<Float>) -> UInt32 {
        let c = rgb.clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255)) + 0.5  // rounds when truncated
        return Sample.shaded | UInt32(c.x) << 16 | UInt32(c.y) << 8 | UInt32(c.z)
    }

    /// A triangle set up for scan conversion: snapped vertices, integer edge functions and the covered rows.
    private struct Triangle {
        /// Edge function values at the first covered row's first column, their steps per column and per row.
        var edge: SIMD3<Int>, stepX: SIMD3<Int>, stepY: SIMD3<Int>
        var x0: Int, x1: Int, y0: Int, y1: Int
        /// Vertex 0 and the reciprocal of twice the area, for attribute planes (pixel units).
        var origin: SIMD2<Float>, d1: SIMD2<Float>, d2: SIMD2<Float>, inverseArea: Float

        /// Nil when the triangle is degenerate, not counter-clockwise in pixel coordinates, or covers no sample.
        @inline(__always) init?(_ a: ScreenVertex, _ b: ScreenVertex, _ c: ScreenVertex, width: Int, height: Int) {
            let s = Float(Rasterizer.subpixels), limit = Rasterizer.coordinateLimit
            func snap(_ v: Float) -> Int { Int((v * s).rounded().clamped(to: -limit...limit)) }
            let ax = snap(a.x), ay = snap(a.y), bx = snap(b.x), by = snap(b.y), cx = snap(c.x), cy = snap(c.y)
            let area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
            guard area > 0 else { return nil }
            let half = Rasterizer.subpixels / 2, bits = Rasterizer.subpixelBits
            x0 = max(0, (min(ax, bx, cx) - half + Rasterizer.subpixels - 1) >> bits)
            x1 = min(width - 1, (max(ax, bx, cx) - half) >> bits)
            y0 = max(0, (min(ay, by, cy) - half + Rasterizer.subpixels - 1) >> bits)
            y1 = min(height - 1, (max(ay, by, cy) - half) >> bits)
            guard x0 <= x1, y0 <= y1 else { return nil }
            // Edge i runs from vertex i to vertex i + 1; E(p) = (to - from) × (p - from) ≥ 0 inside.
            let fromX = SIMD3(ax, bx, cx), fromY = SIMD3(ay, by, cy)
            let toX = SIMD3(bx, cx, ax), toY = SIMD3(by, cy, ay)
            let dx = toX &- fromX, dy = toY &- fromY
            let px = x0 << bits + half, py = y0 << bits + half
            edge = dx &* (SIMD3(repeating: py) &- fromY) &- dy &* (SIMD3(repeating: px) &- fromX)
            // Top-left rule: samples exactly on an edge belong to the triangle only for top and left edges.
            for i in 0..<3 where !(dy[i] < 0 || (dy[i] == 0 && dx[i] > 0)) { edge[i] -= 1 }
            stepX = SIMD3(repeating: 0) &- dy &* Rasterizer.subpixels
            stepY = dx &* Rasterizer.subpixels
            origin = SIMD2(Float(ax), Float(ay)) / s
            d1 = SIMD2(Float(bx - ax), Float(by - ay)) / s
            d2 = SIMD2(Float(cx - ax), Float(cy - ay)) / s
            inverseArea = s * s / Float(area)
        }

        /// The linear function of pixel position taking the given values at the three vertices.
        @inline(__always) func plane(_ va: Float, _ vb: Float, _ vc: Float) -> Plane {
            let e1 = vb - va, e2 = vc - va
            let dx = (e1 * d2.y - e2 * d1.y) * inverseArea
            let dy = (e2 * d1.x - e1 * d2.x) * inverseArea
            return Plane(base: va - dx * origin.x - dy * origin.y, dx: dx, dy: dy)
        }

        /// Calls `body(y, first, last)` for each row's run of covered samples, top to bottom.
        @inline(__always) func forEachSpan(_ body: (Int, Int, Int) -> Void) {
            var e = edge
            for y in y0...y1 {
                var first = x0, last = x1
                for i in 0..<3 {
                    let v = e[i], s = stepX[i]
                    if s > 0 {
                        if v < 0 { first = max(first, x0 + (s - 1 - v) / s) }
                    } else if v < 0 {
                        last = -1
                    } else if s < 0 {
                        last = min(last, x0 + v / -s)
                    }
                }
                if first <= last { body(y, first, last) }
                e &+= stepY
            }
        }
    }

    /// `value(x, y) = base + dx · (x + ½) + dy · (y + ½)` at sample centres.
    struct Plane {
        var base: Float, dx: Float, dy: Float
        @inline(__always) func value(_ x: Int, _ y: Int) -> Float {
            base + dx * (Float(x) + 0.5) + dy * (Float(y) + 0.5)
        }
    }
}

private extension Float {
    func clamped(to range: ClosedRange<Float>) -> Float { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
