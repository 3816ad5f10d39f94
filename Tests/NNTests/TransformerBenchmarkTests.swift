import NN
import Testing

@Suite struct TransformerBenchmarkTests {
    @Test func smallRunReportsConsistentFigures() {
        var c = TransformerBenchmark.Configuration()
        (c.batch, c.trainingBatch, c.tokens, c.depth, c.repeats) = (8, 4, 10, 1, 1)
        let r = TransformerBenchmark.run(c)
        #expect(r.samplesPerSecond > 0 && r.gflops > 0 && r.sgemmGflops > 0 && r.trainingStepSeconds > 0)
        #expect(abs(r.samplesPerSecond * r.forwardSeconds - 8) < 1e-6)
    }
}
