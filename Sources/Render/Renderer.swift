import Sim

/// Draws a scene's bodies under a lab into an RGB image, on the CPU, on the calling thread.
///
/// Each shape is tessellated once into a low-poly mesh (cached per shape) and drawn by a triangle rasterizer with a
/// depth buffer and back-face culling. Surfaces get Lambert shading from the lab's directional light plus its ambient
/// term, computed per vertex in linear RGB and stored as sRGB. The table's top face shows the lab's texture and
/// receives the shadows of every other body: each light-facing triangle is projected along the light onto the table
/// top's plane and marked in a screen-space shadow mask. Below the table lies the floor (out to 3 m from the arm's
/// base), beyond it the background colour.
///
/// The same bodies, lab and size always give bit-identical pixels. A renderer reuses its buffers from frame to frame
/// and is not thread-safe: give each thread its own.
public final class Renderer {
    /// Samples per pixel along each axis; 2 gives 2×2 supersampling (anti-aliasing) at four times the cost.
    public let supersampling: Int
    /// Facets around the axis of cylinders, capsules, spheres and cups.
    public let segments: Int
    /// Whether bodies cast shadows on the table top.
    public let shadows: Bool

    private var meshes: [VisualBody.Shape: Mesh] = [:]
    let raster = Rasterizer()
    private let scratch = VertexScratch()

    /// Samples nearer to the camera than this (metres) are clipped away.
    static let nearPlane: Float = 0.01
    /// The floor extends this far (metres) from the origin in x and y.
    static let floorExtent: Float = 3

    public init(supersampling: Int = 1, segments: Int = 12, shadows: Bool = true) {
        precondition((1...4).contains(supersampling), "supersampling \(supersampling) is not in 1…4")
        precondition((3...64).contains(segments), "segments \(segments) is not in 3…64")
        self.supersampling = supersampling
        self.segments = segments
        self.shadows = shadows
    }

    /// The number of triangles the renderer's meshes give `bodies` (before culling).
    public func triangleCount(_ bodies: [VisualBody]) -> Int {
        bodies.reduce(0) { $0 + mesh(for: $1.shape).triangleCount }
    }

    /// Renders `bodies` as the lab's camera sees them, in an image of `width × height` pixels.
    public func render(_ bodies: [VisualBody], lab: Lab, width: Int, height: Int) -> RGBImage {
        precondition(width > 0 && height > 0, "image size \(width)×\(height) must be positive")
        let sampleWidth = width * supersampling, sampleHeight = height * supersampling
        let projection = CameraProjection(lab.camera, width: sampleWidth, height: sampleHeight)
        let shading = Shading(lab: lab)
        let table = TableExtent(bodies, meshes: { mesh(for: $0) })
        raster.reset(width: sampleWidth, height: sampleHeight)

        var flatten: Affine?
        if shadows, let table, shading.light.z > 0.01, lab.camera.position.z > table.top {
            flatten = projection.worldToCamera.composed(with: .flatten(along: shading.light, ontoHeight: table.top))
        }
        let projector = Projector(projection)
        for (index, body) in bodies.enumerated() {
            let p = body.pose.position, r = body.pose.rotation
            precondition(Self.isFinite(p) && Self.isFinite(r.x) && Self.isFinite(r.y) && Self.isFinite(r.z),
                         "body \(index) (\(body.part)) has a non-finite pose \(body.pose)")
            draw(body, projection: projection, projector: projector, shading: shading)
            if let flatten, body.part != .table, body.part != .tableLeg {
                castShadow(body, flatten: flatten, projector: projector)
            }
        }
        resolve(lab: lab, projection: projection, shading: shading, table: table)
        return downsample(width: width, height: height)
    }

    private func mesh(for shape: VisualBody.Shape) -> Mesh {
        if let mesh = meshes[shape] { return mesh }
        if meshes.count >= 256 { meshes.removeAll() }  // bounded: scenes use a handful of shapes
        let mesh = Mesh(shape, segments: segments)
        meshes[shape] = mesh
        return mesh
    }

    /// Shades, projects and rasterizes one body's front-facing triangles.
    private func draw(_ body: VisualBody, projection: CameraProjection, projector: Projector, shading: Shading) {
        let mesh = mesh(for: body.shape)
        let pose = Affine(body.pose)
        let toCamera = projection.worldToCamera.composed(with: pose).single
        let rotation = body.pose.rotation
        let localLight = SIMD3<Float>(Self.dots(rotation, shading.light))
        let localUp = SIMD3<Float>(Self.dots(rotation, [0, 0, 1]))
        let base = SIMD3<Float>(shading.colour(of: body.part))
        let ambient = Float(shading.ambient), intensity = Float(shading.intensity)
        scratch.reserve(mesh.positions.count)
        let camera = scratch.camera, colours = scratch.colours, screen = scratch.screen
        mesh.positions.withUnsafeBufferPointer { positions in
            mesh.normals.withUnsafeBufferPointer { normals in
                for i in positions.indices {
                    let c = toCamera.apply(positions[i])
                    let cosine = (normals[i] * localLight).sum()
                    let colour = Shading.srgb(base * (ambient + intensity * max(0, cosine)))
                    camera[i] = c
                    colours[i] = colour
                    screen[i] = projector.project(c, colour: colour)
                }
            }
        }
        let isTable = body.part == .table
        let near = Self.nearPlane
        mesh.indices.withUnsafeBufferPointer { indices in
            mesh.normals.withUnsafeBufferPointer { normals in
                var k = 0
                while k < indices.count {
                    let i0 = indices[k], i1 = indices[k + 1], i2 = indices[k + 2]
                    k += 3
                    let flat: UInt32? = isTable && (normals[i0] * localUp).sum() > 0.99 ? Rasterizer.Sample.tableTop : nil
                    if camera[i0].z >= near && camera[i1].z >= near && camera[i2].z >= near {
                        let a = screen[i0], b = screen[i1], c = screen[i2]
                        if Rasterizer.facesViewer(a, b, c) { raster.fill(a, b, c, flat: flat) }
                    } else {
                        projector.clip((camera[i0], colours[i0]), (camera[i1], colours[i1]), (camera[i2], colours[i2])) {
                            if Rasterizer.facesViewer($0, $1, $2) { raster.fill($0, $1, $2, flat: flat) }
                        }
                    }
                }
            }
        }
    }

    /// Marks the shadow of one body on the table top: its light-facing triangles flattened onto the table's plane.
    private func castShadow(_ body: VisualBody, flatten: Affine, projector: Projector) {
        let mesh = mesh(for: body.shape)
        let toCamera = flatten.composed(with: Affine(body.pose)).single
        scratch.reserve(mesh.positions.count)
        let camera = scratch.camera, screen = scratch.screen
        mesh.positions.withUnsafeBufferPointer { positions in
            for i in positions.indices {
                let c = toCamera.apply(positions[i])
                camera[i] = c
                screen[i] = projector.project(c, colour: .zero)
            }
        }
        let near = Self.nearPlane
        mesh.indices.withUnsafeBufferPointer { indices in
            var k = 0
            while k < indices.count {
                let i0 = indices[k], i1 = indices[k + 1], i2 = indices[k + 2]
                k += 3
                // Flattened along the light, a light-facing triangle keeps its winding as seen from above.
                if camera[i0].z >= near && camera[i1].z >= near && camera[i2].z >= near {
                    let a = screen[i0], b = screen[i1], c = screen[i2]
                    if Rasterizer.facesViewer(a, b, c) { raster.markShadow(a, b, c) }
                } else {
                    projector.clip((camera[i0], .zero), (camera[i1], .zero), (camera[i2], .zero)) {
                        if Rasterizer.facesViewer($0, $1, $2) { raster.markShadow($0, $1, $2) }
                    }
                }
            }
        }
    }

    private static func isFinite(_ v: SIMD3<Double>) -> Bool { v.x.isFinite && v.y.isFinite && v.z.isFinite }

    /// `rotation⁻¹ · v`: a world vector in the body's local frame.
    private static func dots(_ rotation: Rotation, _ v: SIMD3<Double>) -> SIMD3<Double> {
        [(rotation.x * v).sum(), (rotation.y * v).sum(), (rotation.z * v).sum()]
    }
}
