import Testing
import Harness

@Suite struct EvaluationTableTests {
    func record(trial: Int, success: Bool, energies: [Float], observed: [Float]?, predictor: String = "predictor/ac") -> EpisodeRecord {
        EpisodeRecord(task: "reach", object: "cup", lab: "lab-a", trial: trial, taskSeed: UInt64(trial), encoder: "encoder/vjepa",
                      predictor: predictor, planner: "planner/cem", success: success, steps: energies.count,
                      secondsPerAction: 1, finalDistance: success ? 0.01 : 0.3, finalHandDistance: 0, energies: energies,
                      observedEnergies: observed, actions: [], states: [], frames: "")
    }

    @Test func cellsCountSuccessesAndAverageTheEnergyGap() {
        let table = EvaluationTable(records: [
            record(trial: 0, success: true, energies: [0.5, 0.25], observed: [0.75, 0.25]),
            record(trial: 1, success: false, energies: [0.5, 0.5], observed: [0.5, 1.0]),
        ])
        #expect(table.rows.count == 1)
        let row = table.rows[0]
        #expect(row.interval.successes == 1 && row.interval.trials == 2)
        #expect(abs(row.meanFinalDistance - 0.155) < 1e-12)
        #expect(row.energyGap == 0.1875)  // (0.25 + 0 + 0 + 0.5) / 4
        #expect(table.markdown.contains("| +0.1875 |"))
    }

    @Test func policiesAndOlderRecordsHaveNoEnergyGap() {
        let table = EvaluationTable(records: [record(trial: 0, success: true, energies: [], observed: nil, predictor: EpisodeRecord.absent)])
        #expect(table.rows[0].energyGap == nil)
        #expect(table.markdown.contains("| — |"))
    }
}
