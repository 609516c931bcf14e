import YAMLDiagnostics

/// Why a dataset could not be loaded: the file could not be read, or it holds problems (all of
/// them, reported at once).
public enum DatasetError: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadable(file: String, reason: String)
    case invalid([FileProblem])

    /// The problems found; empty when the file could not be read at all.
    public var problems: [FileProblem] {
        if case .invalid(let problems) = self { return problems }
        return []
    }

    /// sysexits: 66 (cannot open input) or 65 (data format error).
    public var exitCode: Int32 {
        switch self {
        case .unreadable: return 66
        case .invalid: return 65
        }
    }

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the dataset: \(reason)"
        case let .invalid(problems): return problems.map(\.description).joined(separator: "\n")
        }
    }
}
