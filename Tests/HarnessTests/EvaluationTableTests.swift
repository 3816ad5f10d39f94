import Foundation
import Harness
import Sim
import Testing

@Suite struct EvaluationTableTests {
    func record(trial: Int, success: Bool, energies: [Float], observed: [Float]?, predictor: String = "predictor/ac",
                errors: (predicted: [Float], copied: [Float])? = nil) -> EpisodeRecord {
        EpisodeRecord(task: "reach", object: "cup", lab: "lab-a", trial: trial, taskSeed: UInt64(trial), encoder: "encoder/vjepa",
                      predictor: predictor, planner: "planner/cem", success: success, steps: energies.count,
                      secondsPerAction: 1, finalDistance: success ? 0.01 : 0.3, finalHandDistance: 0, energies: energies,
                      observedEnergies: observed, predictionErrors: errors?.predicted, copyErrors: errors?.copied,
                      actions: [], states: [], frames: "")
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

    @Test func theOneStepErrorIsTheSummedPredictionErrorOverTheSummedCopyError() {
        let table = EvaluationTable(records: [
            record(trial: 0, success: true, energies: [0.5], observed: [0.5], errors: ([0.25, 0.5], [1, 1])),
            record(trial: 1, success: false, energies: [0.5], observed: [0.5], errors: ([0.75], [2])),
        ])
        #expect(table.rows[0].oneStepError == 0.375)  // (0.25 + 0.5 + 0.75) / (1 + 1 + 2)
        #expect(table.markdown.contains("| 0.375 |"))
    }

    @Test func theClosestApproachIsTheNearestObservedHandPositionToTheFirstSubgoal() throws {
        func approached(_ kind: String, offsets: [[Float]]) throws -> EpisodeRecord {
            let task = try ManipulationTask(kind: kind, object: "box", seed: 7)
            let p = try #require(task.goals.first).endEffector.position
            var record = record(trial: 0, success: false, energies: [0.5], observed: [0.5])
            (record.task, record.object, record.taskSeed) = (kind, "box", 7)
            record.states = offsets.map { [Float(p.x) + $0[0], Float(p.y) + $0[1], Float(p.z) + $0[2], 0, 0, 0, 0] }
            return record
        }
        let reach = try approached("reach", offsets: [[0.3, 0, 0], [0, 0.04, 0], [0, 0, -0.1]])
        let grasp = try approached("grasp", offsets: [[0.2, 0, 0], [0, 0, 0.02]])
        let cells = EvaluationTable(records: [reach, grasp]).rows
        #expect(cells.count == 2)
        let byTask = Dictionary(uniqueKeysWithValues: cells.map { ($0.task, $0.closestApproach ?? 1) })
        #expect(abs((byTask["reach"] ?? 1) - 0.04) < 1e-6 && abs((byTask["grasp"] ?? 1) - 0.02) < 1e-6)
        #expect(EvaluationTable(records: [reach]).markdown.contains("| 0.040 |"))
    }

    @Test func policiesAndOlderRecordsHaveNoEnergyGapOrOneStepError() {
        let table = EvaluationTable(records: [record(trial: 0, success: true, energies: [], observed: nil, predictor: EpisodeRecord.absent)])
        #expect(table.rows[0].energyGap == nil && table.rows[0].oneStepError == nil && table.rows[0].closestApproach == nil)
        #expect(table.markdown.contains("| — | — | — |"))
    }

    @Test func recordsWithoutOneStepErrorsStillRead() throws {
        let json = """
            {"task": "reach", "object": "cup", "lab": "lab-a", "trial": 0, "task_seed": 1, "encoder": "e", "predictor": "p",
             "planner": "c", "success": true, "steps": 1, "seconds_per_action": 1, "final_distance": 0,
             "final_hand_distance": 0, "energies": [0.1], "actions": [], "states": [], "frames": ""}
            """
        let record = try JSONDecoder().decode(EpisodeRecord.self, from: Data(json.utf8))
        #expect(record.predictionErrors == nil && record.copyErrors == nil && record.observedEnergies == nil)
    }
}
