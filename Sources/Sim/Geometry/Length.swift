/// The Euclidean length of `v`.
public func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
