import Foundation
import Testing
import Harness
import Sim

@Suite struct ScenarioFormatTests {
    @Test func readsACompleteScenario() throws {
        let fixtures = try ScenarioFixtures()
        let scenario = try Scenario.load(fixtures.write("s.yaml", ScenarioFixtures.pipeline))
        #expect(scenario.name == "pipeline" && scenario.seed == 3)
        #expect(scenario.data?.config.episodes == 8 && scenario.data?.config.seed == 3 && scenario.data?.config.lab == "train")
        #expect(scenario.posttrain?.component.parameters == ["width": .int(64)])
        #expect(scenario.eval?.cells == [EvalCell(task: "reach", object: "cup"), EvalCell(task: "grasp", object: "cup")])
        #expect(scenario.eval?.methods.map(\.name) == ["latent CEM", "expert"])
    }

    @Test func unknownKeyNamesFileLineColumnAndValidKeys() throws {
        let fixtures = try ScenarioFixtures()
        let path = try fixtures.write("typo.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: "  trials: 2", with: "  trails: 2"))
        let error = ScenarioFixtures.error { _ = try Scenario.load(path) }
        #expect(error?.location == SourceLocation(file: path, line: 14, column: 3))
        #expect(error?.description == "\(path):14:3: unknown key 'trails' in eval; valid keys: "
                + "trials, seed, tasks, objects, cells, labs, methods")
        let top = ScenarioFixtures.error { _ = try Scenario.load(fixtures.write("top.yaml", "name: x\nevals: {}\n")) }
        #expect(top?.description.contains("top.yaml:2:1: unknown key 'evals'; valid keys: name, seed, include") == true)
    }

    @Test func wrongTypesAreErrors() throws {
        let fixtures = try ScenarioFixtures()
        for (from, to, message) in [
            ("  trials: 2", "  trials: two", "eval.trials must be an integer, got a scalar 'two'"),
            ("  trials: 2", "  trials: \"2\"", "eval.trials must be an integer, got a scalar '2'"),
            ("  tasks: [reach, grasp]", "  tasks: reach", "eval.tasks must be a list, got a scalar 'reach'"),
            ("seed: 3", "seed: -3", "seed must be a non-negative integer seed"),
            ("  steps: 10\nposttrain", "  steps: [10]\nposttrain", "pretrain.steps must be an integer, got a list"),
        ] {
            let path = try fixtures.write("types.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: from, with: to))
            let error = ScenarioFixtures.error { _ = try Scenario.load(path) }
            #expect(error?.message.hasPrefix(message) == true, "\(to): \(String(describing: error))")
            #expect((error?.location?.line ?? 0) > 0)
        }
    }

    @Test func impossibleValuesAndUnknownNamesListTheValidChoices() throws {
        let fixtures = try ScenarioFixtures()
        for (from, to, message) in [
            ("  trials: 2", "  trials: -1", "eval.trials must be at least 1, got -1"),
            ("  frames: 8", "  frames: 1", "data.frames must be at least 2, got 1"),
            ("  frames: 8", "  frames: 8\n  appearance: random", "unknown appearance 'random' in data.appearance; valid: fixed, varied"),
            ("[reach, grasp]", "[reach, grab]", "unknown task 'grab' in eval.tasks; valid: reach, grasp, reach-with-object, pick-and-place"),
            ("objects: [cup]", "objects: [mug]", "unknown object 'mug' in eval.objects; valid: cup, box"),
            ("labs: [lab-a]", "labs: [lab-c]", "unknown lab 'lab-c' in eval.labs; valid: train, lab-a, lab-b"),
            ("scripted: expert", "scripted: oracle", "unknown scripted policy 'oracle' in eval.methods[1].scripted; valid: expert"),
            ("{id: planner/cem, samples: 100}", "{id: cem}", "eval.methods[0].planner must name a planner as planner/NAME, got 'cem'"),
            ("name: expert,", "name: latent CEM,", "two eval methods are called 'latent CEM'"),
            ("samples: 100}", "samples: 100}\n      steps: small", "unknown step bound 'small' in eval.methods[0].steps; valid: adaptive, fixed"),
            ("scripted: expert}", "scripted: expert, steps: fixed}", "eval.methods[1].steps applies only to planner methods"),
            ("samples: 100}", "samples: 100}\n      gripper: open", "unknown gripper control 'open' in eval.methods[0].gripper; valid: searched, held, given"),
            ("scripted: expert}", "scripted: expert, gripper: held}", "eval.methods[1].gripper applies only to planner methods"),
        ] {
            let path = try fixtures.write("values.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: from, with: to))
            let error = ScenarioFixtures.error { _ = try Scenario.load(path) }
            #expect(error?.message.hasPrefix(message) == true, "\(to): \(String(describing: error))")
            #expect(error?.location?.file == path && (error?.location?.line ?? 0) > 0)
        }
    }

    @Test func unknownComponentsAndParametersAreErrorsAtTheirPlace() throws {
        let fixtures = try ScenarioFixtures()
        let registry = try ScenarioFixtures.registry()
        let all = Set(StageKind.allCases)
        let unknownID = try fixtures.write("id.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: "planner/cem", with: "planner/cme"))
        let idError = ScenarioFixtures.error {
            _ = try ScenarioPlan(scenario: Scenario.load(unknownID), registry: registry, available: all)
        }
        #expect(idError?.description == "\(unknownID):20:16: unknown component 'planner/cme'; registered: planner/cem")
        let unknownParameter = try fixtures.write("p.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: "samples: 100", with: "sample: 100"))
        let parameterError = ScenarioFixtures.error {
            _ = try ScenarioPlan(scenario: Scenario.load(unknownParameter), registry: registry, available: all)
        }
        #expect(parameterError?.description
                == "\(unknownParameter):20:42: unknown parameter 'sample' of planner/cem; its parameters: samples, iterations, momentum_mean")
        let wrongType = try fixtures.write("t.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: "width: 64", with: "width: wide"))
        let typeError = ScenarioFixtures.error { _ = try ScenarioPlan(scenario: Scenario.load(wrongType), registry: registry, available: all) }
        #expect(typeError?.message == "predictor/ac.width expects an integer, got the string 'wide'")
        #expect(typeError?.location?.line == 11)
    }

    @Test func unavailableStagesFailValidationByName() throws {
        let fixtures = try ScenarioFixtures()
        let scenario = try Scenario.load(fixtures.write("s.yaml", ScenarioFixtures.pipeline))
        let error = ScenarioFixtures.error {
            _ = try ScenarioPlan(scenario: scenario, registry: ScenarioFixtures.registry(), available: [.data, .evalScripted])
        }
        #expect(error?.message.hasPrefix("stage pretrain, encoder pre-training (jepalab pretrain), is not available yet") == true)
        #expect(error?.location?.line == 8)
    }

    @Test func includesMergeMappingsAndReplaceScalarsAndLists() throws {
        let fixtures = try ScenarioFixtures()
        try fixtures.write("base.yaml", ScenarioFixtures.pipeline)
        let path = try fixtures.write("derived.yaml", """
            include: base.yaml
            name: derived
            data: {episodes: 4}
            posttrain: ~
            eval:
              objects: [box]
              methods: [{name: expert, scripted: expert}]
            """)
        let scenario = try Scenario.load(path)
        #expect(scenario.name == "derived")
        #expect(scenario.data?.config.episodes == 4 && scenario.data?.config.frames == 8)
        #expect(scenario.posttrain == nil && scenario.pretrain != nil)
        #expect(scenario.eval?.cells.map(\.object) == ["box", "box"] && scenario.eval?.trials == 2)
        #expect(scenario.eval?.methods.map(\.name) == ["expert"])
        // An error in a value that came from the included file names that file.
        try fixtures.write("broken-base.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: "size: 32", with: "size: 4"))
        let broken = try fixtures.write("broken.yaml", "include: broken-base.yaml\nname: broken\n")
        let error = ScenarioFixtures.error { _ = try Scenario.load(broken) }
        #expect(error?.location?.file.hasSuffix("broken-base.yaml") == true && error?.location?.line == 6)
    }

    @Test func includeCyclesAndMissingFilesAreErrors() throws {
        let fixtures = try ScenarioFixtures()
        let a = try fixtures.write("a.yaml", "include: b.yaml\nname: a\n")
        try fixtures.write("b.yaml", "include: [a.yaml]\nname: b\n")
        let cycle = ScenarioFixtures.error { _ = try Scenario.load(a) }
        #expect(cycle?.message == "include cycle: a.yaml → b.yaml → a.yaml")
        #expect(cycle?.location?.file.hasSuffix("b.yaml") == true && cycle?.location?.line == 1 && cycle?.location?.column == 11)
        let missing = try fixtures.write("m.yaml", "include: nowhere.yaml\nname: m\n")
        let error = ScenarioFixtures.error { _ = try Scenario.load(missing) }
        #expect(error?.message.hasSuffix("nowhere.yaml does not exist") == true && error?.location?.line == 1)
    }

    @Test func setOverridesAreTypedAgainstTheValueOrTheComponentSpec() throws {
        let fixtures = try ScenarioFixtures()
        let path = try fixtures.write("s.yaml", ScenarioFixtures.pipeline)
        let registry = try ScenarioFixtures.registry()
        let scenario = try Scenario.load(path, overrides: [
            SetOverride(parsing: "eval.trials=7"), SetOverride(parsing: "eval.labs=[lab-a, lab-b]"),
            SetOverride(parsing: "eval.methods.0.planner.momentum_mean=0.5"), SetOverride(parsing: "data.lab=lab-b"),
            SetOverride(parsing: "data.appearance=varied"),
        ], registry: registry)
        #expect(scenario.eval?.trials == 7 && scenario.eval?.labs == ["lab-a", "lab-b"] && scenario.data?.config.lab == "lab-b")
        #expect(scenario.data?.config.appearance == .varied)
        guard case .planner(let planning)? = scenario.eval?.methods.first?.kind else {
            Issue.record("the first method should plan")
            return
        }
        #expect(planning.planner.parameters["momentum_mean"] == .double(0.5) && planning.planner.parameters["samples"] == .int(100))
        let typed = ScenarioFixtures.error { _ = try Scenario.load(path, overrides: [SetOverride(parsing: "eval.trials=many")]) }
        #expect(typed?.description.hasPrefix("--set eval.trials=many: eval.trials holds an integer") == true)
        let spec = ScenarioFixtures.error {
            _ = try Scenario.load(path, overrides: [SetOverride(parsing: "eval.methods.0.planner.iterations=1.5")], registry: registry)
        }
        #expect(spec?.description == "--set eval.methods.0.planner.iterations=1.5: planner/cem.iterations is an integer; '1.5' is not one")
        let parameter = ScenarioFixtures.error {
            _ = try Scenario.load(path, overrides: [SetOverride(parsing: "eval.methods.0.planner.itr=3")], registry: registry)
        }
        #expect(parameter?.message == "planner/cem has no parameter 'itr'; its parameters: samples, iterations, momentum_mean")
        let unknown = ScenarioFixtures.error { _ = try Scenario.load(path, overrides: [SetOverride(parsing: "eval.trails=3")]) }
        #expect(unknown?.description.hasPrefix("--set eval.trails=3: unknown key 'trails' in eval") == true)
        #expect(ScenarioFixtures.error { _ = try SetOverride(parsing: "eval.trials") } != nil)
    }

    /// The pipeline fixture's planner method with `line` added (nil: as it is), and the stage that evaluates it.
    private func plannerStage(adding line: String?) throws -> (stage: PlannedStage, method: PlannerMethod) {
        let fixtures = try ScenarioFixtures()
        let yaml = line.map { ScenarioFixtures.pipeline.replacingOccurrences(of: "samples: 100}", with: "samples: 100}\n      \($0)") }
        let scenario = try Scenario.load(try fixtures.write("method.yaml", yaml ?? ScenarioFixtures.pipeline))
        guard case .planner(let planning)? = scenario.eval?.methods.first?.kind else { throw ScenarioError("no planner method") }
        let plan = try ScenarioPlan(scenario: scenario, registry: try ScenarioFixtures.registry(), available: Set(StageKind.allCases))
        return (try #require(plan.stage(named: "eval:latent CEM/reach/cup/lab-a")), planning)
    }

    @Test(arguments: [("steps", "adaptive", "fixed"), ("gripper", "searched", "held")])
    func aPlannerMethodsChoiceChangesTheKeyOnlyWhenItIsNotTheDefault(key: String, byDefault: String, other: String) throws {
        func choice(_ method: PlannerMethod) -> String { key == "steps" ? method.steps.rawValue : method.gripper.rawValue }
        let plain = try plannerStage(adding: nil)
        let stated = try plannerStage(adding: "\(key): \(byDefault)")
        let changed = try plannerStage(adding: "\(key): \(other)")
        #expect(choice(plain.method) == byDefault && choice(stated.method) == byDefault && choice(changed.method) == other)
        #expect(plain.stage.key == stated.stage.key && changed.stage.key != plain.stage.key)
        #expect(!plain.stage.configuration.contains(key) && changed.stage.configuration.contains("\"\(key)\":\"\(other)\""))
    }

    @Test func theStepBoundsGiveTheirStepControls() {
        #expect(PlannerMethod.StepBound.adaptive.control == StepTrustRegion(maxStep: 0.075))
        #expect(PlannerMethod.StepBound.fixed.control == nil)
    }

    @Test func inlineLabsOverrideABuiltInLab() throws {
        let fixtures = try ScenarioFixtures()
        let path = try fixtures.write("labs.yaml", ScenarioFixtures.pipeline.replacingOccurrences(of: "labs: [lab-a]", with: "labs: [high]") + """

            labs:
              high:
                base: lab-b
                camera: {position: [0.5, -0.8, 0.9], field_of_view: 40}
                table_texture: {kind: checker, period: 0.05, second: [0, 0, 0]}
            """)
        let scenario = try Scenario.load(path)
        let lab = try scenario.lab(named: "high")
        #expect(lab.name == "high" && lab.camera.position == [0.5, -0.8, 0.9] && lab.camera.fieldOfView == 40)
        #expect(lab.camera.target == Lab.labB.camera.target && lab.cupColour == Lab.labB.cupColour)
        #expect(lab.tableTexture == .checker(period: 0.05, second: Lab.Colour(0, 0, 0)))
        let bad = try fixtures.write("bad.yaml", ScenarioFixtures.pipeline + "\nlabs:\n  x: {base: lab-a, camera: {fov: 40}}\n")
        let error = ScenarioFixtures.error { _ = try Scenario.load(bad) }
        #expect(error?.message == "unknown key 'fov' in labs.x.camera; valid keys: position, target, up, field_of_view")
        #expect(error?.location?.line == 23)
    }

    @Test func everyScenarioFileLoads() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == ["base.yaml", "camera.yaml", "planners.yaml", "probes.yaml", "quickstart.yaml", "table2.yaml", "table3.yaml"])
        for name in names {
            let scenario = try Scenario.load(folder.appendingPathComponent(name).path)
            #expect(scenario.name == String(name.dropLast(5)))
        }
    }
}
