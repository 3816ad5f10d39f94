import Foundation
import Sim

/// The lab's pinhole camera at one image size: world to camera space (x right, y down, z forward, metres) and on to
/// pixels, where pixel (i, j) covers [i, i + 1) × [j, j + 1) with rows running down.
struct CameraProjection {
    let position: SIMD3<Double>
    let right: SIMD3<Double>, down: SIMD3<Double>, forward: SIMD3<Double>
    /// The focal length in pixels.
    let focal: Double
    let centre: SIMD2<Double>
    /// The world → camera-space map.
    let worldToCamera: Affine

    init(_ camera: Lab.Camera, width: Int, height: Int) {
        let view = camera.target - camera.position
        let side = Self.cross(view, camera.up)
        precondition(Self.length(view) > 0, "camera position \(camera.position) equals its target")
        precondition(Self.length(side) > 1e-9 * Self.length(view) * Self.length(camera.up),
                     "camera up \(camera.up) is parallel to the view direction \(view)")
        precondition(camera.fieldOfView > 0 && camera.fieldOfView < 180,
                     "camera field of view \(camera.fieldOfView)° is not in (0, 180)")
        position = camera.position
        forward = view / Self.length(view)
        right = side / Self.length(side)
        down = Self.cross(forward, right)
        focal = Double(height) / 2 / tan(camera.fieldOfView * .pi / 360)
        centre = [Double(width) / 2, Double(height) / 2]
        // Rows of the rotation are the camera axes; the linear part's columns are their transposes.
        let rotation = Affine(x: [right.x, down.x, forward.x], y: [right.y, down.y, forward.y],
                              z: [right.z, down.z, forward.z], offset: .zero)
        worldToCamera = Affine(x: rotation.x, y: rotation.y, z: rotation.z, offset: -rotation.apply(position))
    }

    /// The direction of the ray through pixel coordinates `(u, v)`, not normalised (its forward component is 1).
    func ray(u: Double, v: Double) -> SIMD3<Double> {
        forward + right * ((u - centre.x) / focal) + down * ((v - centre.y) / focal)
    }

    private static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        [a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x]
    }

    private static func length(_ a: SIMD3<Double>) -> Double { (a * a).sum().squareRoot() }
}
