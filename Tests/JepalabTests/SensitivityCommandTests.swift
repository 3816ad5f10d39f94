import Foundation
import Testing

@Suite struct SensitivityCommandTests {
    @Test func theSimulatorRanksEveryActionExactly() throws {
        let (status, output) = try JEPALabProcess.run(["sensitivity", "--encoder", "pixels", "--predictor", "oracle",
                                                       "--states", "1", "--actions", "4"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("1 states × 4 actions"))
        #expect(output.contains("cosine 1.000") && output.contains("goal-action miss 0.0 cm"))
    }

    @Test func anUnknownPredictorIsAnErrorNamingTheRegisteredOnes() throws {
        let (status, output) = try JEPALabProcess.run(["sensitivity", "--encoder", "pixels", "--predictor", "crystal-ball"])
        #expect(status != 0)
        #expect(output.contains("unknown component 'predictor/crystal-ball'") && output.contains("predictor/oracle"))
    }
}
