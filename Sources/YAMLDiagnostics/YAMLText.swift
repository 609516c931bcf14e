import Foundation
import HetaoDomain
import Yams

/// YAML read the way every file of ours is read: UTF-8 checked, syntax errors located by line
/// and column, and scalars left as text for the reader to parse (the basic resolver: each field
/// parses its own type, and the default resolver's regular expressions cost most of the time).
public enum YAMLText {
    /// The document's root node; nil when the file is empty or has problems (then reported).
    public static func compose(_ data: Data, diagnostics: Diagnostics) -> Node? {
        let text: String
        do { text = try UTF8Text.decode(data) } catch {
            diagnostics.report(line: error.line, column: error.column, "the file is not UTF-8 text (an invalid byte here)")
            return nil
        }
        do {
            return try Yams.compose(yaml: text, .basic)
        } catch {
            report(error, in: text, diagnostics: diagnostics)
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
