import Foundation
import Sim

/// Colours under a lab: each part's linear RGB colour, Lambert shading and the conversion to 8-bit sRGB.
struct Shading {
    let light: SIMD3<Double>
    let intensity: Double
    let ambient: Double
    private let lab: Lab

    init(lab: Lab) {
        let direction = lab.light.direction
        let length = (direction * direction).sum().squareRoot()
        precondition(length > 0, "lab '\(lab.name)': light direction is zero")
        light = direction / length
        intensity = lab.light.intensity
        ambient = lab.light.ambient
        self.lab = lab
    }

    /// The linear RGB colour of a part. Arm links alternate between the arm colour and a slightly darker shade, so
    /// that the chain's segments read apart.
    func colour(of part: VisualBody.Part) -> SIMD3<Double> {
        switch part {
        case .table, .tableLeg: return Self.vector(lab.tableColour)
        case .armBase, .hand: return Self.vector(lab.armColour)
        case .armLink(let index): return Self.vector(lab.armColour) * (index % 2 == 0 ? 0.78 : 1)
        case .finger: return Self.vector(lab.fingerColour)
        case .cup: return Self.vector(lab.cupColour)
        case .box: return Self.vector(lab.boxColour)
        case .distractor(let index):
            precondition(lab.distractors.indices.contains(index),
                         "distractor \(index) is not in lab '\(lab.name)', which has \(lab.distractors.count)")
            return Self.vector(lab.distractors[index].colour)
        }
    }

    /// The brightness factor of a surface whose unit normal makes cosine `cosine` with the light.
    func lit(cosine: Double) -> Double { ambient + intensity * max(0, cosine) }

    static func vector(_ colour: Lab.Colour) -> SIMD3<Double> { [colour.r, colour.g, colour.b] }

    /// Linear [0, 1] → sRGB [0, 255] (clamped), by table.
    @inline(__always) static func srgb(_ linear: SIMD3<Float>) -> SIMD3<Float> {
        let scale = Float(srgbTable.count - 1)
        let index = linear.clamped(lowerBound: .zero, upperBound: .one) * scale + 0.5  // rounds when truncated
        return srgbTable.withUnsafeBufferPointer { [$0[Int(index.x)], $0[Int(index.y)], $0[Int(index.z)]] }
    }

    /// A linear colour as an opaque 8-bit sRGB sample word.
    static func packed(_ linear: SIMD3<Double>) -> UInt32 { Rasterizer.pack(srgb(SIMD3<Float>(linear))) }

    private static let srgbTable: [Float] = (0..<4096).map {
        let c = Double($0) / 4095
        let encoded = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055
        return Float(encoded * 255)
    }
}
