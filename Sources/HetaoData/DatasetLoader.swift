import Foundation
import HetaoDomain
import Yams

/// Loads a programme from a YAML dataset, reporting every problem at once.
public enum DatasetLoader {
    /// Larger files are refused before parsing: a dataset is hand-edited and a few hundred KB.
    public static let maximumBytes = 32 << 20

    /// The name problems in the bundled dataset are reported against.
    public static let bundledName = "<bundled hetao.yaml>"

    /// The dataset compiled into the binary, so a copied binary still has its default data.
    public static var bundledText: String { EmbeddedDataset.yaml }

    public static func loadBundled() throws(DatasetError) -> Programme {
        try parse(Data(bundledText.utf8), file: bundledName)
    }

    public static func load(path: String) throws(DatasetError) -> Programme {
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
                throw DatasetError.invalid([DatasetProblem(file: path, line: 1, column: 1,
                    message: "the file is \(size / 1_048_576) MiB; a dataset may be at most \(maximumBytes / 1_048_576) MiB")])
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError.unreadable(file: path, reason: error.localizedDescription)
        }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(DatasetError) -> Programme {
        let diagnostics = Diagnostics(file: file)
        guard let text = utf8Text(data, diagnostics: diagnostics) else {
            throw DatasetError.invalid(diagnostics.problems)
        }
        let root: Node?
        do {
            // The basic resolver leaves every scalar a string: fields parse their own types, and
            // the default resolver's regular expressions cost most of the load time.
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            report(error, in: text, diagnostics: diagnostics)
            throw DatasetError.invalid(diagnostics.problems)
        }
        guard let root else {
            diagnostics.report(line: 1, column: 1, "the file is empty; expected the dataset's fields "
                               + "(title, as_of, parks, phases, batches, buildings, sources)")
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

    /// The text, or nil with a problem at the first byte that is not UTF-8.
    private static func utf8Text(_ data: Data, diagnostics: Diagnostics) -> String? {
        do {
            return try UTF8Text.decode(data)
        } catch {
            diagnostics.report(line: error.line, column: error.column, "the file is not UTF-8 text (an invalid byte here)")
            return nil
        }
    }

    private static func report(_ error: any Error, in text: String, diagnostics: Diagnostics) {
        guard let yamlError = error as? YamlError else {
            diagnostics.report(line: 1, column: 1, "cannot parse the file: \(error)")
            return
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let while_ = context.map { " (\($0.text) on line \($0.mark.line))" } ?? ""
            diagnostics.report(at: mark, "YAML syntax: \(problem)\(while_)")
        case let .reader(problem, offset, _, _):
            let (line, column) = position(ofByte: offset ?? 0, in: text)
            diagnostics.report(line: line, column: column, "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            diagnostics.report(at: context.mark, "duplicate field \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
        default:
            diagnostics.report(line: 1, column: 1, "cannot parse the file: \(yamlError)")
        }
    }

    private static func position(ofByte offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
