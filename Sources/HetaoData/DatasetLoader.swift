import Foundation
import HetaoDomain
import YAMLDiagnostics
import Yams

/// Loads a programme from a YAML dataset, reporting every problem at once.
public enum DatasetLoader {
    /// Larger files are refused before parsing: a dataset is hand-edited and a few hundred KB.
    public static let maximumBytes = 32 << 20

    /// The programme in the file at `path`; with a `cache`, read from its copy when the file has
    /// not changed since it was last parsed.
    public static func load(path: String, cache: DatasetCache? = nil) throws(DatasetError) -> Programme {
        let data: Data
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatasetError.unreadable(file: path, reason: "no such file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DatasetError.unreadable(file: path, reason: "permission denied")
        }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                throw DatasetError.unreadable(file: path, reason: "it is a directory")
            }
            if let size = attributes[.size] as? Int, size > maximumBytes {
                throw DatasetError.invalid([FileProblem(file: path, line: 1, column: 1,
                    message: "the file is \(size / 1_048_576) MiB; a dataset may be at most \(maximumBytes / 1_048_576) MiB")])
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError.unreadable(file: path, reason: error.localizedDescription)
        }
        guard let cache else { return try parse(data, file: path) }
        if let programme = cache.cached(path, bytes: data) { return programme }
        let programme = try parse(data, file: path)
        cache.keep(programme, of: path, bytes: data)
        return programme
    }

    public static func parse(_ data: Data, file: String) throws(DatasetError) -> Programme {
        let diagnostics = Diagnostics(file: file)
        guard let root = YAMLText.compose(data, diagnostics: diagnostics) else {
            if diagnostics.problems.isEmpty {
                diagnostics.report(line: 1, column: 1, "the file is empty; expected the dataset's fields "
                                   + "(title, as_of, parks, phases, batches, buildings, sources)")
            }
            throw DatasetError.invalid(diagnostics.problems)
        }
        let decoder = ProgrammeDecoder(diagnostics: diagnostics)
        let programme = decoder.decode(root)
        if let programme { ProgrammeChecks(decoder: decoder).run(on: programme) }
        guard let programme, diagnostics.problems.isEmpty else {
            throw DatasetError.invalid(diagnostics.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return programme
    }
}
