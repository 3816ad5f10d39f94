import Dispatch

extension Tensor {
    /// Applies `body` to consecutive chunks of `samplesPerChunk` samples (axis 0) on all cores and joins the results.
    ///
    /// For inference on a large batch: each chunk's activations stay in cache and each core runs whole chunks, so
    /// the products inside are cache-sized and single-threaded. `body` must treat samples independently and return
    /// samples along axis 0. A tracked input (being differentiated) is passed to `body` whole.
    public static func mapBatches(_ x: Tensor, samplesPerChunk: Int, _ body: (Tensor) -> Tensor) -> Tensor {
        let batch = x.shape.first ?? 0
        guard !x.isTracked, batch > samplesPerChunk, samplesPerChunk > 0 else { return body(x) }
        let chunks = (batch + samplesPerChunk - 1) / samplesPerChunk
        var results = [Tensor?](repeating: nil, count: chunks)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = slots.baseAddress!
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let range = i * samplesPerChunk..<min(batch, (i + 1) * samplesPerChunk)
                slots[i] = body(x.slice(alongAxis: 0, range))
            }
        }
        return concatenate(results.map { $0! }, alongAxis: 0)
    }
}
