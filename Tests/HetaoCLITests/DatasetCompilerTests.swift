import Foundation
import Testing

/// The build step that checks and compiles the bundled dataset: a bad dataset must stop the
/// build with each problem where an editor can jump to it.
@Suite struct DatasetCompilerTests {
    private let compiler = HetaoProcess.builtBeside("DatasetCompiler")

    private func compile(_ yaml: String, in folder: HetaoProcess.Folder) throws -> (status: Int32, stderr: String, output: String?) {
        let input = folder.path("hetao.yaml"), output = folder.path("CompiledDataset.swift")
        try yaml.write(toFile: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = compiler
        process.arguments = [input, output]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr, try? String(contentsOfFile: output, encoding: .utf8))
    }

    @Test func aBadDatasetFailsTheBuildWithEachProblemInPlace() throws {
        let folder = HetaoProcess.Folder()
        let result = try compile("title: x\nas_of: 2025-13-01\n", in: folder)
        #expect(result.status == 65)
        #expect(result.output == nil)
        let input = folder.path("hetao.yaml")
        #expect(result.stderr.contains("\(input):2:8: error: 'as_of' in the dataset is '2025-13-01', not a date"))
        #expect(result.stderr.contains("\(input):1:1: error: missing required field 'buildings'"))
    }

    @Test func aGoodDatasetBecomesOneStringLiteral() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "HetaoDataTests/Fixtures/minimal.yaml")
        let folder = HetaoProcess.Folder()
        let result = try compile(try String(contentsOf: fixture, encoding: .utf8), in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.output?.contains("static let packed: StaticString = \"") == true)
    }
}
