import Foundation
import HetaoBundled
import HetaoData
import HetaoDomain
import Testing

/// The bundled dataset's YAML as the repository holds it: what the build compiles.
enum BundledYAML {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Resources/hetao.yaml").path
    static var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}

@Suite struct CompiledDatasetTests {
    @Test func theCompiledDatasetIsTheProgrammeTheYAMLGives() throws {
        let parsed = try DatasetLoader.load(path: BundledYAML.path)
        let compiled = try BundledDataset.load()
        #expect(compiled == parsed)
        // Not only equal as a whole: the parts a reader sees first.
        #expect(compiled.buildings.count == parsed.buildings.count && !compiled.buildings.isEmpty)
        #expect(compiled.sources.map(\.id) == parsed.sources.map(\.id))
        #expect(compiled.buildings.first?.chinese == parsed.buildings.first?.chinese)
    }
}
