import Testing
import Harness

@Suite struct RegistryTests {
    struct Greeter { let name: String; let times: Int; let scale: Double }

    func registry() throws -> Registry {
        var registry = Registry()
        try registry.register(ComponentSpec(
            id: "policy/greeter", summary: "says hello",
            parameters: [.init("name", .string("world"), "who"), .init("times", .int(1), "how often"),
                         .init("scale", .double(1), "how loud")])
        ) { Greeter(name: $0.string("name"), times: $0.int("times"), scale: $0.double("scale")) }
        return registry
    }

    @Test func buildsWithDefaultsAndOverrides() throws {
        let registry = try registry()
        let plain: Greeter = try registry.make("policy/greeter")
        #expect(plain.name == "world" && plain.times == 1)
        let custom: Greeter = try registry.make("policy/greeter", overrides: ["times": .int(3), "scale": .int(2)])
        #expect(custom.times == 3 && custom.scale == 2)
        #expect(registry.specs(of: .policy).map(\.id) == ["policy/greeter"])
        #expect(registry.specs(of: .planner).isEmpty)
    }

    @Test func unknownIdListsTheRegisteredOnes() throws {
        let error = #expect(throws: RegistryError.self) { let _: Greeter = try registry().make("policy/greter") }
        #expect(error?.description.contains("policy/greeter") == true)
    }

    @Test func unknownParameterAndWrongTypeAreErrors() throws {
        let registry = try registry()
        let unknown = #expect(throws: RegistryError.self) {
            let _: Greeter = try registry.make("policy/greeter", overrides: ["tims": .int(2)])
        }
        #expect(unknown?.description.contains("name, times, scale") == true)
        #expect(throws: RegistryError.wrongType(component: "policy/greeter", name: "times", expected: "integer", got: "x")) {
            let _: Greeter = try registry.make("policy/greeter", overrides: ["times": .string("x")])
        }
    }

    @Test func malformedAndDuplicateIdsAreRejected() throws {
        var registry = try registry()
        #expect(throws: RegistryError.malformedID("gadget/x")) {
            try registry.register(ComponentSpec(id: "gadget/x", summary: "")) { _ in 0 }
        }
        #expect(throws: RegistryError.duplicate("policy/greeter")) {
            try registry.register(ComponentSpec(id: "policy/greeter", summary: "")) { _ in 0 }
        }
    }
}
