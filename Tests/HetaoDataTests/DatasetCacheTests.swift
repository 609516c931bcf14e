import Foundation
@testable import HetaoData
import HetaoDomain
import Testing

@Suite struct DatasetCacheTests {
    private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures/minimal.yaml")

    /// A folder with a copy of the minimal dataset and a cache of its own.
    private func setUp() throws -> (dataset: String, cache: DatasetCache, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appending(path: "hetao-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let dataset = folder.appending(path: "programme.yaml").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: dataset)
        return (dataset, DatasetCache(folder: folder.appending(path: "cache").path), folder)
    }

    private func copies(in cache: DatasetCache) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: cache.folder))?.filter { $0.hasSuffix(".packed") } ?? []
    }

    @Test func anUnchangedFileIsReadFromItsCopyAndAChangedOneIsParsedAgain() throws {
        let (dataset, cache, folder) = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parsed = try DatasetLoader.load(path: dataset)
        #expect(try DatasetLoader.load(path: dataset, cache: cache) == parsed)
        let names = copies(in: cache)
        #expect(names.count == 1)

        // The copy is what a second start reads: one rewritten whole, header and all, shows
        // through; one damaged in place is not read.
        let copy = cache.folder + "/" + names[0]
        let text = try String(contentsOfFile: copy, encoding: .utf8)
        let payload = String(text[text.index(after: text.firstIndex(of: "\n")!)...])
        let title = "\(parsed.title.utf8.count):\(parsed.title)"
        let altered = String(repeating: "X", count: parsed.title.utf8.count)
        let alteredPayload = payload.replacingOccurrences(of: title, with: "\(altered.utf8.count):\(altered)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dataset))
        try (text.prefix(through: text.firstIndex(of: "\n")!) + alteredPayload).write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(try DatasetLoader.load(path: dataset, cache: cache) == parsed)
        try (DatasetCache.header(for: bytes, packed: Array(alteredPayload.utf8)) + alteredPayload)
            .write(toFile: copy, atomically: true, encoding: .utf8)
        #expect(try DatasetLoader.load(path: dataset, cache: cache).title == altered)

        // A copy another user could have written is not read.
        chmod(copy, 0o666)
        #expect(try DatasetLoader.load(path: dataset, cache: cache) == parsed)

        // A changed dataset is parsed again, its problems found, and the copy replaced.
        let yaml = try String(contentsOfFile: dataset, encoding: .utf8)
        try yaml.replacingOccurrences(of: parsed.title, with: "Renamed programme").write(toFile: dataset, atomically: true, encoding: .utf8)
        #expect(try DatasetLoader.load(path: dataset, cache: cache).title == "Renamed programme")
        #expect(copies(in: cache).count == 1)
        try (yaml + "\nbogus_field: 1\n").write(toFile: dataset, atomically: true, encoding: .utf8)
        #expect(throws: DatasetError.self) { try DatasetLoader.load(path: dataset, cache: cache) }
    }

    @Test func aDamagedOrUnwritableCacheCostsOnlyTime() throws {
        let (dataset, cache, folder) = try setUp()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parsed = try DatasetLoader.load(path: dataset, cache: cache)
        let copy = cache.folder + "/" + copies(in: cache)[0]
        let whole = try Data(contentsOf: URL(fileURLWithPath: copy))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: copy))
        #expect(try DatasetLoader.load(path: dataset, cache: cache) == parsed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == whole)

        let blocked = DatasetCache(folder: "/proc/hetao-cannot-be-here")
        #expect(try DatasetLoader.load(path: dataset, cache: blocked) == parsed)
    }
}
