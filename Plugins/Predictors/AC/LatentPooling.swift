import Tensor

/// Average pooling of square token grids: `[…, g·g, D]` → `[…, (g/p)·(g/p), D]`, tokens in row-major grid order.
enum LatentPooling {
    /// `predictor/ac`'s target space: encoder latents pooled by `p` and layer-normalised without affine parameters.
    static func targets(_ latents: Tensor, grid: Int, pool p: Int) -> Tensor {
        Tensor.layerNorm(pool(latents, grid: grid, by: p), epsilon: 1e-6)
    }

    static func pool(_ x: Tensor, grid: Int, by p: Int) -> Tensor {
        guard p > 1 else { return x }
        let lead = Array(x.shape.dropLast(2)), width = x.shape.last!
        let rows = lead.reduce(1, *), out = grid / p
        let scalars = x.scalars
        var result = [Float](repeating: 0, count: rows * out * out * width)
        let scale = 1 / Float(p * p)
        for r in 0..<rows {
            for h in 0..<grid {
                for w in 0..<grid {
                    let src = ((r * grid + h) * grid + w) * width
                    let dst = ((r * out + h / p) * out + w / p) * width
                    for c in 0..<width { result[dst + c] += scalars[src + c] * scale }
                }
            }
        }
        return Tensor(shape: lead + [out * out, width], scalars: result)
    }
}
