import Foundation
import Sim

/// A triangle mesh in a body's local frame: positions, per-vertex normals and triangles wound counter-clockwise
/// when seen from outside (the side the normals point to).
struct Mesh {
    var positions: [SIMD3<Float>] = []
    var normals: [SIMD3<Float>] = []
    /// Three vertex indices per triangle.
    var indices: [Int] = []

    var triangleCount: Int { indices.count / 3 }

    /// The mesh of `shape` at its true dimensions; curved surfaces use `segments` facets around their axis.
    init(_ shape: VisualBody.Shape, segments: Int) {
        switch shape {
        case .box(let size):
            addBox(SIMD3<Float>(size))
        case .cylinder(let radius, let length):
            let (r, h) = (Float(radius), Float(length) / 2)
            addLathe([Profile(0, h, 0, 1), Profile(r, h, 0, 1)], segments: segments)
            addLathe([Profile(r, h, 1, 0), Profile(r, -h, 1, 0)], segments: segments)
            addLathe([Profile(r, -h, 0, -1), Profile(0, -h, 0, -1)], segments: segments)
        case .capsule(let radius, let length):
            let (r, h) = (Float(radius), Float(length) / 2)
            let cap = Mesh.arc(from: 0, to: .pi / 2, steps: 2)
            let top = cap.map { Profile(r * $0.sin, h + r * $0.cos, $0.sin, $0.cos) }
            let bottom = cap.reversed().map { Profile(r * $0.sin, -h - r * $0.cos, $0.sin, -$0.cos) }
            addLathe(top + bottom, segments: segments)
        case .sphere(let radius):
            let r = Float(radius)
            addLathe(Mesh.arc(from: 0, to: .pi, steps: 4).map { Profile(r * $0.sin, r * $0.cos, $0.sin, $0.cos) },
                     segments: segments)
        case .cup(let radius, let height, let wall):
            let (r, h, w) = (Float(radius), Float(height) / 2, Float(wall))
            let inner = max(r - w, 0), floor = min(-h + w, h)
            addLathe([Profile(inner, h, 0, 1), Profile(r, h, 0, 1)], segments: segments)          // rim
            addLathe([Profile(r, h, 1, 0), Profile(r, -h, 1, 0)], segments: segments)             // outer wall
            addLathe([Profile(r, -h, 0, -1), Profile(0, -h, 0, -1)], segments: segments)          // underside
            addLathe([Profile(inner, floor, -1, 0), Profile(inner, h, -1, 0)], segments: segments) // inner wall
            addLathe([Profile(0, floor, 0, 1), Profile(inner, floor, 0, 1)], segments: segments)  // inner floor
        }
    }

    /// A point of a surface of revolution about local z: radius, height and the normal's radial and z parts.
    private struct Profile {
        var radius: Float, z: Float, normalRadial: Float, normalZ: Float
        init(_ radius: Float, _ z: Float, _ normalRadial: Float, _ normalZ: Float) {
            self.radius = radius
            self.z = z
            self.normalRadial = normalRadial
            self.normalZ = normalZ
        }
    }

    private static func arc(from start: Float, to end: Float, steps: Int) -> [(sin: Float, cos: Float)] {
        (0...steps).map {
            let angle = start + (end - start) * Float($0) / Float(steps)
            return (sin(angle), cos(angle))
        }
    }

    /// Sweeps a profile around local z. Travelling along the profile in the (radius, z) half-plane, the surface's
    /// outside (where the profile's normals must point) lies on the left.
    private mutating func addLathe(_ profile: [Profile], segments: Int) {
        let first = positions.count
        for point in profile {
            for j in 0..<segments {
                let angle = 2 * Float.pi * Float(j) / Float(segments)
                let (c, s) = (cos(angle), sin(angle))
                positions.append([point.radius * c, point.radius * s, point.z])
                normals.append([point.normalRadial * c, point.normalRadial * s, point.normalZ])
            }
        }
        for i in 0..<(profile.count - 1) {
            for j in 0..<segments {
                let a0 = first + i * segments + j, a1 = first + i * segments + (j + 1) % segments
                let b0 = a0 + segments, b1 = a1 + segments
                if profile[i + 1].radius > 0 { indices += [a0, b0, b1] }
                if profile[i].radius > 0 { indices += [a0, b1, a1] }
            }
        }
    }

    private mutating func addBox(_ size: SIMD3<Float>) {
        let half = size / 2
        // Each face: its normal axis and sign; corners ordered counter-clockwise seen from outside.
        for axis in 0..<3 {
            for sign: Float in [1, -1] {
                let u = (axis + 1) % 3, v = (axis + 2) % 3
                var normal = SIMD3<Float>.zero
                normal[axis] = sign
                let first = positions.count
                for (du, dv): (Float, Float) in [(-1, -1), (1, -1), (1, 1), (-1, 1)] {
                    var corner = SIMD3<Float>.zero
                    corner[axis] = sign * half[axis]
                    corner[u] = du * half[u]
                    corner[v] = sign * dv * half[v]
                    positions.append(corner)
                    normals.append(normal)
                }
                indices += [first, first + 1, first + 2, first, first + 2, first + 3]
            }
        }
    }
}
