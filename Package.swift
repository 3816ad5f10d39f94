// swift-tools-version:6.0
import PackageDescription

/// JEPALab: V-JEPA 2 robot planning, reproduced in an ODE simulation on the CPU.
///
/// Dependencies point one way: `Tensor ← NN ← Plugins`, `Sim ← Render ← Data`, everything ← `Harness` ← `jepalab`.
/// Each C library has exactly one Swift importer: CBLAS → Tensor, CODE → Sim, CGLFW and CPNG → Render.

/// Release builds on x86-64 target AVX2 and FMA (any x86-64 CPU since 2013): the transformer, CEM and the
/// rasteriser run 4–17% faster than with the baseline SSE2 target (BENCHMARKS.md).
#if arch(x86_64)
let releaseFlags = ["-Ounchecked", "-wmo", "-target-cpu", "haswell"]
#else
let releaseFlags = ["-Ounchecked", "-wmo"]
#endif

let optimized: [SwiftSetting] = [
    .unsafeFlags(releaseFlags, .when(configuration: .release)),
    .swiftLanguageMode(.v5),
]

func plugin(_ name: String) -> Target {
    .target(
        name: name,
        dependencies: ["Harness", "NN", "Tensor", "Sim", "Render", "Data"],
        path: "Plugins/\(name)",
        swiftSettings: optimized)
}

let package = Package(
    name: "JEPALab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jepalab", targets: ["jepalab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries: a module map and a one-line shim header each.
        .systemLibrary(name: "CODE", pkgConfig: "ode", providers: [.apt(["libode-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CGLFW", pkgConfig: "glfw3", providers: [.apt(["libglfw3-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),

        // Core harness.
        .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: optimized),
        .target(name: "NN", dependencies: ["Tensor"], swiftSettings: optimized),
        .target(name: "Sim", dependencies: ["CODE"], swiftSettings: optimized),
        .target(name: "Render", dependencies: ["Sim", "CGLFW", "CPNG"], swiftSettings: optimized),
        .target(name: "Data", dependencies: ["Sim", "Render", "Tensor", "NN"], swiftSettings: optimized),
        .target(
            name: "Harness",
            dependencies: ["Tensor", "NN", "Sim", "Render", "Data", .product(name: "Yams", package: "Yams")],
            swiftSettings: optimized),

        // Swappable components; each exposes one `register(into:)`.
        plugin("Encoders"),
        plugin("Predictors"),
        plugin("Planners"),
        plugin("Baselines"),

        .executableTarget(
            name: "jepalab",
            dependencies: [
                "Harness", "Tensor", "Encoders", "Predictors", "Planners", "Baselines",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimized),

        // One test target per module, plus the command-line end-to-end tests and checks shared by several.
        .target(name: "TestSupport", dependencies: ["Harness", "Tensor"], path: "Tests/TestSupport", swiftSettings: optimized),
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], swiftSettings: optimized),
        .testTarget(name: "NNTests", dependencies: ["NN"], swiftSettings: optimized),
        .testTarget(name: "SimTests", dependencies: ["Sim"], swiftSettings: optimized),
        .testTarget(name: "RenderTests", dependencies: ["Render"], resources: [.copy("Golden")], swiftSettings: optimized),
        .testTarget(name: "DataTests", dependencies: ["Data"], swiftSettings: optimized),
        .testTarget(name: "HarnessTests", dependencies: ["Harness"], swiftSettings: optimized),
        .testTarget(name: "PredictorsTests", dependencies: ["TestSupport", "Predictors", "Planners", "Harness", "NN", "Tensor", "Data", "Render", "Sim"],
                    swiftSettings: optimized),
        .testTarget(name: "PlannersTests", dependencies: ["Planners", "Harness", "Tensor"], swiftSettings: optimized),
        .testTarget(name: "BaselinesTests", dependencies: ["TestSupport", "Baselines", "Harness", "NN", "Tensor", "Data", "Render", "Sim"], swiftSettings: optimized),
        .testTarget(name: "EncodersTests", dependencies: ["Encoders"], swiftSettings: optimized),
        .testTarget(name: "JepalabTests", dependencies: ["jepalab"], swiftSettings: optimized),
    ]
)
