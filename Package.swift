// swift-tools-version: 6.0
import PackageDescription

/// Release links of both programs: lld; relative relocations packed (RELR) instead of megabytes
/// of RELA read at every start; no dynamic symbol table for our own symbols, which nothing looks up.
let releaseLinking = ["-use-ld=lld", "-Xclang-linker", "-static-libgcc", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"]

let package = Package(
    name: "hetao",
    products: [
        .executable(name: "hetao", targets: ["hetao"]),
        .executable(name: "hetao-serve", targets: ["hetao-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Domain: entities, derived measures, money and dates. Foundation only.
        .target(name: "HetaoDomain"),

        // YAML read the one way (UTF-8 checked, syntax errors located) and problems reported as
        // FILE:LINE:COLUMN: shared by the dataset, the config file and the users file.
        .target(name: "YAMLDiagnostics", dependencies: ["HetaoDomain", .product(name: "Yams", package: "Yams")]),

        // Loading and validating a YAML dataset; a `--dataset` file's decoded form kept in the user's cache.
        .target(name: "HetaoData", dependencies: ["HetaoDomain", "PackedCoding", "YAMLDiagnostics", .product(name: "Yams", package: "Yams")]),

        // Values written in order as text and read back in one pass: how the bundled dataset is compiled in.
        .target(name: "PackedCoding"),

        // The bundled dataset, checked at build time and compiled in (a bad dataset fails the build).
        .target(name: "HetaoBundled", dependencies: ["HetaoData", "HetaoDomain", "PackedCoding", "YAMLDiagnostics"],
                plugins: ["CompileDatasetPlugin"]),

        // Plain reports (text, markdown, JSON, CSV) for pipes, cron and scripts.
        .target(
            name: "HetaoReport",
            dependencies: ["HetaoDomain", "HetaoText", "TerminalKit", .product(name: "CSV", package: "CSV.swift")]
        ),

        // The status history: a SQLite store (GRDB) of recorded progress, milestones, leasing and
        // spend, with CSV import and export.
        .target(
            name: "HetaoStore",
            dependencies: [
                "HetaoDomain", "HetaoText", "PostgresClient", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                // The C API itself, for the one read that goes through a million rows (an S-curve).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),

        // What the dashboard and reports say, in English and Traditional Chinese.
        .target(name: "HetaoText", dependencies: ["HetaoDomain"]),
        // The weekly brief: one page (HTML with SVG, Markdown, text) from the same figures.
        .target(name: "HetaoBrief", dependencies: ["HetaoDomain", "HetaoText", "HetaoViewModels", "HetaoReport", "TerminalKit"]),

        // Terminal-independent drawing: cell grid, glyph sets, layout, widgets, key events.
        .target(name: "TerminalKit"),

        // App state, actions, reducer and one view model per pane.
        .target(name: "HetaoViewModels", dependencies: ["HetaoDomain", "HetaoText"]),

        // The dashboard's panes drawn on the cell grid, and the key-binding table.
        .target(name: "HetaoPanes", dependencies: ["HetaoDomain", "HetaoText", "HetaoViewModels", "TerminalKit"]),

        // The run loop: waits for input and the store, sends actions, carries out effects, draws.
        .target(name: "HetaoRuntime", dependencies: ["HetaoDomain", "HetaoText", "HetaoViewModels", "HetaoPanes", "TerminalKit"]),

        // The config file (`config.yaml`: theme, language, store, starting pane, user themes) and
        // the effective settings, each with where it came from.
        .target(
            name: "HetaoConfig",
            dependencies: ["YAMLDiagnostics", "HetaoDomain", "HetaoText", "HetaoViewModels", "TerminalKit",
                           .product(name: "Yams", package: "Yams")]
        ),

        // The audit log's lines (swift-log): written by the server and by the processes of its sessions.
        .target(name: "HetaoAudit", dependencies: ["HetaoDomain", .product(name: "Logging", package: "swift-log")]),

        // `hetao serve`: the dashboard's own SSH server (swift-nio-ssh): keys and roles from a users
        // file, one dashboard or command process per session.
        .target(
            name: "HetaoServe",
            dependencies: [
                "CPosixSpawn", "YAMLDiagnostics", "HetaoDomain", "HetaoAudit",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Yams", package: "Yams"),
            ]
        ),

        // Pseudo-terminals and posix_spawn's new-session flag, which glibc declares only with _GNU_SOURCE.
        .target(name: "CPosixSpawn"),
        // libpq's interface, the library opened at run time: only a store on PostgreSQL loads it.
        .target(name: "CLibpq"),
        .target(name: "PostgresClient", dependencies: ["CLibpq"]),

        // The system's wide-character ncurses.
        // (No pkgConfig: SwiftPM would drop its -D flags with a warning; the shim defines them.)
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),

        // The only importer of CNcursesw: set-up, input, presenting a grid, tear-down.
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalKit"]),

        // What both programs' command lines share: the standard streams, the config file, the store's
        // options, who records, and the session of `hetao serve` a process may be part of.
        .target(
            name: "HetaoCommandLine",
            dependencies: [
                "CPosixSpawn", "HetaoAudit", "HetaoConfig", "HetaoDomain", "HetaoReport", "HetaoStore", "HetaoViewModels", "NcursesBackend",
                "TerminalKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "hetao",
            dependencies: [
                "CPosixSpawn", "HetaoBrief", "HetaoBundled", "HetaoCommandLine", "HetaoConfig", "HetaoData", "HetaoDomain", "HetaoReport",
                "HetaoStore", "HetaoText",
                "HetaoViewModels", "HetaoPanes", "HetaoRuntime", "NcursesBackend", "TerminalKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release: also pack the functions the dashboard runs together (Benchmarks/startup_order.py
            // writes the list) so its code stays on few pages.
            linkerSettings: [
                .unsafeFlags(releaseLinking + [
                    "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Resources/startup-order.txt",
                    "-Xlinker", "--no-warn-symbol-ordering",
                ], .when(configuration: .release)),
            ]
        ),

        // The SSH server and the users file's commands, in a program of their own: `hetao serve` and
        // `hetao users` run it, so that the program every session starts links none of NIO or Crypto.
        .executableTarget(
            name: "hetao-serve",
            dependencies: [
                "HetaoAudit", "HetaoBundled", "HetaoCommandLine", "HetaoConfig", "HetaoDomain", "HetaoServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: [.unsafeFlags(releaseLinking, .when(configuration: .release))]
        ),

        // Build-time tool: checks Resources/hetao.yaml and writes it as PackedCoding's text in a Swift literal.
        .executableTarget(name: "DatasetCompiler", dependencies: ["HetaoData", "HetaoDomain", "PackedCoding"]),
        .plugin(name: "CompileDatasetPlugin", capability: .buildTool(), dependencies: ["DatasetCompiler"]),

        .target(name: "TestSupport", dependencies: ["TerminalKit"], path: "Tests/TestSupport"),
        .testTarget(name: "HetaoDomainTests", dependencies: ["HetaoDomain"]),
        .testTarget(name: "HetaoTextTests", dependencies: ["HetaoText", "HetaoDomain"]),
        .testTarget(name: "HetaoDataTests", dependencies: ["HetaoBundled", "HetaoData", "HetaoDomain"], exclude: ["Fixtures"]),
        .testTarget(name: "PackedCodingTests", dependencies: ["PackedCoding"]),
        .testTarget(
            name: "HetaoStoreTests",
            dependencies: ["HetaoStore", "HetaoBundled", "HetaoData", "HetaoDomain", "HetaoText", "PostgresClient", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HetaoReportTests",
            dependencies: ["HetaoReport", "HetaoBundled", "HetaoData", "HetaoDomain", .product(name: "CSV", package: "CSV.swift")]
        ),
        .testTarget(name: "HetaoBriefTests", dependencies: ["HetaoBrief", "HetaoBundled", "HetaoData", "HetaoDomain", "HetaoText", "TerminalKit"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"]),
        .testTarget(name: "HetaoViewModelsTests", dependencies: ["HetaoViewModels", "HetaoBundled", "HetaoData", "HetaoDomain", "HetaoText"]),
        .testTarget(
            name: "HetaoPanesTests",
            dependencies: ["HetaoPanes", "HetaoBundled", "HetaoData", "HetaoDomain", "HetaoText", "HetaoViewModels", "TerminalKit", "TestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "HetaoRuntimeTests",
            dependencies: ["HetaoRuntime", "HetaoPanes", "HetaoBundled", "HetaoData", "HetaoDomain", "HetaoViewModels", "TerminalKit"]
        ),
        .testTarget(
            name: "HetaoConfigTests",
            dependencies: ["HetaoConfig", "HetaoData", "HetaoDomain", "HetaoText", "HetaoViewModels", "TerminalKit"]
        ),
        .testTarget(name: "HetaoServeTests", dependencies: [
            "HetaoAudit", "HetaoDomain", "HetaoServe", .product(name: "NIOSSH", package: "swift-nio-ssh"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "NcursesBackendTests", dependencies: ["NcursesBackend", "TerminalKit"]),
        // The command line as people use it: the built `hetao` run as a process.
        .testTarget(name: "HetaoCLITests", dependencies: ["hetao", "hetao-serve", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
