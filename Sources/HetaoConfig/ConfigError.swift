import YAMLDiagnostics

/// Why the config file cannot be used: unreadable, or holding problems (all of them at once).
public enum ConfigError: Error, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid([FileProblem])

    /// EX_CONFIG, as sysexits has it.
    public static let exitCode: Int32 = 78

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the config file: \(reason)"
        case let .invalid(problems): return problems.map(\.description).joined(separator: "\n")
        }
    }
}
