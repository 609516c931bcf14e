import Foundation

/// The built `hetao` run as a separate process, as a person or a script runs it: arguments,
/// environment, standard input; its exit status and both output streams back.
struct HetaoProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `HETAO_BINARY`, else the `hetao` built beside this test bundle.
    static let binary: URL = ProcessInfo.processInfo.environment["HETAO_BINARY"].map { URL(fileURLWithPath: $0) }
        ?? builtBeside("hetao")

    /// The program `name` of this build: in the nearest folder above the test bundle that has it.
    static func builtBeside(_ name: String) -> URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = here.deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.isExecutableFile(atPath: folder.appending(path: name).path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appending(path: name)
    }

    /// A folder of its own for the store and files; removed with the value.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appending(path: "hetao-cli-\(UUID().uuidString)")
        init() { try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        func path(_ name: String) -> String { url.appending(path: name).path }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    let folder = Folder()
    var store: String { folder.path("status.sqlite") }

    @discardableResult
    func run(_ arguments: String..., input: String? = nil, store: String? = nil,
             environment: [String: String] = [:]) throws -> Result {
        try run(arguments: arguments, input: input, store: store, environment: environment)
    }

    @discardableResult
    func run(arguments: [String], input: String? = nil, store: String? = nil,
             environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.url.path, "HETAO_STORE": store ?? self.store,
                               "LANG": "C.UTF-8"].merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The id `hetao record` printed ("recorded #14: ...").
    static func recordedID(_ result: Result) -> String {
        String(result.stdout.drop { $0 != "#" }.dropFirst().prefix { $0.isNumber })
    }
}
