import Sim

extension Renderer {
    /// Gives every sample that is not an ordinary shaded surface its final colour: the textured, shadowed table top,
    /// the floor where a ray reaches it, the background elsewhere.
    func resolve(lab: Lab, projection: CameraProjection, shading: Shading, table: TableExtent?) {
        let background = Shading.packed(Shading.vector(lab.background))
        let upLight = shading.lit(cosine: shading.light.z)
        let floor = Shading.packed(Shading.vector(lab.floorColour) * upLight)
        let first = Shading.vector(lab.tableColour)
        var second = first, period = 1.0, checker = false
        switch lab.tableTexture {
        case .plain: break
        case .checker(let p, let colour): (second, period, checker) = (Shading.vector(colour), p, true)
        case .stripes(let p, let colour): (second, period) = (Shading.vector(colour), p)
        }
        precondition(period > 0, "lab '\(lab.name)': table texture period \(period) must be positive")
        // Indexed by texel (0, 1) + 2 · shadowed.
        let top = SIMD4<UInt32>(Shading.packed(first * upLight), Shading.packed(second * upLight),
                                Shading.packed(first * shading.ambient), Shading.packed(second * shading.ambient))
        let origin = SIMD3<Float>(projection.position)
        let right = SIMD3<Float>(projection.right / projection.focal)
        let topHeight = Float(table?.top ?? 0), floorHeight = Float(table?.bottom ?? 0)
        let hasFloor = table != nil, extent = Renderer.floorExtent
        let inversePeriod = Float(1 / period)
        let colour = raster.colour, shadow = raster.shadow, width = raster.width
        for y in 0..<raster.height {
            var ray = SIMD3<Float>(projection.ray(u: 0.5, v: Double(y) + 0.5))
            var i = y * width
            for _ in 0..<width {
                let kind = colour[i] & 0xFF00_0000
                if kind == Rasterizer.Sample.tableTop {
                    let t = (topHeight - origin.z) / ray.z
                    let u = Self.floor((origin.x + t * ray.x) * inversePeriod)
                    let v = Self.floor((origin.y + t * ray.y) * inversePeriod)
                    let texel = (checker ? u + v : v) & 1
                    colour[i] = top[texel + 2 * Int(shadow[i])]
                } else if kind == Rasterizer.Sample.empty {
                    colour[i] = background
                    if hasFloor && ray.z < 0 {
                        let t = (floorHeight - origin.z) / ray.z
                        let x = origin.x + t * ray.x, y = origin.y + t * ray.y
                        if abs(x) <= extent && abs(y) <= extent { colour[i] = floor }
                    }
                }
                ray += right
                i += 1
            }
        }
    }

    /// The largest integer not above `x`, for |x| < 10⁶ (larger magnitudes are clamped).
    @inline(__always) private static func floor(_ x: Float) -> Int {
        let clamped = min(max(x, -1e6), 1e6)
        let truncated = Int(clamped)
        return Float(truncated) > clamped ? truncated - 1 : truncated
    }

    /// Averages each pixel's samples into the output image.
    func downsample(width: Int, height: Int) -> RGBImage {
        let n = supersampling, colour = raster.colour, sampleWidth = raster.width
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { bytes, count in
            count = width * height * 3
            if n == 1 {
                for i in 0..<(width * height) {
                    let c = colour[i]
                    bytes[3 * i] = UInt8(truncatingIfNeeded: c >> 16)
                    bytes[3 * i + 1] = UInt8(truncatingIfNeeded: c >> 8)
                    bytes[3 * i + 2] = UInt8(truncatingIfNeeded: c)
                }
                return
            }
            var o = 0
            for y in 0..<height {
                for x in 0..<width {
                    var sum = SIMD3<UInt32>.zero
                    for sy in 0..<n {
                        let row = (y * n + sy) * sampleWidth + x * n
                        for sx in 0..<n {
                            let c = colour[row + sx]
                            sum &+= SIMD3(c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF)
                        }
                    }
                    let count = UInt32(n * n)
                    let mean = (sum &+ count / 2) / count
                    bytes[o] = UInt8(mean.x)
                    bytes[o + 1] = UInt8(mean.y)
                    bytes[o + 2] = UInt8(mean.z)
                    o += 3
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }
}
